/**
 * The argument checks libvirt 9.0.0's public functions make before any driver runs, one case per
 * check (and per ordering that matters: read-only first or last), each as the same call in
 * Python (on oracle.py's objects) and through our API. Calls Python does not expose go to the C
 * function through ctypes: C.<function>(P(object), ...).
 */
import type * as v from '../../../src/index.js';
import * as k from '../../../src/api/constants.js';

/** The objects every case works on, made alike on both sides (see oracle.py). */
export interface Objects {
  /** A read-write connection, a second one, and a read-only one. */
  c: v.Connect; c2: v.Connect; ro: v.Connect;
  /** The running domain 'test' through c, ro and c2. */
  d: v.Domain; dro: v.Domain; d2: v.Domain;
  /** A transient domain destroyed after its lookup: every driver call on it fails. */
  gone: v.Domain;
  vol: v.StorageVol; volro: v.StorageVol;
  snap: v.DomainSnapshot; snapro: v.DomainSnapshot;
  /** test:///default's network, pool and host interface through ro. */
  netro: v.Network; poolro: v.StoragePool; ifacero: v.HostInterface;
}

export interface CheckCase {
  readonly name: string;
  readonly py: string;
  readonly ts: (o: Objects) => Promise<unknown>;
}

const LIVE_CONFIG = k.VIR_DOMAIN_AFFECT_LIVE | k.VIR_DOMAIN_AFFECT_CONFIG;
const GUEST = k.VIR_DOMAIN_VCPU_GUEST;
const SAVE_BOTH = k.VIR_DOMAIN_SAVE_RUNNING | k.VIR_DOMAIN_SAVE_PAUSED;
const TOO_MUCH_MEMORY = 2 ** 53 - 1;
const { VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE: REDEFINE } = k;
const noop = (): void => undefined;

export const CASES: readonly CheckCase[] = [
  // Jobs, agent, launch security, dirty rate, managed save XML, ports and QEMU attach
  { name: 'virDomainGetJobStats: KEEP_COMPLETED needs COMPLETED', py: 'd.jobStats(2)', ts: (o) => o.d.jobStats(k.VIR_DOMAIN_JOB_STATS_KEEP_COMPLETED) },
  { name: 'virDomainAuthorizedSSHKeysSet: APPEND and REMOVE exclusive, before the read-only check', py: "dro.authorizedSSHKeysSet('root', ['k'], 3)",
    ts: (o) => o.dro.authorizedSSHKeysSet('root', ['k'], 3) },
  { name: 'virDomainSetLaunchSecurityState: no parameters', py: 'd.setLaunchSecurityState({}, 0)', ts: (o) => o.d.setLaunchSecurityState([], 0) },
  { name: 'virDomainStartDirtyRateCalc: BITMAP and RING exclusive', py: 'd.startDirtyRateCalc(1, 3)', ts: (o) => o.d.startDirtyRateCalc(1, 3) },
  { name: 'virDomainStartDirtyRateCalc: read-only before the modes', py: 'dro.startDirtyRateCalc(1, 3)', ts: (o) => o.dro.startDirtyRateCalc(1, 3) },
  { name: 'virDomainManagedSaveDefineXML: RUNNING and PAUSED exclusive, before the read-only check', py: 'dro.managedSaveDefineXML(None, 6)',
    ts: (o) => o.dro.managedSaveDefineXML(null, SAVE_BOTH) },
  { name: 'virDomainManagedSaveGetXMLDesc: secure refused read-only', py: 'dro.managedSaveGetXMLDesc(1)', ts: (o) => o.dro.managedSaveGetXMLDesc(k.VIR_DOMAIN_SAVE_IMAGE_XML_SECURE) },
  { name: 'virDomainManagedSaveGetXMLDesc: unsupported by the test driver', py: 'd.managedSaveGetXMLDesc(0)', ts: (o) => o.d.managedSaveGetXMLDesc(0) },
  { name: 'virNetworkPortLookupByUUIDString: a bad UUID', py: "netro.portLookupByUUIDString('bogus')", ts: (o) => o.netro.portLookupByUUIDString('bogus') },
  { name: 'virNetworkListAllPorts: unsupported', py: 'netro.listAllPorts(0)', ts: (o) => o.netro.listAllPorts(0) },
  { name: 'virNetworkGetDHCPLeases: unsupported', py: 'netro.DHCPLeases(None, 0)', ts: (o) => o.netro.dhcpLeases(null, 0) },
  { name: 'virDomainGetJobInfo: unsupported', py: 'd.jobInfo()', ts: (o) => o.d.jobInfo() },
  { name: 'virDomainQemuAttach: pid zero', py: 'libvirt_qemu.qemuAttach(c, 0, 0)', ts: (o) => o.c.qemuAttach(0, 0) },
  // Domain: vcpus
  { name: 'virDomainGetVcpusFlags: LIVE and CONFIG exclusive', py: `d.vcpusFlags(${LIVE_CONFIG})`, ts: (o) => o.d.vcpusFlags(LIVE_CONFIG) },
  { name: 'virDomainGetVcpusFlags: exclusive flags before the lookup', py: `gone.vcpusFlags(${LIVE_CONFIG})`, ts: (o) => o.gone.vcpusFlags(LIVE_CONFIG) },
  { name: 'virDomainGetVcpusFlags: GUEST is read-write, checked first', py: `dro.vcpusFlags(${GUEST | LIVE_CONFIG})`, ts: (o) => o.dro.vcpusFlags(GUEST | LIVE_CONFIG) },
  { name: 'virDomainSetVcpusFlags: MAXIMUM requires CONFIG', py: `d.setVcpusFlags(0, ${k.VIR_DOMAIN_VCPU_MAXIMUM})`, ts: (o) => o.d.setVcpusFlags(0, k.VIR_DOMAIN_VCPU_MAXIMUM) },
  { name: 'virDomainSetVcpusFlags: GUEST and CONFIG exclusive, before nvcpus', py: `d.setVcpusFlags(0, ${GUEST | k.VIR_DOMAIN_AFFECT_CONFIG})`, ts: (o) => o.d.setVcpusFlags(0, GUEST | k.VIR_DOMAIN_AFFECT_CONFIG) },
  { name: 'virDomainSetVcpusFlags: nvcpus not zero', py: 'gone.setVcpusFlags(0, 0)', ts: (o) => o.gone.setVcpusFlags(0, 0) },
  { name: 'virDomainSetVcpusFlags: read-only first', py: `dro.setVcpusFlags(0, ${GUEST | k.VIR_DOMAIN_AFFECT_CONFIG})`, ts: (o) => o.dro.setVcpusFlags(0, GUEST | k.VIR_DOMAIN_AFFECT_CONFIG) },
  { name: 'virDomainSetVcpus: nvcpus not zero', py: 'd.setVcpus(0)', ts: (o) => o.d.setVcpus(0) },
  { name: 'virDomainGetVcpuPinInfo: LIVE and CONFIG exclusive', py: `d.vcpuPinInfo(${LIVE_CONFIG})`, ts: (o) => o.d.vcpuPinInfo(LIVE_CONFIG) },
  { name: 'virDomainGetVcpuPinInfo: no read-only check', py: `C.virDomainGetVcpuPinInfo(P(dro), 1, (ctypes.c_ubyte * 8)(), 8, ${LIVE_CONFIG})`, ts: (o) => o.dro.vcpuPinInfo(LIVE_CONFIG) },
  { name: 'virDomainGetVcpusFlags: read-only allowed without GUEST', py: `dro.vcpusFlags(${LIVE_CONFIG})`, ts: (o) => o.dro.vcpusFlags(LIVE_CONFIG) },
  { name: 'virDomainGetVcpuPinInfo: ncpumaps positive', py: `C.virDomainGetVcpuPinInfo(P(d), 0, None, 1, ${LIVE_CONFIG})`, ts: (o) => o.d.vcpuPinInfo(LIVE_CONFIG, 0) },

  // Domain: memory
  { name: 'virDomainSetMemory: memory not zero', py: 'gone.setMemory(0)', ts: (o) => o.gone.setMemory(0) },
  { name: 'virDomainSetMemory: overflow', py: `gone.setMemory(${TOO_MUCH_MEMORY})`, ts: (o) => o.gone.setMemory(TOO_MUCH_MEMORY) },
  { name: 'virDomainSetMemory: read-only first', py: 'dro.setMemory(0)', ts: (o) => o.dro.setMemory(0) },
  { name: 'virDomainSetMemoryFlags: memory not zero', py: 'd.setMemoryFlags(0, 0)', ts: (o) => o.d.setMemoryFlags(0, 0) },
  { name: 'virDomainSetMemoryFlags: overflow', py: `d.setMemoryFlags(${TOO_MUCH_MEMORY}, 0)`, ts: (o) => o.d.setMemoryFlags(TOO_MUCH_MEMORY, 0) },
  { name: 'virDomainSetMaxMemory: memory not zero', py: 'd.setMaxMemory(0)', ts: (o) => o.d.setMaxMemory(0) },
  { name: 'virDomainSetMaxMemory: overflow', py: `d.setMaxMemory(${TOO_MUCH_MEMORY})`, ts: (o) => o.d.setMaxMemory(TOO_MUCH_MEMORY) },
  { name: 'virDomainSetMemoryStatsPeriod: period not negative', py: 'gone.setMemoryStatsPeriod(-1, 0)', ts: (o) => o.gone.setMemoryStatsPeriod(-1, 0) },
  { name: 'virDomainSetMemoryStatsPeriod: read-only first', py: 'dro.setMemoryStatsPeriod(-1, 0)', ts: (o) => o.dro.setMemoryStatsPeriod(-1, 0) },

  // Domain: tuning, dumps, signals
  { name: 'virDomainGetSchedulerParametersFlags: LIVE and CONFIG exclusive', py: `d.schedulerParametersFlags(${LIVE_CONFIG})`, ts: (o) => o.d.schedulerParametersFlags(LIVE_CONFIG) },
  { name: 'virDomainGetMemoryParameters: LIVE and CONFIG exclusive', py: `d.memoryParameters(${LIVE_CONFIG})`, ts: (o) => o.d.memoryParameters(LIVE_CONFIG) },
  { name: 'virDomainGetBlkioParameters: LIVE and CONFIG exclusive', py: `d.blkioParameters(${LIVE_CONFIG})`, ts: (o) => o.d.blkioParameters(LIVE_CONFIG) },
  { name: 'virDomainGetEmulatorPinInfo: LIVE and CONFIG exclusive', py: `d.emulatorPinInfo(${LIVE_CONFIG})`, ts: (o) => o.d.emulatorPinInfo(LIVE_CONFIG) },
  { name: 'virDomainSetMemoryParameters: nparams positive', py: 'C.virDomainSetMemoryParameters(P(d), (ctypes.c_byte * 128)(), 0, 0)', ts: (o) => o.d.setMemoryParameters([], 0) },
  { name: 'virDomainCoreDumpWithFormat: known format', py: "gone.coreDumpWithFormat('/nonexistent/x', 9, 0)", ts: (o) => o.gone.coreDumpWithFormat('/nonexistent/x', 9, 0) },
  { name: 'virDomainCoreDumpWithFormat: CRASH and LIVE exclusive', py: `d.coreDumpWithFormat('/nonexistent/x', 0, ${k.VIR_DUMP_CRASH | k.VIR_DUMP_LIVE})`, ts: (o) => o.d.coreDumpWithFormat('/nonexistent/x', 0, k.VIR_DUMP_CRASH | k.VIR_DUMP_LIVE) },
  { name: 'virDomainCoreDumpWithFormat: LIVE and RESET exclusive', py: `d.coreDumpWithFormat('/nonexistent/x', 0, ${k.VIR_DUMP_LIVE | k.VIR_DUMP_RESET})`, ts: (o) => o.d.coreDumpWithFormat('/nonexistent/x', 0, k.VIR_DUMP_LIVE | k.VIR_DUMP_RESET) },
  { name: 'virDomainGetBlockInfo: disk not empty', py: "gone.blockInfo('', 0)", ts: (o) => o.gone.blockInfo('', 0) },
  { name: 'virDomainPinVcpu: map not empty', py: 'C.virDomainPinVcpu(P(gone), 0, (ctypes.c_ubyte * 1)(), 0)', ts: (o) => o.gone.pinVcpu(0, []) },
  { name: 'virDomainPinVcpu: read-only first', py: 'C.virDomainPinVcpu(P(dro), 0, (ctypes.c_ubyte * 1)(), 0)', ts: (o) => o.dro.pinVcpu(0, []) },
  { name: 'virDomainPinVcpuFlags: map not empty', py: 'C.virDomainPinVcpuFlags(P(gone), 0, (ctypes.c_ubyte * 1)(), 0, 0)', ts: (o) => o.gone.pinVcpuFlags(0, [], 0) },
  { name: 'virDomainPinEmulator: map not empty', py: 'C.virDomainPinEmulator(P(gone), (ctypes.c_ubyte * 1)(), 0, 0)', ts: (o) => o.gone.pinEmulator([], 0) },
  { name: 'virDomainPinIOThread: map not empty', py: 'C.virDomainPinIOThread(P(gone), 1, (ctypes.c_ubyte * 1)(), 0, 0)', ts: (o) => o.gone.pinIOThread(1, [], 0) },
  { name: 'virDomainGetIOThreadInfo: LIVE and CONFIG exclusive', py: `d.ioThreadInfo(${LIVE_CONFIG})`, ts: (o) => o.d.ioThreadInfo(LIVE_CONFIG) },
  { name: 'virDomainDelIOThread: id not zero', py: 'gone.delIOThread(0, 0)', ts: (o) => o.gone.delIOThread(0, 0) },
  { name: 'virDomainDelIOThread: read-only first', py: 'dro.delIOThread(0, 0)', ts: (o) => o.dro.delIOThread(0, 0) },
  { name: 'virDomainAddIOThread: read-only', py: 'dro.addIOThread(0, 0)', ts: (o) => o.dro.addIOThread(0, 0) },
  { name: 'virDomainGetBlockIoTune: LIVE and CONFIG exclusive', py: `d.blockIoTune('vda', ${LIVE_CONFIG})`, ts: (o) => o.d.blockIoTune('vda', LIVE_CONFIG) },
  { name: 'virDomainSendKey: known code set', py: 'gone.sendKey(99, 0, [1], 1, 0)', ts: (o) => o.gone.sendKey(99, 0, [1], 0) },
  { name: 'virDomainSendKey: at most 16 keys', py: 'C.virDomainSendKey(P(gone), 0, 0, (ctypes.c_uint * 17)(), 17, 0)', ts: (o) => o.gone.sendKey(0, 0, Array(17).fill(1), 0) },
  { name: 'virDomainSendKey: read-only first', py: 'dro.sendKey(99, 0, [1], 1, 0)', ts: (o) => o.dro.sendKey(99, 0, [1], 0) },
  { name: 'virDomainSetLifecycleAction: known type', py: 'gone.setLifecycleAction(9, 0, 0)', ts: (o) => o.gone.setLifecycleAction(9, 0, 0) },
  { name: 'virDomainSetLifecycleAction: known action', py: 'gone.setLifecycleAction(0, 9, 0)', ts: (o) => o.gone.setLifecycleAction(0, 9, 0) },
  { name: 'virDomainSetLifecycleAction: read-only first', py: 'dro.setLifecycleAction(9, 0, 0)', ts: (o) => o.dro.setLifecycleAction(9, 0, 0) },
  { name: 'virDomainSendProcessSignal: pid not zero, before read-only', py: 'dro.sendProcessSignal(0, 9, 0)', ts: (o) => o.dro.sendProcessSignal(0n, 9, 0) },
  { name: 'virDomainMemoryPeek: VIRTUAL and PHYSICAL exclusive', py: `d.memoryPeek(0, 8, ${k.VIR_MEMORY_VIRTUAL | k.VIR_MEMORY_PHYSICAL})`, ts: (o) => o.d.memoryPeek(0n, 8, k.VIR_MEMORY_VIRTUAL | k.VIR_MEMORY_PHYSICAL) },

  // Domain: save and restore
  { name: 'virDomainSaveFlags: RUNNING and PAUSED exclusive', py: `gone.saveFlags('/nonexistent/x', None, ${SAVE_BOTH})`, ts: (o) => o.gone.saveFlags('/nonexistent/x', null, SAVE_BOTH) },
  { name: 'virDomainManagedSave: RUNNING and PAUSED exclusive', py: `gone.managedSave(${SAVE_BOTH})`, ts: (o) => o.gone.managedSave(SAVE_BOTH) },
  { name: 'virDomainSaveFlags: read-only first', py: `dro.saveFlags('/nonexistent/x', None, ${SAVE_BOTH})`, ts: (o) => o.dro.saveFlags('/nonexistent/x', null, SAVE_BOTH) },
  { name: 'virDomainManagedSave: read-only first', py: `dro.managedSave(${SAVE_BOTH})`, ts: (o) => o.dro.managedSave(SAVE_BOTH) },
  { name: 'virDomainRestoreFlags: RUNNING and PAUSED exclusive', py: `c.restoreFlags('/nonexistent/x', None, ${SAVE_BOTH})`, ts: (o) => o.c.restoreFlags('/nonexistent/x', null, SAVE_BOTH) },
  { name: 'virDomainRestoreFlags: read-only first', py: `ro.restoreFlags('/nonexistent/x', None, ${SAVE_BOTH})`, ts: (o) => o.ro.restoreFlags('/nonexistent/x', null, SAVE_BOTH) },
  { name: 'virDomainSaveImageDefineXML: RUNNING and PAUSED exclusive', py: `c.saveImageDefineXML('/nonexistent/x', '<domain/>', ${SAVE_BOTH})`, ts: (o) => o.c.saveImageDefineXML('/nonexistent/x', '<domain/>', SAVE_BOTH) },
  { name: 'virDomainSaveImageDefineXML: read-only first', py: `ro.saveImageDefineXML('/nonexistent/x', '<domain/>', ${SAVE_BOTH})`, ts: (o) => o.ro.saveImageDefineXML('/nonexistent/x', '<domain/>', SAVE_BOTH) },
  { name: 'virDomainSaveImageGetXMLDesc: read-write only', py: "ro.saveImageGetXMLDesc('/nonexistent/x', 0)", ts: (o) => o.ro.saveImageGetXMLDesc('/nonexistent/x', 0) },

  // Domain: description, metadata, rename
  { name: 'virDomainGetXMLDesc: no secure XML read-only', py: `dro.XMLDesc(${k.VIR_DOMAIN_XML_SECURE})`, ts: (o) => o.dro.XMLDesc(k.VIR_DOMAIN_XML_SECURE) },
  { name: 'virDomainGetXMLDesc: no migratable XML read-only', py: `dro.XMLDesc(${k.VIR_DOMAIN_XML_MIGRATABLE})`, ts: (o) => o.dro.XMLDesc(k.VIR_DOMAIN_XML_MIGRATABLE) },
  { name: 'virDomainGetMetadata: LIVE and CONFIG exclusive, before uri', py: `d.metadata(${k.VIR_DOMAIN_METADATA_ELEMENT}, None, ${LIVE_CONFIG})`, ts: (o) => o.d.metadata(k.VIR_DOMAIN_METADATA_ELEMENT, null, LIVE_CONFIG) },
  { name: 'virDomainGetMetadata: no read-only check', py: `dro.metadata(${k.VIR_DOMAIN_METADATA_ELEMENT}, None, ${LIVE_CONFIG})`, ts: (o) => o.dro.metadata(k.VIR_DOMAIN_METADATA_ELEMENT, null, LIVE_CONFIG) },
  { name: 'virDomainGetMetadata: element needs uri', py: `d.metadata(${k.VIR_DOMAIN_METADATA_ELEMENT}, None, 0)`, ts: (o) => o.d.metadata(k.VIR_DOMAIN_METADATA_ELEMENT, null, 0) },
  { name: 'virDomainGetMetadata: title takes no uri', py: `d.metadata(${k.VIR_DOMAIN_METADATA_TITLE}, 'http://x/', 0)`, ts: (o) => o.d.metadata(k.VIR_DOMAIN_METADATA_TITLE, 'http://x/', 0) },
  { name: 'virDomainSetMetadata: one-line title', py: `d.setMetadata(${k.VIR_DOMAIN_METADATA_TITLE}, 'a\\nb', None, None, 0)`, ts: (o) => o.d.setMetadata(k.VIR_DOMAIN_METADATA_TITLE, 'a\nb', null, null, 0) },
  { name: 'virDomainSetMetadata: read-only first', py: `dro.setMetadata(${k.VIR_DOMAIN_METADATA_TITLE}, 'a\\nb', None, None, 0)`, ts: (o) => o.dro.setMetadata(k.VIR_DOMAIN_METADATA_TITLE, 'a\nb', null, null, 0) },
  { name: 'virDomainSetMetadata: description takes no key', py: `d.setMetadata(${k.VIR_DOMAIN_METADATA_DESCRIPTION}, 'x', 'k', None, 0)`, ts: (o) => o.d.setMetadata(k.VIR_DOMAIN_METADATA_DESCRIPTION, 'x', 'k', null, 0) },
  { name: 'virDomainSetMetadata: element needs uri', py: `d.setMetadata(${k.VIR_DOMAIN_METADATA_ELEMENT}, '<a/>', 'k', None, 0)`, ts: (o) => o.d.setMetadata(k.VIR_DOMAIN_METADATA_ELEMENT, '<a/>', 'k', null, 0) },
  { name: 'virDomainSetMetadata: element needs key', py: `d.setMetadata(${k.VIR_DOMAIN_METADATA_ELEMENT}, '<a/>', None, 'http://x/', 0)`, ts: (o) => o.d.setMetadata(k.VIR_DOMAIN_METADATA_ELEMENT, '<a/>', null, 'http://x/', 0) },
  { name: 'virDomainRename: new name not empty', py: "gone.rename('', 0)", ts: (o) => o.gone.rename('', 0) },
  { name: 'virDomainRename: empty name before read-only', py: "dro.rename('', 0)", ts: (o) => o.dro.rename('', 0) },

  { name: 'virDomainSetUserPassword: user not NULL', py: "d.setUserPassword(None, 'x', 0)", ts: (o) => o.d.setUserPassword(null as unknown as string, 'x', 0) },
  { name: 'virDomainSetUserPassword: password not NULL', py: "d.setUserPassword('root', None, 0)", ts: (o) => o.d.setUserPassword('root', null as unknown as string, 0) },

  // Domain: devices, block jobs, vcpu state, power management (the test driver serves none of them)
  { name: 'virDomainAttachDevice: xml not NULL, before read-only', py: 'dro.attachDevice(None)', ts: (o) => o.dro.attachDevice(null as unknown as string) },
  { name: 'virDomainAttachDevice: not supported', py: "d.attachDevice('<disk/>')", ts: (o) => o.d.attachDevice('<disk/>') },
  { name: 'virDomainAttachDeviceFlags: not supported', py: "d.attachDeviceFlags('<disk/>', 1)", ts: (o) => o.d.attachDeviceFlags('<disk/>', 1) },
  { name: 'virDomainDetachDevice: xml not NULL, before read-only', py: 'dro.detachDevice(None)', ts: (o) => o.dro.detachDevice(null as unknown as string) },
  { name: 'virDomainDetachDevice: not supported', py: "d.detachDevice('<disk/>')", ts: (o) => o.d.detachDevice('<disk/>') },
  { name: 'virDomainDetachDeviceFlags: xml not NULL, before read-only', py: 'dro.detachDeviceFlags(None, 0)', ts: (o) => o.dro.detachDeviceFlags(null as unknown as string, 0) },
  { name: 'virDomainUpdateDeviceFlags: not supported', py: "d.updateDeviceFlags('<disk/>', 0)", ts: (o) => o.d.updateDeviceFlags('<disk/>', 0) },
  { name: 'virDomainDetachDeviceAlias: alias not NULL, before read-only', py: 'dro.detachDeviceAlias(None, 0)', ts: (o) => o.dro.detachDeviceAlias(null as unknown as string, 0) },
  { name: 'virDomainDetachDeviceAlias: not supported', py: "d.detachDeviceAlias('ua-x', 0)", ts: (o) => o.d.detachDeviceAlias('ua-x', 0) },
  { name: 'virDomainBlockResize: read-only before disk', py: 'dro.blockResize(None, 1, 0)', ts: (o) => o.dro.blockResize(null as unknown as string, 1, 0) },
  { name: 'virDomainBlockResize: disk not NULL', py: 'd.blockResize(None, 1, 0)', ts: (o) => o.d.blockResize(null as unknown as string, 1, 0) },
  { name: 'virDomainBlockResize: not supported', py: "d.blockResize('vda', 1, 0)", ts: (o) => o.d.blockResize('vda', 1, 0) },
  { name: 'virDomainGetBlockJobInfo: allowed read-only', py: "dro.blockJobInfo('vda', 0)", ts: (o) => o.dro.blockJobInfo('vda', 0) },
  { name: 'virDomainBlockJobAbort: disk not NULL', py: 'd.blockJobAbort(None, 0)', ts: (o) => o.d.blockJobAbort(null as unknown as string, 0) },
  { name: 'virDomainBlockJobSetSpeed: not supported', py: "d.blockJobSetSpeed('vda', 5, 0)", ts: (o) => o.d.blockJobSetSpeed('vda', 5, 0) },
  { name: 'virDomainBlockPull: not supported', py: "d.blockPull('vda', 0, 0)", ts: (o) => o.d.blockPull('vda', 0, 0) },
  { name: 'virDomainBlockRebase: a copy needs its base', py: `d.blockRebase('vda', None, 0, ${k.VIR_DOMAIN_BLOCK_REBASE_COPY})`, ts: (o) => o.d.blockRebase('vda', null, 0, k.VIR_DOMAIN_BLOCK_REBASE_COPY) },
  { name: 'virDomainBlockRebase: copy flags need a copy', py: `d.blockRebase('vda', None, 0, ${k.VIR_DOMAIN_BLOCK_REBASE_SHALLOW})`, ts: (o) => o.d.blockRebase('vda', null, 0, k.VIR_DOMAIN_BLOCK_REBASE_SHALLOW) },
  { name: 'virDomainBlockRebase: read-only before flags', py: `dro.blockRebase('vda', None, 0, ${k.VIR_DOMAIN_BLOCK_REBASE_COPY_DEV})`, ts: (o) => o.dro.blockRebase('vda', null, 0, k.VIR_DOMAIN_BLOCK_REBASE_COPY_DEV) },
  { name: 'virDomainBlockRebase: not supported', py: "d.blockRebase('vda', '/b', 0, 0)", ts: (o) => o.d.blockRebase('vda', '/b', 0, 0) },
  { name: 'virDomainBlockCopy: destxml not NULL', py: "d.blockCopy('vda', None, None, 0)", ts: (o) => o.d.blockCopy('vda', null as unknown as string, [], 0) },
  { name: 'virDomainBlockCopy: not supported', py: "d.blockCopy('vda', '<disk/>', {'bandwidth': 1}, 0)", ts: (o) => o.d.blockCopy('vda', '<disk/>', [{ field: 'bandwidth', type: k.VIR_TYPED_PARAM_ULLONG, value: 1n }], 0) },
  { name: 'virDomainBlockCommit: disk not NULL', py: 'd.blockCommit(None, None, None, 0, 0)', ts: (o) => o.d.blockCommit(null as unknown as string, null, null, 0, 0) },
  { name: 'virDomainBlockCommit: not supported', py: "d.blockCommit('vda', '/b', '/t', 0, 0)", ts: (o) => o.d.blockCommit('vda', '/b', '/t', 0, 0) },
  { name: 'virDomainSetBlockThreshold: dev not NULL', py: 'd.setBlockThreshold(None, 1, 0)', ts: (o) => o.d.setBlockThreshold(null as unknown as string, 1, 0) },
  { name: 'virDomainSetBlockThreshold: not supported', py: "d.setBlockThreshold('vda', 1, 0)", ts: (o) => o.d.setBlockThreshold('vda', 1, 0) },
  { name: 'virDomainSetVcpu: vcpumap not NULL', py: 'd.setVcpu(None, 1, 0)', ts: (o) => o.d.setVcpu(null as unknown as string, 1, 0) },
  { name: 'virDomainSetVcpu: not supported', py: "d.setVcpu('1', 0, 0)", ts: (o) => o.d.setVcpu('1', 0, 0) },
  { name: 'virDomainGetGuestVcpus: not supported', py: 'd.guestVcpus(0)', ts: (o) => o.d.guestVcpus(0) },
  { name: 'virDomainSetGuestVcpus: cpumap not NULL', py: 'd.setGuestVcpus(None, 1, 0)', ts: (o) => o.d.setGuestVcpus(null as unknown as string, 1, 0) },
  { name: 'virDomainPMSuspendForDuration: not supported', py: `d.pMSuspendForDuration(${k.VIR_NODE_SUSPEND_TARGET_MEM}, 0, 0)`, ts: (o) => o.d.pmSuspendForDuration(k.VIR_NODE_SUSPEND_TARGET_MEM, 0, 0) },
  { name: 'virDomainPMWakeup: not supported', py: 'd.pMWakeup(0)', ts: (o) => o.d.pmWakeup(0) },

  // Domain: file descriptors
  { name: 'virDomainOpenGraphics: fd not negative', py: 'd.openGraphics(0, -1, 0)', ts: (o) => o.d.openGraphics(0, -1, 0) },
  { name: 'virDomainOpenGraphics: fd checked before read-only', py: 'dro.openGraphics(0, -1, 0)', ts: (o) => o.dro.openGraphics(0, -1, 0) },
  { name: 'virDomainFDAssociate: nfds not zero, before read-only', py: "dro.FDAssociate('x', [], 0)", ts: (o) => o.dro.fdAssociate('x', [], 0) },

  // Domain: streams of another connection
  { name: 'virDomainOpenConsole: stream of the domain\'s connection', py: 'd.openConsole(None, c2.newStream(0), 0)', ts: (o) => o.d.openConsole(null, o.c2.newStream(0), 0) },
  { name: 'virDomainOpenConsole: read-only first', py: 'dro.openConsole(None, c2.newStream(0), 0)', ts: (o) => o.dro.openConsole(null, o.c2.newStream(0), 0) },
  { name: 'virDomainOpenChannel: stream of the domain\'s connection', py: 'd.openChannel(None, c2.newStream(0), 0)', ts: (o) => o.d.openChannel(null, o.c2.newStream(0), 0) },
  { name: 'virDomainScreenshot: stream of the domain\'s connection', py: 'd.screenshot(c2.newStream(0), 0, 0)', ts: (o) => o.d.screenshot(o.c2.newStream(0), 0, 0) },

  // Domain: lookups and lists
  { name: 'virDomainLookupByID: id not negative', py: 'c.lookupByID(-1)', ts: (o) => o.c.lookupByID(-1) },
  { name: 'virDomainLookupByID: read-only allowed', py: 'ro.lookupByID(-1)', ts: (o) => o.ro.lookupByID(-1) },
  { name: 'virDomainLookupByUUIDString: valid UUID', py: "c.lookupByUUIDString('zz')", ts: (o) => o.c.lookupByUUIDString('zz') },
  { name: 'virConnectListDomains: maxids not negative', py: 'C.virConnectListDomains(P(c), None, -1)', ts: (o) => o.c.listDomainsID(-1) },
  { name: 'virConnectListDefinedDomains: maxnames not negative', py: 'C.virConnectListDefinedDomains(P(c), None, -1)', ts: (o) => o.c.listDefinedDomains(-1) },
  { name: 'virDomainListGetStats: at least one domain', py: 'c.domainListGetStats([], 0, 0)', ts: (o) => o.c.domainListGetStats([], 0, 0) },
  { name: 'virDomainListGetStats: one connection', py: 'c.domainListGetStats([d, d2], 0, 0)', ts: (o) => o.c.domainListGetStats([o.d, o.d2], 0, 0) },

  // Domain events
  { name: 'virConnectDomainEventRegisterAny: domain of this connection', py: 'c2.domainEventRegisterAny(d, 0, cb, None)', ts: (o) => o.c2.domainEventRegisterAny(o.d, 0, noop) },
  { name: 'virConnectDomainEventRegisterAny: eventID not negative', py: 'C.virConnectDomainEventRegisterAny(P(c), None, -1, CB, None, None)', ts: (o) => o.c.domainEventRegisterAny(null, -1, noop) },
  { name: 'virConnectDomainEventRegisterAny: eventID known', py: `C.virConnectDomainEventRegisterAny(P(c), None, ${k.VIR_DOMAIN_EVENT_ID_LAST}, CB, None, None)`, ts: (o) => o.c.domainEventRegisterAny(null, k.VIR_DOMAIN_EVENT_ID_LAST, noop) },
  { name: 'virConnectDomainEventDeregisterAny: callbackID not negative', py: 'c.domainEventDeregisterAny(-1)', ts: (o) => o.c.domainEventDeregisterAny(-1) },
  { name: 'virConnectNetworkEventRegisterAny: eventID known', py: `C.virConnectNetworkEventRegisterAny(P(c), None, ${k.VIR_NETWORK_EVENT_ID_LAST}, CB, None, None)`, ts: (o) => o.c.networkEventRegisterAny(null, k.VIR_NETWORK_EVENT_ID_LAST, noop) },
  { name: 'virConnectNetworkEventDeregisterAny: callbackID not negative', py: 'c.networkEventDeregisterAny(-1)', ts: (o) => o.c.networkEventDeregisterAny(-1) },
  { name: 'virConnectStoragePoolEventRegisterAny: eventID not negative', py: 'C.virConnectStoragePoolEventRegisterAny(P(c), None, -1, CB, None, None)', ts: (o) => o.c.storagePoolEventRegisterAny(null, -1, noop) },
  { name: 'virConnectStoragePoolEventDeregisterAny: callbackID not negative', py: 'c.storagePoolEventDeregisterAny(-1)', ts: (o) => o.c.storagePoolEventDeregisterAny(-1) },

  // Snapshots
  { name: 'virDomainSnapshotCreateXML: CURRENT requires REDEFINE', py: `d.snapshotCreateXML('<domainsnapshot/>', ${k.VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT})`, ts: (o) => o.d.snapshotCreateXML('<domainsnapshot/>', k.VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT) },
  { name: 'virDomainSnapshotCreateXML: REDEFINE and NO_METADATA exclusive', py: `d.snapshotCreateXML('<domainsnapshot/>', ${REDEFINE | k.VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA})`, ts: (o) => o.d.snapshotCreateXML('<domainsnapshot/>', REDEFINE | k.VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA) },
  { name: 'virDomainSnapshotCreateXML: REDEFINE and HALT exclusive', py: `d.snapshotCreateXML('<domainsnapshot/>', ${REDEFINE | k.VIR_DOMAIN_SNAPSHOT_CREATE_HALT})`, ts: (o) => o.d.snapshotCreateXML('<domainsnapshot/>', REDEFINE | k.VIR_DOMAIN_SNAPSHOT_CREATE_HALT) },
  { name: 'virDomainSnapshotCreateXML: read-only first', py: `dro.snapshotCreateXML('<domainsnapshot/>', ${k.VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT})`, ts: (o) => o.dro.snapshotCreateXML('<domainsnapshot/>', k.VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT) },
  { name: 'virDomainRevertToSnapshot: RUNNING and PAUSED exclusive', py: `d.revertToSnapshot(snap, ${k.VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING | k.VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED})`, ts: (o) => o.d.revertToSnapshot(o.snap, k.VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING | k.VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED) },
  { name: 'virDomainSnapshotDelete: CHILDREN and CHILDREN_ONLY exclusive', py: `snap.delete(${k.VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN | k.VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY})`, ts: (o) => o.snap.delete(k.VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN | k.VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY) },
  { name: 'virDomainRevertToSnapshot: read-only first', py: `dro.revertToSnapshot(snapro, ${k.VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING | k.VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED})`, ts: (o) => o.dro.revertToSnapshot(o.snapro, k.VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING | k.VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED) },
  { name: 'virDomainSnapshotDelete: read-only first', py: `snapro.delete(${k.VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN | k.VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY})`, ts: (o) => o.snapro.delete(k.VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN | k.VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY) },
  { name: 'virDomainSnapshotGetXMLDesc: no secure XML read-only', py: `snapro.getXMLDesc(${k.VIR_DOMAIN_SNAPSHOT_XML_SECURE})`, ts: (o) => o.snapro.getXMLDesc(k.VIR_DOMAIN_SNAPSHOT_XML_SECURE) },

  // Host
  { name: 'virNodeGetCPUStats: -1 is the only negative cpu', py: 'c.getCPUStats(-2, 0)', ts: (o) => o.c.getCPUStats(-2, 0) },
  { name: 'virNodeGetMemoryStats: -1 is the only negative cell', py: 'c.getMemoryStats(-2, 0)', ts: (o) => o.c.getMemoryStats(-2, 0) },
  { name: 'virNodeGetFreePages: npages not zero', py: 'c.getFreePages([], 0, 1, 0)', ts: (o) => o.c.getFreePages([], 0, 1, 0) },
  { name: 'virNodeGetFreePages: cellCount not zero', py: 'C.virNodeGetFreePages(P(c), 1, (ctypes.c_uint * 1)(4), 0, 0, (ctypes.c_ulonglong * 1)(), 0)', ts: (o) => o.c.getFreePages([4], 0, 0, 0) },
  { name: 'virNodeGetFreePages: read-only allowed', py: 'ro.getFreePages([4], 0, 1, 1)', ts: (o) => o.ro.getFreePages([4], 0, 1, 1) },
  { name: 'virNodeGetCellsFreeMemory: startCell not negative', py: 'C.virNodeGetCellsFreeMemory(P(c), (ctypes.c_ulonglong * 1)(), -1, 1)', ts: (o) => o.c.getCellsFreeMemory(-1, 1) },

  // Networks
  { name: 'virNetworkLookupByUUIDString: valid UUID', py: "c.networkLookupByUUIDString('zz')", ts: (o) => o.c.networkLookupByUUIDString('zz') },
  { name: 'virConnectListNetworks: maxnames not negative', py: 'C.virConnectListNetworks(P(c), None, -1)', ts: (o) => o.c.listNetworks(-1) },
  { name: 'virConnectListDefinedNetworks: maxnames not negative', py: 'C.virConnectListDefinedNetworks(P(c), None, -1)', ts: (o) => o.c.listDefinedNetworks(-1) },

  // Storage
  { name: 'virStoragePoolLookupByUUIDString: valid UUID', py: "c.storagePoolLookupByUUIDString('zz')", ts: (o) => o.c.storagePoolLookupByUUIDString('zz') },
  { name: 'virConnectListStoragePools: maxnames not negative', py: 'C.virConnectListStoragePools(P(c), None, -1)', ts: (o) => o.c.listStoragePools(-1) },
  { name: 'virConnectListDefinedStoragePools: maxnames not negative', py: 'C.virConnectListDefinedStoragePools(P(c), None, -1)', ts: (o) => o.c.listDefinedStoragePools(-1) },
  { name: 'virConnectFindStoragePoolSources: read-write only', py: "ro.findStoragePoolSources('netfs', None, 0)", ts: (o) => o.ro.findStoragePoolSources('netfs', null, 0) },
  { name: 'virStorageVolResize: zero capacity needs DELTA or SHRINK', py: 'vol.resize(0, 0)', ts: (o) => o.vol.resize(0, 0) },
  { name: 'virStorageVolResize: read-only first', py: 'volro.resize(0, 0)', ts: (o) => o.volro.resize(0, 0) },
  { name: 'virStorageVolUpload: stream of the volume\'s connection', py: 'vol.upload(c2.newStream(0), 0, 0, 0)', ts: (o) => o.vol.upload(o.c2.newStream(0), 0, 0, 0) },
  { name: 'virStorageVolDownload: stream of the volume\'s connection', py: 'vol.download(c2.newStream(0), 0, 0, 0)', ts: (o) => o.vol.download(o.c2.newStream(0), 0, 0, 0) },
  { name: 'virStorageVolDownload: read-only first', py: 'volro.download(c2.newStream(0), 0, 0, 0)', ts: (o) => o.volro.download(o.c2.newStream(0), 0, 0, 0) },

  // Every other call libvirt refuses on a read-only connection (virCheckReadOnly).
  ...([
    ['virDomainCreate', 'dro.create()', (o) => o.dro.create()],
    ['virDomainCreateWithFlags', 'dro.createWithFlags(0)', (o) => o.dro.createWithFlags(0)],
    ['virDomainCreateWithFiles', 'dro.createWithFiles([], 0)', (o) => o.dro.createWithFiles([], 0)],
    ['virDomainUndefine', 'dro.undefine()', (o) => o.dro.undefine()],
    ['virDomainUndefineFlags', 'dro.undefineFlags(0)', (o) => o.dro.undefineFlags(0)],
    ['virDomainShutdown', 'dro.shutdown()', (o) => o.dro.shutdown()],
    ['virDomainShutdownFlags', 'dro.shutdownFlags(0)', (o) => o.dro.shutdownFlags(0)],
    ['virDomainReboot', 'dro.reboot(0)', (o) => o.dro.reboot(0)],
    ['virDomainReset', 'dro.reset(0)', (o) => o.dro.reset(0)],
    ['virDomainDestroy', 'dro.destroy()', (o) => o.dro.destroy()],
    ['virDomainDestroyFlags', 'dro.destroyFlags(0)', (o) => o.dro.destroyFlags(0)],
    ['virDomainSuspend', 'dro.suspend()', (o) => o.dro.suspend()],
    ['virDomainResume', 'dro.resume()', (o) => o.dro.resume()],
    ['virDomainSave', "dro.save('/nonexistent/x')", (o) => o.dro.save('/nonexistent/x')],
    ['virDomainManagedSaveRemove', 'dro.managedSaveRemove(0)', (o) => o.dro.managedSaveRemove(0)],
    ['virDomainSetAutostart', 'dro.setAutostart(1)', (o) => o.dro.setAutostart(1)],
    ['virDomainSetMaxMemory', 'dro.setMaxMemory(1024)', (o) => o.dro.setMaxMemory(1024)],
    ['virDomainSetVcpus', 'dro.setVcpus(1)', (o) => o.dro.setVcpus(1)],
    ['virDomainRename', "dro.rename('x', 0)", (o) => o.dro.rename('x', 0)],
    ['virDomainGetTime', 'dro.getTime(0)', (o) => o.dro.getTime(0)],
    ['virDomainSetTime', "dro.setTime({'seconds': 1, 'nseconds': 0}, 0)", (o) => o.dro.setTime(1, 0, 0)],
    ['virDomainGetFSInfo', 'dro.fsInfo(0)', (o) => o.dro.getFSInfo(0)],
    ['virDomainFSFreeze', 'dro.fsFreeze([], 0)', (o) => o.dro.fsFreeze([], 0)],
    ['virDomainFSThaw', 'dro.fsThaw([], 0)', (o) => o.dro.fsThaw([], 0)],
    ['virDomainSetUserPassword', "dro.setUserPassword('root', 'x', 0)", (o) => o.dro.setUserPassword('root', 'x', 0)],
    ['virDomainOpenGraphicsFD', 'dro.openGraphicsFD(0, 0)', (o) => o.dro.openGraphicsFD(0, 0)],
    ['virDomainAttachDeviceFlags', "dro.attachDeviceFlags('<disk/>', 0)", (o) => o.dro.attachDeviceFlags('<disk/>', 0)],
    ['virDomainUpdateDeviceFlags', "dro.updateDeviceFlags('<disk/>', 0)", (o) => o.dro.updateDeviceFlags('<disk/>', 0)],
    ['virDomainBlockJobAbort', "dro.blockJobAbort('vda', 0)", (o) => o.dro.blockJobAbort('vda', 0)],
    ['virDomainBlockJobSetSpeed', "dro.blockJobSetSpeed('vda', 1, 0)", (o) => o.dro.blockJobSetSpeed('vda', 1, 0)],
    ['virDomainBlockPull', "dro.blockPull('vda', 0, 0)", (o) => o.dro.blockPull('vda', 0, 0)],
    ['virDomainBlockCopy', "dro.blockCopy('vda', '<disk/>', None, 0)", (o) => o.dro.blockCopy('vda', '<disk/>', [], 0)],
    ['virDomainBlockCommit', "dro.blockCommit('vda', None, None, 0, 0)", (o) => o.dro.blockCommit('vda', null, null, 0, 0)],
    ['virDomainSetBlockThreshold', "dro.setBlockThreshold('vda', 1, 0)", (o) => o.dro.setBlockThreshold('vda', 1, 0)],
    ['virDomainSetVcpu', "dro.setVcpu('1', 1, 0)", (o) => o.dro.setVcpu('1', 1, 0)],
    ['virDomainGetGuestVcpus', 'dro.guestVcpus(0)', (o) => o.dro.guestVcpus(0)],
    ['virDomainSetGuestVcpus', "dro.setGuestVcpus('1', 1, 0)", (o) => o.dro.setGuestVcpus('1', 1, 0)],
    ['virDomainPMSuspendForDuration', 'dro.pMSuspendForDuration(0, 0, 0)', (o) => o.dro.pmSuspendForDuration(0, 0, 0)],
    ['virDomainPMWakeup', 'dro.pMWakeup(0)', (o) => o.dro.pmWakeup(0)],
    ['virDomainInterfaceAddresses', `dro.interfaceAddresses(${k.VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_AGENT}, 0)`, (o) => o.dro.interfaceAddresses(k.VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_AGENT, 0)],
    ['virDomainOpenConsole', 'dro.openConsole(None, ro.newStream(0), 0)', (o) => o.dro.openConsole(null, o.ro.newStream(0), 0)],
    ['virDomainRestore', "ro.restore('/nonexistent/x')", (o) => o.ro.restore('/nonexistent/x')],
    ['virDomainDefineXML', "ro.defineXML('<domain/>')", (o) => o.ro.defineXML('<domain/>')],
    ['virDomainDefineXMLFlags', "ro.defineXMLFlags('<domain/>', 0)", (o) => o.ro.defineXMLFlags('<domain/>', 0)],
    ['virDomainCreateXML', "ro.createXML('<domain/>', 0)", (o) => o.ro.createXML('<domain/>', 0)],
    ['virDomainCreateXMLWithFiles', "ro.createXMLWithFiles('<domain/>', [], 0)", (o) => o.ro.createXMLWithFiles('<domain/>', [], 0)],
    ['virConnectDomainXMLToNative', "ro.domainXMLToNative('x', '<domain/>', 0)", (o) => o.ro.domainXMLToNative('x', '<domain/>', 0)],
    ['virConnectDomainXMLFromNative', "ro.domainXMLFromNative('x', 'y', 0)", (o) => o.ro.domainXMLFromNative('x', 'y', 0)],
    ['virNetworkCreateXML', "ro.networkCreateXML('<network/>')", (o) => o.ro.networkCreateXML('<network/>')],
    ['virNetworkDefineXML', "ro.networkDefineXML('<network/>')", (o) => o.ro.networkDefineXML('<network/>')],
    ['virNetworkCreate', 'netro.create()', (o) => o.netro.create()],
    ['virNetworkDestroy', 'netro.destroy()', (o) => o.netro.destroy()],
    ['virNetworkUndefine', 'netro.undefine()', (o) => o.netro.undefine()],
    ['virNetworkSetAutostart', 'netro.setAutostart(1)', (o) => o.netro.setAutostart(1)],
    ['virStoragePoolCreateXML', "ro.storagePoolCreateXML('<pool/>', 0)", (o) => o.ro.storagePoolCreateXML('<pool/>', 0)],
    ['virStoragePoolDefineXML', "ro.storagePoolDefineXML('<pool/>', 0)", (o) => o.ro.storagePoolDefineXML('<pool/>', 0)],
    ['virStoragePoolBuild', 'poolro.build(0)', (o) => o.poolro.build(0)],
    ['virStoragePoolCreate', 'poolro.create(0)', (o) => o.poolro.create(0)],
    ['virStoragePoolDestroy', 'poolro.destroy()', (o) => o.poolro.destroy()],
    ['virStoragePoolDelete', 'poolro.delete(0)', (o) => o.poolro.delete(0)],
    ['virStoragePoolUndefine', 'poolro.undefine()', (o) => o.poolro.undefine()],
    ['virStoragePoolRefresh', 'poolro.refresh(0)', (o) => o.poolro.refresh(0)],
    ['virStoragePoolSetAutostart', 'poolro.setAutostart(1)', (o) => o.poolro.setAutostart(1)],
    ['virStorageVolCreateXML', "poolro.createXML('<volume/>', 0)", (o) => o.poolro.createXML('<volume/>', 0)],
    ['virStorageVolCreateXMLFrom', "poolro.createXMLFrom('<volume/>', volro, 0)", (o) => o.poolro.createXMLFrom('<volume/>', o.volro, 0)],
    ['virStorageVolDelete', 'volro.delete(0)', (o) => o.volro.delete(0)],
    ['virStorageVolWipe', 'volro.wipe(0)', (o) => o.volro.wipe(0)],
    ['virStorageVolWipePattern', 'volro.wipePattern(0, 0)', (o) => o.volro.wipePattern(0, 0)],
    ['virStorageVolUpload', 'volro.upload(ro.newStream(0), 0, 0, 0)', (o) => o.volro.upload(o.ro.newStream(0), 0, 0, 0)],
    ['virInterfaceDefineXML', "ro.interfaceDefineXML('<interface/>', 0)", (o) => o.ro.interfaceDefineXML('<interface/>', 0)],
    ['virInterfaceCreate', 'ifacero.create(0)', (o) => o.ifacero.create(0)],
    ['virInterfaceDestroy', 'ifacero.destroy(0)', (o) => o.ifacero.destroy(0)],
    ['virInterfaceUndefine', 'ifacero.undefine()', (o) => o.ifacero.undefine()],
    ['virInterfaceChangeBegin', 'ro.changeBegin(0)', (o) => o.ro.changeBegin(0)],
    ['virInterfaceChangeCommit', 'ro.changeCommit(0)', (o) => o.ro.changeCommit(0)],
    ['virInterfaceChangeRollback', 'ro.changeRollback(0)', (o) => o.ro.changeRollback(0)],
    ['virDomainAbortJob', 'dro.abortJob()', (o) => o.dro.abortJob()],
    ['virDomainAbortJobFlags', 'dro.abortJobFlags(0)', (o) => o.dro.abortJobFlags(0)],
    ['virDomainMigrateSetMaxDowntime', 'dro.migrateSetMaxDowntime(1, 0)', (o) => o.dro.migrateSetMaxDowntime(1n, 0)],
    ['virDomainMigrateSetCompressionCache', 'dro.migrateSetCompressionCache(1, 0)', (o) => o.dro.migrateSetCompressionCache(1n, 0)],
    ['virDomainMigrateSetMaxSpeed', 'dro.migrateSetMaxSpeed(1, 0)', (o) => o.dro.migrateSetMaxSpeed(1n, 0)],
    ['virDomainMigrateGetMaxSpeed', 'dro.migrateGetMaxSpeed(0)', (o) => o.dro.migrateGetMaxSpeed(0)],
    ['virDomainMigrateStartPostCopy', 'dro.migrateStartPostCopy(0)', (o) => o.dro.migrateStartPostCopy(0)],
    ['virDomainBackupBegin', "dro.backupBegin('<domainbackup/>', None, 0)", (o) => o.dro.backupBegin('<domainbackup/>', null, 0)],
    ['virDomainGetGuestInfo', 'dro.guestInfo(0, 0)', (o) => o.dro.guestInfo(0, 0)],
    ['virDomainAuthorizedSSHKeysGet', "dro.authorizedSSHKeysGet('root', 0)", (o) => o.dro.authorizedSSHKeysGet('root', 0)],
    ['virDomainAuthorizedSSHKeysSet', "dro.authorizedSSHKeysSet('root', ['k'], 0)", (o) => o.dro.authorizedSSHKeysSet('root', ['k'], 0)],
    ['virDomainAgentSetResponseTimeout', 'dro.agentSetResponseTimeout(5, 0)', (o) => o.dro.agentSetResponseTimeout(5, 0)],
    ['virDomainSetLaunchSecurityState', "dro.setLaunchSecurityState({'sev-secret': 'x'}, 0)",
      (o) => o.dro.setLaunchSecurityState([{ field: 'sev-secret', type: k.VIR_TYPED_PARAM_STRING, value: 'x' }], 0)],
    ['virDomainStartDirtyRateCalc', 'dro.startDirtyRateCalc(1, 0)', (o) => o.dro.startDirtyRateCalc(1, 0)],
    ['virDomainManagedSaveDefineXML', 'dro.managedSaveDefineXML(None, 0)', (o) => o.dro.managedSaveDefineXML(null, 0)],
    ['virNetworkPortCreateXML', "netro.portCreateXML('<networkport/>', 0)", (o) => o.netro.portCreateXML('<networkport/>', 0)],
    ['virDomainQemuAttach', 'libvirt_qemu.qemuAttach(ro, 5, 0)', (o) => o.ro.qemuAttach(5, 0)],
    ['virDomainQemuMonitorCommand', "libvirt_qemu.qemuMonitorCommand(dro, 'x', 0)", (o) => o.dro.qemuMonitorCommand('x', 0)],
    ['virDomainQemuAgentCommand', "libvirt_qemu.qemuAgentCommand(dro, 'x', 5, 0)", (o) => o.dro.qemuAgentCommand('x', 5, 0)],
    ['virDomainLxcOpenNamespace', 'libvirt_lxc.lxcOpenNamespace(dro, 0)', (o) => o.dro.lxcOpenNamespace(0)],
  ] as [string, string, CheckCase['ts']][]).map(([c, py, ts]) => ({ name: `${c}: refused read-only`, py, ts })),
];
