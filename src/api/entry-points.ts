import { ErrorDomain } from '../errors/index.js';
import type { DriverMethod } from '../drivers/types.js';
import { VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_AGENT } from './constants.js';
import { checkGraphicsSocket, checkNonNull, checkNonZero } from './arg-checks.js';

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
  /**
   * Argument checks libvirt's public function makes after the read-only check: here rather than
   * in the API class so that the calls tsvirtd makes for its clients get them too.
   */
  readonly checkArgs?: (args: readonly unknown[]) => void;
}

const HOST = ErrorDomain.VIR_FROM_DOMAIN; // libvirt-host.c reports as VIR_FROM_DOMAIN
const DOM = ErrorDomain.VIR_FROM_DOMAIN;
const SNAP = ErrorDomain.VIR_FROM_DOMAIN_SNAPSHOT;
const NET = ErrorDomain.VIR_FROM_NETWORK;
const STO = ErrorDomain.VIR_FROM_STORAGE;
const IFACE = ErrorDomain.VIR_FROM_INTERFACE;
const NODEDEV = ErrorDomain.VIR_FROM_NODEDEV;

const r = (c: string, from: number): EntryPoint => ({ c, from, write: false });
const w = (c: string, from: number): EntryPoint => ({ c, from, write: true });

/** Every entry point of the contract: the one table the API layer, the daemon and docs/api.md read. */
export const ENTRY_POINTS: Readonly<Record<DriverMethod, EntryPoint>> = {
  connectGetType: r('virConnectGetType', HOST),
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
  nodeGetCPUStats: r('virNodeGetCPUStats', HOST),
  nodeGetMemoryStats: r('virNodeGetMemoryStats', HOST),
  nodeGetFreeMemory: r('virNodeGetFreeMemory', HOST),
  nodeGetCellsFreeMemory: r('virNodeGetCellsFreeMemory', HOST),

  connectNumOfDomains: r('virConnectNumOfDomains', DOM),
  connectListDomains: r('virConnectListDomains', DOM),
  connectNumOfDefinedDomains: r('virConnectNumOfDefinedDomains', DOM),
  connectListDefinedDomains: r('virConnectListDefinedDomains', DOM),
  connectListAllDomains: r('virConnectListAllDomains', DOM),
  connectGetAllDomainStats: r('virConnectGetAllDomainStats', DOM),
  domainLookupByID: r('virDomainLookupByID', DOM),
  domainLookupByName: r('virDomainLookupByName', DOM),
  domainLookupByUUID: r('virDomainLookupByUUID', DOM),
  domainCreateXML: w('virDomainCreateXML', DOM),
  domainCreateXMLWithFiles: w('virDomainCreateXMLWithFiles', DOM),
  domainCreateWithFiles: w('virDomainCreateWithFiles', DOM),
  domainOpenGraphics: {
    ...w('virDomainOpenGraphics', DOM),
    checkArgs: ([, , fd]) => checkGraphicsSocket(fd as number),
  },
  domainOpenGraphicsFD: w('virDomainOpenGraphicsFD', DOM),
  domainFDAssociate: {
    ...w('virDomainFDAssociate', DOM),
    checkArgs: ([, , fds]) => {
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
  domainSaveFlags: w('virDomainSaveFlags', DOM),
  domainRestoreFlags: w('virDomainRestoreFlags', DOM),
  domainSaveImageGetXMLDesc: r('virDomainSaveImageGetXMLDesc', DOM),
  domainManagedSave: w('virDomainManagedSave', DOM),
  domainHasManagedSaveImage: r('virDomainHasManagedSaveImage', DOM),
  domainManagedSaveRemove: w('virDomainManagedSaveRemove', DOM),
  domainGetAutostart: r('virDomainGetAutostart', DOM),
  domainSetAutostart: w('virDomainSetAutostart', DOM),
  domainGetMaxMemory: r('virDomainGetMaxMemory', DOM),
  domainSetMaxMemory: w('virDomainSetMaxMemory', DOM),
  domainSetMemoryFlags: w('virDomainSetMemoryFlags', DOM),
  domainSetVcpusFlags: w('virDomainSetVcpusFlags', DOM),
  domainGetVcpusFlags: r('virDomainGetVcpusFlags', DOM),
  domainGetMaxVcpus: r('virDomainGetMaxVcpus', DOM),
  domainGetVcpus: r('virDomainGetVcpus', DOM),
  domainGetInfo: r('virDomainGetInfo', DOM),
  domainGetState: r('virDomainGetState', DOM),
  domainGetXMLDesc: r('virDomainGetXMLDesc', DOM),
  domainGetOSType: r('virDomainGetOSType', DOM),
  domainGetSecurityLabel: r('virDomainGetSecurityLabel', DOM),
  domainGetVcpuPinInfo: r('virDomainGetVcpuPinInfo', DOM),
  domainSetMemoryStatsPeriod: w('virDomainSetMemoryStatsPeriod', DOM),
  domainGetMetadata: r('virDomainGetMetadata', DOM),
  domainSetMetadata: w('virDomainSetMetadata', DOM),
  domainRename: w('virDomainRename', DOM),
  domainIsActive: r('virDomainIsActive', DOM),
  domainIsPersistent: r('virDomainIsPersistent', DOM),
  domainIsUpdated: r('virDomainIsUpdated', DOM),
  domainBlockStats: r('virDomainBlockStats', DOM),
  domainInterfaceStats: r('virDomainInterfaceStats', DOM),
  domainMemoryStats: r('virDomainMemoryStats', DOM),
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

  domainSnapshotCreateXML: w('virDomainSnapshotCreateXML', SNAP),
  domainSnapshotGetXMLDesc: r('virDomainSnapshotGetXMLDesc', SNAP),
  domainSnapshotNum: r('virDomainSnapshotNum', SNAP),
  domainSnapshotListNames: r('virDomainSnapshotListNames', SNAP),
  domainListAllSnapshots: r('virDomainListAllSnapshots', SNAP),
  domainSnapshotNumChildren: r('virDomainSnapshotNumChildren', SNAP),
  domainSnapshotListChildrenNames: r('virDomainSnapshotListChildrenNames', SNAP),
  domainSnapshotListAllChildren: r('virDomainSnapshotListAllChildren', SNAP),
  domainSnapshotLookupByName: r('virDomainSnapshotLookupByName', SNAP),
  domainHasCurrentSnapshot: r('virDomainHasCurrentSnapshot', SNAP),
  domainSnapshotGetParent: r('virDomainSnapshotGetParent', SNAP),
  domainSnapshotCurrent: r('virDomainSnapshotCurrent', SNAP),
  domainSnapshotIsCurrent: r('virDomainSnapshotIsCurrent', SNAP),
  domainSnapshotHasMetadata: r('virDomainSnapshotHasMetadata', SNAP),
  domainRevertToSnapshot: w('virDomainRevertToSnapshot', SNAP),
  domainSnapshotDelete: w('virDomainSnapshotDelete', SNAP),

  connectNumOfNetworks: r('virConnectNumOfNetworks', NET),
  connectListNetworks: r('virConnectListNetworks', NET),
  connectNumOfDefinedNetworks: r('virConnectNumOfDefinedNetworks', NET),
  connectListDefinedNetworks: r('virConnectListDefinedNetworks', NET),
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

  connectNumOfStoragePools: r('virConnectNumOfStoragePools', STO),
  connectListStoragePools: r('virConnectListStoragePools', STO),
  connectNumOfDefinedStoragePools: r('virConnectNumOfDefinedStoragePools', STO),
  connectListDefinedStoragePools: r('virConnectListDefinedStoragePools', STO),
  connectListAllStoragePools: r('virConnectListAllStoragePools', STO),
  connectFindStoragePoolSources: r('virConnectFindStoragePoolSources', STO),
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
  storagePoolListVolumes: r('virStoragePoolListVolumes', STO),
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
  storageVolResize: w('virStorageVolResize', STO),
  domainOpenConsole: w('virDomainOpenConsole', DOM),
  domainOpenChannel: w('virDomainOpenChannel', DOM),
  domainScreenshot: w('virDomainScreenshot', DOM),
  storageVolUpload: w('virStorageVolUpload', STO),
  storageVolDownload: w('virStorageVolDownload', STO),

  connectNumOfInterfaces: r('virConnectNumOfInterfaces', IFACE),
  connectListInterfaces: r('virConnectListInterfaces', IFACE),
  connectNumOfDefinedInterfaces: r('virConnectNumOfDefinedInterfaces', IFACE),
  connectListDefinedInterfaces: r('virConnectListDefinedInterfaces', IFACE),
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

  connectDomainEventRegisterAny: r('virConnectDomainEventRegisterAny', DOM),
  connectDomainEventDeregisterAny: r('virConnectDomainEventDeregisterAny', DOM),
  connectNetworkEventRegisterAny: r('virConnectNetworkEventRegisterAny', NET),
  connectNetworkEventDeregisterAny: r('virConnectNetworkEventDeregisterAny', NET),
  connectStoragePoolEventRegisterAny: r('virConnectStoragePoolEventRegisterAny', STO),
  connectStoragePoolEventDeregisterAny: r('virConnectStoragePoolEventDeregisterAny', STO),
};
