import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as v from '../../../src/index.js';

const snap = (name: string): string => `<domainsnapshot><name>${name}</name></domainsnapshot>`;

test('topological listings visit parents first and siblings newest first, as libvirt links them', async () => {
  const conn = await v.open('test:///default');
  using dom = await conn.lookupByName('test');
  const made = [];
  made.push(await dom.snapshotCreateXML(snap('s1')), await dom.snapshotCreateXML(snap('s2')));
  await dom.revertToSnapshot(made[0]!);
  made.push(await dom.snapshotCreateXML(snap('s3')), await dom.snapshotCreateXML(snap('s4')));
  const names = async (list: Promise<v.DomainSnapshot[]>): Promise<string[]> =>
    (await list).map((s) => { s.free(); return s.getName(); });
  assert.deepEqual(await names(dom.listAllSnapshots(v.VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL)), ['s1', 's3', 's4', 's2']);
  assert.deepEqual(await names(made[0]!.listAllChildren(0)), ['s3', 's2']);
  assert.deepEqual(await names(made[0]!.listAllChildren(v.VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS | v.VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL)), ['s3', 's4', 's2']);
  assert.deepEqual(await dom.snapshotListNames(v.VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL), ['s1', 's3', 's4', 's2']);
  for (const s of made) s.free();
  dom.free();
  assert.equal(await conn.close(), 0);
});

test("snapshot flag conflicts and duplicate names fail with libvirt's errors, changing nothing", async () => {
  const conn = await v.open('test:///default');
  using dom = await conn.lookupByName('test');
  using s1 = await dom.snapshotCreateXML(snap('s1'));
  const invalid = (text: string) => (e: v.VirError) => e.code === v.ErrorNumber.VIR_ERR_INVALID_ARG && e.message === text;
  await assert.rejects(s1.revert(v.VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING | v.VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED),
    invalid("Flags 'VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING' and 'VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED' are mutually exclusive"));
  await assert.rejects(s1.delete(v.VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN | v.VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY),
    invalid("Flags 'VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN' and 'VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY' are mutually exclusive"));
  await assert.rejects(dom.snapshotCreateXML(snap('s2'), v.VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE | v.VIR_DOMAIN_SNAPSHOT_CREATE_HALT),
    invalid("Flags 'VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE' and 'VIR_DOMAIN_SNAPSHOT_CREATE_HALT' are mutually exclusive"));
  await assert.rejects(dom.snapshotCreateXML(snap('s1')), (e: v.VirError) =>
    e.code === v.ErrorNumber.VIR_ERR_OPERATION_FAILED && e.message === 'operation failed: domain moment s1 already exists');
  assert.deepEqual(await dom.snapshotListNames(0), ['s1']);
  assert.equal((await dom.state()).state, v.VIR_DOMAIN_RUNNING);
  s1.free();
  dom.free();
  assert.equal(await conn.close(), 0);
});
