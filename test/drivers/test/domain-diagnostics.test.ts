// The test driver's diagnostics and guest pokes against what libvirt 9.0.0's test driver answers
// (checked with libvirt-python on test:///default).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as v from '../../../src/index.js';

const notRunning = (e: v.VirError) => e.code === v.ErrorNumber.VIR_ERR_OPERATION_INVALID && e.message === 'Requested operation is not valid: domain is not running';
const invalid = (text: string) => (e: v.VirError) => e.code === v.ErrorNumber.VIR_ERR_INVALID_ARG && e.domain === v.ErrorDomain.VIR_FROM_TEST && e.message === `invalid argument: ${text}`;

test('control info, disk errors, messages and memory peeks of a running domain; refused once it stops', async () => {
  const conn = await v.open('test:///default');
  using dom = await conn.lookupByName('test');
  assert.deepEqual(await dom.controlInfo(), { state: v.VIR_DOMAIN_CONTROL_OK, details: 0, stateTime: 0n });
  assert.deepEqual(await dom.diskErrors(), [{ disk: 'vda', error: v.VIR_DOMAIN_DISK_ERROR_UNSPEC }]);
  assert.deepEqual(await dom.messages(), []);
  assert.deepEqual([...await dom.memoryPeek(250n, 8, v.VIR_MEMORY_VIRTUAL)], [0xfa, 0xfb, 0xfc, 0xfd, 0xfe, 0xff, 0x00, 0x01]);
  // libvirt's public API refuses both flags before the driver sees them
  await assert.rejects(dom.memoryPeek(0n, 8, v.VIR_MEMORY_VIRTUAL | v.VIR_MEMORY_PHYSICAL), (e: v.VirError) => e.code === v.ErrorNumber.VIR_ERR_INVALID_ARG
    && e.domain === v.ErrorDomain.VIR_FROM_DOMAIN && e.message === "Flags 'VIR_MEMORY_VIRTUAL' and 'VIR_MEMORY_PHYSICAL' are mutually exclusive");
  await assert.rejects(dom.launchSecurityInfo(), (e: v.VirError) => e.message === 'unsupported flags (0x4) in function testDomainGetLaunchSecurityInfo');
  await dom.injectNMI();
  await dom.sendProcessSignal(1n, 9);
  await assert.rejects(dom.sendProcessSignal(2n, 9), invalid('only sending a signal to pid 1 is supported'));
  await assert.rejects(dom.sendProcessSignal(1n, 65), invalid('signum value 65 is out of range'));
  await dom.destroy();
  await assert.rejects(dom.controlInfo(), notRunning);
  await assert.rejects(dom.diskErrors(), notRunning);
  await assert.rejects(dom.injectNMI(), notRunning);
  await conn.close();
});

test('block info, emulator affinity and core dumps (raw only, checked after writing; a crash dump stops the domain)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsvirt-dump-'));
  const conn = await v.open('test:///default');
  using dom = await conn.lookupByName('test');
  const sizes = { capacity: 1099506450432n, allocation: 1099511627776n, physical: 1099511627776n };
  assert.deepEqual(await dom.blockInfo('vda'), sizes);
  assert.deepEqual(await dom.blockInfo('/guest/diskimage1'), sizes);
  await assert.rejects(dom.blockInfo('hda'), invalid('invalid path hda not assigned to domain'));
  assert.deepEqual(await dom.emulatorPinInfo(), Array(8).fill(true));
  await assert.rejects(dom.coreDumpWithFormat(join(dir, 'a.core'), v.VIR_DOMAIN_CORE_DUMP_FORMAT_KDUMP_ZLIB),
    (e: v.VirError) => e.code === v.ErrorNumber.VIR_ERR_OPERATION_UNSUPPORTED && e.message === 'Operation not supported: kdump-compressed format is not supported here');
  assert.equal(statSync(join(dir, 'a.core')).size, 15);
  await assert.rejects(dom.coreDump('/nonexistent/dir/x.core'), (e: v.VirError) => e.code === v.ErrorNumber.VIR_ERR_SYSTEM_ERROR
    && e.message === "domain 'test' coredump: failed to open /nonexistent/dir/x.core: No such file or directory");
  await dom.coreDump(join(dir, 'b.core'), v.VIR_DUMP_CRASH);
  assert.deepEqual(await dom.state(), { state: v.VIR_DOMAIN_SHUTOFF, reason: v.VIR_DOMAIN_SHUTOFF_CRASHED });
  await conn.close();
  rmSync(dir, { recursive: true, force: true });
});
