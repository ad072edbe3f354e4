import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cloneNetworkDef, formatNetworkXML, parseNetworkXML } from '../../../src/conf/network/index.js';
import { VirError } from '../../../src/errors/vir-error.js';
import { oracleAvailable, relaxngProblem, runOracle, xmllintAvailable, type OracleResult } from './oracle.js';

const corpusDir = join(process.cwd(), 'test/conf/network/corpus');
const corpus = readdirSync(corpusDir).filter((f) => f.endsWith('.xml')).sort();
const read = (f: string) => readFileSync(join(corpusDir, f), 'utf8');

/** Inputs libvirt rejects, each with a different check. */
const BAD: Record<string, string> = {
  malformed: '<network><name>x</name>',
  empty: '',
  noName: '<network></network>',
  wrongRoot: '<pool/>',
  badForward: "<network><name>x</name><forward mode='foo'/></network>",
  natWithoutIp: "<network><name>x</name><forward mode='nat'/></network>",
  badUuid: '<network><name>x</name><uuid>zzz</uuid></network>',
  slashInName: '<network><name>x/y</name></network>',
  rangeOutside: "<network><name>x</name><ip address='192.168.1.1' netmask='255.255.255.0'><dhcp><range start='192.168.2.2' end='192.168.2.9'/></dhcp></ip></network>",
  rangeReversed: "<network><name>x</name><ip address='192.168.1.1' netmask='255.255.255.0'><dhcp><range start='192.168.1.9' end='192.168.1.2'/></dhcp></ip></network>",
  badMac: "<network><name>x</name><mac address='zz'/></network>",
  multicastMac: "<network><name>x</name><mac address='01:00:00:00:00:01'/></network>",
  badTristate: "<network trustGuestRxFilters='maybe'><name>x</name></network>",
  netmaskAndPrefix: "<network><name>x</name><ip address='10.0.0.1' netmask='255.0.0.0' prefix='8'/></network>",
  hostWithoutIp: "<network><name>x</name><ip address='10.0.0.1' prefix='8'><dhcp><host mac='52:54:00:00:00:01'/></dhcp></ip></network>",
  dnsDisabledWithData: "<network><name>x</name><dns enable='no'><host ip='10.0.0.2'><hostname>a</hostname></host></dns></network>",
  srvPortWithoutTarget: "<network><name>x</name><dns><srv service='s' protocol='tcp' port='5'/></dns></network>",
  unreachableRoute: "<network><name>x</name><ip address='10.0.0.1' prefix='8'/><route address='192.168.0.0' prefix='16' gateway='172.16.0.1'/></network>",
  bridgeDelayInBridgeMode: "<network><name>x</name><forward mode='bridge'/><bridge name='br0' delay='3'/></network>",
  mtuInBridgeMode: "<network><name>x</name><forward mode='bridge'/><bridge name='br0'/><mtu size='1500'/></network>",
  vlanNoTag: "<network><name>x</name><vlan/></network>",
  vlanTagTooBig: "<network><name>x</name><vlan><tag id='4096'/></vlan></network>",
  vlanTagMissingId: "<network><name>x</name><vlan><tag/></vlan></network>",
  vlanTagBadId: "<network><name>x</name><vlan><tag id='-1'/></vlan></network>",
  vlanTwoNative: "<network><name>x</name><vlan><tag id='1' nativeMode='tagged'/><tag id='2' nativeMode='untagged'/></vlan></network>",
  vlanTrunkNoMany: "<network><name>x</name><vlan trunk='no'><tag id='1'/><tag id='2'/></vlan></network>",
  vlanTrunkNoNative: "<network><name>x</name><vlan trunk='no'><tag id='1' nativeMode='tagged'/></vlan></network>",
  vlanTrunkMaybe: "<network><name>x</name><vlan trunk='maybe'><tag id='1'/></vlan></network>",
  vlanNativeDefault: "<network><name>x</name><vlan><tag id='1' nativeMode='default'/></vlan></network>",
  bandwidthNoAverage: "<network><name>x</name><bandwidth><inbound peak='5'/></bandwidth></network>",
  bandwidthBadNumber: "<network><name>x</name><bandwidth><inbound average='1k'/></bandwidth></network>",
  bandwidthFloor: "<network><name>x</name><bandwidth><inbound average='10' floor='5'/></bandwidth></network>",
  bandwidthTwoInbound: "<network><name>x</name><bandwidth><inbound average='1'/><inbound average='2'/></bandwidth></network>",
  bandwidthClassID: "<network><name>x</name><bandwidth classID='3'><inbound average='1'/></bandwidth></network>",
  vportNoType: "<network><name>x</name><forward mode='bridge'/><bridge name='b'/><virtualport><parameters profileid='p'/></virtualport></network>",
  vportBadType: "<network><name>x</name><forward mode='bridge'/><bridge name='b'/><virtualport type='vmware'/></network>",
  vportExtra: "<network><name>x</name><forward mode='bridge'/><bridge name='b'/><virtualport type='openvswitch'><parameters managerid='1'/></virtualport></network>",
  vportManagerRange: "<network><name>x</name><portgroup name='p'><virtualport><parameters managerid='256'/></virtualport></portgroup></network>",
  vportBadInstance: "<network><name>x</name><portgroup name='p'><virtualport type='802.1Qbg'><parameters instanceid='nope'/></virtualport></portgroup></network>",
  vportTypeIdRange: "<network><name>x</name><portgroup name='p'><virtualport><parameters typeid='0x1000000'/></virtualport></portgroup></network>",
  shortLease: "<network><name>x</name><ip address='10.0.0.1' prefix='8'><dhcp><range start='10.0.0.2' end='10.0.0.9'><lease expiry='60' unit='seconds'/></range></dhcp></ip></network>",
};

function ours(xml: string): OracleResult {
  try {
    return { ok: true, xml: formatNetworkXML(parseNetworkXML(xml)) };
  } catch (e) {
    if (!(e instanceof VirError)) throw e;
    return { ok: false, code: e.code, domain: e.domain, message: e.message };
  }
}

test('network corpus and bad inputs: same XML, or same error, as the real test driver', (t) => {
  if (!oracleAvailable()) return t.skip('libvirt python binding not installed');
  const inputs = [...corpus.map(read), ...Object.values(BAD)];
  const names = [...corpus, ...Object.keys(BAD)];
  const real = runOracle(inputs.map((xml) => ({ op: 'net' as const, xml })));
  const failures = names.filter((_, i) => JSON.stringify(ours(inputs[i])) !== JSON.stringify(real[i]));
  assert.deepEqual(failures, [], failures.map((n) => `${n}:\nours ${JSON.stringify(ours(inputs[names.indexOf(n)]))}\nreal ${JSON.stringify(real[names.indexOf(n)])}`).join('\n'));
  assert.ok(Object.keys(BAD).every((_, i) => !real[corpus.length + i].ok), 'every bad input is rejected');
});

test('formatted networks validate against network.rng', (t) => {
  if (!xmllintAvailable()) return t.skip('xmllint not installed');
  for (const f of corpus) assert.equal(relaxngProblem(formatNetworkXML(parseNetworkXML(read(f))), 'network.rng'), null, f);
});

test('a network without a UUID gets a fresh canonical one', () => {
  const a = parseNetworkXML('<network><name>n</name></network>');
  const b = parseNetworkXML('<network><name>n</name></network>');
  assert.match(a.uuid, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.notEqual(a.uuid, b.uuid);
  assert.equal(a.uuidSpecified, false);
});

test('connections are live-only and clones are independent', () => {
  const def = parseNetworkXML(read('passthrough.xml'));
  def.connections = 2;
  assert.match(formatNetworkXML(def), /^<network connections='2'>/);
  assert.match(formatNetworkXML(def, { inactive: true }), /^<network>/);
  assert.match(formatNetworkXML(def, { live: false }), /^<network>/);
  const copy = cloneNetworkDef(def);
  copy.forward!.interfaces.pop();
  assert.equal(def.forward!.interfaces.length, 3);
});
