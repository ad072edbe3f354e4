/**
 * Disks and interfaces attached to and detached from a persistent definition (AFFECT_CONFIG):
 * one sequence of steps on real libvirt's embedded QEMU driver (libvirt-python) and on ours, the
 * inactive XML or the error compared after every step.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as v from '../../../../src/index.js';
import { cleanupRoot, makeRoot } from './harness.js';

const CONFIG = v.VIR_DOMAIN_AFFECT_CONFIG;
const LIVE = v.VIR_DOMAIN_AFFECT_LIVE;
type Step = [op: 'attach' | 'attachLegacy' | 'detach', xml: string, flags: number];
type Outcome = { xml: string } | { error: [number, number, string] };

const DOMAIN = `<domain type='qemu'><name>dc1</name><uuid>6b1c2e8a-3f4d-4e5a-9b6c-7d8e9f0a1b2c</uuid>
<memory>65536</memory><os><type arch='x86_64' machine='pc'>hvm</type></os><devices>
<disk type='file' device='disk'><source file='/var/tmp/dc-a.img'/><target dev='vda' bus='virtio'/></disk>
<interface type='user'><mac address='52:54:00:11:22:33'/><model type='virtio'/></interface></devices></domain>`;

const disk = (dev: string, bus: string, file = `/var/tmp/dc-${dev}.img`) =>
  `<disk type='file' device='disk'><source file='${file}'/><target dev='${dev}' bus='${bus}'/></disk>`;
const net = (mac?: string) => `<interface type='network'>${mac ? `<mac address='${mac}'/>` : ''}<source network='default'/></interface>`;

const STEPS: Step[] = [
  ['attach', disk('vdc', 'virtio'), CONFIG],
  ['attach', disk('vdb', 'virtio'), CONFIG],
  ['attach', disk('vdb', 'virtio', '/var/tmp/other.img'), CONFIG],
  ['attach', disk('sda', 'scsi'), CONFIG],
  ['attach', disk('hdb', 'ide'), 0],
  ['attach', net('52:54:00:aa:bb:01'), CONFIG],
  ['attach', net('52:54:00:AA:BB:02'), CONFIG],
  ['attachLegacy', disk('vdd', 'virtio'), 0],
  ['attach', disk('vde', 'virtio'), LIVE | CONFIG],
  ['attach', disk('vdf', 'virtio'), LIVE],
  ['attach', "<graphics type='vnc' port='-1'/>", CONFIG],
  ['attach', '<foo/>', CONFIG],
  ['attach', '<disk type=', CONFIG],
  ['attach', "<disk type='file' device='disk'><source file='/var/tmp/x.img'/></disk>", CONFIG],
  ['attach', disk('vdg', 'virtio'), 4],
  ['detach', disk('vdb', 'virtio'), CONFIG],
  ['detach', disk('vdz', 'virtio'), CONFIG],
  ['detach', net('52:54:00:aa:bb:02'), CONFIG],
  ['detach', net('52:54:00:aa:bb:99'), CONFIG],
  ['detach', net(), CONFIG],
  ['detach', "<interface type='user'><mac address='52:54:00:11:22:33'/><address type='pci' domain='0x0000' bus='0x00' slot='0x09' function='0x0'/></interface>", CONFIG],
  ['detach', "<interface type='user'><mac address='52:54:00:11:22:33'/></interface>", 0],
  ['attach', disk('vdb', 'virtio'), CONFIG],
  ['attach', "<disk type='file' device='cdrom'><source file='/var/tmp/cd.iso'/><target dev='hdc' bus='ide'/><readonly/></disk>", CONFIG],
  ['attach', "<interface type='user'><mac address='52:54:00:aa:bb:03'/><alias name='ua-net3'/>"
    + "<address type='pci' domain='0x0000' bus='0x00' slot='0x0a' function='0x0'/></interface>", CONFIG],
  ['detach', "<interface type='user'><alias name='ua-net3'/></interface>", CONFIG],
  ['detach', "<interface type='user'><mac address='52:54:00:aa:bb:03'/><alias name='ua-other'/></interface>", CONFIG],
  ['detach', "<interface type='user'><mac address='52:54:00:aa:bb:03'/><alias name='ua-net3'/></interface>", CONFIG],
  ['detach', disk('hdc', 'ide'), CONFIG],
];

const ORACLE = `
import json, sys, libvirt
libvirt.registerErrorHandler(lambda c, e: None, None)
libvirt.virEventRegisterDefaultImpl()
c = libvirt.open('qemu:///embed?root=' + sys.argv[1])
spec = json.load(sys.stdin)
d = c.defineXML(spec['domain'])
out = []
for op, xml, flags in spec['steps']:
    try:
        if op == 'attach': d.attachDeviceFlags(xml, flags)
        elif op == 'attachLegacy': d.attachDevice(xml)
        else: d.detachDeviceFlags(xml, flags)
        out.append({'xml': d.XMLDesc(libvirt.VIR_DOMAIN_XML_INACTIVE)})
    except libvirt.libvirtError as e:
        out.append({'error': [e.get_error_code(), e.get_error_domain(), e.get_error_message()]})
d.undefine()
print(json.dumps(out))
`;

function real(): Outcome[] | null {
  if (spawnSync('/usr/bin/python3', ['-c', 'import libvirt']).status !== 0) return null;
  const root = mkdtempSync(join(tmpdir(), 'lvq-'));
  try {
    mkdirSync(join(root, 'etc'));
    writeFileSync(join(root, 'etc', 'qemu.conf'), 'user = "root"\ngroup = "root"\n');
    const r = spawnSync('/usr/bin/python3', ['-c', ORACLE, root], { input: JSON.stringify({ domain: DOMAIN, steps: STEPS }), encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as Outcome[];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

async function ours(): Promise<Outcome[]> {
  const { root, uri } = makeRoot();
  const conn = await v.open(uri);
  try {
    const d = await conn.defineXML(DOMAIN);
    const out: Outcome[] = [];
    for (const [op, xml, flags] of STEPS) {
      try {
        if (op === 'attach') await d.attachDeviceFlags(xml, flags);
        else if (op === 'attachLegacy') await d.attachDevice(xml);
        else await d.detachDeviceFlags(xml, flags);
        out.push({ xml: await d.XMLDesc(v.VIR_DOMAIN_XML_INACTIVE) });
      } catch (e) {
        if (!(e instanceof v.VirError)) throw e;
        out.push({ error: [e.code, e.domain, e.message] });
      }
    }
    await d.undefine();
    return out;
  } finally {
    await conn.close();
    await cleanupRoot(root);
  }
}

test('disks and interfaces attached to and detached from the persistent definition as real libvirt does', async (t) => {
  const expected = real();
  if (!expected) return t.skip('libvirt-python not installed');
  const mine = await ours();
  assert.equal(mine.length, STEPS.length);
  for (const [i, step] of STEPS.entries()) assert.deepEqual(mine[i], expected[i], `step ${i}: ${step[0]} ${step[1]} flags ${step[2]}`);
});
