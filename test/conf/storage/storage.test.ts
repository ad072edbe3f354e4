import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatPoolXML, formatVolXML, parsePoolXML, parseVolXML, scaleInteger, type StoragePoolDef } from '../../../src/conf/storage/index.js';
import { oracleAvailable, relaxngProblem, runOracle, xmllintAvailable, type OracleStep, outcome } from '../network/oracle.js';

const dir = join(process.cwd(), 'test/conf/storage');
const pools = readdirSync(join(dir, 'pools')).sort();
const vols = readdirSync(join(dir, 'volumes')).sort();
const read = (sub: string, f: string) => readFileSync(join(dir, sub, f), 'utf8');

/** The test driver's pool size (100 GiB, nothing allocated). */
const TEST_POOL_CAPACITY = 100n * 1024n ** 3n;

/** Pools volumes go into: the test driver's own default-pool, and three started by the test. */
const VOLUME_POOLS: Record<string, string> = {
  'default-pool': "<pool type='dir'><name>default-pool</name><uuid>dfe224cb-28fb-8dd0-c4b2-64eb3f0f4566</uuid><target><path>/default-pool</path></target></pool>",
  vdisk: "<pool type='disk'><name>vdisk</name><uuid>22222222-0000-0000-0000-0000000000a1</uuid><source><device path='/dev/sdz'/></source><target><path>/dev</path></target></pool>",
  vlvm: "<pool type='logical'><name>vlvm</name><uuid>22222222-0000-0000-0000-0000000000a2</uuid><source><name>vlvm</name></source></pool>",
  vgluster: "<pool type='gluster'><name>vgluster</name><uuid>22222222-0000-0000-0000-0000000000a3</uuid><source><host name='g.example'/><name>vol</name></source></pool>",
};

/** A scsi pool around an adapter element. */
const scsi = (adapter: string) => `<pool type='scsi'><name>p</name><source>${adapter}</source><target><path>/x</path></target></pool>`;
/** A volume around an encryption element. */
const encrypted = (encryption: string) => `<volume><name>v</name><capacity>1</capacity><target>${encryption}</target></volume>`;
const SECRET = "<secret type='passphrase' uuid='f52a81b2-424e-490c-823d-6bd4235bc572'/>";

const BAD_POOLS: Record<string, string> = {
  noType: '<pool><name>p</name></pool>',
  badType: "<pool type='foo'><name>p</name></pool>",
  noTarget: "<pool type='dir'><name>p</name></pool>",
  noName: "<pool type='dir'><target><path>/x</path></target></pool>",
  badMode: "<pool type='dir'><name>p</name><target><path>/x</path><permissions><mode>999</mode></permissions></target></pool>",
  badOwner: "<pool type='dir'><name>p</name><target><path>/x</path><permissions><owner>abc</owner></permissions></target></pool>",
  malformed: "<pool type='dir'>",
  netfsNoHost: "<pool type='netfs'><name>p</name><source><dir path='/e'/></source><target><path>/x</path></target></pool>",
  fsNoDevice: "<pool type='fs'><name>p</name><target><path>/x</path></target></pool>",
  badFormat: "<pool type='fs'><name>p</name><source><device path='/dev/a'/><format type='zz'/></source><target><path>/x</path></target></pool>",
  cowOnDisk: "<pool type='disk'><name>p</name><features><cow state='yes'/></features><source><device path='/dev/a'/></source><target><path>/x</path></target></pool>",
  scsiNoAdapter: "<pool type='scsi'><name>p</name><target><path>/x</path></target></pool>",
  scsiAdapterNoName: scsi('<adapter/>'),
  scsiDefaultType: scsi("<adapter type='default' name='host0'/>"),
  scsiBadType: scsi("<adapter type='iscsi'/>"),
  scsiWwnWithoutType: scsi("<adapter wwnn='2000000012345678' wwpn='1000000012345678'/>"),
  scsiParentaddrWithoutType: scsi("<adapter name='h'><parentaddr unique_id='1'><address bus='1'/></parentaddr></adapter>"),
  scsiHostNeither: scsi("<adapter type='scsi_host'/>"),
  scsiHostBoth: scsi("<adapter type='scsi_host' name='h'><parentaddr unique_id='1'><address bus='1'/></parentaddr></adapter>"),
  scsiNoAddress: scsi("<adapter type='scsi_host'><parentaddr unique_id='1'/></adapter>"),
  scsiNoUniqueId: scsi("<adapter type='scsi_host'><parentaddr><address bus='1'/></parentaddr></adapter>"),
  scsiNegativeUniqueId: scsi("<adapter type='scsi_host'><parentaddr unique_id='-2'><address bus='1'/></parentaddr></adapter>"),
  scsiBadBus: scsi("<adapter type='scsi_host'><parentaddr unique_id='1'><address bus='0x100'/></parentaddr></adapter>"),
  scsiBadSlot: scsi("<adapter type='scsi_host'><parentaddr unique_id='1'><address slot='32'/></parentaddr></adapter>"),
  scsiBadFunction: scsi("<adapter type='scsi_host'><parentaddr unique_id='1'><address bus='1' function='8'/></parentaddr></adapter>"),
  scsiAddressNotNumber: scsi("<adapter type='scsi_host'><parentaddr unique_id='1'><address bus='x1'/></parentaddr></adapter>"),
  fcNoWwpn: scsi("<adapter type='fc_host' wwnn='2000000012345678'/>"),
  fcShortWwn: scsi("<adapter type='fc_host' wwnn='20000000123456' wwpn='1000000012345678'/>"),
  fcParentWwnnAlone: scsi("<adapter type='fc_host' wwnn='2000000012345678' wwpn='1000000012345678' parent_wwnn='2000000012345679'/>"),
  fcParentWwpnAlone: scsi("<adapter type='fc_host' wwnn='2000000012345678' wwpn='1000000012345678' parent_wwpn='2000000012345679'/>"),
  fcBadFabric: scsi("<adapter type='fc_host' wwnn='2000000012345678' wwpn='1000000012345678' parent_fabric_wwn='zz'/>"),
  fcBadManaged: scsi("<adapter type='fc_host' wwnn='2000000012345678' wwpn='1000000012345678' managed='maybe'/>"),
  adapterOnDirPool: "<pool type='dir'><name>p2</name><uuid>33333333-0000-4000-8000-0000000000ff</uuid><source><adapter type='scsi_host'/></source><target><path>/x</path></target></pool>",
  badAdapterOnDirPool: "<pool type='dir'><name>p</name><source><adapter type='fc_host' managed='x'/></source><target><path>/x</path></target></pool>",
  authWithoutType: "<pool type='iscsi'><name>p</name><source><host name='h'/><device path='d'/><auth username='u'><secret usage='x'/></auth></source><target><path>/x</path></target></pool>",
};

const BAD_VOLS: Record<string, string> = {
  noCapacity: '<volume><name>v</name></volume>',
  badUnit: "<volume><name>v</name><capacity unit='zz'>1</capacity></volume>",
  badNumber: '<volume><name>v</name><capacity>abc</capacity></volume>',
  negative: '<volume><name>v</name><capacity>-1</capacity></volume>',
  noName: '<volume><capacity>1</capacity></volume>',
  badFormat: "<volume><name>v</name><capacity>1</capacity><target><format type='zz'/></target></volume>",
  noneFormat: "<volume><name>v</name><capacity>1</capacity><target><format type='none'/></target></volume>",
  malformed: '<volume>',
  overflow: "<volume><name>v</name><capacity unit='EiB'>100</capacity></volume>",
  badCompat: "<volume><name>v</name><capacity>1</capacity><target><compat>1</compat></target></volume>",
  badFeature: "<volume><name>v</name><capacity>1</capacity><target><features><zz/></features></target></volume>",
  badType: "<volume type='tape'><name>v</name><capacity>1</capacity></volume>",
  encNoFormat: encrypted('<encryption/>'),
  encBadFormat: encrypted("<encryption format='aes'/>"),
  encBadEngine: encrypted("<encryption format='luks' engine='dm-crypt'/>"),
  encDefaultEngine: encrypted("<encryption format='luks' engine='default'/>"),
  encSecretNoType: encrypted("<encryption format='luks'><secret uuid='f52a81b2-424e-490c-823d-6bd4235bc572'/></encryption>"),
  encSecretBadType: encrypted("<encryption format='luks'><secret type='key' usage='u'/></encryption>"),
  encSecretNoLookup: encrypted("<encryption format='luks'><secret type='passphrase'/></encryption>"),
  encSecretBoth: encrypted("<encryption format='luks'><secret type='passphrase' uuid='f52a81b2-424e-490c-823d-6bd4235bc572' usage='u'/></encryption>"),
  encSecretBadUuid: encrypted("<encryption format='luks'><secret type='passphrase' uuid='123'/></encryption>"),
  encCipherNoName: encrypted(`<encryption format='luks'>${SECRET}<cipher size='256'/></encryption>`),
  encCipherNoSize: encrypted(`<encryption format='luks'>${SECRET}<cipher name='aes'/></encryption>`),
  encCipherBadSize: encrypted(`<encryption format='luks'>${SECRET}<cipher name='aes' size='-1'/></encryption>`),
  encIvgenWithoutCipher: encrypted(`<encryption format='luks'>${SECRET}<ivgen name='plain64'/></encryption>`),
  encIvgenNoName: encrypted(`<encryption format='luks'>${SECRET}<cipher name='aes' size='256'/><ivgen hash='sha256'/></encryption>`),
  encBeforeBadCompat: encrypted("<encryption format='zz'/><compat>1</compat>"),
};


/** A defined pool as the test driver reports it: its fixed sizes filled in. */
function definedPool(xml: string): StoragePoolDef {
  const def = parsePoolXML(xml);
  def.capacity = TEST_POOL_CAPACITY;
  def.available = TEST_POOL_CAPACITY;
  return def;
}

/** A new volume as the test driver stores it: path and key set from its pool. */
function createdVolume(xml: string, poolName: string): string {
  const pool = parsePoolXML(VOLUME_POOLS[poolName]);
  const vol = parseVolXML(xml, pool);
  vol.target.path = `${pool.target.path ?? '(null)'}/${vol.name}`;
  vol.key = vol.target.path;
  return formatVolXML(vol, pool);
}

test('pool and volume corpora and bad inputs: same XML, or same error, as the real test driver', (t) => {
  if (!oracleAvailable()) return t.skip('libvirt python binding not installed');
  const poolInputs = [...pools.map((f) => read('pools', f)), ...Object.values(BAD_POOLS)];
  const volInputs: Array<[string, string]> = [
    ...vols.map((f): [string, string] => [f.split('--')[0], read('volumes', f)]),
    ...Object.values(BAD_VOLS).map((xml): [string, string] => ['default-pool', xml]),
  ];
  const steps: OracleStep[] = [
    ...poolInputs.map((xml) => ({ op: 'pool' as const, xml })),
    { op: 'poolCreate', xml: VOLUME_POOLS.vdisk },
    { op: 'poolCreate', xml: VOLUME_POOLS.vlvm },
    { op: 'poolCreate', xml: VOLUME_POOLS.vgluster },
    ...volInputs.map(([pool, xml]) => ({ op: 'vol' as const, pool, xml })),
  ];
  const real = runOracle(steps);
  const names = [...pools, ...Object.keys(BAD_POOLS), 'vdisk', 'vlvm', 'vgluster', ...vols, ...Object.keys(BAD_VOLS)];
  const ours = [
    ...poolInputs.map((xml) => outcome(() => formatPoolXML(definedPool(xml)))),
    outcome(() => formatPoolXML(definedPool(VOLUME_POOLS.vdisk))),
    outcome(() => formatPoolXML(definedPool(VOLUME_POOLS.vlvm))),
    outcome(() => formatPoolXML(definedPool(VOLUME_POOLS.vgluster))),
    ...volInputs.map(([pool, xml]) => outcome(() => createdVolume(xml, pool))),
  ];
  const failures = names.filter((_, i) => JSON.stringify(ours[i]) !== JSON.stringify(real[i]));
  assert.deepEqual(failures, [], failures.map((n) => `${n}:\nours ${JSON.stringify(ours[names.indexOf(n)])}\nreal ${JSON.stringify(real[names.indexOf(n)])}`).join('\n'));
});

test('formatted pools and volumes validate against storagepool.rng / storagevol.rng', (t) => {
  if (!xmllintAvailable()) return t.skip('xmllint not installed');
  for (const f of pools) assert.equal(relaxngProblem(formatPoolXML(definedPool(read('pools', f))), 'storagepool.rng'), null, f);
  for (const f of vols) assert.equal(relaxngProblem(createdVolume(read('volumes', f), f.split('--')[0]), 'storagevol.rng'), null, f);
});

test('unit suffixes scale as virScaleInteger', () => {
  const max = 2n ** 63n - 1n;
  assert.equal(scaleInteger(3n, 'KiB', max), 3072n);
  assert.equal(scaleInteger(3n, 'kb', max), 3000n);
  assert.equal(scaleInteger(3n, 'M', max), 3n * 1024n ** 2n);
  assert.equal(scaleInteger(1n, 'EiB', max), 1024n ** 6n);
  assert.equal(scaleInteger(7n, 'bytes', max), 7n);
  assert.throws(() => scaleInteger(8n, 'EiB', max), /value too large: 8EiB/);
  assert.throws(() => scaleInteger(1n, 'KiBB', max), /unknown suffix 'KiBB'/);
});

test('a volume without allocation is fully allocated; one of a logical pool has no format', () => {
  const logical = parsePoolXML(VOLUME_POOLS.vlvm);
  const vol = parseVolXML("<volume><name>v</name><capacity unit='M'>2</capacity><target><format type='qcow2'/></target></volume>", logical);
  assert.equal(vol.allocation, 2n * 1024n * 1024n);
  assert.equal(vol.hasAllocation, false);
  assert.equal(vol.target.format, undefined);
  assert.equal(logical.target.path, '/dev/vlvm');
});
