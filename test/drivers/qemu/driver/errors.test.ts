/**
 * Starts that cannot work fail with a libvirt error naming the cause, QEMU's own words included,
 * and leave nothing behind: no QEMU process, no status or monitor file, the domain as before.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as v from '../../../../src/index.js';
import { guestXml } from './guest-xml.js';
import { cleanupRoot, makeRoot, processesUnder } from './harness.js';

const { root, uri } = makeRoot();
let conn: v.Connect;

test.before(async () => {
  conn = await v.open(uri);
});
test.after(async () => {
  await conn.close();
  await cleanupRoot(root);
});

/** Nothing of a failed start is left: no process, no run files, the domain shut off or gone. */
async function assertNothingLeft(name: string, persistent: boolean): Promise<void> {
  assert.deepEqual(processesUnder(root), []);
  assert.deepEqual(readdirSync(join(root, 'run', 'qemu')).filter((f) => f.startsWith(name)), []);
  if (persistent) {
    const dom = await conn.lookupByName(name);
    assert.equal(await dom.isActive(), false);
    assert.equal((await dom.state()).state, v.VIR_DOMAIN_SHUTOFF);
  } else {
    await assert.rejects(conn.lookupByName(name), (e: v.VirError) => e.code === v.ErrorNumber.VIR_ERR_NO_DOMAIN);
  }
}

function withEmulator(xml: string, emulator: string): string {
  return xml.replace('<emulator>/usr/bin/qemu-system-x86_64</emulator>', `<emulator>${emulator}</emulator>`);
}

test('a missing emulator binary is named in the error', async () => {
  const xml = withEmulator(guestXml({ name: 'nobin', serialLog: join(root, 'nobin.log') }), '/nonexistent/qemu-system-x86_64');
  await assert.rejects(conn.createXML(xml, 0), (e: v.VirError) =>
    e.domain === v.ErrorDomain.VIR_FROM_QEMU && /Cannot check QEMU binary \/nonexistent\/qemu-system-x86_64: No such file or directory/.test(e.message));
  await assertNothingLeft('nobin', false);
});

test('a disk that does not exist fails the start with QEMU\'s own message', async () => {
  const missing = join(root, 'no-such-disk.img');
  const disk = `<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='${missing}'/><target dev='vda' bus='virtio'/></disk>`;
  const dom = await conn.defineXML(guestXml({ name: 'nodisk', serialLog: join(root, 'nodisk.log'), extraDevices: disk }));
  await assert.rejects(dom.create(), (e: v.VirError) => {
    assert.equal(e.code, v.ErrorNumber.VIR_ERR_INTERNAL_ERROR);
    assert.match(e.message, /qemu-system-x86_64: .*Could not open '.*no-such-disk\.img': No such file or directory/);
    return true;
  });
  await assertNothingLeft('nodisk', true);
  // The log keeps QEMU's words; a second failure reports only its own attempt.
  await assert.rejects(dom.create(), (e: v.VirError) => (e.message.match(/Could not open/g) ?? []).length === 1);
  await dom.undefine();
});

test('XML QEMU cannot run (more vCPUs than the machine takes) is refused with QEMU\'s reason', async () => {
  const xml = guestXml({ name: 'toomany', serialLog: join(root, 'toomany.log') }).replace('<vcpu>1</vcpu>', '<vcpu>300</vcpu>');
  await assert.rejects(conn.createXML(xml, 0), (e: v.VirError) =>
    e.code === v.ErrorNumber.VIR_ERR_INTERNAL_ERROR && /Invalid SMP CPUs 300\. The max CPUs supported by machine '.*' is 255/.test(e.message));
  await assertNothingLeft('toomany', false);
});
