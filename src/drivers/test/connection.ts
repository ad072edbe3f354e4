import type { CheckpointRef, ConnectAuth, ConnectionDriver, DomainRef, InterfaceRef, NodeDeviceRef, SnapshotRef, TypedParam, EventListener, DomainEventPayload, NetworkEventPayload, NetworkRef, StoragePoolEventPayload, StoragePoolRef, NodeDeviceEventPayload } from '../types.js';
import * as C from '../../api/constants.js';
import * as dom from './domains.js';
import * as res from './domain-resources.js';
import * as tune from './domain-tunables.js';
import * as diag from './domain-diagnostics.js';
import * as devtune from './domain-device-tunables.js';
import * as pin from './domain-pinning.js';
import * as net from './networks.js';
import * as sto from './storage.js';
import * as host from './host.js';
import { createDevice } from './nodedev-create.js';
import { findPoolSources } from './pool-sources.js';
import * as iface from './interfaces.js';
import * as snap from './snapshots.js';
import * as chk from './checkpoints.js';
import * as guest from './guest-info.js';
import { E, testCheckFlags, testError } from './errors.js';
import { screenshot } from './screenshot.js';
import { getAllDomainStats } from './domain-stats.js';
import { TEST_SECURITY_MODEL, testCapabilitiesXML } from './capabilities.js';
import type { TestState } from './state.js';

/** Every filter bit of the listAll* calls (libvirt's *_FILTERS_ALL): each a contiguous run of flags. */
const LIST_DOMAINS_FILTERS_ALL = C.VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT * 2 - 1;
const LIST_NETWORKS_FILTERS_ALL = C.VIR_CONNECT_LIST_NETWORKS_NO_AUTOSTART * 2 - 1;
const LIST_STORAGE_POOLS_FILTERS_ALL = C.VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI_DIRECT * 2 - 1;

/**
 * One connection to a test driver state. Each entry point delegates to the module of its
 * object family; the state may be shared with other connections (test:///default).
 */
export class TestConnection implements ConnectionDriver {
  readonly name = 'Test';
  readonly #state: TestState;
  readonly #uri: string;
  readonly #release: () => void;
  #open = true;

  constructor(state: TestState, uri: string, release: () => void) {
    this.#state = state;
    this.#uri = uri;
    this.#release = release;
  }

  private get s(): TestState {
    return this.#state;
  }

  async close(): Promise<void> {
    if (!this.#open) return;
    this.#open = false;
    this.s.events.unsubscribeAll(this);
    this.#release();
  }

  // Host
  async connectGetType() { return 'TEST'; }
  async connectGetVersion() { return 2; }
  async connectGetHostname() { return host.getHostname(); }
  async connectGetURI() { return this.#uri; }
  async connectGetMaxVcpus() { return 32; }
  async connectGetCapabilities() { return testCapabilitiesXML(this.s); }
  async connectGetSysinfo(flags: number) { return host.getSysinfo(flags); }
  async connectIsEncrypted() { return false; }
  async connectIsSecure() { return true; }
  async connectIsAlive() { return this.#open; }
  async nodeGetInfo() { return host.nodeInfo(this.s); }
  async nodeGetCPUMap(flags: number) { return host.cpuMap(flags); }
  async connectGetCPUModelNames(arch: string, flags: number) { return host.getCPUModelNames(arch, flags); }
  async connectFindStoragePoolSources(type: string, srcSpec: string | null, flags: number) { return findPoolSources(type, srcSpec, flags); }
  async nodeGetCPUStats(_cpuNum: number, flags: number) {
    testCheckFlags('testNodeGetCPUStats', flags, 0);
    return host.cpuStats();
  }
  async nodeGetSecurityModel() { return { ...TEST_SECURITY_MODEL }; }
  async nodeGetFreeMemory() { return host.freeMemory(this.s); }
  async nodeGetCellsFreeMemory(start: number, max: number) { return host.cellsFreeMemory(this.s, start, max); }
  async nodeGetFreePages(pages: number[], _start: number, count: number, flags: number) { return host.freePages(pages.length, count, flags); }

  // Domains
  async connectNumOfDomains() { return this.s.domains.activeIDs().length; }
  async connectListDomains(maxids: number) { return this.s.domains.activeIDs().slice(0, maxids); }
  async connectNumOfDefinedDomains() { return this.s.domains.inactiveNames().length; }
  async connectListDefinedDomains(maxnames: number) { return this.s.domains.inactiveNames().slice(0, maxnames); }
  async connectListAllDomains(flags: number) {
    testCheckFlags('testConnectListAllDomains', flags, LIST_DOMAINS_FILTERS_ALL);
    return this.s.domains.filter(flags).map((o) => o.ref());
  }
  async connectGetAllDomainStats(doms: DomainRef[] | null, stats: number, flags: number) { return getAllDomainStats(this.s, doms, stats, flags); }
  async domainLookupByID(id: number) { return dom.lookupByID(this.s, id); }
  async domainLookupByName(name: string) { return dom.lookupByName(this.s, name); }
  async domainLookupByUUID(uuid: string) { return dom.lookupByUUID(this.s, uuid); }
  async domainCreateXML(xml: string, flags: number) { return dom.createXML(this.s, xml, flags); }
  /** libvirt's test driver takes the descriptors and ignores them. */
  async domainCreateXMLWithFiles(xml: string, _fds: number[], flags: number) { return dom.createXML(this.s, xml, flags); }
  async domainDefineXMLFlags(xml: string, flags: number) { return dom.defineXML(this.s, xml, flags); }
  async domainUndefineFlags(d: DomainRef, flags: number) { dom.undefine(this.s, d, flags); }
  async domainCreateWithFlags(d: DomainRef, flags: number) { return dom.create(this.s, d, flags); }
  async domainCreateWithFiles(d: DomainRef, _fds: number[], flags: number) { return dom.create(this.s, d, flags); }
  async domainShutdownFlags(d: DomainRef, flags: number) { dom.shutdown(this.s, d, flags); }
  async domainReboot(d: DomainRef, flags: number) { dom.reboot(this.s, d, flags); }
  async domainReset(d: DomainRef, flags: number) { dom.reset(this.s, d, flags); }
  async domainDestroyFlags(d: DomainRef, flags: number) { dom.destroy(this.s, d, flags); }
  async domainSuspend(d: DomainRef) { dom.suspend(this.s, d); }
  async domainResume(d: DomainRef) { dom.resume(this.s, d); }
  async domainSaveFlags(d: DomainRef, path: string, dxml: string | null, flags: number) { res.saveFlags(this.s, d, path, dxml, flags); }
  async domainRestoreFlags(path: string, dxml: string | null, flags: number) { res.restoreFlags(this.s, path, dxml, flags); }
  async domainSaveImageGetXMLDesc(path: string, flags: number) { return res.saveImageGetXMLDesc(path, flags); }
  async domainSaveImageDefineXML(path: string, dxml: string, flags: number) { res.saveImageDefineXML(path, dxml, flags); }
  async domainManagedSave(d: DomainRef, flags: number) { res.managedSave(this.s, d, flags); }
  async domainHasManagedSaveImage(d: DomainRef, flags: number) { return res.hasManagedSaveImage(this.s, d, flags); }
  async domainManagedSaveRemove(d: DomainRef, flags: number) { res.managedSaveRemove(this.s, d, flags); }
  // libvirt's test driver does not look the domain up: any domain object gets the picture.
  async domainScreenshot(_d: DomainRef, _screen: number, flags: number) { return screenshot(flags); }
  async domainGetAutostart(d: DomainRef) { return dom.domainFromRef(this.s, d).autostart; }
  async domainSetAutostart(d: DomainRef, autostart: boolean) { dom.domainFromRef(this.s, d).autostart = autostart; }
  async domainGetMaxMemory(d: DomainRef) { return res.getMaxMemory(this.s, d); }
  async domainSetMaxMemory(d: DomainRef, kib: number) { res.setMemoryFlags(this.s, d, kib, C.VIR_DOMAIN_MEM_MAXIMUM); }
  async domainSetMemoryFlags(d: DomainRef, kib: number, flags: number) { res.setMemoryFlags(this.s, d, kib, flags); }
  async domainSetVcpusFlags(d: DomainRef, n: number, flags: number) { res.setVcpusFlags(this.s, d, n, flags); }
  async domainGetVcpusFlags(d: DomainRef, flags: number) { return res.getVcpusFlags(this.s, d, flags); }
  async domainGetMaxVcpus(d: DomainRef) { return res.getVcpusFlags(this.s, d, C.VIR_DOMAIN_AFFECT_LIVE | C.VIR_DOMAIN_VCPU_MAXIMUM); }
  async domainGetVcpus(d: DomainRef) { return res.getVcpus(this.s, d); }
  async domainSetMemoryStatsPeriod(d: DomainRef, period: number, flags: number) { res.setMemoryStatsPeriod(this.s, d, period, flags); }
  async domainGetVcpuPinInfo(d: DomainRef, flags: number) { return res.getVcpuPinInfo(this.s, d, flags); }
  async domainGetSchedulerType() { return tune.schedulerType(); }
  async domainGetSchedulerParametersFlags(d: DomainRef, flags: number) { return tune.getSchedulerParameters(this.s, d, flags); }
  async domainSetSchedulerParametersFlags(d: DomainRef, p: TypedParam[], flags: number) { tune.setSchedulerParameters(this.s, d, p, flags); }
  async domainGetMemoryParameters(d: DomainRef, flags: number, countOnly?: boolean) { return tune.getMemoryParameters(this.s, d, flags, countOnly); }
  async domainSetMemoryParameters(d: DomainRef, p: TypedParam[], flags: number) { tune.setMemoryParameters(this.s, d, p, flags); }
  async domainGetBlkioParameters(d: DomainRef, flags: number, countOnly?: boolean) { return tune.getBlkioParameters(this.s, d, flags, countOnly); }
  async domainSetBlkioParameters(d: DomainRef, p: TypedParam[], flags: number) { tune.setBlkioParameters(this.s, d, p, flags); }
  async domainGetNumaParameters(d: DomainRef, flags: number, countOnly?: boolean) { return tune.getNumaParameters(this.s, d, flags, countOnly); }
  async domainGetControlInfo(d: DomainRef, flags: number) { return diag.controlInfo(this.s, d, flags); }
  async domainCoreDumpWithFormat(d: DomainRef, to: string, format: number, flags: number) { res.coreDump(this.s, d, to, format, flags); }
  async domainGetBlockInfo(d: DomainRef, path: string, flags: number) { return res.blockInfo(this.s, d, path, flags); }
  async domainGetEmulatorPinInfo(d: DomainRef, flags: number) { return res.getEmulatorPinInfo(this.s, d, flags); }
  async domainGetDiskErrors(d: DomainRef, flags: number) { return diag.diskErrors(this.s, d, flags); }
  async domainInjectNMI(d: DomainRef, flags: number) { diag.injectNMI(this.s, d, flags); }
  async domainSendProcessSignal(d: DomainRef, pid: bigint, signum: number, flags: number) { diag.sendProcessSignal(this.s, d, pid, signum, flags); }
  async domainSendKey(d: DomainRef, codeset: number, _holdtime: number, keycodes: number[], flags: number) { diag.sendKey(this.s, d, codeset, keycodes, flags); }
  async domainPinVcpuFlags(d: DomainRef, vcpu: number, cpumap: boolean[], flags: number) { pin.pinVcpu(this.s, d, vcpu, cpumap, flags); }
  async domainPinEmulator(d: DomainRef, cpumap: boolean[], flags: number) { pin.pinEmulator(this.s, d, cpumap, flags); }
  async domainSetNumaParameters(d: DomainRef, p: TypedParam[], flags: number) { tune.setNumaParameters(this.s, d, p, flags); }
  async domainGetPerfEvents(d: DomainRef, flags: number) { return tune.getPerfEvents(this.s, d, flags); }
  async domainSetPerfEvents(d: DomainRef, p: TypedParam[], flags: number) { tune.setPerfEvents(this.s, d, p, flags); }
  async domainGetInterfaceParameters(d: DomainRef, device: string, flags: number, countOnly?: boolean) { return devtune.getInterfaceParameters(this.s, d, device, flags, countOnly); }
  async domainSetInterfaceParameters(d: DomainRef, device: string, p: TypedParam[], flags: number) { devtune.setInterfaceParameters(this.s, d, device, p, flags); }
  async domainGetBlockIoTune(d: DomainRef, disk: string | null, flags: number, countOnly?: boolean) { return devtune.getBlockIoTune(this.s, d, disk, flags, countOnly); }
  async domainSetBlockIoTune(d: DomainRef, disk: string, p: TypedParam[], flags: number) { devtune.setBlockIoTune(this.s, d, disk, p, flags); }
  async domainGetCPUStats(d: DomainRef, nparams: number, startCpu: number, ncpus: number, flags: number) { return diag.cpuStats(this.s, d, nparams, startCpu, ncpus, flags); }
  async domainSetLifecycleAction(d: DomainRef, type: number, action: number, flags: number) { tune.setLifecycleAction(this.s, d, type, action, flags); }
  async domainGetIOThreadInfo(d: DomainRef, flags: number) { return pin.getIOThreadInfo(this.s, d, flags); }
  async domainAddIOThread(d: DomainRef, id: number, flags: number) { pin.addIOThread(this.s, d, id, flags); }
  async domainDelIOThread(d: DomainRef, id: number, flags: number) { pin.delIOThread(this.s, d, id, flags); }
  async domainPinIOThread(d: DomainRef, id: number, cpumap: boolean[], flags: number) { pin.pinIOThread(this.s, d, id, cpumap, flags); }
  async domainSetIOThreadParams(d: DomainRef, id: number, p: TypedParam[], flags: number) { pin.setIOThreadParams(this.s, d, id, p, flags); }
  async domainGetMessages(d: DomainRef, flags: number) { return diag.messages(this.s, d, flags); }
  async domainGetLaunchSecurityInfo(_d: DomainRef, flags: number) { return diag.launchSecurityInfo(flags); }
  async domainMemoryPeek(d: DomainRef, start: bigint, size: number, flags: number) { return diag.memoryPeek(this.s, d, start, size, flags); }
  async domainGetInfo(d: DomainRef) { return res.getInfo(this.s, d); }
  async domainGetState(d: DomainRef, flags: number) { return dom.getState(this.s, d, flags); }
  async domainGetXMLDesc(d: DomainRef, flags: number) { return dom.getXMLDesc(this.s, d, flags); }
  // libvirt's test driver answers without looking the domain up
  async domainGetOSType(_d: DomainRef) { return 'linux'; }
  async domainGetSecurityLabel(d: DomainRef) {
    return dom.domainFromRef(this.s, d).isActive() ? { label: 'libvirt-test', enforcing: true } : { label: '', enforcing: false };
  }
  async domainGetMetadata(d: DomainRef, type: number, uri: string | null, flags: number) { return res.getMetadata(this.s, d, type, uri, flags); }
  async domainSetMetadata(d: DomainRef, type: number, md: string | null, key: string | null, uri: string | null, flags: number) {
    res.setMetadata(this.s, d, type, md, key, uri, flags);
  }
  async domainRename(d: DomainRef, newName: string, flags: number): Promise<void> { dom.rename(this.s, d, newName, flags); }
  async domainIsActive(d: DomainRef) { return dom.domainFromRef(this.s, d).isActive(); }
  async domainIsPersistent(d: DomainRef) { return dom.domainFromRef(this.s, d).persistent; }
  // libvirt's test driver answers 0 without looking the domain up, even for one that is gone
  async domainIsUpdated(_d: DomainRef) { return false; }
  async domainBlockStats(d: DomainRef, disk: string) { return res.blockStats(this.s, d, disk); }
  async domainInterfaceStats(d: DomainRef, dev: string) { return res.interfaceStats(this.s, d, dev); }
  async domainMemoryStats(d: DomainRef, nr: number, flags: number) { return res.memoryStats(this.s, d, nr, flags); }

  // Guest information
  async domainGetHostname(d: DomainRef, flags: number) { return guest.getHostname(this.s, d, flags); }
  async domainGetTime(d: DomainRef, flags: number) { return guest.getTime(this.s, d, flags); }
  async domainSetTime(d: DomainRef, seconds: bigint, nseconds: number, flags: number) { guest.setTime(this.s, d, seconds, nseconds, flags); }
  async domainSetUserPassword(d: DomainRef, _user: string, _password: string, flags: number) { guest.setUserPassword(this.s, d, flags); }
  async domainFSFreeze(d: DomainRef, mountpoints: string[], flags: number) { return guest.setFrozen(this.s, d, mountpoints, true, flags); }
  async domainFSThaw(d: DomainRef, mountpoints: string[], flags: number) { return guest.setFrozen(this.s, d, mountpoints, false, flags); }
  async domainFSTrim(d: DomainRef, mountPoint: string | null, _minimum: bigint, flags: number) { guest.fsTrim(this.s, d, mountPoint, flags); }
  async domainGetFSInfo(d: DomainRef, flags: number) { return guest.getFSInfo(this.s, d, flags); }
  async domainInterfaceAddresses(d: DomainRef, source: number, flags: number) { return guest.interfaceAddresses(this.s, d, source, flags); }

  // Snapshots
  async domainSnapshotCreateXML(d: DomainRef, xml: string, flags: number) { return snap.create(this.s, d, xml, flags); }
  async domainSnapshotGetXMLDesc(x: SnapshotRef, flags: number) { return snap.getXMLDesc(this.s, x, flags); }
  async domainSnapshotNum(d: DomainRef, flags: number) { return snap.listNames(this.s, d, flags, null, 'testDomainSnapshotNum').length; }
  async domainSnapshotListNames(d: DomainRef, max: number, flags: number) { return snap.listNames(this.s, d, flags).slice(0, max); }
  async domainListAllSnapshots(d: DomainRef, flags: number) { return snap.listAll(this.s, d, flags); }
  async domainSnapshotNumChildren(x: SnapshotRef, flags: number) { return snap.listNames(this.s, x.domain, flags, x.name, 'testDomainSnapshotNumChildren').length; }
  async domainSnapshotListChildrenNames(x: SnapshotRef, max: number, flags: number) {
    return snap.listNames(this.s, x.domain, flags, x.name).slice(0, max);
  }
  async domainSnapshotListAllChildren(x: SnapshotRef, flags: number) { return snap.listAll(this.s, x.domain, flags, x.name); }
  async domainSnapshotLookupByName(d: DomainRef, name: string, flags: number) { return snap.lookupByName(this.s, d, name, flags); }
  async domainHasCurrentSnapshot(d: DomainRef, flags: number) { return snap.hasCurrent(this.s, d, flags); }
  async domainSnapshotGetParent(x: SnapshotRef, flags: number) { return snap.getParent(this.s, x, flags); }
  async domainSnapshotCurrent(d: DomainRef, flags: number) { return snap.current(this.s, d, flags); }
  async domainSnapshotIsCurrent(x: SnapshotRef, flags: number) { return snap.isCurrent(this.s, x, flags); }
  async domainSnapshotHasMetadata(x: SnapshotRef, flags: number) { return snap.hasMetadata(this.s, x, flags); }
  async domainRevertToSnapshot(x: SnapshotRef, flags: number) { snap.revert(this.s, x, flags); }
  async domainSnapshotDelete(x: SnapshotRef, flags: number) { snap.del(this.s, x, flags); }
  async domainCheckpointCreateXML(d: DomainRef, xml: string, flags: number) { return chk.create(this.s, d, xml, flags); }
  async domainCheckpointGetXMLDesc(x: CheckpointRef, flags: number) { return chk.getXMLDesc(this.s, x, flags); }
  async domainListAllCheckpoints(d: DomainRef, flags: number) { return chk.listAll(this.s, d, flags); }
  async domainCheckpointListAllChildren(x: CheckpointRef, flags: number) { return chk.listAll(this.s, x.domain, flags, x.name); }
  async domainCheckpointLookupByName(d: DomainRef, name: string, flags: number) { return chk.lookupByName(this.s, d, name, flags); }
  async domainCheckpointGetParent(x: CheckpointRef, flags: number) { return chk.getParent(this.s, x, flags); }
  async domainCheckpointDelete(x: CheckpointRef, flags: number) { chk.del(this.s, x, flags); }

  // Networks
  async connectNumOfNetworks() { return this.s.networks.filter((n) => n.active).length; }
  async connectListNetworks(max: number) { return this.s.networks.filter((n) => n.active).map((n) => n.def.name).slice(0, max); }
  async connectNumOfDefinedNetworks() { return this.s.networks.filter((n) => !n.active).length; }
  async connectListDefinedNetworks(max: number) { return this.s.networks.filter((n) => !n.active).map((n) => n.def.name).slice(0, max); }
  async connectListAllNetworks(flags: number) {
    testCheckFlags('testConnectListAllNetworks', flags, LIST_NETWORKS_FILTERS_ALL);
    return net.listAll(this.s, flags);
  }
  async networkLookupByName(name: string) { return net.lookupByName(this.s, name); }
  async networkLookupByUUID(uuid: string) { return net.lookupByUUID(this.s, uuid); }
  async networkCreateXML(xml: string, flags: number) { return net.createXML(this.s, xml, flags); }
  async networkDefineXMLFlags(xml: string, flags: number) { return net.defineXML(this.s, xml, flags); }
  async networkUndefine(n: NetworkRef) { net.undefine(this.s, n); }
  async networkCreate(n: NetworkRef) { net.create(this.s, n); }
  async networkDestroy(n: NetworkRef) { net.destroy(this.s, n); }
  async networkGetXMLDesc(n: NetworkRef, flags: number) { return net.getXMLDesc(this.s, n, flags); }
  async networkGetBridgeName(n: NetworkRef) { return net.getBridgeName(this.s, n); }
  async networkGetAutostart(n: NetworkRef) { return net.find(this.s, n).autostart; }
  async networkSetAutostart(n: NetworkRef, autostart: boolean) { net.setAutostart(this.s, n, autostart); }
  async networkIsActive(n: NetworkRef) { return net.findByUUID(this.s, n).active; }
  async networkIsPersistent(n: NetworkRef) { return net.findByUUID(this.s, n).persistent; }
  async networkUpdate(n: NetworkRef, command: number, section: number, parentIndex: number, xml: string, flags: number) {
    net.update(this.s, n, command, section, parentIndex, xml, flags);
  }

  // Storage
  async connectNumOfStoragePools() { return this.s.pools.filter((p) => p.active).length; }
  async connectListStoragePools(max: number) { return this.s.pools.filter((p) => p.active).map((p) => p.def.name).slice(0, max); }
  async connectNumOfDefinedStoragePools() { return this.s.pools.filter((p) => !p.active).length; }
  async connectListDefinedStoragePools(max: number) { return this.s.pools.filter((p) => !p.active).map((p) => p.def.name).slice(0, max); }
  async connectListAllStoragePools(flags: number) {
    testCheckFlags('testConnectListAllStoragePools', flags, LIST_STORAGE_POOLS_FILTERS_ALL);
    return sto.listAll(this.s, flags);
  }
  async storagePoolLookupByName(name: string) { return sto.lookupByName(this.s, name); }
  async storagePoolLookupByUUID(uuid: string) { return sto.lookupByUUID(this.s, uuid); }
  async storagePoolLookupByVolume(v: Parameters<typeof sto.poolLookupByVolume>[1]) { return sto.poolLookupByVolume(this.s, v); }
  async storagePoolCreateXML(xml: string, flags: number) { return sto.createXML(this.s, xml, flags); }
  async storagePoolDefineXML(xml: string, flags: number) { return sto.defineXML(this.s, xml, flags); }
  async storagePoolBuild(p: StoragePoolRef, flags: number) { sto.build(this.s, p, flags); }
  async storagePoolUndefine(p: StoragePoolRef) { sto.undefine(this.s, p); }
  async storagePoolCreate(p: StoragePoolRef, flags: number) { sto.create(this.s, p, flags); }
  async storagePoolDestroy(p: StoragePoolRef) { sto.destroy(this.s, p); }
  async storagePoolDelete(p: StoragePoolRef, flags: number) { sto.del(this.s, p, flags); }
  async storagePoolRefresh(p: StoragePoolRef, flags: number) { sto.refresh(this.s, p, flags); }
  async storagePoolGetInfo(p: StoragePoolRef) { return sto.getInfo(this.s, p); }
  async storagePoolGetXMLDesc(p: StoragePoolRef, flags: number) { return sto.getXMLDesc(this.s, p, flags); }
  async storagePoolGetAutostart(p: StoragePoolRef) { return sto.find(this.s, p).autostart; }
  async storagePoolSetAutostart(p: StoragePoolRef, autostart: boolean) { sto.setAutostart(this.s, p, autostart); }
  async storagePoolIsActive(p: StoragePoolRef) { return sto.findByUUID(this.s, p).active; }
  async storagePoolIsPersistent(p: StoragePoolRef) { return sto.findByUUID(this.s, p).persistent; }
  async storagePoolNumOfVolumes(p: StoragePoolRef) { return sto.listVolumes(this.s, p).length; }
  async storagePoolListVolumes(p: StoragePoolRef, max: number) { return sto.listVolumes(this.s, p).map((v) => v.name).slice(0, max); }
  async storagePoolListAllVolumes(p: StoragePoolRef, flags: number) {
    testCheckFlags('testStoragePoolListAllVolumes', flags, 0);
    return sto.listAllVolumes(this.s, p);
  }
  async storageVolLookupByName(p: StoragePoolRef, name: string) { return sto.volLookupByName(this.s, p, name); }
  async storageVolLookupByKey(key: string) { return sto.volLookupByKey(this.s, key); }
  async storageVolLookupByPath(path: string) { return sto.volLookupByPath(this.s, path); }
  async storageVolCreateXML(p: StoragePoolRef, xml: string, flags: number) { return sto.volCreateXML(this.s, p, xml, flags); }
  async storageVolCreateXMLFrom(p: StoragePoolRef, xml: string, from: Parameters<typeof sto.volDelete>[1], flags: number) {
    return sto.volCreateXML(this.s, p, xml, flags, from);
  }
  async storageVolDelete(v: Parameters<typeof sto.volDelete>[1], flags: number) { sto.volDelete(this.s, v, flags); }
  async storageVolGetInfo(v: Parameters<typeof sto.volDelete>[1]) { return sto.volGetInfo(this.s, v); }
  async storageVolGetXMLDesc(v: Parameters<typeof sto.volDelete>[1], flags: number) { return sto.volGetXMLDesc(this.s, v, flags); }
  async storageVolGetPath(v: Parameters<typeof sto.volDelete>[1]) { return sto.volGetPath(this.s, v); }

  // Host interfaces and node devices
  async connectNumOfInterfaces() { return iface.numOf(this.s, true); }
  async connectListInterfaces(max: number) { return iface.names(this.s, true, max); }
  async connectNumOfDefinedInterfaces() { return iface.numOf(this.s, false); }
  async connectListDefinedInterfaces(max: number) { return iface.names(this.s, false, max); }
  async connectListAllInterfaces(flags: number) { return iface.listAll(this.s, flags); }
  async interfaceLookupByName(name: string) { return iface.lookupByName(this.s, name); }
  async interfaceLookupByMACString(mac: string) { return iface.lookupByMAC(this.s, mac); }
  async interfaceGetXMLDesc(i: InterfaceRef, flags: number) { return iface.xmlDesc(this.s, i, flags); }
  async interfaceDefineXML(xml: string, flags: number) { return iface.define(this.s, xml, flags); }
  async interfaceUndefine(i: InterfaceRef) { iface.undefine(this.s, i); }
  async interfaceCreate(i: InterfaceRef, flags: number) { iface.setActive(this.s, i, true, flags); }
  async interfaceDestroy(i: InterfaceRef, flags: number) { iface.setActive(this.s, i, false, flags); }
  async interfaceIsActive(i: InterfaceRef) { return iface.isActive(this.s, i); }
  async interfaceChangeBegin(flags: number) { iface.changeBegin(this.s, flags); }
  async interfaceChangeCommit(flags: number) { iface.changeCommit(this.s, flags); }
  async interfaceChangeRollback(flags: number) { iface.changeRollback(this.s, flags); }
  async connectListAllNodeDevices(flags: number) { return host.listDevices(this.s, flags); }
  async nodeDeviceLookupByName(name: string) { return host.deviceLookupByName(this.s, name); }
  async nodeDeviceGetXMLDesc(d: Parameters<typeof host.deviceXML>[1], flags: number) { return host.deviceXML(this.s, d, flags); }
  async nodeNumOfDevices(cap: string | null, flags: number) { return host.deviceNames(this.s, cap, flags, 'testNodeNumOfDevices').length; }
  async nodeListDevices(cap: string | null, max: number, flags: number) { return host.deviceNames(this.s, cap, flags, 'testNodeListDevices').slice(0, max); }
  async nodeDeviceGetParent(d: NodeDeviceRef) { return host.deviceParent(this.s, d); }
  async nodeDeviceNumOfCaps(d: NodeDeviceRef) { return host.deviceCaps(this.s, d).length; }
  async nodeDeviceListCaps(d: NodeDeviceRef, max: number) { return host.deviceCaps(this.s, d).slice(0, max); }
  async nodeDeviceDestroy(d: NodeDeviceRef) { host.destroyDevice(this.s, d); }
  async nodeDeviceCreateXML(xml: string, flags: number) { return createDevice(this.s, xml, flags); }

  // Events
  async connectDomainEventRegisterAny(d: DomainRef | null, eventId: number, listener: EventListener<DomainEventPayload>) {
    checkEventId(eventId, C.VIR_DOMAIN_EVENT_ID_LAST, 'domain');
    return this.s.events.subscribeDomain({ owner: this, eventId, uuid: d?.uuid ?? null, listener });
  }
  async connectDomainEventDeregisterAny(id: number) { this.unsubscribe(id); }
  async connectNetworkEventRegisterAny(n: NetworkRef | null, eventId: number, listener: EventListener<NetworkEventPayload>) {
    checkEventId(eventId, C.VIR_NETWORK_EVENT_ID_LAST, 'network');
    return this.s.events.subscribeNetwork({ owner: this, eventId, uuid: n?.uuid ?? null, listener });
  }
  async connectNetworkEventDeregisterAny(id: number) { this.unsubscribe(id); }
  async connectStoragePoolEventRegisterAny(p: StoragePoolRef | null, eventId: number, listener: EventListener<StoragePoolEventPayload>) {
    checkEventId(eventId, C.VIR_STORAGE_POOL_EVENT_ID_LAST, 'storage pool');
    return this.s.events.subscribePool({ owner: this, eventId, uuid: p?.uuid ?? null, listener });
  }
  async connectStoragePoolEventDeregisterAny(id: number) { this.unsubscribe(id); }
  async connectNodeDeviceEventRegisterAny(d: NodeDeviceRef | null, eventId: number, listener: EventListener<NodeDeviceEventPayload>) {
    checkEventId(eventId, C.VIR_NODE_DEVICE_EVENT_ID_LAST, 'node device');
    return this.s.events.subscribeNodeDevice({ owner: this, eventId, uuid: d?.name ?? null, listener });
  }
  async connectNodeDeviceEventDeregisterAny(id: number) { this.unsubscribe(id); }

  private unsubscribe(id: number): void {
    if (!this.s.events.unsubscribe(this, id)) {
      throw testError(E.VIR_ERR_INVALID_ARG, `could not find event callback ${id} for deregistration`);
    }
  }
}

function checkEventId(eventId: number, last: number, what: string): void {
  if (!Number.isInteger(eventId) || eventId < 0 || eventId >= last) {
    throw testError(E.VIR_ERR_INVALID_ARG, `unsupported ${what} event ID ${eventId}`);
  }
}

export type { ConnectAuth };
