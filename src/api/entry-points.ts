import { ErrorDomain } from '../errors/index.js';
import type { DriverMethod, TypedParam } from '../drivers/types.js';
import {
  VIR_DOMAIN_CHECKPOINT_XML_SECURE, VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_AGENT, VIR_DOMAIN_SAVE_IMAGE_XML_SECURE, VIR_DOMAIN_SNAPSHOT_XML_SECURE, VIR_DOMAIN_VCPU_GUEST, VIR_DOMAIN_XML_MIGRATABLE, VIR_DOMAIN_XML_SECURE,
} from './constants.js';
import {
  checkGetMetadata, checkGraphicsSocket, checkLiveOrConfig, checkMemory, checkNonEmptyString, checkNonNegative, checkNonNull, checkNonZero,
  checkPositive, checkSaveFlags, checkCoreDump, checkMemoryPeek, checkSetMetadata, checkSetVcpus, checkSnapshotCreate, checkSnapshotDelete, checkSnapshotRevert, checkStatsIndex,
  checkVolResize, checkSetParams, checkCpumap, checkSendKey, checkLifecycleAction, checkCPUStats,
  checkCheckpointCreate, checkCheckpointDelete, checkBlockRebase, checkDirtyRateModes, checkJobStatsFlags, checkSSHKeysSetFlags,
} from './arg-checks.js';

/** What the API layer knows about one entry point of the driver contract. */
export interface EntryPoint {
  /** The C function name, as libvirt-api.xml lists it and as error messages quote it. */
  readonly c: string;
  /** VIR_FROM_* libvirt reports this entry point's generic errors from. */
  readonly from: number;
  /** Changes state: refused on read-only connections. */
  readonly write: boolean;
  /** Refused on read-only connections only for these arguments (the agent source of virDomainInterfaceAddresses). */
  readonly writeIf?: (args: readonly unknown[]) => boolean;
  /** Read-only connections may not ask for these arguments' secrets ("<function> with secure flag"). */
  readonly secureIf?: (args: readonly unknown[]) => boolean;
  /** Argument checks libvirt's public function makes before its read-only check. */
  readonly checkFirst?: (args: readonly unknown[], cName: string) => void;
  /**
   * Argument checks libvirt's public function makes after the read-only check: here rather than
   * in the API class so that the calls tsvirtd makes for its clients get them too. `cName` is the
   * public function called (virDomainSetMemory and virDomainSetMemoryFlags share an entry point).
   */
  readonly checkArgs?: (args: readonly unknown[], cName: string) => void;
}

const HOST = ErrorDomain.VIR_FROM_DOMAIN; // libvirt-host.c reports as VIR_FROM_DOMAIN
const DOM = ErrorDomain.VIR_FROM_DOMAIN;
const SNAP = ErrorDomain.VIR_FROM_DOMAIN_SNAPSHOT;
const NET = ErrorDomain.VIR_FROM_NETWORK;
const CHK = ErrorDomain.VIR_FROM_DOMAIN_CHECKPOINT;
const STO = ErrorDomain.VIR_FROM_STORAGE;
const IFACE = ErrorDomain.VIR_FROM_INTERFACE;
const NODEDEV = ErrorDomain.VIR_FROM_NODEDEV;
const SECRET = ErrorDomain.VIR_FROM_SECRET;
const NWFILTER = ErrorDomain.VIR_FROM_NWFILTER;
/** libvirt-qemu.c and libvirt-lxc.c report with no error domain. */
const NONE = ErrorDomain.VIR_FROM_NONE;

const r = (c: string, from: number): EntryPoint => ({ c, from, write: false });
const w = (c: string, from: number): EntryPoint => ({ c, from, write: true });
/** The old list calls: a negative array size is refused (argument `index`, named `name`). */
const list = (entry: EntryPoint, index: number, name: string): EntryPoint => ({
  ...entry, checkArgs: (args, cName) => checkNonNegative(entry.from, cName, name, args[index] as number),
});

/** The block calls: a disk is required (checked after the read-only check). */
const diskCall = (entry: EntryPoint): EntryPoint => ({ ...entry, checkArgs: ([, disk], cName) => checkNonNull(entry.from, cName, 'disk', disk) });

/** Every entry point of the contract: the one table the API layer, the daemon and docs/api.md read. */
export const ENTRY_POINTS: Readonly<Record<DriverMethod, EntryPoint>> = {
  connectGetType: r('virConnectGetType', HOST),
  connectSupportsFeature: r('virConnectSupportsFeature', HOST),
  connectGetVersion: r('virConnectGetVersion', HOST),
  connectGetHostname: r('virConnectGetHostname', HOST),
  connectGetURI: r('virConnectGetURI', HOST),
  connectGetMaxVcpus: r('virConnectGetMaxVcpus', HOST),
  connectGetCapabilities: r('virConnectGetCapabilities', HOST),
  connectGetSysinfo: r('virConnectGetSysinfo', HOST),
  connectDomainXMLToNative: w('virConnectDomainXMLToNative', DOM),
  connectDomainXMLFromNative: w('virConnectDomainXMLFromNative', DOM),
  connectIsEncrypted: r('virConnectIsEncrypted', HOST),
  connectIsSecure: r('virConnectIsSecure', HOST),
  connectIsAlive: r('virConnectIsAlive', HOST),
  connectSetKeepAlive: r('virConnectSetKeepAlive', HOST),
  nodeGetInfo: r('virNodeGetInfo', HOST),
  nodeGetSecurityModel: r('virNodeGetSecurityModel', HOST),
  nodeGetCPUMap: r('virNodeGetCPUMap', HOST),
  connectGetCPUModelNames: { ...r('virConnectGetCPUModelNames', HOST), checkArgs: ([arch], cName) => checkNonNull(HOST, cName, 'arch', arch) },
  nodeGetCPUStats: { ...r('virNodeGetCPUStats', HOST), checkArgs: ([cpuNum], cName) => checkStatsIndex(cName, 'cpuNum', cpuNum as number) },
  nodeGetMemoryStats: { ...r('virNodeGetMemoryStats', HOST), checkArgs: ([cellNum], cName) => checkStatsIndex(cName, 'cellNum', cellNum as number) },
  nodeGetFreeMemory: r('virNodeGetFreeMemory', HOST),
  nodeGetCellsFreeMemory: {
    ...r('virNodeGetCellsFreeMemory', HOST),
    checkArgs: ([startCell, maxCells], cName) => {
      checkPositive(HOST, cName, 'maxCells', maxCells as number);
      checkNonNegative(HOST, cName, 'startCell', startCell as number);
    },
  },

  nodeGetFreePages: {
    ...r('virNodeGetFreePages', HOST),
    checkArgs: ([pages, , cellCount], cName) => {
      checkNonZero(HOST, cName, 'npages', (pages as number[]).length);
      checkNonZero(HOST, cName, 'cellCount', cellCount as number);
    },
  },

  connectNumOfDomains: r('virConnectNumOfDomains', DOM),
  connectListDomains: list(r('virConnectListDomains', DOM), 0, 'maxids'),
  connectNumOfDefinedDomains: r('virConnectNumOfDefinedDomains', DOM),
  connectListDefinedDomains: list(r('virConnectListDefinedDomains', DOM), 0, 'maxnames'),
  connectListAllDomains: r('virConnectListAllDomains', DOM),
  connectGetAllDomainStats: r('virConnectGetAllDomainStats', DOM),
  domainLookupByID: { ...r('virDomainLookupByID', DOM), checkArgs: ([id], cName) => checkNonNegative(DOM, cName, 'id', id as number) },
  domainLookupByName: r('virDomainLookupByName', DOM),
  domainLookupByUUID: r('virDomainLookupByUUID', DOM),
  domainCreateXML: w('virDomainCreateXML', DOM),
  domainCreateXMLWithFiles: w('virDomainCreateXMLWithFiles', DOM),
  domainCreateWithFiles: w('virDomainCreateWithFiles', DOM),
  domainOpenGraphics: {
    ...w('virDomainOpenGraphics', DOM),
    checkFirst: ([, , fd]) => checkGraphicsSocket(fd as number),
  },
  domainOpenGraphicsFD: w('virDomainOpenGraphicsFD', DOM),
  domainFDAssociate: {
    ...w('virDomainFDAssociate', DOM),
    checkFirst: ([, , fds]) => {
      checkNonZero(DOM, 'virDomainFDAssociate', 'nfds', (fds as number[] | null)?.length ?? 0);
    },
  },
  domainDefineXMLFlags: w('virDomainDefineXMLFlags', DOM),
  domainUndefineFlags: w('virDomainUndefineFlags', DOM),
  domainCreateWithFlags: w('virDomainCreateWithFlags', DOM),
  domainShutdownFlags: w('virDomainShutdownFlags', DOM),
  domainReboot: w('virDomainReboot', DOM),
  domainReset: w('virDomainReset', DOM),
  domainDestroyFlags: w('virDomainDestroyFlags', DOM),
  domainSuspend: w('virDomainSuspend', DOM),
  domainResume: w('virDomainResume', DOM),
  domainSaveFlags: { ...w('virDomainSaveFlags', DOM), checkArgs: ([, , , flags], cName) => checkSaveFlags(cName, flags as number) },
  domainRestoreFlags: { ...w('virDomainRestoreFlags', DOM), checkArgs: ([, , flags], cName) => checkSaveFlags(cName, flags as number) },
  domainSaveImageGetXMLDesc: w('virDomainSaveImageGetXMLDesc', DOM),
  domainSaveImageDefineXML: { ...w('virDomainSaveImageDefineXML', DOM), checkArgs: ([, , flags], cName) => checkSaveFlags(cName, flags as number) },
  domainManagedSave: { ...w('virDomainManagedSave', DOM), checkArgs: ([, flags], cName) => checkSaveFlags(cName, flags as number) },
  domainHasManagedSaveImage: r('virDomainHasManagedSaveImage', DOM),
  domainManagedSaveGetXMLDesc: { ...r('virDomainManagedSaveGetXMLDesc', DOM), secureIf: ([, flags]) => ((flags as number) & VIR_DOMAIN_SAVE_IMAGE_XML_SECURE) !== 0 },
  domainManagedSaveDefineXML: { ...w('virDomainManagedSaveDefineXML', DOM), checkFirst: ([, , flags], cName) => checkSaveFlags(cName, flags as number) },
  domainManagedSaveRemove: w('virDomainManagedSaveRemove', DOM),
  domainGetAutostart: r('virDomainGetAutostart', DOM),
  domainSetAutostart: w('virDomainSetAutostart', DOM),
  domainGetMaxMemory: r('virDomainGetMaxMemory', DOM),
  domainSetMaxMemory: { ...w('virDomainSetMaxMemory', DOM), checkArgs: ([, kib], cName) => checkMemory(cName, kib as number) },
  domainSetMemoryFlags: { ...w('virDomainSetMemoryFlags', DOM), checkArgs: ([, kib], cName) => checkMemory(cName, kib as number) },
  domainSetVcpusFlags: {
    ...w('virDomainSetVcpusFlags', DOM),
    checkArgs: ([, nvcpus, flags], cName) => checkSetVcpus(cName, nvcpus as number, flags as number),
  },
  // Asking the guest agent is a write.
  domainGetVcpusFlags: {
    ...r('virDomainGetVcpusFlags', DOM),
    writeIf: ([, flags]) => ((flags as number) & VIR_DOMAIN_VCPU_GUEST) !== 0,
    checkArgs: ([, flags], cName) => checkLiveOrConfig(cName, flags as number),
  },
  domainGetMaxVcpus: r('virDomainGetMaxVcpus', DOM),
  domainGetVcpus: r('virDomainGetVcpus', DOM),
  domainGetInfo: r('virDomainGetInfo', DOM),
  domainGetState: r('virDomainGetState', DOM),
  // A migratable definition carries secrets as the secure one does.
  domainGetXMLDesc: { ...r('virDomainGetXMLDesc', DOM), secureIf: ([, flags]) => ((flags as number) & (VIR_DOMAIN_XML_SECURE | VIR_DOMAIN_XML_MIGRATABLE)) !== 0 },
  domainGetOSType: r('virDomainGetOSType', DOM),
  domainGetSecurityLabel: r('virDomainGetSecurityLabel', DOM),
  domainGetVcpuPinInfo: { ...r('virDomainGetVcpuPinInfo', DOM), checkArgs: ([, flags], cName) => checkLiveOrConfig(cName, flags as number) },
  domainSetMemoryStatsPeriod: {
    ...w('virDomainSetMemoryStatsPeriod', DOM), checkArgs: ([, period], cName) => checkNonNegative(DOM, cName, 'period', period as number),
  },
  domainGetMetadata: {
    ...r('virDomainGetMetadata', DOM),
    checkArgs: ([, type, uri, flags]) => checkGetMetadata(type as number, uri as string | null, flags as number),
  },
  domainSetMetadata: {
    ...w('virDomainSetMetadata', DOM),
    checkArgs: ([, type, metadata, key, uri]) => checkSetMetadata(type as number, metadata as string | null, key as string | null, uri as string | null),
  },
  domainRename: {
    ...w('virDomainRename', DOM),
    checkFirst: ([, newName], cName) => checkNonEmptyString(DOM, cName, 'new_name', newName as string | null),
  },
  domainIsActive: r('virDomainIsActive', DOM),
  domainIsPersistent: r('virDomainIsPersistent', DOM),
  domainIsUpdated: r('virDomainIsUpdated', DOM),
  domainBlockStats: r('virDomainBlockStats', DOM),
  domainInterfaceStats: r('virDomainInterfaceStats', DOM),
  domainMemoryStats: r('virDomainMemoryStats', DOM),
  domainGetSchedulerType: r('virDomainGetSchedulerType', DOM),
  domainGetSchedulerParametersFlags: { ...r('virDomainGetSchedulerParametersFlags', DOM), checkArgs: ([, flags], cName) => checkLiveOrConfig(cName, flags as number) },
  domainSetSchedulerParametersFlags: w('virDomainSetSchedulerParametersFlags', DOM),
  domainGetMemoryParameters: { ...r('virDomainGetMemoryParameters', DOM), checkArgs: ([, flags], cName) => checkLiveOrConfig(cName, flags as number) },
  domainSetMemoryParameters: {
    ...w('virDomainSetMemoryParameters', DOM), checkArgs: ([, params], cName) => checkPositive(DOM, cName, 'nparams', (params as unknown[]).length),
  },
  domainGetBlkioParameters: { ...r('virDomainGetBlkioParameters', DOM), checkArgs: ([, flags], cName) => checkLiveOrConfig(cName, flags as number) },
  domainSetBlkioParameters: w('virDomainSetBlkioParameters', DOM),
  domainGetNumaParameters: r('virDomainGetNumaParameters', DOM),
  domainGetControlInfo: r('virDomainGetControlInfo', DOM),
  domainCoreDumpWithFormat: {
    ...w('virDomainCoreDumpWithFormat', DOM), checkArgs: ([, , dumpformat, flags], cName) => checkCoreDump(cName, dumpformat as number, flags as number),
  },
  domainGetBlockInfo: { ...r('virDomainGetBlockInfo', DOM), checkArgs: ([, disk], cName) => checkNonEmptyString(DOM, cName, 'disk', disk as string | null) },
  domainGetEmulatorPinInfo: { ...r('virDomainGetEmulatorPinInfo', DOM), checkArgs: ([, flags], cName) => checkLiveOrConfig(cName, flags as number) },
  domainGetDiskErrors: r('virDomainGetDiskErrors', DOM),
  domainInjectNMI: w('virDomainInjectNMI', DOM),
  domainSendProcessSignal: {
    ...w('virDomainSendProcessSignal', DOM), checkFirst: ([, pid], cName) => checkNonZero(DOM, cName, 'pid_value', Number(pid as bigint)),
  },
  domainGetMessages: r('virDomainGetMessages', DOM),
  domainSendKey: {
    ...w('virDomainSendKey', DOM), checkArgs: ([, codeset, , keycodes], cName) => checkSendKey(cName, codeset as number, keycodes as number[]),
  },
  domainPinVcpuFlags: { ...w('virDomainPinVcpuFlags', DOM), checkArgs: ([, , cpumap], cName) => checkCpumap(cName, cpumap as boolean[]) },
  domainPinEmulator: { ...w('virDomainPinEmulator', DOM), checkArgs: ([, cpumap], cName) => checkCpumap(cName, cpumap as boolean[]) },
  domainSetNumaParameters: { ...w('virDomainSetNumaParameters', DOM), checkArgs: ([, params], cName) => checkSetParams(cName, params as TypedParam[]) },
  domainGetPerfEvents: r('virDomainGetPerfEvents', DOM),
  domainSetPerfEvents: { ...w('virDomainSetPerfEvents', DOM), checkArgs: ([, params], cName) => checkSetParams(cName, params as TypedParam[]) },
  domainGetInterfaceParameters: r('virDomainGetInterfaceParameters', DOM),
  domainSetInterfaceParameters: { ...w('virDomainSetInterfaceParameters', DOM), checkArgs: ([, , params], cName) => checkSetParams(cName, params as TypedParam[]) },
  domainGetBlockIoTune: { ...r('virDomainGetBlockIoTune', DOM), checkArgs: ([, , flags], cName) => checkLiveOrConfig(cName, flags as number) },
  domainSetBlockIoTune: {
    ...w('virDomainSetBlockIoTune', DOM),
    checkArgs: ([, disk, params], cName) => {
      checkNonNull(DOM, cName, 'disk', disk);
      checkSetParams(cName, params as TypedParam[]);
    },
  },
  domainGetCPUStats: {
    ...r('virDomainGetCPUStats', DOM),
    checkArgs: ([, nparams, startCpu, ncpus], cName) => checkCPUStats(cName, nparams as number, startCpu as number, ncpus as number),
  },
  domainSetLifecycleAction: { ...w('virDomainSetLifecycleAction', DOM), checkArgs: ([, type, action]) => checkLifecycleAction(type as number, action as number) },
  domainGetIOThreadInfo: { ...r('virDomainGetIOThreadInfo', DOM), checkArgs: ([, flags], cName) => checkLiveOrConfig(cName, flags as number) },
  domainAddIOThread: w('virDomainAddIOThread', DOM),
  domainDelIOThread: { ...w('virDomainDelIOThread', DOM), checkArgs: ([, id], cName) => checkNonZero(DOM, cName, 'iothread_id', id as number) },
  domainPinIOThread: { ...w('virDomainPinIOThread', DOM), checkArgs: ([, , cpumap], cName) => checkCpumap(cName, cpumap as boolean[]) },
  domainSetIOThreadParams: { ...w('virDomainSetIOThreadParams', DOM), checkArgs: ([, , params], cName) => checkSetParams(cName, params as TypedParam[]) },
  domainGetLaunchSecurityInfo: w('virDomainGetLaunchSecurityInfo', DOM), // libvirt refuses it read-only: the parameters may be secrets
  domainSetLaunchSecurityState: {
    ...w('virDomainSetLaunchSecurityState', DOM),
    // libvirt-python hands no parameters as a NULL array: that check comes first.
    checkFirst: ([, params], cName) => checkNonNull(DOM, cName, 'params', (params as TypedParam[]).length > 0 ? params : null),
    checkArgs: ([, params], cName) => checkSetParams(cName, params as TypedParam[]),
  },
  domainStartDirtyRateCalc: { ...w('virDomainStartDirtyRateCalc', DOM), checkArgs: ([, , flags], cName) => checkDirtyRateModes(cName, flags as number) },
  domainGetJobInfo: r('virDomainGetJobInfo', DOM),
  domainGetJobStats: { ...r('virDomainGetJobStats', DOM), checkArgs: ([, flags], cName) => checkJobStatsFlags(cName, flags as number) },
  domainAbortJobFlags: w('virDomainAbortJobFlags', DOM),
  domainMigrateSetMaxDowntime: w('virDomainMigrateSetMaxDowntime', DOM),
  domainMigrateGetMaxDowntime: r('virDomainMigrateGetMaxDowntime', DOM),
  domainMigrateGetCompressionCache: r('virDomainMigrateGetCompressionCache', DOM),
  domainMigrateSetCompressionCache: w('virDomainMigrateSetCompressionCache', DOM),
  domainMigrateSetMaxSpeed: w('virDomainMigrateSetMaxSpeed', DOM),
  domainMigrateGetMaxSpeed: w('virDomainMigrateGetMaxSpeed', DOM),
  domainMigrateStartPostCopy: w('virDomainMigrateStartPostCopy', DOM),
  domainMigratePerform3Params: w('virDomainMigratePerform3Params', DOM),
  domainBackupBegin: w('virDomainBackupBegin', DOM),
  domainBackupGetXMLDesc: r('virDomainBackupGetXMLDesc', DOM),
  domainGetGuestInfo: w('virDomainGetGuestInfo', DOM),
  domainAuthorizedSSHKeysGet: w('virDomainAuthorizedSSHKeysGet', DOM),
  domainAuthorizedSSHKeysSet: { ...w('virDomainAuthorizedSSHKeysSet', DOM), checkFirst: ([, , keys, flags], cName) => checkSSHKeysSetFlags(cName, keys as string[], flags as number) },
  domainAgentSetResponseTimeout: w('virDomainAgentSetResponseTimeout', DOM),
  domainMemoryPeek: { ...w('virDomainMemoryPeek', DOM), checkArgs: ([, , , flags], cName) => checkMemoryPeek(cName, flags as number) },
  domainGetHostname: w('virDomainGetHostname', DOM),
  domainGetTime: w('virDomainGetTime', DOM),
  domainSetTime: w('virDomainSetTime', DOM),
  domainSetUserPassword: {
    ...w('virDomainSetUserPassword', DOM),
    checkArgs: ([, user, password]) => {
      checkNonNull(DOM, 'virDomainSetUserPassword', 'user', user);
      checkNonNull(DOM, 'virDomainSetUserPassword', 'password', password);
    },
  },
  domainFSFreeze: w('virDomainFSFreeze', DOM),
  domainFSThaw: w('virDomainFSThaw', DOM),
  domainFSTrim: w('virDomainFSTrim', DOM),
  domainGetFSInfo: w('virDomainGetFSInfo', DOM),
  // Asking the guest agent is a write; leases and ARP tables are not.
  domainInterfaceAddresses: { ...r('virDomainInterfaceAddresses', DOM), writeIf: (a) => a[1] === VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_AGENT },


  domainAttachDeviceFlags: { ...w('virDomainAttachDeviceFlags', DOM), checkFirst: ([, xml], cName) => checkNonNull(DOM, cName, 'xml', xml) },
  domainDetachDeviceFlags: { ...w('virDomainDetachDeviceFlags', DOM), checkFirst: ([, xml], cName) => checkNonNull(DOM, cName, 'xml', xml) },
  domainUpdateDeviceFlags: { ...w('virDomainUpdateDeviceFlags', DOM), checkFirst: ([, xml], cName) => checkNonNull(DOM, cName, 'xml', xml) },
  domainDetachDeviceAlias: { ...w('virDomainDetachDeviceAlias', DOM), checkFirst: ([, alias], cName) => checkNonNull(DOM, cName, 'alias', alias) },
  domainBlockResize: diskCall(w('virDomainBlockResize', DOM)),
  domainGetBlockJobInfo: diskCall(r('virDomainGetBlockJobInfo', DOM)),
  domainBlockJobAbort: diskCall(w('virDomainBlockJobAbort', DOM)),
  domainBlockJobSetSpeed: diskCall(w('virDomainBlockJobSetSpeed', DOM)),
  domainBlockPull: diskCall(w('virDomainBlockPull', DOM)),
  domainBlockRebase: { ...w('virDomainBlockRebase', DOM), checkArgs: ([, disk, base, , flags], cName) => checkBlockRebase(cName, disk, base, flags as number) },
  domainBlockCopy: {
    ...w('virDomainBlockCopy', DOM),
    checkArgs: ([, disk, destxml], cName) => {
      checkNonNull(DOM, cName, 'disk', disk);
      checkNonNull(DOM, cName, 'destxml', destxml);
    },
  },
  domainBlockCommit: diskCall(w('virDomainBlockCommit', DOM)),
  domainSetBlockThreshold: { ...w('virDomainSetBlockThreshold', DOM), checkArgs: ([, dev], cName) => checkNonNull(DOM, cName, 'dev', dev) },
  domainSetVcpu: { ...w('virDomainSetVcpu', DOM), checkArgs: ([, vcpumap], cName) => checkNonNull(DOM, cName, 'vcpumap', vcpumap) },
  domainGetGuestVcpus: w('virDomainGetGuestVcpus', DOM),
  domainSetGuestVcpus: { ...w('virDomainSetGuestVcpus', DOM), checkArgs: ([, cpumap], cName) => checkNonNull(DOM, cName, 'cpumap', cpumap) },
  domainPMSuspendForDuration: w('virDomainPMSuspendForDuration', DOM),
  domainPMWakeup: w('virDomainPMWakeup', DOM),
  domainSnapshotCreateXML: { ...w('virDomainSnapshotCreateXML', SNAP), checkArgs: ([, , flags]) => checkSnapshotCreate(flags as number) },
  domainSnapshotGetXMLDesc: {
    ...r('virDomainSnapshotGetXMLDesc', SNAP), secureIf: ([, flags]) => ((flags as number) & VIR_DOMAIN_SNAPSHOT_XML_SECURE) !== 0,
  },
  domainSnapshotNum: r('virDomainSnapshotNum', SNAP),
  domainSnapshotListNames: list(r('virDomainSnapshotListNames', SNAP), 1, 'nameslen'),
  domainListAllSnapshots: r('virDomainListAllSnapshots', SNAP),
  domainSnapshotNumChildren: r('virDomainSnapshotNumChildren', SNAP),
  domainSnapshotListChildrenNames: list(r('virDomainSnapshotListChildrenNames', SNAP), 1, 'nameslen'),
  domainSnapshotListAllChildren: r('virDomainSnapshotListAllChildren', SNAP),
  domainSnapshotLookupByName: r('virDomainSnapshotLookupByName', SNAP),
  domainHasCurrentSnapshot: r('virDomainHasCurrentSnapshot', SNAP),
  domainSnapshotGetParent: r('virDomainSnapshotGetParent', SNAP),
  domainSnapshotCurrent: r('virDomainSnapshotCurrent', SNAP),
  domainSnapshotIsCurrent: r('virDomainSnapshotIsCurrent', SNAP),
  domainSnapshotHasMetadata: r('virDomainSnapshotHasMetadata', SNAP),
  domainRevertToSnapshot: { ...w('virDomainRevertToSnapshot', SNAP), checkArgs: ([, flags]) => checkSnapshotRevert(flags as number) },
  domainSnapshotDelete: { ...w('virDomainSnapshotDelete', SNAP), checkArgs: ([, flags]) => checkSnapshotDelete(flags as number) },
  domainCheckpointCreateXML: {
    ...w('virDomainCheckpointCreateXML', CHK),
    checkFirst: ([, xml], cName) => checkNonNull(CHK, cName, 'xmlDesc', xml),
    checkArgs: ([, , flags]) => checkCheckpointCreate(flags as number),
  },
  domainCheckpointGetXMLDesc: {
    ...r('virDomainCheckpointGetXMLDesc', CHK), secureIf: ([, flags]) => ((flags as number) & VIR_DOMAIN_CHECKPOINT_XML_SECURE) !== 0,
  },
  domainListAllCheckpoints: r('virDomainListAllCheckpoints', CHK),
  domainCheckpointListAllChildren: r('virDomainCheckpointListAllChildren', CHK),
  domainCheckpointLookupByName: { ...r('virDomainCheckpointLookupByName', CHK), checkArgs: ([, name], cName) => checkNonNull(CHK, cName, 'name', name) },
  domainCheckpointGetParent: r('virDomainCheckpointGetParent', CHK),
  domainCheckpointDelete: { ...w('virDomainCheckpointDelete', CHK), checkArgs: ([, flags]) => checkCheckpointDelete(flags as number) },

  connectNumOfNetworks: r('virConnectNumOfNetworks', NET),
  connectListNetworks: list(r('virConnectListNetworks', NET), 0, 'maxnames'),
  connectNumOfDefinedNetworks: r('virConnectNumOfDefinedNetworks', NET),
  connectListDefinedNetworks: list(r('virConnectListDefinedNetworks', NET), 0, 'maxnames'),
  connectListAllNetworks: r('virConnectListAllNetworks', NET),
  networkLookupByName: r('virNetworkLookupByName', NET),
  networkLookupByUUID: r('virNetworkLookupByUUID', NET),
  networkCreateXML: w('virNetworkCreateXML', NET),
  networkDefineXMLFlags: w('virNetworkDefineXMLFlags', NET),
  networkUndefine: w('virNetworkUndefine', NET),
  networkCreate: w('virNetworkCreate', NET),
  networkDestroy: w('virNetworkDestroy', NET),
  networkGetXMLDesc: r('virNetworkGetXMLDesc', NET),
  networkGetBridgeName: r('virNetworkGetBridgeName', NET),
  networkGetAutostart: r('virNetworkGetAutostart', NET),
  networkSetAutostart: w('virNetworkSetAutostart', NET),
  networkIsActive: r('virNetworkIsActive', NET),
  networkIsPersistent: r('virNetworkIsPersistent', NET),
  networkUpdate: { ...w('virNetworkUpdate', NET), checkArgs: ([, , , , xml], cName) => checkNonNull(NET, cName, 'xml', xml) },
  networkGetDHCPLeases: r('virNetworkGetDHCPLeases', NET),
  networkListAllPorts: r('virNetworkListAllPorts', NET),
  networkPortLookupByUUID: r('virNetworkPortLookupByUUID', NET),
  networkPortCreateXML: { ...w('virNetworkPortCreateXML', NET), checkFirst: ([, xml], cName) => checkNonNull(NET, cName, 'xmldesc', xml) },
  networkPortGetXMLDesc: r('virNetworkPortGetXMLDesc', NET),
  networkPortDelete: w('virNetworkPortDelete', NET),

  connectNumOfStoragePools: r('virConnectNumOfStoragePools', STO),
  connectListStoragePools: list(r('virConnectListStoragePools', STO), 0, 'maxnames'),
  connectNumOfDefinedStoragePools: r('virConnectNumOfDefinedStoragePools', STO),
  connectListDefinedStoragePools: list(r('virConnectListDefinedStoragePools', STO), 0, 'maxnames'),
  connectListAllStoragePools: r('virConnectListAllStoragePools', STO),
  connectFindStoragePoolSources: w('virConnectFindStoragePoolSources', STO),
  storagePoolLookupByName: r('virStoragePoolLookupByName', STO),
  storagePoolLookupByUUID: r('virStoragePoolLookupByUUID', STO),
  storagePoolLookupByVolume: r('virStoragePoolLookupByVolume', STO),
  storagePoolLookupByTargetPath: r('virStoragePoolLookupByTargetPath', STO),
  storagePoolCreateXML: w('virStoragePoolCreateXML', STO),
  storagePoolDefineXML: w('virStoragePoolDefineXML', STO),
  storagePoolBuild: w('virStoragePoolBuild', STO),
  storagePoolUndefine: w('virStoragePoolUndefine', STO),
  storagePoolCreate: w('virStoragePoolCreate', STO),
  storagePoolDestroy: w('virStoragePoolDestroy', STO),
  storagePoolDelete: w('virStoragePoolDelete', STO),
  storagePoolRefresh: w('virStoragePoolRefresh', STO),
  storagePoolGetInfo: r('virStoragePoolGetInfo', STO),
  storagePoolGetXMLDesc: r('virStoragePoolGetXMLDesc', STO),
  storagePoolGetAutostart: r('virStoragePoolGetAutostart', STO),
  storagePoolSetAutostart: w('virStoragePoolSetAutostart', STO),
  storagePoolIsActive: r('virStoragePoolIsActive', STO),
  storagePoolIsPersistent: r('virStoragePoolIsPersistent', STO),
  storagePoolNumOfVolumes: r('virStoragePoolNumOfVolumes', STO),
  storagePoolListVolumes: list(r('virStoragePoolListVolumes', STO), 1, 'maxnames'),
  storagePoolListAllVolumes: r('virStoragePoolListAllVolumes', STO),
  storageVolLookupByName: r('virStorageVolLookupByName', STO),
  storageVolLookupByKey: r('virStorageVolLookupByKey', STO),
  storageVolLookupByPath: r('virStorageVolLookupByPath', STO),
  storageVolCreateXML: w('virStorageVolCreateXML', STO),
  storageVolCreateXMLFrom: w('virStorageVolCreateXMLFrom', STO),
  storageVolDelete: w('virStorageVolDelete', STO),
  storageVolWipe: w('virStorageVolWipe', STO),
  storageVolWipePattern: w('virStorageVolWipePattern', STO),
  storageVolGetInfo: r('virStorageVolGetInfo', STO),
  storageVolGetInfoFlags: r('virStorageVolGetInfoFlags', STO),
  storageVolGetXMLDesc: r('virStorageVolGetXMLDesc', STO),
  storageVolGetPath: r('virStorageVolGetPath', STO),
  storageVolResize: { ...w('virStorageVolResize', STO), checkArgs: ([, capacity, flags]) => checkVolResize(capacity as bigint, flags as number) },
  domainOpenConsole: w('virDomainOpenConsole', DOM),
  domainOpenChannel: w('virDomainOpenChannel', DOM),
  domainScreenshot: w('virDomainScreenshot', DOM),
  storageVolUpload: w('virStorageVolUpload', STO),
  storageVolDownload: w('virStorageVolDownload', STO),

  connectNumOfInterfaces: r('virConnectNumOfInterfaces', IFACE),
  connectListInterfaces: list(r('virConnectListInterfaces', IFACE), 0, 'maxnames'),
  connectNumOfDefinedInterfaces: r('virConnectNumOfDefinedInterfaces', IFACE),
  connectListDefinedInterfaces: list(r('virConnectListDefinedInterfaces', IFACE), 0, 'maxnames'),
  connectListAllInterfaces: r('virConnectListAllInterfaces', IFACE),
  interfaceLookupByName: r('virInterfaceLookupByName', IFACE),
  interfaceLookupByMACString: r('virInterfaceLookupByMACString', IFACE),
  interfaceGetXMLDesc: r('virInterfaceGetXMLDesc', IFACE),
  interfaceDefineXML: w('virInterfaceDefineXML', IFACE),
  interfaceUndefine: w('virInterfaceUndefine', IFACE),
  interfaceCreate: w('virInterfaceCreate', IFACE),
  interfaceDestroy: w('virInterfaceDestroy', IFACE),
  interfaceIsActive: r('virInterfaceIsActive', IFACE),
  interfaceChangeBegin: w('virInterfaceChangeBegin', IFACE),
  interfaceChangeCommit: w('virInterfaceChangeCommit', IFACE),
  interfaceChangeRollback: w('virInterfaceChangeRollback', IFACE),
  connectListAllNodeDevices: r('virConnectListAllNodeDevices', NODEDEV),
  nodeDeviceLookupByName: r('virNodeDeviceLookupByName', NODEDEV),
  nodeDeviceGetXMLDesc: r('virNodeDeviceGetXMLDesc', NODEDEV),
  nodeNumOfDevices: r('virNodeNumOfDevices', NODEDEV),
  nodeListDevices: r('virNodeListDevices', NODEDEV),
  nodeDeviceGetParent: r('virNodeDeviceGetParent', NODEDEV),
  nodeDeviceNumOfCaps: r('virNodeDeviceNumOfCaps', NODEDEV),
  nodeDeviceListCaps: r('virNodeDeviceListCaps', NODEDEV),
  nodeDeviceDestroy: w('virNodeDeviceDestroy', NODEDEV),
  nodeDeviceLookupSCSIHostByWWN: r('virNodeDeviceLookupSCSIHostByWWN', NODEDEV),
  nodeDeviceCreateXML: w('virNodeDeviceCreateXML', NODEDEV),
  nodeDeviceDefineXML: w('virNodeDeviceDefineXML', NODEDEV),
  nodeDeviceUndefine: w('virNodeDeviceUndefine', NODEDEV),
  nodeDeviceCreate: w('virNodeDeviceCreate', NODEDEV),
  nodeDeviceGetAutostart: w('virNodeDeviceGetAutostart', NODEDEV),
  nodeDeviceSetAutostart: w('virNodeDeviceSetAutostart', NODEDEV),
  nodeDeviceIsPersistent: r('virNodeDeviceIsPersistent', NODEDEV),
  nodeDeviceIsActive: r('virNodeDeviceIsActive', NODEDEV),
  nodeDeviceDetachFlags: w('virNodeDeviceDetachFlags', NODEDEV),
  nodeDeviceReAttach: w('virNodeDeviceReAttach', NODEDEV),
  nodeDeviceReset: w('virNodeDeviceReset', NODEDEV),

  connectGetDomainCapabilities: w('virConnectGetDomainCapabilities', DOM),
  connectGetStoragePoolCapabilities: r('virConnectGetStoragePoolCapabilities', STO),
  connectCompareCPU: r('virConnectCompareCPU', HOST),
  connectBaselineCPU: r('virConnectBaselineCPU', HOST),
  connectCompareHypervisorCPU: w('virConnectCompareHypervisorCPU', HOST),
  connectBaselineHypervisorCPU: w('virConnectBaselineHypervisorCPU', HOST),
  nodeAllocPages: {
    ...w('virNodeAllocPages', HOST),
    checkArgs: ([sizes, , , cellCount], cName) => {
      checkNonZero(HOST, cName, 'npages', (sizes as number[]).length);
      checkNonZero(HOST, cName, 'cellCount', cellCount as number);
    },
  },
  nodeGetMemoryParameters: r('virNodeGetMemoryParameters', HOST),
  nodeSetMemoryParameters: w('virNodeSetMemoryParameters', HOST),
  nodeSuspendForDuration: w('virNodeSuspendForDuration', HOST),
  nodeGetSEVInfo: w('virNodeGetSEVInfo', HOST),

  connectNumOfSecrets: r('virConnectNumOfSecrets', SECRET),
  connectListSecrets: list(r('virConnectListSecrets', SECRET), 0, 'maxuuids'),
  connectListAllSecrets: r('virConnectListAllSecrets', SECRET),
  secretLookupByUUID: r('virSecretLookupByUUID', SECRET),
  secretLookupByUsage: r('virSecretLookupByUsage', SECRET),
  secretDefineXML: w('virSecretDefineXML', SECRET),
  secretGetXMLDesc: r('virSecretGetXMLDesc', SECRET),
  secretSetValue: w('virSecretSetValue', SECRET),
  secretGetValue: w('virSecretGetValue', SECRET),
  secretUndefine: w('virSecretUndefine', SECRET),

  connectNumOfNWFilters: r('virConnectNumOfNWFilters', NWFILTER),
  connectListNWFilters: list(r('virConnectListNWFilters', NWFILTER), 0, 'maxnames'),
  connectListAllNWFilters: r('virConnectListAllNWFilters', NWFILTER),
  nwfilterLookupByName: r('virNWFilterLookupByName', NWFILTER),
  nwfilterLookupByUUID: r('virNWFilterLookupByUUID', NWFILTER),
  nwfilterDefineXMLFlags: w('virNWFilterDefineXMLFlags', NWFILTER),
  nwfilterGetXMLDesc: r('virNWFilterGetXMLDesc', NWFILTER),
  nwfilterUndefine: w('virNWFilterUndefine', NWFILTER),
  connectListAllNWFilterBindings: r('virConnectListAllNWFilterBindings', NWFILTER),
  nwfilterBindingLookupByPortDev: r('virNWFilterBindingLookupByPortDev', NWFILTER),
  nwfilterBindingCreateXML: w('virNWFilterBindingCreateXML', NWFILTER),
  nwfilterBindingGetXMLDesc: r('virNWFilterBindingGetXMLDesc', NWFILTER),
  nwfilterBindingDelete: w('virNWFilterBindingDelete', NWFILTER),

  connectDomainEventRegisterAny: r('virConnectDomainEventRegisterAny', DOM),
  connectDomainEventDeregisterAny: r('virConnectDomainEventDeregisterAny', DOM),
  connectNetworkEventRegisterAny: r('virConnectNetworkEventRegisterAny', NET),
  connectNetworkEventDeregisterAny: r('virConnectNetworkEventDeregisterAny', NET),
  connectStoragePoolEventRegisterAny: r('virConnectStoragePoolEventRegisterAny', STO),
  connectStoragePoolEventDeregisterAny: r('virConnectStoragePoolEventDeregisterAny', STO),
  connectNodeDeviceEventRegisterAny: r('virConnectNodeDeviceEventRegisterAny', NODEDEV),
  connectNodeDeviceEventDeregisterAny: r('virConnectNodeDeviceEventDeregisterAny', NODEDEV),
  connectSecretEventRegisterAny: r('virConnectSecretEventRegisterAny', SECRET),
  connectSecretEventDeregisterAny: r('virConnectSecretEventDeregisterAny', SECRET),
  domainQemuMonitorCommand: w('virDomainQemuMonitorCommand', NONE),
  domainQemuMonitorCommandWithFiles: { ...w('virDomainQemuMonitorCommandWithFiles', NONE), checkFirst: ([, cmd], cName) => checkNonNull(NONE, cName, 'cmd', cmd) },
  domainQemuAgentCommand: w('virDomainQemuAgentCommand', NONE),
  domainQemuAttach: { ...w('virDomainQemuAttach', NONE), checkFirst: ([pid], cName) => checkNonZero(NONE, cName, 'pid_value', pid as number) },
  connectDomainQemuMonitorEventRegister: w('virConnectDomainQemuMonitorEventRegister', NONE),
  connectDomainQemuMonitorEventDeregister: w('virConnectDomainQemuMonitorEventDeregister', NONE),
  domainLxcOpenNamespace: w('virDomainLxcOpenNamespace', NONE),
};
