import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatInterfaceXML, parseInterfaceXML } from '../../../src/conf/interface/index.js';
import { oracleAvailable, relaxngProblem, runOracle, xmllintAvailable, type OracleResult } from '../network/oracle.js';
import { VirError } from '../../../src/errors/vir-error.js';
import * as v from '../../../src/index.js';

/** Inputs libvirt accepts: every interface type and every optional part, in scrambled orders. */
const GOOD: Record<string, string> = {
  ethernet: "<interface type='ethernet' name='eth0'><mac address='aa:bb:cc:dd:ee:01'/><start mode='onboot'/><mtu size='1500'/><protocol family='ipv4'><dhcp peerdns='yes'/></protocol></interface>",
  ethernetLink: "<interface type='ethernet' name='eth9'><link state='up' speed='1000'/><protocol family='ipv6'><route gateway='fe80::1'/><ip address='2001:db8::5' prefix='64'/><autoconf/><dhcp/></protocol><start mode='hotplug'/></interface>",
  twoFamilies: "<interface type='ethernet' name='eth2'><protocol family='ipv4'><ip address='10.0.0.2' prefix='8'/><ip address='10.0.0.3'/><route gateway='10.0.0.1'/></protocol><protocol family='ipv6'><dhcp peerdns='no'/></protocol><start mode='none'/></interface>",
  bridge: "<interface type='bridge' name='br0'><start mode='onboot'/><mtu size='9000'/><protocol family='ipv4'><dhcp/></protocol><bridge stp='off' delay='0.01'><interface type='ethernet' name='eth0'><mac address='ab:bb:cc:dd:ee:ff'/></interface><interface type='ethernet' name='eth1'/></bridge></interface>",
  bridgeEmpty: "<interface type='bridge' name='br1'><bridge/></interface>",
  bridgeOfBondAndVlan: "<interface type='bridge' name='br2'><bridge stp='on'><interface type='bond' name='bond1'><bond mode='active-backup'><interface type='ethernet' name='eth5'/></bond></interface><interface type='vlan' name='eth0.42'><vlan tag='42'><interface name='eth0'/></vlan></interface></bridge></interface>",
  bondMii: "<interface type='bond' name='bond0'><start mode='none'/><bond mode='802.3ad'><miimon freq='100' updelay='10' downdelay='0' carrier='netif'/><interface type='ethernet' name='eth1'><mac address='ab:bb:cc:dd:ee:fe'/></interface><interface type='ethernet' name='eth2'/></bond></interface>",
  bondArp: "<interface type='bond' name='bond2'><link speed='10'/><bond><arpmon interval='100' target='192.168.50.1' validate='active'/><interface type='ethernet' name='eth3'/></bond></interface>",
  vlan: "<interface type='vlan' name='eth0.7'><start mode='onboot'/><protocol family='ipv4'><dhcp/></protocol><vlan tag='7'><interface name='eth0'/></vlan></interface>",
  hexPrefix: "<interface type='ethernet' name='eth8'><protocol family='ipv4'><ip address='1.2.3.4' prefix='0x10'/></protocol></interface>",
  bridgeBadStp: "<interface type='bridge' name='br3'><bridge stp='maybe'/></interface>",
  leadingZeroPrefix: "<interface type='ethernet' name='eth7'><protocol family='ipv4'><ip address='1.2.3.4' prefix='024'/></protocol></interface>",
};

const BAD: Record<string, string> = {
  malformed: "<interface type='ethernet' name='x'>",
  wrongRoot: "<network><name>x</name></network>",
  noType: "<interface name='x'/>",
  badType: "<interface type='wifi' name='x'/>",
  noName: "<interface type='ethernet'/>",
  badStart: "<interface type='ethernet' name='x'><start mode='sometimes'/></interface>",
  mtuNotNumber: "<interface type='ethernet' name='x'><mtu size='abc'/></interface>",
  mtuNegative: "<interface type='ethernet' name='x'><mtu size='-5'/></interface>",
  bigMtu: "<interface type='ethernet' name='x'><mtu size='100001'/></interface>",
  noFamily: "<interface type='ethernet' name='x'><protocol/></interface>",
  badFamily: "<interface type='ethernet' name='x'><protocol family='ipx'/></interface>",
  badPeerdns: "<interface type='ethernet' name='x'><protocol family='ipv4'><dhcp peerdns='maybe'/></protocol></interface>",
  badPrefix: "<interface type='ethernet' name='x'><protocol family='ipv4'><ip address='1.2.3.4' prefix='x'/></protocol></interface>",
  bridgeMissing: "<interface type='bridge' name='br'/>",
  bridgeOfBridge: "<interface type='bridge' name='br'><bridge><interface type='bridge' name='br9'><bridge/></interface></bridge></interface>",
  bondMissing: "<interface type='bond' name='b'/>",
  bondBadMode: "<interface type='bond' name='b'><bond mode='fastest'/></interface>",
  bondOfVlan: "<interface type='bond' name='b'><bond><interface type='vlan' name='v'><vlan tag='1'><interface name='e'/></vlan></interface></bond></interface>",
  miiNoFreq: "<interface type='bond' name='b'><bond><miimon/></bond></interface>",
  miiBadDown: "<interface type='bond' name='b'><bond><miimon freq='1' downdelay='z'/></bond></interface>",
  miiBadCarrier: "<interface type='bond' name='b'><bond><miimon freq='1' carrier='x'/></bond></interface>",
  arpNoTarget: "<interface type='bond' name='b'><bond><arpmon interval='5'/></bond></interface>",
  arpBadValidate: "<interface type='bond' name='b'><bond><arpmon interval='5' target='1.1.1.1' validate='x'/></bond></interface>",
  vlanMissing: "<interface type='vlan' name='v'/>",
  vlanNoTag: "<interface type='vlan' name='v'><vlan><interface name='e'/></vlan></interface>",
  vlanNoDev: "<interface type='vlan' name='v'><vlan tag='3'/></interface>",
  badLinkState: "<interface type='ethernet' name='x'><link state='sideways'/></interface>",
  badLinkSpeed: "<interface type='ethernet' name='x'><link speed='-1'/></interface>",
};

/** Ours through the public API on a fresh test:///default, shaped like an oracle result. */
async function ours(xml: string): Promise<OracleResult> {
  const conn = await v.open('test:///default');
  try {
    using iface = await conn.interfaceDefineXML(xml);
    return { ok: true, xml: await iface.XMLDesc(0) };
  } catch (e) {
    if (!(e instanceof VirError)) throw e;
    return { ok: false, code: e.code, domain: e.domain, message: e.message };
  } finally {
    await conn.close();
  }
}

test('host interface XML: same output, or same error, as the real test driver', async (t) => {
  if (!oracleAvailable()) return t.skip('libvirt python binding not installed');
  const names = [...Object.keys(GOOD), ...Object.keys(BAD)];
  const inputs = [...Object.values(GOOD), ...Object.values(BAD)];
  const real = runOracle(inputs.map((xml) => ({ op: 'iface' as const, xml })));
  const failures: string[] = [];
  for (const [i, name] of names.entries()) {
    const mine = await ours(inputs[i]!);
    if (JSON.stringify(mine) !== JSON.stringify(real[i])) failures.push(`${name}:\nours ${JSON.stringify(mine)}\nreal ${JSON.stringify(real[i])}`);
  }
  assert.deepEqual(failures, []);
  assert.ok(real.slice(0, Object.keys(GOOD).length).every((r) => r.ok), 'every good input is accepted by libvirt');
  assert.ok(real.slice(Object.keys(GOOD).length).every((r) => !r.ok), 'every bad input is rejected by libvirt');
});

test('formatted interfaces validate against interface.rng and parse back to the same XML', (t) => {
  if (!xmllintAvailable()) return t.skip('xmllint not installed');
  for (const [name, xml] of Object.entries(GOOD)) {
    const out = formatInterfaceXML(parseInterfaceXML(xml));
    assert.equal(relaxngProblem(out, 'interface.rng'), null, name);
    assert.equal(formatInterfaceXML(parseInterfaceXML(out)), out, name);
  }
});

test('interface lifecycle on the test driver: define, start, stop, transactions, lookups', async () => {
  const conn = await v.open('test:///default');
  try {
    assert.deepEqual(await conn.listInterfaces(), ['eth1']);
    const eth1 = await conn.interfaceLookupByMACString('AA:BB:CC:DD:EE:FF');
    assert.equal(eth1.name(), 'eth1');
    await assert.rejects(eth1.create(), (e: VirError) => e.code === v.ErrorNumber.VIR_ERR_OPERATION_INVALID);
    await conn.changeBegin();
    await assert.rejects(conn.changeBegin(), /there is another transaction running/);
    const br = await conn.interfaceDefineXML(GOOD.bridge!);
    assert.equal(await br.isActive(), false);
    assert.deepEqual(await conn.listDefinedInterfaces(), ['br0']);
    await br.create();
    assert.equal(await conn.numOfInterfaces(), 2);
    await conn.changeRollback();
    // libvirt's rollback restores the definitions, all inactive
    assert.equal(await conn.numOfInterfaces(), 0);
    assert.deepEqual(await conn.listDefinedInterfaces(), ['eth1']);
    await assert.rejects(conn.changeCommit(), /no transaction running, nothing to be committed/);
    await eth1.create();
    await eth1.destroy();
    await eth1.undefine();
    await assert.rejects(conn.interfaceLookupByName('eth1'), /no interface with matching name 'eth1'/);
    eth1.free();
    br.free();
  } finally {
    await conn.close();
  }
  const ro = await v.openReadOnly('test:///default');
  try {
    await assert.rejects(ro.interfaceDefineXML(GOOD.vlan!), (e: VirError) => e.code === v.ErrorNumber.VIR_ERR_OPERATION_DENIED);
  } finally {
    await ro.close();
  }
});
