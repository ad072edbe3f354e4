import { EventEmitter } from 'node:events';
import { ErrorDomain, ErrorNumber, ErrorScope, VirError, dispatchError, isVirError, virError, type ErrorHandler } from '../errors/index.js';
import type { ConnectionDriver, DriverMethod, NodeInfo, NodeStat, SecurityModel, TypedParam } from '../drivers/types.js';
import { ENTRY_POINTS } from './entry-points.js';
import { Domain } from './domain.js';
import { Network } from './network.js';
import { StoragePool, StorageVol } from './storage.js';
import { HostInterface, NodeDevice } from './host-objects.js';
import { Secret } from './secret.js';
import { NWFilter, NWFilterBinding } from './nwfilter.js';
import { EventHub } from './events.js';
import { Stream } from './stream.js';
import { LIB_VERSION } from './version.js';
import { uuidArg } from './uuid.js';
import { parseUUIDString } from './arg-checks.js';
import { createLogger } from '../log/index.js';
import { clientPath } from './client-path.js';

/** One domain's record of getAllDomainStats / domainListGetStats. */
export interface DomainStatsResult { domain: Domain; params: TypedParam[] }

const log = createLogger('libvirt');

type Fn<M extends DriverMethod> = NonNullable<ConnectionDriver[M]>;
type Args<M extends DriverMethod> = Parameters<Fn<M>>;
type Result<M extends DriverMethod> = Awaited<ReturnType<Fn<M>>>;

/** Events a Connect emits (besides those delivered to registered callbacks). */
export interface ConnectEvents {
  domainEvent: [import('./events.js').DomainEvent];
  networkEvent: [import('./events.js').NetworkEvent];
  storagePoolEvent: [import('./events.js').StoragePoolEvent];
  nodeDeviceEvent: [import('./events.js').NodeDeviceEvent];
  secretEvent: [import('./events.js').SecretEvent];
  /** The underlying driver connection was closed (last reference released). */
  closed: [];
}

/**
 * A connection to a hypervisor driver (virConnect). Reference counted as libvirt's: open gives
 * one reference, ref() adds one, close() drops one and returns how many remain; every object
 * handed out holds one until freed. The driver is closed when the count reaches zero.
 */
export class Connect extends EventEmitter<ConnectEvents> {
  readonly #driver: ConnectionDriver;
  readonly #uri: string;
  readonly #readOnly: boolean;
  #refs = 1;
  #closing: Promise<void> | null = null;
  /** Per-connection error handler and last error (virConnSetErrorFunc, virConnGetLastError). */
  readonly errors = new ErrorScope();
  /** @internal */
  readonly hub: EventHub;

  /** @internal Use open(), openReadOnly() or openAuth(). */
  constructor(driver: ConnectionDriver, uri: string, readOnly: boolean) {
    super();
    this.#driver = driver;
    this.#uri = uri;
    this.#readOnly = readOnly;
    this.hub = new EventHub(this);
  }

  get readOnly(): boolean {
    return this.#readOnly;
  }

  /** @internal The driver behind this connection, for the daemon's dispatcher. */
  get driver(): ConnectionDriver {
    return this.#driver;
  }

  /** True once the last reference is gone and the driver is closed or closing. */
  get closed(): boolean {
    return this.#refs <= 0;
  }

  /**
   * @internal Dispatch one entry point to the driver: checks the connection is usable, refuses
   * writes on read-only connections, reports unsupported entry points, and routes every failure
   * through the error handlers before rejecting with a VirError.
   */
  invoke<M extends DriverMethod>(method: M, ...args: Args<M>): Promise<Result<M>> {
    return this.#dispatch(ENTRY_POINTS[method].c, method, args);
  }

  /**
   * @internal As invoke(), for a public function that shares an entry point with another
   * (virDomainDestroy and virDomainDestroyFlags): errors name the function the caller used.
   */
  invokeAs<M extends DriverMethod>(cName: string, method: M, ...args: Args<M>): Promise<Result<M>> {
    return this.#dispatch(cName, method, args);
  }

  async #dispatch<M extends DriverMethod>(cName: string, method: M, args: Args<M>): Promise<Result<M>> {
    const entry = ENTRY_POINTS[method];
    try {
      if (this.closed) {
        throw virError(entry.from, ErrorNumber.VIR_ERR_INVALID_CONN, cName);
      }
      entry.checkFirst?.(args, cName);
      if (entry.write || entry.writeIf?.(args)) this.checkWritable(cName, entry.from);
      if (this.#readOnly && entry.secureIf?.(args)) {
        throw virError(entry.from, ErrorNumber.VIR_ERR_OPERATION_DENIED, `${cName} with secure flag`);
      }
      entry.checkArgs?.(args, cName);
      const fn = this.#driver[method] as ((...a: Args<M>) => Promise<Result<M>>) | undefined;
      if (typeof fn !== 'function') {
        throw virError(entry.from, ErrorNumber.VIR_ERR_NO_SUPPORT, cName);
      }
      if (log.enabled(1)) log.debug(`${cName} via ${this.#driver.name}`);
      if (this.#driver.callAs && cName !== entry.c) return await this.#driver.callAs(cName, method, args) as Result<M>;
      return await fn.apply(this.#driver, args);
    } catch (err) {
      throw this.report(err, entry.from);
    }
  }

  /** @internal Refuse a state change on a read-only connection, as libvirt's public API does. */
  checkWritable(cName: string, from: number): void {
    if (this.#readOnly) {
      throw virError(from, ErrorNumber.VIR_ERR_OPERATION_DENIED, `read only access prevents ${cName}`);
    }
  }

  /** @internal Turn anything thrown into a VirError, run the handlers, remember it; returns it for throwing. */
  report(err: unknown, from: number): VirError {
    const error = isVirError(err)
      ? err
      : virError(from, ErrorNumber.VIR_ERR_INTERNAL_ERROR, err instanceof Error ? err.message : String(err));
    dispatchError(error, this.errors);
    return error;
  }

  /** @internal Run a check that may throw a VirError synchronously, reporting it like a driver error. */
  async guard<T>(from: number, fn: () => Promise<T> | T): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw this.report(err, from);
    }
  }

  /** The *LookupByUUIDString calls parse their argument before any driver sees it. */
  #parseUUID(from: number, func: string, uuid: string): Promise<string> {
    return this.guard(from, () => parseUUIDString(from, func, uuid));
  }

  // Reference counting -------------------------------------------------------------------------

  /** virConnectRef: one more reference; returns the new count. */
  ref(): number {
    if (this.closed) throw this.report(virError(0, ErrorNumber.VIR_ERR_INVALID_CONN, 'virConnectRef'), 0);
    return ++this.#refs;
  }

  /** @internal Drop one reference without waiting for the driver to close. */
  unref(): number {
    if (this.#refs <= 0) return 0;
    this.#refs -= 1;
    if (this.#refs === 0) {
      this.hub.dispose();
      this.#closing = this.#driver.close().catch(() => undefined).finally(() => this.emit('closed'));
    }
    return this.#refs;
  }

  /**
   * virConnectClose: drop the caller's reference; resolves with the references left (0 when the
   * driver is now closed). Objects still alive keep the connection open until freed.
   */
  async close(): Promise<number> {
    if (this.#refs <= 0) {
      throw this.report(virError(0, ErrorNumber.VIR_ERR_INVALID_CONN, 'virConnectClose'), 0);
    }
    const left = this.unref();
    if (left === 0) await this.#closing;
    return left;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    if (!this.closed) await this.close();
  }

  // Errors --------------------------------------------------------------------------------------

  /** virConnSetErrorFunc: a handler for this connection's errors; null removes it. */
  setErrorFunc(handler: ErrorHandler | null, userData?: unknown): void {
    this.errors.setHandler(handler, userData);
  }

  /** virConnGetLastError. */
  getLastError(): VirError | null {
    return this.errors.lastError();
  }

  /** virConnResetLastError. */
  resetLastError(): void {
    this.errors.resetLastError();
  }

  /** virConnCopyLastError. */
  copyLastError(): VirError | null {
    return this.errors.copyLastError();
  }

  // Host ----------------------------------------------------------------------------------------

  /** virStreamNew: an empty stream for an entry point that opens a transfer to bind. */
  newStream(flags = 0): Stream { return new Stream(this, flags); }

  getType(): Promise<string> { return this.invoke('connectGetType'); }
  getVersion(): Promise<number> { return this.invoke('connectGetVersion'); }
  /** virConnectGetLibVersion: this library's version in libvirt's encoding (major*1e6+minor*1e3+micro). */
  async getLibVersion(): Promise<number> {
    return this.guard(0, () => {
      if (this.closed) throw virError(0, ErrorNumber.VIR_ERR_INVALID_CONN, 'virConnectGetLibVersion');
      return LIB_VERSION;
    });
  }
  getHostname(): Promise<string> { return this.invoke('connectGetHostname'); }
  /** virConnectGetURI: the canonical URI the driver answered for. */
  async getURI(): Promise<string> {
    return this.#driver.connectGetURI ? this.invoke('connectGetURI') : this.#uri;
  }
  getMaxVcpus(type: string | null = null): Promise<number> { return this.invoke('connectGetMaxVcpus', type); }
  getCapabilities(): Promise<string> { return this.invoke('connectGetCapabilities'); }
  getSysinfo(flags = 0): Promise<string> { return this.invoke('connectGetSysinfo', flags); }
  /** virConnectGetCPUModelNames: the CPU models known for an architecture (x86_64, ppc64, ...). */
  getCPUModelNames(arch: string, flags = 0): Promise<string[]> { return this.invoke('connectGetCPUModelNames', arch, flags); }
  isEncrypted(): Promise<boolean> { return this.invoke('connectIsEncrypted'); }
  isSecure(): Promise<boolean> { return this.invoke('connectIsSecure'); }
  async isAlive(): Promise<boolean> {
    if (this.closed) return false;
    return this.#driver.connectIsAlive ? this.invoke('connectIsAlive') : true;
  }
  /** virConnectSetKeepAlive: probe the peer every `interval` seconds, give up after `count` misses. */
  setKeepAlive(interval: number, count: number): Promise<void> { return this.invoke('connectSetKeepAlive', interval, count); }
  /** virNodeGetCPUMap: how many cpus the host has and which are online (Python: getCPUMap). */
  getCPUMap(flags = 0): Promise<{ cpus: number; online: boolean[] }> { return this.invoke('nodeGetCPUMap', flags); }
  /** virNodeGetCPUStats: counters of cpu `cpuNum`, or of all cpus with VIR_NODE_CPU_STATS_ALL_CPUS (-1). */
  getCPUStats(cpuNum: number, flags = 0): Promise<NodeStat[]> { return this.invoke('nodeGetCPUStats', cpuNum, flags); }
  /** virNodeGetMemoryStats: counters of cell `cellNum`, or of all cells with VIR_NODE_MEMORY_STATS_ALL_CELLS (-1). */
  getMemoryStats(cellNum: number, flags = 0): Promise<NodeStat[]> { return this.invoke('nodeGetMemoryStats', cellNum, flags); }
  /** virNodeGetSecurityModel. */
  getSecurityModel(): Promise<SecurityModel> { return this.invoke('nodeGetSecurityModel'); }
  /** virNodeGetInfo (Python: getInfo). */
  getInfo(): Promise<NodeInfo> { return this.invoke('nodeGetInfo'); }
  /** virNodeGetFreeMemory: bytes. */
  /** virNodeGetFreeMemory: 0 when the driver cannot tell (as the Python binding returns it). */
  getFreeMemory(): Promise<bigint> { return this.invoke('nodeGetFreeMemory'); }
  /** virNodeGetCellsFreeMemory: bytes per NUMA cell from startCell. */
  getCellsFreeMemory(startCell = 0, maxCells = 1 << 16): Promise<bigint[]> {
    return this.invoke('nodeGetCellsFreeMemory', startCell, maxCells);
  }
  /**
   * virNodeGetFreePages: free pages of each size in `pages` (KiB) for `cellCount` NUMA cells from
   * `startCell`, as libvirt-python's dict: `{ [cell]: { [pageSize]: count } }`, holding only the
   * cells the driver reported.
   */
  async getFreePages(pages: number[], startCell: number, cellCount: number, flags = 0): Promise<Record<number, Record<number, bigint>>> {
    const { counts: all, filled } = await this.invoke('nodeGetFreePages', pages, startCell, cellCount, flags);
    const counts = all.slice(0, filled);
    const cells: Record<number, Record<number, bigint>> = {};
    for (let i = 0; i + pages.length <= counts.length; i += pages.length) {
      const cell: Record<number, bigint> = {};
      pages.forEach((size, j) => { cell[size] = counts[i + j]!; });
      cells[startCell + i / pages.length] = cell;
    }
    return cells;
  }

  /** virNodeGetFreePages as C callers see it: every count the driver wrote, cell by cell, reported or not. */
  async getFreePageCounts(pages: number[], startCell: number, cellCount: number, flags = 0): Promise<bigint[]> {
    return (await this.invoke('nodeGetFreePages', pages, startCell, cellCount, flags)).counts;
  }

  // Domains -------------------------------------------------------------------------------------

  numOfDomains(): Promise<number> { return this.invoke('connectNumOfDomains'); }
  /** virConnectListDomains (Python: listDomainsID). */
  listDomainsID(maxids = 1 << 16): Promise<number[]> { return this.invoke('connectListDomains', maxids); }
  numOfDefinedDomains(): Promise<number> { return this.invoke('connectNumOfDefinedDomains'); }
  listDefinedDomains(maxnames = 1 << 16): Promise<string[]> { return this.invoke('connectListDefinedDomains', maxnames); }
  async listAllDomains(flags = 0): Promise<Domain[]> {
    return (await this.invoke('connectListAllDomains', flags)).map((ref) => new Domain(this, ref));
  }
  /** virConnectGetAllDomainStats: the `stats` groups (VIR_DOMAIN_STATS_*, 0 for all) of the domains `flags` selects. */
  async getAllDomainStats(stats = 0, flags = 0): Promise<DomainStatsResult[]> {
    // Both are C unsigned ints: a JS `|` with the top bit (ENFORCE_STATS) makes them negative.
    return (await this.invoke('connectGetAllDomainStats', null, stats >>> 0, flags >>> 0)).map((r) => ({ domain: new Domain(this, r.dom), params: r.params }));
  }
  /** virDomainListGetStats: as getAllDomainStats, for the given domains of this connection. */
  async domainListGetStats(doms: Domain[], stats = 0, flags = 0): Promise<DomainStatsResult[]> {
    const func = 'virDomainListGetStats';
    await this.guard(ErrorDomain.VIR_FROM_DOMAIN, () => {
      if (doms.length === 0) throw virError(ErrorDomain.VIR_FROM_DOMAIN, ErrorNumber.VIR_ERR_INVALID_ARG, `doms array in ${func} must contain at least one domain`);
      if (doms.some((d) => d.connect() !== this)) {
        throw virError(ErrorDomain.VIR_FROM_DOMAIN, ErrorNumber.VIR_ERR_INVALID_ARG, 'domains in \'doms\' array must belong to a single connection');
      }
    });
    const records = await this.invokeAs(func, 'connectGetAllDomainStats', doms.map((d) => d.ref), stats >>> 0, flags >>> 0);
    return records.map((r) => ({ domain: new Domain(this, r.dom), params: r.params }));
  }
  async lookupByID(id: number): Promise<Domain> {
    return new Domain(this, await this.invoke('domainLookupByID', id));
  }
  async lookupByName(name: string): Promise<Domain> { return new Domain(this, await this.invoke('domainLookupByName', name)); }
  /** virDomainLookupByUUID: accepts 16 raw bytes or the string form. */
  async lookupByUUID(uuid: Uint8Array | string): Promise<Domain> {
    return new Domain(this, await this.invoke('domainLookupByUUID', uuidArg(uuid)));
  }
  async lookupByUUIDString(uuid: string): Promise<Domain> {
    const canonical = await this.#parseUUID(ErrorDomain.VIR_FROM_DOMAIN, 'virDomainLookupByUUIDString', uuid);
    return new Domain(this, await this.invokeAs('virDomainLookupByUUIDString', 'domainLookupByUUID', canonical));
  }
  async createXML(xml: string, flags = 0): Promise<Domain> { return new Domain(this, await this.invoke('domainCreateXML', xml, flags)); }
  /** virDomainCreateXMLWithFiles: as createXML, passing these file descriptors to the guest. */
  async createXMLWithFiles(xml: string, fds: number[], flags = 0): Promise<Domain> {
    return new Domain(this, await this.invoke('domainCreateXMLWithFiles', xml, fds, flags));
  }
  async defineXML(xml: string): Promise<Domain> {
    return new Domain(this, await this.invokeAs('virDomainDefineXML', 'domainDefineXMLFlags', xml, 0));
  }
  async defineXMLFlags(xml: string, flags = 0): Promise<Domain> {
    return new Domain(this, await this.invoke('domainDefineXMLFlags', xml, flags));
  }
  /** virDomainRestore. */
  restore(path: string): Promise<void> { return this.invokeAs('virDomainRestore', 'domainRestoreFlags', clientPath(path), null, 0); }
  restoreFlags(path: string, dxml: string | null = null, flags = 0): Promise<void> {
    return this.invoke('domainRestoreFlags', clientPath(path), dxml, flags);
  }
  /** virDomainQemuAttach: take over a QEMU process started outside libvirt. */
  async qemuAttach(pid: number, flags = 0): Promise<Domain> { return new Domain(this, await this.invoke('domainQemuAttach', pid, flags)); }
  /**
   * virConnectDomainQemuMonitorEventRegister: QEMU monitor events (all, or those named `event`; a
   * pattern with VIR_CONNECT_DOMAIN_QEMU_MONITOR_EVENT_REGISTER_REGEX) of one domain or of all.
   */
  async domainQemuMonitorEventRegister(dom: Domain | null, event: string | null,
    callback: (e: { conn: Connect; dom: Domain; event: string; seconds: bigint; micros: number; details: string | null }) => void, flags = 0): Promise<number> {
    return this.invoke('connectDomainQemuMonitorEventRegister', dom?.ref ?? null, event,
      (p) => callback({ conn: this, dom: new Domain(this, p.domain), event: p.event, seconds: p.seconds, micros: p.micros, details: p.details }), flags);
  }
  domainQemuMonitorEventDeregister(callbackId: number): Promise<void> { return this.invoke('connectDomainQemuMonitorEventDeregister', callbackId); }
  saveImageGetXMLDesc(path: string, flags = 0): Promise<string> { return this.invoke('domainSaveImageGetXMLDesc', clientPath(path), flags); }
  /** virDomainSaveImageDefineXML: replace the domain XML kept in a save image (flags: the state to restore in). */
  saveImageDefineXML(path: string, dxml: string, flags = 0): Promise<void> {
    return this.invoke('domainSaveImageDefineXML', clientPath(path), dxml, flags);
  }
  /** virConnectDomainXMLToNative: the hypervisor's own configuration for a domain XML (QEMU: 'qemu-argv'). */
  domainXMLToNative(nativeFormat: string, domainXml: string, flags = 0): Promise<string> {
    return this.invoke('connectDomainXMLToNative', nativeFormat, domainXml, flags);
  }
  /** virConnectDomainXMLFromNative: domain XML from the hypervisor's own configuration. */
  domainXMLFromNative(nativeFormat: string, nativeConfig: string, flags = 0): Promise<string> {
    return this.invoke('connectDomainXMLFromNative', nativeFormat, nativeConfig, flags);
  }

  // Networks ------------------------------------------------------------------------------------

  numOfNetworks(): Promise<number> { return this.invoke('connectNumOfNetworks'); }
  listNetworks(maxnames = 1 << 16): Promise<string[]> { return this.invoke('connectListNetworks', maxnames); }
  numOfDefinedNetworks(): Promise<number> { return this.invoke('connectNumOfDefinedNetworks'); }
  listDefinedNetworks(maxnames = 1 << 16): Promise<string[]> { return this.invoke('connectListDefinedNetworks', maxnames); }
  async listAllNetworks(flags = 0): Promise<Network[]> {
    return (await this.invoke('connectListAllNetworks', flags)).map((ref) => new Network(this, ref));
  }
  async networkLookupByName(name: string): Promise<Network> { return new Network(this, await this.invoke('networkLookupByName', name)); }
  async networkLookupByUUID(uuid: Uint8Array | string): Promise<Network> {
    return new Network(this, await this.invoke('networkLookupByUUID', uuidArg(uuid)));
  }
  async networkLookupByUUIDString(uuid: string): Promise<Network> {
    const canonical = await this.#parseUUID(ErrorDomain.VIR_FROM_NETWORK, 'virNetworkLookupByUUIDString', uuid);
    return new Network(this, await this.invokeAs('virNetworkLookupByUUIDString', 'networkLookupByUUID', canonical));
  }
  async networkCreateXML(xml: string, flags = 0): Promise<Network> { return new Network(this, await this.invoke('networkCreateXML', xml, flags)); }
  async networkCreateXMLFlags(xml: string, flags = 0): Promise<Network> {
    return new Network(this, await this.invokeAs('virNetworkCreateXMLFlags', 'networkCreateXML', xml, flags));
  }
  async networkDefineXML(xml: string): Promise<Network> {
    return new Network(this, await this.invokeAs('virNetworkDefineXML', 'networkDefineXMLFlags', xml, 0));
  }
  async networkDefineXMLFlags(xml: string, flags = 0): Promise<Network> {
    return new Network(this, await this.invoke('networkDefineXMLFlags', xml, flags));
  }

  // Storage -------------------------------------------------------------------------------------

  numOfStoragePools(): Promise<number> { return this.invoke('connectNumOfStoragePools'); }
  listStoragePools(maxnames = 1 << 16): Promise<string[]> { return this.invoke('connectListStoragePools', maxnames); }
  numOfDefinedStoragePools(): Promise<number> { return this.invoke('connectNumOfDefinedStoragePools'); }
  listDefinedStoragePools(maxnames = 1 << 16): Promise<string[]> { return this.invoke('connectListDefinedStoragePools', maxnames); }
  async listAllStoragePools(flags = 0): Promise<StoragePool[]> {
    return (await this.invoke('connectListAllStoragePools', flags)).map((ref) => new StoragePool(this, ref));
  }
  findStoragePoolSources(type: string, srcSpec: string | null = null, flags = 0): Promise<string> {
    return this.invoke('connectFindStoragePoolSources', type, srcSpec, flags);
  }
  async storagePoolLookupByName(name: string): Promise<StoragePool> {
    return new StoragePool(this, await this.invoke('storagePoolLookupByName', name));
  }
  async storagePoolLookupByUUID(uuid: Uint8Array | string): Promise<StoragePool> {
    return new StoragePool(this, await this.invoke('storagePoolLookupByUUID', uuidArg(uuid)));
  }
  /** virStoragePoolLookupByTargetPath: the running pool whose target is `path`. */
  async storagePoolLookupByTargetPath(path: string): Promise<StoragePool> {
    return new StoragePool(this, await this.invoke('storagePoolLookupByTargetPath', path));
  }

  async storagePoolLookupByUUIDString(uuid: string): Promise<StoragePool> {
    const canonical = await this.#parseUUID(ErrorDomain.VIR_FROM_STORAGE, 'virStoragePoolLookupByUUIDString', uuid);
    return new StoragePool(this, await this.invokeAs('virStoragePoolLookupByUUIDString', 'storagePoolLookupByUUID', canonical));
  }
  async storagePoolCreateXML(xml: string, flags = 0): Promise<StoragePool> {
    return new StoragePool(this, await this.invoke('storagePoolCreateXML', xml, flags));
  }
  async storagePoolDefineXML(xml: string, flags = 0): Promise<StoragePool> {
    return new StoragePool(this, await this.invoke('storagePoolDefineXML', xml, flags));
  }
  async storageVolLookupByKey(key: string): Promise<StorageVol> {
    return new StorageVol(this, await this.invoke('storageVolLookupByKey', key));
  }
  async storageVolLookupByPath(path: string): Promise<StorageVol> {
    return new StorageVol(this, await this.invoke('storageVolLookupByPath', path));
  }

  // Host interfaces and node devices ------------------------------------------------------------

  numOfInterfaces(): Promise<number> { return this.invoke('connectNumOfInterfaces'); }
  async listAllInterfaces(flags = 0): Promise<HostInterface[]> {
    return (await this.invoke('connectListAllInterfaces', flags)).map((ref) => new HostInterface(this, ref));
  }
  listInterfaces(): Promise<string[]> { return this.invoke('connectListInterfaces', 1 << 16); }
  numOfDefinedInterfaces(): Promise<number> { return this.invoke('connectNumOfDefinedInterfaces'); }
  listDefinedInterfaces(): Promise<string[]> { return this.invoke('connectListDefinedInterfaces', 1 << 16); }
  async interfaceLookupByMACString(mac: string): Promise<HostInterface> {
    return new HostInterface(this, await this.invoke('interfaceLookupByMACString', mac));
  }
  async interfaceDefineXML(xml: string, flags = 0): Promise<HostInterface> {
    return new HostInterface(this, await this.invoke('interfaceDefineXML', xml, flags));
  }
  changeBegin(flags = 0): Promise<void> { return this.invoke('interfaceChangeBegin', flags); }
  changeCommit(flags = 0): Promise<void> { return this.invoke('interfaceChangeCommit', flags); }
  changeRollback(flags = 0): Promise<void> { return this.invoke('interfaceChangeRollback', flags); }
  async interfaceLookupByName(name: string): Promise<HostInterface> {
    return new HostInterface(this, await this.invoke('interfaceLookupByName', name));
  }
  /** virConnectListAllNodeDevices (Python: listAllDevices). */
  async listAllDevices(flags = 0): Promise<NodeDevice[]> {
    return (await this.invoke('connectListAllNodeDevices', flags)).map((ref) => new NodeDevice(this, ref));
  }
  /** virNodeNumOfDevices: devices with capability `cap` (all when null). */
  numOfDevices(cap: string | null = null, flags = 0): Promise<number> { return this.invoke('nodeNumOfDevices', cap, flags); }
  async listDevices(cap: string | null = null, flags = 0): Promise<string[]> {
    return this.invoke('nodeListDevices', cap, await this.numOfDevices(cap, flags), flags);
  }
  async nodeDeviceLookupByName(name: string): Promise<NodeDevice> {
    return new NodeDevice(this, await this.invoke('nodeDeviceLookupByName', name));
  }
  /** virNodeDeviceLookupSCSIHostByWWN: the SCSI host with these world wide node and port names. */
  async nodeDeviceLookupSCSIHostByWWN(wwnn: string, wwpn: string, flags = 0): Promise<NodeDevice> {
    return new NodeDevice(this, await this.invoke('nodeDeviceLookupSCSIHostByWWN', wwnn, wwpn, flags));
  }
  async nodeDeviceCreateXML(xml: string, flags = 0): Promise<NodeDevice> {
    return new NodeDevice(this, await this.invoke('nodeDeviceCreateXML', xml, flags));
  }
  async nodeDeviceDefineXML(xml: string, flags = 0): Promise<NodeDevice> {
    return new NodeDevice(this, await this.invoke('nodeDeviceDefineXML', xml, flags));
  }

  // Host capabilities, CPU models, memory tuning ------------------------------------------------

  getDomainCapabilities(emulatorbin: string | null = null, arch: string | null = null, machine: string | null = null,
    virttype: string | null = null, flags = 0): Promise<string> {
    return this.invoke('connectGetDomainCapabilities', emulatorbin, arch, machine, virttype, flags);
  }
  getStoragePoolCapabilities(flags = 0): Promise<string> { return this.invoke('connectGetStoragePoolCapabilities', flags); }
  /** A VIR_CPU_COMPARE_* for a CPU description against the host's CPU. */
  compareCPU(xml: string, flags = 0): Promise<number> { return this.invoke('connectCompareCPU', xml, flags); }
  baselineCPU(xmlCPUs: string[], flags = 0): Promise<string> { return this.invoke('connectBaselineCPU', xmlCPUs, flags); }
  compareHypervisorCPU(emulator: string | null, arch: string | null, machine: string | null, virttype: string | null,
    xmlCPU: string, flags = 0): Promise<number> {
    return this.invoke('connectCompareHypervisorCPU', emulator, arch, machine, virttype, xmlCPU, flags);
  }
  baselineHypervisorCPU(emulator: string | null, arch: string | null, machine: string | null, virttype: string | null,
    xmlCPUs: string[], flags = 0): Promise<string> {
    return this.invoke('connectBaselineHypervisorCPU', emulator, arch, machine, virttype, xmlCPUs, flags);
  }
  /** virNodeAllocPages: `counts[i]` pages of `sizes[i]` KiB on each of `cellCount` cells from `startCell` (-1: the host). */
  allocPages(sizes: number[], counts: (bigint | number)[], startCell = -1, cellCount = 1, flags = 0): Promise<number> {
    return this.invoke('nodeAllocPages', sizes, counts.map(BigInt), startCell, cellCount, flags);
  }
  async getMemoryParameters(flags = 0): Promise<TypedParam[]> {
    return await this.invoke('nodeGetMemoryParameters', flags) as TypedParam[];
  }
  setMemoryParameters(params: TypedParam[], flags = 0): Promise<void> { return this.invoke('nodeSetMemoryParameters', params, flags); }
  suspendForDuration(target: number, duration: bigint | number, flags = 0): Promise<void> {
    return this.invoke('nodeSuspendForDuration', target, BigInt(duration), flags);
  }
  getSEVInfo(flags = 0): Promise<TypedParam[]> { return this.invoke('nodeGetSEVInfo', flags); }

  // Secrets and network filters -----------------------------------------------------------------

  numOfSecrets(): Promise<number> { return this.invoke('connectNumOfSecrets'); }
  listSecrets(maxuuids = 1 << 16): Promise<string[]> { return this.invoke('connectListSecrets', maxuuids); }
  async listAllSecrets(flags = 0): Promise<Secret[]> {
    return (await this.invoke('connectListAllSecrets', flags)).map((ref) => new Secret(this, ref));
  }
  async secretLookupByUUID(uuid: Uint8Array | string): Promise<Secret> {
    return new Secret(this, await this.invoke('secretLookupByUUID', uuidArg(uuid)));
  }
  async secretLookupByUUIDString(uuid: string): Promise<Secret> {
    const canonical = await this.#parseUUID(ErrorDomain.VIR_FROM_SECRET, 'virSecretLookupByUUIDString', uuid);
    // libvirt's string form calls virSecretLookupByUUID, whose name its errors carry.
    return new Secret(this, await this.invoke('secretLookupByUUID', canonical));
  }
  async secretLookupByUsage(usageType: number, usageID: string): Promise<Secret> {
    return new Secret(this, await this.invoke('secretLookupByUsage', usageType, usageID));
  }
  async secretDefineXML(xml: string, flags = 0): Promise<Secret> { return new Secret(this, await this.invoke('secretDefineXML', xml, flags)); }

  numOfNWFilters(): Promise<number> { return this.invoke('connectNumOfNWFilters'); }
  listNWFilters(maxnames = 1 << 16): Promise<string[]> { return this.invoke('connectListNWFilters', maxnames); }
  async listAllNWFilters(flags = 0): Promise<NWFilter[]> {
    return (await this.invoke('connectListAllNWFilters', flags)).map((ref) => new NWFilter(this, ref));
  }
  async nwfilterLookupByName(name: string): Promise<NWFilter> { return new NWFilter(this, await this.invoke('nwfilterLookupByName', name)); }
  async nwfilterLookupByUUID(uuid: Uint8Array | string): Promise<NWFilter> {
    return new NWFilter(this, await this.invoke('nwfilterLookupByUUID', uuidArg(uuid)));
  }
  async nwfilterLookupByUUIDString(uuid: string): Promise<NWFilter> {
    const canonical = await this.#parseUUID(ErrorDomain.VIR_FROM_NWFILTER, 'virNWFilterLookupByUUIDString', uuid);
    return new NWFilter(this, await this.invoke('nwfilterLookupByUUID', canonical));
  }
  async nwfilterDefineXML(xml: string): Promise<NWFilter> {
    return new NWFilter(this, await this.invokeAs('virNWFilterDefineXML', 'nwfilterDefineXMLFlags', xml, 0));
  }
  async nwfilterDefineXMLFlags(xml: string, flags = 0): Promise<NWFilter> {
    return new NWFilter(this, await this.invoke('nwfilterDefineXMLFlags', xml, flags));
  }
  async listAllNWFilterBindings(flags = 0): Promise<NWFilterBinding[]> {
    return (await this.invoke('connectListAllNWFilterBindings', flags)).map((ref) => new NWFilterBinding(this, ref));
  }
  async nwfilterBindingLookupByPortDev(portdev: string): Promise<NWFilterBinding> {
    return new NWFilterBinding(this, await this.invoke('nwfilterBindingLookupByPortDev', portdev));
  }
  async nwfilterBindingCreateXML(xml: string, flags = 0): Promise<NWFilterBinding> {
    return new NWFilterBinding(this, await this.invoke('nwfilterBindingCreateXML', xml, flags));
  }

  // Events --------------------------------------------------------------------------------------

  /** virConnectDomainEventRegisterAny: see EventHub. */
  get domainEventRegisterAny(): EventHub['domainEventRegisterAny'] { return this.hub.domainEventRegisterAny; }
  get domainEventDeregisterAny(): EventHub['domainEventDeregisterAny'] { return this.hub.domainEventDeregisterAny; }
  get networkEventRegisterAny(): EventHub['networkEventRegisterAny'] { return this.hub.networkEventRegisterAny; }
  get networkEventDeregisterAny(): EventHub['networkEventDeregisterAny'] { return this.hub.networkEventDeregisterAny; }
  get storagePoolEventRegisterAny(): EventHub['storagePoolEventRegisterAny'] { return this.hub.storagePoolEventRegisterAny; }
  get storagePoolEventDeregisterAny(): EventHub['storagePoolEventDeregisterAny'] { return this.hub.storagePoolEventDeregisterAny; }
  get nodeDeviceEventRegisterAny(): EventHub['nodeDeviceEventRegisterAny'] { return this.hub.nodeDeviceEventRegisterAny; }
  get nodeDeviceEventDeregisterAny(): EventHub['nodeDeviceEventDeregisterAny'] { return this.hub.nodeDeviceEventDeregisterAny; }
  get secretEventRegisterAny(): EventHub['secretEventRegisterAny'] { return this.hub.secretEventRegisterAny; }
  get secretEventDeregisterAny(): EventHub['secretEventDeregisterAny'] { return this.hub.secretEventDeregisterAny; }
  /** Domain events as an async iterator; see EventHub.domainEvents. */
  get domainEvents(): EventHub['domainEvents'] { return this.hub.domainEvents; }
}

