import assert from 'node:assert/strict';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ErrorDomain, ErrorNumber, VirError } from '../../../../src/errors/index.js';
import { kvmUsable, probeQemu } from '../../../../src/drivers/qemu/caps/index.js';
import { EmbeddedLibvirt } from './oracle.js';

let dir: string;
before(async () => { dir = await mkdtemp(join(tmpdir(), 'tsvirt-probe-')); });
after(async () => { await rm(dir, { recursive: true, force: true }); });

function isQemuError(code: number, message: string | RegExp) {
  return (err: unknown): true => {
    assert.ok(err instanceof VirError, String(err));
    assert.equal(err.domain, ErrorDomain.VIR_FROM_QEMU);
    assert.equal(err.code, code);
    if (typeof message === 'string') assert.equal(err.message, message);
    else assert.match(err.message, message);
    return true;
  };
}

test('a real qemu-system-x86_64 is probed: version, target, machines, CPU models, devices, KVM', async () => {
  const data = await probeQemu('/usr/bin/qemu-system-x86_64', { workDir: dir });
  assert.equal(data.target, 'x86_64');
  assert.equal(data.version.major, 7);
  assert.match(data.package, /Debian/);
  assert.ok(data.tcg.machines.some((m) => m.name === 'pc-i440fx-7.2' && m.alias === 'pc' && m.maxCpus === 255));
  assert.ok(data.tcg.cpuModels.some((m) => m.name === 'qemu64'));
  assert.ok(data.types.includes('virtio-net-pci') && data.types.includes('tcg-accel'));
  assert.ok(data.commands.includes('query-machines'));
  assert.deepEqual([...data.tpmModels].sort(), ['tpm-crb', 'tpm-tis']);
  assert.equal(data.tcg.hostCpu?.model, 'max');
  // KVM is reported whenever this host can open /dev/kvm; whether to use it is the driver's call
  assert.equal(data.kvmAccel !== null, await kvmUsable());
  if (data.kvmAccel) assert.equal(data.kvmAccel.hostCpu?.model, 'host');
});

test('bad binaries get the errors libvirt gives for them (compared with real libvirt)', async () => {
  const script = join(dir, 'not-qemu');
  await writeFile(script, '#!/bin/sh\necho "not a QEMU" >&2\nexit 3\n');
  await chmod(script, 0o755);
  const plain = join(dir, 'plain-file');
  await writeFile(plain, 'data');
  await assert.rejects(probeQemu('/nonexistent/qemu'), isQemuError(ErrorNumber.VIR_ERR_SYSTEM_ERROR, 'Cannot check QEMU binary /nonexistent/qemu: No such file or directory'));
  await assert.rejects(probeQemu(plain), isQemuError(ErrorNumber.VIR_ERR_SYSTEM_ERROR, `QEMU binary ${plain} is not executable: Permission denied`));
  await assert.rejects(probeQemu(dir), isQemuError(ErrorNumber.VIR_ERR_SYSTEM_ERROR, `QEMU binary ${dir} is not executable: Is a directory`));
  await assert.rejects(probeQemu(script, { workDir: dir }), isQemuError(ErrorNumber.VIR_ERR_INTERNAL_ERROR, `internal error: Failed to start QEMU binary ${script} for probing: not a QEMU\n`));
  // exits 0 without daemonizing a QEMU: no pid file, as in libvirt
  await assert.rejects(probeQemu('/bin/true', { workDir: dir }), isQemuError(ErrorNumber.VIR_ERR_SYSTEM_ERROR, /^Failed to read pidfile .*\/qmp\.pid: No such file or directory$/));

  const libvirt = await EmbeddedLibvirt.create();
  try {
    for (const [binary, ours] of [['/nonexistent/qemu', 'Cannot check QEMU binary /nonexistent/qemu: No such file or directory'],
      [plain, `QEMU binary ${plain} is not executable: Permission denied`]] as const) {
      const real = await libvirt.virsh('domcapabilities', '--emulatorbin', binary);
      assert.notEqual(real.status, 0);
      assert.match(real.stderr, new RegExp(`error: ${ours.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
    }
    const real = await libvirt.virsh('domcapabilities', '--emulatorbin', '/bin/true');
    assert.match(real.stderr, /error: Failed to read pidfile .*\/qmp\.pid: No such file or directory/);
  } finally {
    await libvirt.dispose();
  }
});
