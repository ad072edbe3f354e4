/**
 * Seeded scenarios for the remote driver's differential (corpus.ts's vocabulary): random call
 * sequences over the test driver's objects, with arguments that are right, wrong (names that do
 * not exist, states that refuse, unknown flags) or borderline, so both results and errors are
 * compared. Every scenario first sets each object variable with a lookup that succeeds on a fresh
 * test:///default, so later steps always have an object to act on (a failed lookup leaves the
 * previous one on both sides alike). Snapshots always have names: an unnamed one is named after
 * the clock, which differs between the two runs.
 */
import { Rng } from '../../cli/generated/rng.js';
import { DOM_XML, IFACE_XML, NET_XML, POOL_XML, SNAP_XML, VOL_XML, type Scenario, type Step } from './corpus.js';

const DOM_NAMES = ['test', 'gen1', 'gen2', 'nonexistent', ''];
const DEVICE_XML = "<disk type='file' device='disk'><source file='/g.img'/><target dev='vdc'/></disk>";
const UUIDS = ['6695eb01-f6a4-8304-79aa-97f2502e193f', '11111111-2222-3333-4444-000000000001', '11111111-2222-3333-4444-000000000002',
  'not-a-uuid', '6695eb01-f6a4-8304-79aa-000000000000'];
/** Flags: none, real ones of most calls, and bits no call knows. */
const FLAGS = [0, 0, 0, 1, 2, 3, 4, 8, 16, 1 << 30];
const BAD_XML = ['<domain type="test"><name>bad</name>', '<domain/>', 'not xml', '<domain type="nosuch"><name>x</name></domain>',
  `<domain type='test'><name>nomem</name><os><type>hvm</type></os></domain>`];

function domainXml(rng: Rng): string {
  if (rng.chance(0.25)) return rng.pick(BAD_XML);
  const i = rng.int(1, 2);
  // Sometimes a clash: a new name on test's UUID, or test's name on a new UUID.
  const name = rng.chance(0.1) ? 'test' : `gen${i}`;
  const uuid = rng.chance(0.1) ? UUIDS[0]! : UUIDS[i]!;
  return DOM_XML(name, uuid);
}

/** A cpu map of up to 8 host cpus (as many as test:///default has), 0/1 each. */
const cpus = (rng: Rng) => Array.from({ length: rng.pick([1, 3, 8]) }, () => (rng.chance(0.5) ? 1 : 0));

const memory = (rng: Rng) => rng.pick([0, 1024, 32768, 65536, 1048576, 8388608, 2 ** 31]);

/** [weight, step maker] pairs: what a session does next. */
const STEPS: (readonly [number, (rng: Rng) => Step])[] = [
  [1, (r) => [r.pick(['getType', 'getVersion', 'getLibVersion', 'getHostname', 'getURI', 'nodeInfo', 'isSecure', 'isEncrypted', 'isAlive', 'sysinfo', 'freeMemory', 'securityModel'])]],
  [1, (r) => ['getMaxVcpus', r.pick([null, 'test', 'kvm', 'qemu', 'bogus'])]],
  [2, (r) => [r.pick(['numOfDomains', 'listDomainsID', 'numOfDefinedDomains', 'listDefinedDomains'])]],
  [2, (r) => ['listAllDomains', r.pick([0, 1, 2, 4, 8, 16, 32, 64, 3, 12, 1 << 30])]],
  [4, (r) => ['lookupByName', r.pick(DOM_NAMES)]],
  [1, (r) => ['lookupByID', r.pick([0, 1, 2, 3, 99, -1])]],
  [1, (r) => ['lookupByUUIDString', r.pick(UUIDS)]],
  [3, (r) => ['defineXML', domainXml(r)]],
  [2, (r) => ['createXML', domainXml(r)]],
  [6, (r) => [r.pick(['domInfo', 'domState', 'domOSType', 'domIsActive', 'domIsPersistent', 'domIsUpdated', 'domMaxMemory', 'domMaxVcpus', 'domAutostart', 'domSecurityLabel'])]],
  [2, (r) => ['domXML', r.pick([0, 1, 2, 4, 8, 1 << 30])]],
  [2, (r) => ['domVcpusFlags', r.pick([0, 1, 2, 4, 5, 6, 8, 3, 1 << 30])]],
  [5, (r) => [r.pick(['domCreate', 'domSuspend', 'domResume', 'domShutdown', 'domDestroy', 'domUndefine'])]],
  [2, (r) => [r.pick(['domReboot', 'domReset', 'domUndefineFlags', 'domDestroyFlags', 'domShutdownFlags', 'domCreateWithFlags']), r.pick(FLAGS)]],
  [2, (r) => ['domSetAutostart', r.pick([0, 1])]],
  [2, (r) => ['domSetMemory', memory(r)]],
  [1, (r) => ['domSetMaxMemory', memory(r)]],
  [1, (r) => ['domSetMemoryFlags', memory(r), r.pick([0, 1, 2, 3, 4, 6])]],
  [2, (r) => ['domSetVcpusFlags', r.pick([0, 1, 2, 4, 200]), r.pick([0, 1, 2, 3, 4, 5, 6, 8, 1 << 30])]],
  [2, (r) => [r.pick(['domManagedSave', 'domHasManagedSave', 'domManagedSaveRemove']), r.pick([0, 0, 1, 2, 4, 1 << 30])]],
  [1, (r) => ['domRename', r.pick(['gen2', 'renamed', 'test', '']), r.pick([0, 0, 1])]],
  [1, (r) => ['domSetMetadata', r.pick([0, 1, 2, 3]), r.pick(['text', null, '<m:x xmlns:m="urn:t">1</m:x>']), r.pick([null, 'm']), r.pick([null, 'urn:t']), r.pick([0, 1, 2])]],
  [1, (r) => ['domMetadata', r.pick([0, 1, 2]), r.pick([null, 'urn:t']), r.pick([0, 1, 2])]],
  [2, (r) => ['domSnapshotCreate', r.pick([SNAP_XML, SNAP_XML.replace('s1', 's2'), '<domainsnapshot><name>s3</name><memory snapshot="bogus"/></domainsnapshot>', '<bad']), r.pick([0, 0, 1, 16, 1 << 30])]],
  [2, (r) => [r.pick(['domSnapshotNum', 'domSnapshotListNames', 'domListAllSnapshots', 'domHasCurrentSnapshot', 'domSnapshotCurrent']), r.pick([0, 0, 1, 2, 4, 1 << 30])]],
  [1, (r) => ['domSnapshotLookup', r.pick(['s1', 's2', 'nope'])]],
  [2, (r) => [r.pick(['snapName', 'snapIsCurrent', 'snapDelete'])]],
  [1, (r) => ['domRevertToSnapshot', r.pick([0, 0, 1, 2, 4, 1 << 30])]],
  [1, (r) => ['domGetTime', r.pick([0, 0, 1, 1 << 30])]],
  [1, (r) => ['domSetTime', r.pick([0, 1234567890, -1]), r.pick([0, 999999999, 1000000000]), r.pick([0, 0, 1, 2])]],
  [1, (r) => ['domHostname', r.pick([0, 0, 1, 2, 1 << 30])]],
  [1, (r) => [r.pick(['domFSFreeze', 'domFSThaw']), r.pick([[], ['/'], ['/boot', '/']]), r.pick([0, 0, 1])]],
  [1, (r) => ['domSetUserPassword', r.pick(['root', '', 'nobody']), r.pick(['pw', '']), r.pick([0, 0, 1, 2])]],
  [1, (r) => ['domFSInfo', r.pick([0, 0, 1])]],
  [1, (r) => [r.pick(['domAttachDevice', 'domDetachDevice']), r.pick([DEVICE_XML, '<disk'])]],
  [1, (r) => [r.pick(['domAttachDeviceFlags', 'domDetachDeviceFlags', 'domUpdateDeviceFlags']), r.pick([DEVICE_XML, '<disk']), r.pick([0, 1, 2, 3, 4])]],
  [1, (r) => ['domDetachDeviceAlias', r.pick(['ua-disk', '']), r.pick([0, 1, 2])]],
  [1, (r) => [r.pick(['domBlockResize', 'domBlockJobSetSpeed', 'domBlockPull', 'domSetBlockThreshold']), r.pick(['vda', 'nosuch']), r.pick([0, 1024, 2 ** 40]), r.pick([0, 0, 1, 64])]],
  [1, (r) => [r.pick(['domBlockJobInfo', 'domBlockJobAbort']), r.pick(['vda', 'nosuch']), r.pick([0, 0, 1, 2])]],
  [1, (r) => ['domBlockRebase', 'vda', r.pick([null, '/base.img']), r.pick([0, 10]), r.pick([0, 1, 2, 8, 9, 16, 32, 40])]],
  [1, (r) => ['domBlockCommit', 'vda', r.pick([null, '/base.img']), r.pick([null, '/top.img']), r.pick([0, 10]), r.pick([0, 1, 4])]],
  [1, (r) => [r.pick(['domSetVcpu', 'domSetGuestVcpus']), r.pick(['1', '0-1', 'x']), r.pick([0, 1]), r.pick([0, 1, 2])]],
  [1, (r) => [r.pick(['domGuestVcpus', 'domPMWakeup']), r.pick([0, 0, 1])]],
  [1, (r) => ['domPMSuspendForDuration', r.pick([0, 1, 2, 7]), r.pick([0, 30]), r.pick([0, 1])]],
  [1, (r) => ['domPinVcpu', r.pick([0, 1, 3]), cpus(r)]],
  [1, (r) => ['domPinVcpuFlags', r.pick([0, 1]), cpus(r), r.pick([0, 0, 1])]],
  [1, (r) => ['domVcpuPinInfo', r.pick([0, 1, 2, 3])]],
  [1, (r) => ['domPinEmulator', cpus(r), r.pick([0, 1, 2, 1 << 30])]],
  [1, (r) => ['domEmulatorPinInfo', r.pick([0, 1, 2])]],
  [1, (r) => ['domIOThreadInfo', r.pick([0, 1, 2, 3])]],
  [2, (r) => [r.pick(['domAddIOThread', 'domDelIOThread']), r.pick([0, 1, 2]), r.pick([0, 0, 1, 2])]],
  [1, (r) => ['domPinIOThread', r.pick([1, 2, 5]), cpus(r), r.pick([0, 1, 2])]],
  [1, (r) => ['domSetIOThreadParams', r.pick([0, 1, 2]), r.pick(['poll_max_ns', 'poll_grow', 'poll_shrink']), r.pick([0, 64, 4096]), r.pick([0, 1, 2])]],
  [1, (r) => ['domPerfEvents', r.pick([0, 1, 2, 3])]],
  [1, (r) => ['domInterfaceParameters', r.pick(['testnet0', 'aa:bb:cc:dd:ee:ff', 'nosuch']), r.pick([0, 1, 2])]],
  [1, (r) => ['domBlockIoTune', r.pick(['vda', '/guest/diskimage1', 'nosuch']), r.pick([0, 1, 2, 3])]],
  [1, (r) => ['domCPUStats', r.pick([0, 1]), r.pick([0, 0, 1])]],
  [1, (r) => ['domSendKey', r.pick([0, 1, 3, 9, 10]), r.pick([[1], [28, 30000], [57369]]), r.pick([0, 0, 1])]],
  [1, (r) => ['domSetLifecycleAction', r.pick([0, 1, 2, 3]), r.pick([0, 1, 3, 4, 6]), r.pick([0, 1, 2, 3])]],
  [1, (r) => ['cellsFreeMemory', r.pick([0, 1, 2, 5]), r.pick([1, 2, 10])]],
  [0.5, (r) => ['freePages', r.pick([[4], [4, 2048], [], Array(600).fill(4)]), r.pick([0, 1, -1]), r.pick([1, 2]), r.pick([0, 0, 1])]],
  [1, (r) => ['cpuMap', r.pick([0, 0, 1, 1 << 30])]],
  [2, (r) => [r.pick(['numOfNetworks', 'listNetworks'])]],
  [1, (r) => ['listAllNetworks', r.pick([0, 1, 2, 4, 8, 16, 32, 1 << 30])]],
  [2, (r) => ['networkLookupByName', r.pick(['default', 'dnet', 'nope'])]],
  [1, () => ['networkDefineXML', NET_XML]],
  [3, (r) => [r.pick(['netXML', 'netIsActive', 'netIsPersistent', 'netAutostart', 'netBridge', 'netCreate', 'netDestroy', 'netUndefine'])]],
  [1, (r) => ['netSetAutostart', r.pick([0, 1])]],
  [2, (r) => [r.pick(['numOfStoragePools', 'listStoragePools'])]],
  [1, (r) => ['listAllStoragePools', r.pick([0, 1, 2, 4, 8, 16, 32, 64, 1 << 30])]],
  [2, (r) => ['poolLookupByName', r.pick(['default-pool', 'dpool', 'nope'])]],
  [1, () => ['poolDefineXML', POOL_XML]],
  [3, (r) => [r.pick(['poolInfo', 'poolXML', 'poolIsActive', 'poolIsPersistent', 'poolNumOfVolumes', 'poolListVolumes', 'poolAutostart', 'poolDestroy', 'poolUndefine'])]],
  [2, (r) => [r.pick(['poolBuild', 'poolCreate', 'poolRefresh', 'poolListAllVolumes']), r.pick([0, 0, 1, 2, 1 << 30])]],
  [1, (r) => ['poolSetAutostart', r.pick([0, 1])]],
  [2, (r) => ['volCreate', r.pick([VOL_XML, VOL_XML.replace('v1.img', 'v2.img'), '<volume/>', '<volume><name>big.img</name><capacity>1</capacity></volume>'])]],
  [1, (r) => ['volLookupByName', r.pick(['v1.img', 'v2.img', 'nope'])]],
  [2, (r) => [r.pick(['volPath', 'volInfo', 'volXML', 'volKey', 'volDelete'])]],
  [1, (r) => ['volResize', r.pick([0, 4096, 2097152]), r.pick([0, 1, 2, 4])]],
  [1, (r) => [r.pick(['numOfInterfaces', 'numOfDefinedInterfaces', 'listDefinedInterfaces', 'listInterfaces'])]],
  [1, (r) => ['listAllInterfaces', r.pick([0, 1, 2, 1 << 30])]],
  [1, (r) => ['interfaceLookupByName', r.pick(['eth1', 'eth9', 'nope'])]],
  [1, (r) => ['interfaceLookupByMACString', r.pick(['aa:bb:cc:dd:ee:ff', '52:54:00:aa:bb:09', 'zz'])]],
  [1, () => ['interfaceDefineXML', IFACE_XML]],
  [1, (r) => [r.pick(['ifaceXML', 'ifaceIsActive', 'ifaceCreate', 'ifaceDestroy', 'ifaceUndefine', 'changeBegin', 'changeCommit', 'changeRollback'])]],
  [1, (r) => ['listAllDevices', r.pick([0, 1, 2, 1 << 30])]],
  [1, (r) => ['nodeDeviceLookupByName', r.pick(['computer', 'nope'])]],
  [1, () => ['devXML']],
];

/** Lookups that succeed on a fresh test:///default, so every variable holds an object. */
const SETUP: Step[] = [
  ['networkLookupByName', 'default'], ['poolLookupByName', 'default-pool'], ['volCreate', VOL_XML],
  ['interfaceLookupByName', 'eth1'], ['nodeDeviceLookupByName', 'computer'],
  ['lookupByName', 'test'], ['domSnapshotCreate', SNAP_XML, 0],
];

export function generatedScenario(seed: number, length: number): Scenario {
  const rng = new Rng(seed);
  const steps: Step[] = [...SETUP];
  for (let i = 0; i < length; i++) steps.push(rng.weighted(STEPS)(rng));
  return { name: `seed ${seed}`, steps };
}
