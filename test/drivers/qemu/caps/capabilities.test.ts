import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { formatCapabilitiesXML } from '../../../../src/conf/capabilities.js';
import { buildQemuCapabilities, QemuCapsCache, readHostCaps } from '../../../../src/drivers/qemu/caps/index.js';
import { Command } from '../../../../src/util/command/index.js';
import { EmbeddedLibvirt } from './oracle.js';

let dir: string;
let libvirt: EmbeddedLibvirt;
let theirs: string;
let ours: string;

/** QEMU runs as libvirt-qemu, as Debian's libvirt defaults to (scripts/setup.sh creates the user). */
async function qemuUser(): Promise<{ uid: number; gid: number }> {
  const id = (args: string[]): Promise<number> => {
    const command = new Command('id', [...args, 'libvirt-qemu']).setOutputBuffer();
    return command.run().then(() => Number(command.capturedOutput));
  };
  return { uid: await id(['-u']), gid: await id(['-g']) };
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tsvirt-caps-'));
  libvirt = await EmbeddedLibvirt.create();
  const [real, host] = await Promise.all([libvirt.virsh('capabilities'), readHostCaps({ dac: await qemuUser() })]);
  assert.equal(real.status, 0, real.stderr);
  theirs = real.stdout;
  ours = formatCapabilitiesXML(await buildQemuCapabilities(new QemuCapsCache({ cacheDir: dir, probeDir: dir }), host));
});
after(async () => {
  await libvirt.dispose();
  await rm(dir, { recursive: true, force: true });
});

/**
 * Truly variable between two reads: the host UUID (random on a machine without SMBIOS, made
 * anew at each libvirt start) and a NUMA cell's memory, which moves here as the hypervisor
 * plugs memory in (so do the free-standing 4 KiB pages derived from it).
 */
const normaliseUuid = (xml: string): string => xml
  .replace(/<uuid>[0-9a-f-]{36}<\/uuid>/, '<uuid>UUID</uuid>')
  .replace(/(<memory unit='KiB'>)\d+(<\/memory>)/g, '$1N$2')
  .replace(/(<pages unit='KiB' size='4'>)\d+(<\/pages>)/g, '$1N$2');

/** The host CPU model, vendor and features: they need the kernel's cpuid driver (scripts/setup.sh loads it). */
const withoutHostCpuModel = (xml: string): string => xml.replace(/\n {6}<(model|vendor)>[^<]*<\/\1>/g, '').replace(/\n {6}<feature name='[^']*'\/>/g, '');
const cpuidDevice = existsSync('/dev/cpu/0/cpuid');

test('capabilities XML equals real libvirt 9.0.0 on this host, apart from the host CPU model', () => {
  assert.equal(withoutHostCpuModel(normaliseUuid(ours)), withoutHostCpuModel(normaliseUuid(theirs)));
});

test('capabilities XML equals real libvirt 9.0.0 on this host, including the host CPU model', { skip: !cpuidDevice && 'no /dev/cpu/0/cpuid' }, () => {
  assert.equal(normaliseUuid(ours), normaliseUuid(theirs));
});

test('the host CPU is decoded from CPUID against libvirt\'s CPU map: a model, a vendor and the features beyond the model', { skip: !cpuidDevice && 'no /dev/cpu/0/cpuid' }, () => {
  const cpu = ours.slice(ours.indexOf('<cpu>'), ours.indexOf('</cpu>'));
  assert.match(cpu, /<model>[^<]+<\/model>\n\s*<vendor>(Intel|AMD|Hygon)<\/vendor>/);
  assert.match(cpu, /<feature name='[^']+'\/>/);
});

test('each guest lists its machines with the default first and aliases next to their machine', () => {
  const guest = ours.slice(ours.indexOf("<arch name='x86_64'>"));
  assert.match(guest, /<machine maxCpus='255'>pc-i440fx-7\.2<\/machine>\n\s*<machine canonical='pc-i440fx-7\.2' maxCpus='255'>pc<\/machine>/);
  assert.match(guest, /<domain type='qemu'\/>/);
});
