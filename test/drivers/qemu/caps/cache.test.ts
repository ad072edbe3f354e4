import assert from 'node:assert/strict';
import { chmod, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ErrorDomain, ErrorNumber, VirError } from '../../../../src/errors/index.js';
import { kvmUsable, QemuCapsCache } from '../../../../src/drivers/qemu/caps/index.js';

// A wrapper running the real binary (a copy could not find QEMU's modules), so the test may
// change "the binary" without touching the system's.
let dir: string;
let binary: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tsvirt-capscache-'));
  binary = join(dir, 'qemu-system-x86_64');
  await writeFile(binary, '#!/bin/sh\nexec /usr/bin/qemu-system-x86_64 "$@"\n');
  await chmod(binary, 0o755);
});
after(async () => { await rm(dir, { recursive: true, force: true }); });

test('probed once, then served from memory, then from the JSON file by a new cache; a changed binary is probed again', async () => {
  const cacheDir = join(dir, 'cache');
  const first = new QemuCapsCache({ cacheDir, probeDir: dir });
  const [a, b] = await Promise.all([first.lookup(binary), first.lookup(binary)]);
  assert.equal(a, b);
  assert.equal(await first.lookup(binary), a);
  assert.deepEqual(first.stats, { probes: 1, fileHits: 0 });

  const files = await readdir(cacheDir);
  assert.equal(files.length, 1);
  const stored = JSON.parse(await readFile(join(cacheDir, files[0]!), 'utf8')) as { identity: Record<string, unknown>; qemuVersion: string };
  assert.equal(stored.identity.path, binary);
  assert.equal(stored.qemuVersion, `${a.version.major}.${a.version.minor}.${a.version.micro}`);
  assert.equal(stored.identity.kvm, await kvmUsable());

  const second = new QemuCapsCache({ cacheDir, probeDir: dir });
  const c = await second.lookup(binary);
  assert.deepEqual(second.stats, { probes: 0, fileHits: 1 });
  assert.deepEqual(c.data, a.data);

  const later = new Date(Date.now() + 5000);
  await utimes(binary, later, later);
  await second.lookup(binary);
  assert.deepEqual(second.stats, { probes: 1, fileHits: 1 });

  // a damaged cache file is not trusted: probe again and rewrite it
  await writeFile(join(cacheDir, files[0]!), '{"identity": ');
  const third = new QemuCapsCache({ cacheDir, probeDir: dir });
  await third.lookup(binary);
  assert.deepEqual(third.stats, { probes: 1, fileHits: 0 });
  assert.ok(JSON.parse(await readFile(join(cacheDir, files[0]!), 'utf8')).data);
});

test('QemuCaps answers what the argv builder asks', async () => {
  const caps = await new QemuCapsCache({ cacheDir: join(dir, 'cache2'), probeDir: dir }).lookup('/usr/bin/qemu-system-x86_64');
  assert.equal(caps.arch, 'x86_64');
  assert.equal(caps.versionNumber, caps.version.major * 1_000_000 + caps.version.minor * 1000 + caps.version.micro);
  assert.equal(caps.kvmAvailable, await kvmUsable());
  assert.deepEqual(caps.virtTypes, caps.kvmAvailable ? ['qemu', 'kvm'] : ['qemu']);
  const def = caps.defaultMachine('qemu')!;
  assert.equal(def.name, 'pc-i440fx-7.2');
  assert.equal(def.alias, 'pc');
  assert.equal(caps.machines('qemu')[0], def);
  assert.equal(caps.machines('qemu').filter((m) => m.isDefault).length, 1);
  assert.ok(!caps.machines('qemu').some((m) => m.name === 'none'));
  assert.equal(caps.canonicalMachine('qemu', 'q35'), 'pc-q35-7.2');
  assert.equal(caps.canonicalMachine('qemu', 'pc-q35-7.2'), 'pc-q35-7.2');
  assert.equal(caps.canonicalMachine('qemu', 'no-such-machine'), undefined);
  assert.equal(caps.machine('qemu', 'q35')?.maxCpus, 288);
  assert.equal(caps.cpuModel('qemu', 'qemu64')?.usable, true);
  assert.ok(caps.cpuModels('qemu').length > 30);
  assert.ok(caps.hasType('virtio-blk-pci') && caps.hasType('pvpanic') && !caps.hasType('no-such-device'));
  assert.ok(caps.hasCommand('query-status'));
});

test('lookups of missing binaries and unknown or absent architectures fail as libvirt', async () => {
  const cache = new QemuCapsCache({ cacheDir: join(dir, 'cache3'), probeDir: dir, searchPath: ['/usr/bin'] });
  const check = (code: number, message: string) => (err: unknown): true => {
    assert.ok(err instanceof VirError);
    assert.equal(err.domain, ErrorDomain.VIR_FROM_QEMU);
    assert.equal(err.code, code);
    assert.equal(err.message, message);
    return true;
  };
  await assert.rejects(cache.lookup('/usr/bin/qemu-system-nothing'), check(ErrorNumber.VIR_ERR_SYSTEM_ERROR, 'Cannot check QEMU binary /usr/bin/qemu-system-nothing: No such file or directory'));
  await assert.rejects(cache.lookupByArch('sparc-of-nowhere'), check(ErrorNumber.VIR_ERR_INVALID_ARG, 'invalid argument: unknown architecture: sparc-of-nowhere'));
  await assert.rejects(cache.lookupByArch('s390x'), check(ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED, "unsupported configuration: unable to find any emulator to serve 's390x' architecture"));
  assert.deepEqual(await cache.installed(), [{ arch: 'i686', binary: '/usr/bin/qemu-system-i386' }, { arch: 'x86_64', binary: '/usr/bin/qemu-system-x86_64' }]);
});
