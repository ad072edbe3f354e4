import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as v from '../../../src/index.js';

/** One snapshot scenario, run step for step by real libvirt-python and by us: same observations. */
const PYTHON = String.raw`
import libvirt, json, re
out = []
def note(x): out.append(x)
def err(f):
    try: f(); note('ok')
    except libvirt.libvirtError as e: note([e.get_error_code(), e.get_error_domain(), e.get_error_message()])
c = libvirt.open('test:///default')
d = c.lookupByName('test')
s1 = d.snapshotCreateXML("<domainsnapshot><name>s1</name><description>first</description></domainsnapshot>")
d.suspend()
s2 = d.snapshotCreateXML("<domainsnapshot><name>s2</name></domainsnapshot>")
d.destroy()
s3 = d.snapshotCreateXML("<domainsnapshot><name>s3</name></domainsnapshot>")
note(sorted(d.snapshotListNames())); note(d.snapshotNum()); note(d.snapshotCurrent().getName())
note(s2.getParent().getName()); note(sorted(s1.listChildrenNames())); note(sorted(s1.listChildrenNames(1)))
note(re.sub(r'<creationTime>\d+', '<creationTime>T', s1.getXMLDesc()).split('<domain ')[0])
d.revertToSnapshot(s2); note(list(d.state()))
d.revertToSnapshot(s1); note(list(d.state()))
s2.delete(); note(sorted(d.snapshotListNames())); note(s3.getParent().getName()); note(d.snapshotCurrent().getName())
err(lambda: d.snapshotLookupByName('zz'))
err(lambda: s3.delete(64))
note(sorted(d.snapshotListNames(libvirt.VIR_DOMAIN_SNAPSHOT_LIST_ROOTS)))
note(sorted(d.snapshotListNames(libvirt.VIR_DOMAIN_SNAPSHOT_LIST_LEAVES)))
note(sorted(d.snapshotListNames(libvirt.VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE)))
note(sorted(d.snapshotListNames(libvirt.VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE)))
s1.delete(libvirt.VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY); note(sorted(d.snapshotListNames())); note(bool(d.hasCurrentSnapshot()))
s1.delete(); note(d.snapshotNum()); note(bool(d.hasCurrentSnapshot()))
err(lambda: d.snapshotCurrent())
print(json.dumps(out))
`;

async function ours(): Promise<unknown[]> {
  const out: unknown[] = [];
  const note = (x: unknown) => out.push(x);
  const err = async (f: () => Promise<unknown>) => {
    try { await f(); note('ok'); } catch (e) { const x = e as v.VirError; note([x.code, x.domain, x.message]); }
  };
  const c = await v.open('test:///default');
  try {
    const d = await c.lookupByName('test');
    const s1 = await d.snapshotCreateXML('<domainsnapshot><name>s1</name><description>first</description></domainsnapshot>');
    await d.suspend();
    const s2 = await d.snapshotCreateXML('<domainsnapshot><name>s2</name></domainsnapshot>');
    await d.destroy();
    const s3 = await d.snapshotCreateXML('<domainsnapshot><name>s3</name></domainsnapshot>');
    note((await d.snapshotListNames()).sort()); note(await d.snapshotNum()); note((await d.snapshotCurrent()).getName());
    note((await s2.getParent()).getName()); note((await s1.listChildrenNames()).sort()); note((await s1.listChildrenNames(1)).sort());
    note((await s1.getXMLDesc()).replace(/<creationTime>\d+/, '<creationTime>T').split('<domain ')[0]);
    await d.revertToSnapshot(s2); const a = await d.state(); note([a.state, a.reason]);
    await d.revertToSnapshot(s1); const b = await d.state(); note([b.state, b.reason]);
    await s2.delete(); note((await d.snapshotListNames()).sort()); note((await s3.getParent()).getName()); note((await d.snapshotCurrent()).getName());
    await err(() => d.snapshotLookupByName('zz'));
    await err(() => s3.delete(64));
    for (const f of [v.VIR_DOMAIN_SNAPSHOT_LIST_ROOTS, v.VIR_DOMAIN_SNAPSHOT_LIST_LEAVES, v.VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE,
      v.VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE]) note((await d.snapshotListNames(f)).sort());
    await s1.delete(v.VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY); note((await d.snapshotListNames()).sort()); note(await d.hasCurrentSnapshot());
    await s1.delete(); note(await d.snapshotNum()); note(await d.hasCurrentSnapshot());
    await err(() => d.snapshotCurrent());
  } finally {
    await c.close();
  }
  return out;
}

test('snapshots of the test driver behave as libvirt 9.0.0 real test driver', async (t) => {
  const real = spawnSync('/usr/bin/python3', ['-c', PYTHON], { encoding: 'utf8' });
  if (real.status !== 0 && /No module named 'libvirt'|ENOENT/.test(real.stderr + String(real.error))) {
    return t.skip('libvirt-python is not installed');
  }
  assert.equal(real.status, 0, real.stderr);
  assert.deepEqual(await ours(), JSON.parse(real.stdout));
});
