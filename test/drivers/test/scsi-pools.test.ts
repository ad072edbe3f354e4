/**
 * scsi pools on the test driver against the real one: an fc_host pool's mocked vHBA node device
 * (created by storagePoolCreateXML, removed by any destroy), and adapter source conflicts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as v from '../../../src/index.js';
import { oracleAvailable } from '../../conf/network/oracle.js';

const scsiPool = (name: string, adapter: string) =>
  `<pool type='scsi'><name>${name}</name><source>${adapter}</source><target><path>/dev/disk/by-path</path></target></pool>`;
const FC = "<adapter type='fc_host' parent='scsi_host5' wwnn='20000000c9831b4b' wwpn='10000000c9831b4b'/>";
const FC_OTHER = "<adapter type='fc_host' wwnn='2000000012345678' wwpn='1000000012345678'/>";
const PCI = (id: number) => `<adapter type='scsi_host'><parentaddr unique_id='${id}'><address domain='0' bus='2' slot='3' function='1'/></parentaddr></adapter>`;

/** Each step: [operation, pool name, XML]; the log records what each one gave. */
const STEPS: Array<[string, string, string]> = [
  ['create', 'vhba', scsiPool('vhba', FC)],
  ['devices', '', ''],
  ['dumpdev', 'scsi_host12', ''],
  ['create', 'vhba-again', scsiPool('vhba-again', FC)],
  ['define', 'by-name', scsiPool('by-name', "<adapter type='scsi_host' name='host5'/>")],
  ['define', 'host7', scsiPool('host7', "<adapter name='scsi_host7'/>")],
  ['define', 'host7-again', scsiPool('host7-again', "<adapter type='scsi_host' name='host7'/>")],
  ['define', 'fc-on-7', scsiPool('fc-on-7', FC_OTHER.replace('<adapter', "<adapter parent='fc_host7'"))],
  ['define', 'pci', scsiPool('pci', PCI(4))],
  ['define', 'pci-same', scsiPool('pci-same', PCI(4))],
  ['define', 'pci-other-id', scsiPool('pci-other-id', PCI(5))],
  ['destroy', 'vhba', ''],
  ['devices', '', ''],
  ['destroy', 'vhba', ''],
  ['define', 'fc-defined', scsiPool('fc-defined', FC_OTHER)],
  ['start', 'fc-defined', ''],
  ['devices', '', ''],
  ['destroy', 'fc-defined', ''],
  ['active', 'fc-defined', ''],
];

const ORACLE = String.raw`
import json, sys, libvirt
libvirt.registerErrorHandler(lambda c, e: None, None)
conn = libvirt.open('test:///default')
log = []
for op, name, xml in json.load(sys.stdin):
    try:
        if op == 'create': log.append(conn.storagePoolCreateXML(xml).name())
        elif op == 'define': log.append(conn.storagePoolDefineXML(xml).name())
        elif op == 'devices': log.append(','.join(sorted(d.name() for d in conn.listAllDevices(0))))
        elif op == 'dumpdev': log.append(conn.nodeDeviceLookupByName(name).XMLDesc(0))
        elif op == 'destroy': conn.storagePoolLookupByName(name).destroy(); log.append('destroyed')
        elif op == 'start': conn.storagePoolLookupByName(name).create(); log.append('started')
        elif op == 'active': log.append(str(conn.storagePoolLookupByName(name).isActive()))
    except libvirt.libvirtError as e:
        log.append('error %d %d %s' % (e.get_error_code(), e.get_error_domain(), e.get_error_message()))
json.dump(log, sys.stdout)
`;

async function ours(): Promise<string[]> {
  const conn = await v.open('test:///default');
  const log: string[] = [];
  for (const [op, name, xml] of STEPS) {
    try {
      if (op === 'create') log.push((await conn.storagePoolCreateXML(xml)).name());
      else if (op === 'define') log.push((await conn.storagePoolDefineXML(xml)).name());
      else if (op === 'devices') log.push((await conn.listAllDevices(0)).map((d) => d.name()).sort().join(','));
      else if (op === 'dumpdev') log.push(await (await conn.nodeDeviceLookupByName(name)).xmlDesc(0));
      else if (op === 'destroy') { await (await conn.storagePoolLookupByName(name)).destroy(); log.push('destroyed'); }
      else if (op === 'start') { await (await conn.storagePoolLookupByName(name)).create(); log.push('started'); }
      else if (op === 'active') log.push(String(Number(await (await conn.storagePoolLookupByName(name)).isActive())));
    } catch (e) {
      if (!(e instanceof v.VirError)) throw e;
      log.push(`error ${e.code} ${e.domain} ${e.message}`);
    }
  }
  await conn.close();
  return log;
}

test('scsi pools: vHBA node device and adapter conflicts as on the real test driver', async (t) => {
  if (!oracleAvailable()) return t.skip('libvirt python binding not installed');
  const res = spawnSync('/usr/bin/python3', ['-c', ORACLE], { input: JSON.stringify(STEPS), encoding: 'utf8' });
  assert.equal(res.status, 0, res.stderr);
  const real = JSON.parse(res.stdout) as string[];
  assert.deepEqual(await ours(), real);
  assert.ok(real.some((r) => r.includes('Storage source conflict')), 'the scenario exercises conflicts');
});
