import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { VirError } from '../../../../src/errors/index.js';
import {
  buildDomainCaps, formatDomainCapsXML, loadFirmwareDescriptors, QemuCapsCache, readHostTools,
  type DomainCapsHost, type DomainCapsQuery,
} from '../../../../src/drivers/qemu/caps/index.js';
import { EmbeddedLibvirt } from './oracle.js';

let dir: string;
let libvirt: EmbeddedLibvirt;
let cache: QemuCapsCache;
let host: DomainCapsHost;
let answers: Map<string, { xml?: string; error?: string }>;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tsvirt-domcaps-'));
  libvirt = await EmbeddedLibvirt.create('user = "root"\ngroup = "root"\n');
  cache = new QemuCapsCache({ cacheDir: dir, probeDir: dir });
  host = { tools: await readHostTools(), firmware: await loadFirmwareDescriptors({ privileged: true }) };
  const all = [...QUERIES, ...BAD_QUERIES];
  const replies = await libvirt.domainCapabilities(all);
  answers = new Map(all.map((query, i) => [JSON.stringify(query), replies[i]!]));
});
after(async () => {
  await libvirt.dispose();
  await rm(dir, { recursive: true, force: true });
});

const QUERIES: DomainCapsQuery[] = [
  {},
  { virttype: 'qemu' },
  { machine: 'q35' },
  { machine: 'pc-q35-6.2', virttype: 'qemu' },
  { machine: 'isapc', virttype: 'qemu' },
  { machine: 'microvm' },
  { arch: 'i686' },
  { arch: 'i686', emulatorbin: '/usr/bin/qemu-system-x86_64', machine: 'q35' },
  { emulatorbin: '/usr/bin/qemu-system-i386', arch: 'i686', virttype: 'qemu', machine: 'pc-i440fx-2.0' },
];

for (const query of QUERIES) {
  test(`domain capabilities ${JSON.stringify(query)} equal real libvirt 9.0.0's`, async () => {
    const real = answers.get(JSON.stringify(query))!;
    assert.equal(real.error, undefined);
    const ours = formatDomainCapsXML(await buildDomainCaps(cache, query, host));
    assert.equal(ours, real.xml!);
  });
}

test('domain capabilities offer host-model as a named model with its vendor and features, KVM and TCG alike', async () => {
  for (const virttype of ['kvm', 'qemu'] as const) {
    if (virttype === 'kvm' && !(await cache.lookupByArch('x86_64')).kvmAvailable) continue;
    const xml = formatDomainCapsXML(await buildDomainCaps(cache, { virttype }, host));
    assert.match(xml, /<mode name='host-model' supported='yes'>\n\s*<model fallback='forbid'>[^<]+<\/model>\n\s*<vendor>/);
  }
});

const BAD_QUERIES: DomainCapsQuery[] = [
  { virttype: 'bogus' },
  { virttype: 'xen' },
  { arch: 'sparc' },
  { arch: 'no-such-arch' },
  { machine: 'nosuch' },
  { emulatorbin: '/usr/bin/qemu-system-i386', arch: 'x86_64' },
  { emulatorbin: '/usr/bin/qemu-system-i386' },
  { emulatorbin: '/usr/bin/qemu-system-x86_64', arch: 'aarch64' },
  { emulatorbin: '/nonexistent/qemu' },
];

for (const query of BAD_QUERIES) {
  test(`bad query ${JSON.stringify(query)} fails with real libvirt's message`, async () => {
    const expected = answers.get(JSON.stringify(query))!.error;
    assert.ok(expected);
    await assert.rejects(buildDomainCaps(cache, query, host), (err: unknown) => {
      assert.ok(err instanceof VirError);
      assert.equal(err.message, expected);
      return true;
    });
  });
}
