import { ErrorDomain } from '../errors/index.js';
import type {
  DomainBlockInfo, DomainBlockJobInfo, DomainBlockStats, DomainJobInfo, DomainJobStats, DomainIOThreadInfo, DomainControlInfo, DomainDiskError, DomainFSInfo, DomainInfo, DomainInterface, DomainInterfaceStats, DomainRef, DomainStateInfo, DomainTime,
  MemoryStat, SecurityLabel, TypedParam, VcpuInfo,
} from '../drivers/types.js';
import { VIR_DOMAIN_AFFECT_LIVE, VIR_TYPED_PARAM_STRING_OKAY } from './constants.js';
import type { Connect } from './connect.js';
import { uuidBytes } from './uuid.js';
import { ConnectObject } from './object.js';
import { DomainSnapshot } from './snapshot.js';
import { DomainCheckpoint } from './checkpoint.js';
import type { Stream } from './stream.js';
import { checkPositive, checkStreamOwner, checkWritableThen } from './arg-checks.js';
import { clientPath } from './client-path.js';
import { migrate3, migrateToURI, migrateToURI2, migrateToURI3 } from './migrate.js';

const DOM = ErrorDomain.VIR_FROM_DOMAIN;

/** A cpu map cut or padded (with false) to `cpus` entries. */
function fitMap(map: boolean[], cpus: number): boolean[] {
  return Array.from({ length: cpus }, (_, i) => map[i] === true);
}

/** A domain (virDomain): a handle by name, UUID and id; every call asks the driver afresh. */
export class Domain extends ConnectObject {
  #ref: DomainRef;

  /** @internal */
  constructor(conn: Connect, ref: DomainRef) {
    super(conn);
    this.#ref = { ...ref };
  }

  /** @internal The reference the driver contract takes. */
  get ref(): DomainRef {
    return this.#ref;
  }

  name(): string { return this.#ref.name; }
  /** The id while running, -1 otherwise (as of when this handle was last refreshed by a call). */
  id(): number { return this.#ref.id; }
  /** Python: ID(). */
  ID(): number { return this.#ref.id; }
  uuidString(): string { return this.#ref.uuid; }
  /** UUID(): the 16 raw bytes. */
  uuid(): Uint8Array { return uuidBytes(this.#ref.uuid); }

  private get conn(): Connect {
    return this.connect();
  }

  /** Calls that start the domain update this handle's id, as libvirt's do (never its name). */
  private track(ref: DomainRef | void): void {
    if (ref) this.#ref = { ...this.#ref, id: ref.id };
  }

  /** The console, channel and screenshot calls take a stream of this domain's connection (checked after the read-only check). */
  private checkStream(cName: string, stream: Stream): Promise<void> {
    return checkWritableThen(this.conn, DOM, cName,
      () => checkStreamOwner(DOM, cName, stream, this.conn, `stream must match connection of domain '${this.#ref.name}'`));
  }

  // Lifecycle -----------------------------------------------------------------------------------

  async create(): Promise<void> {
    this.track(await this.conn.invokeAs('virDomainCreate', 'domainCreateWithFlags', this.#ref, 0));
  }
  async createWithFlags(flags = 0): Promise<void> {
    this.track(await this.conn.invoke('domainCreateWithFlags', this.#ref, flags));
  }
  /** virDomainCreateWithFiles: as createWithFlags, passing these file descriptors to the guest. */
  async createWithFiles(fds: number[], flags = 0): Promise<void> {
    this.track(await this.conn.invoke('domainCreateWithFiles', this.#ref, fds, flags));
  }
  async undefine(): Promise<void> {
    await this.conn.invokeAs('virDomainUndefine', 'domainUndefineFlags', this.#ref, 0);
  }
  async undefineFlags(flags = 0): Promise<void> {
    await this.conn.invoke('domainUndefineFlags', this.#ref, flags);
  }
  async shutdown(): Promise<void> {
    await this.conn.invokeAs('virDomainShutdown', 'domainShutdownFlags', this.#ref, 0);
    this.#ref.id = -1;
  }
  async shutdownFlags(flags = 0): Promise<void> {
    await this.conn.invoke('domainShutdownFlags', this.#ref, flags);
    this.#ref.id = -1;
  }
  reboot(flags = 0): Promise<void> { return this.conn.invoke('domainReboot', this.#ref, flags); }
  reset(flags = 0): Promise<void> { return this.conn.invoke('domainReset', this.#ref, flags); }
  async destroy(): Promise<void> {
    await this.conn.invokeAs('virDomainDestroy', 'domainDestroyFlags', this.#ref, 0);
    this.#ref.id = -1;
  }
  async destroyFlags(flags = 0): Promise<void> {
    await this.conn.invoke('domainDestroyFlags', this.#ref, flags);
    this.#ref.id = -1;
  }
  suspend(): Promise<void> { return this.conn.invoke('domainSuspend', this.#ref); }
  resume(): Promise<void> { return this.conn.invoke('domainResume', this.#ref); }
  async save(path: string): Promise<void> {
    await this.conn.invokeAs('virDomainSave', 'domainSaveFlags', this.#ref, clientPath(path), null, 0);
    this.#ref.id = -1;
  }
  async saveFlags(path: string, dxml: string | null = null, flags = 0): Promise<void> {
    await this.conn.invoke('domainSaveFlags', this.#ref, clientPath(path), dxml, flags);
    this.#ref.id = -1;
  }
  async managedSave(flags = 0): Promise<void> {
    await this.conn.invoke('domainManagedSave', this.#ref, flags);
    this.#ref.id = -1;
  }
  hasManagedSaveImage(flags = 0): Promise<boolean> { return this.conn.invoke('domainHasManagedSaveImage', this.#ref, flags); }
  managedSaveRemove(flags = 0): Promise<void> { return this.conn.invoke('domainManagedSaveRemove', this.#ref, flags); }
  /** virDomainManagedSaveGetXMLDesc (flags: VIR_DOMAIN_SAVE_IMAGE_XML_SECURE). */
  managedSaveGetXMLDesc(flags = 0): Promise<string> { return this.conn.invoke('domainManagedSaveGetXMLDesc', this.#ref, flags); }
  /** virDomainManagedSaveDefineXML: a new domain XML (or null) and the state to restore in. */
  managedSaveDefineXML(dxml: string | null, flags = 0): Promise<void> { return this.conn.invoke('domainManagedSaveDefineXML', this.#ref, dxml, flags); }
  autostart(): Promise<boolean> { return this.conn.invoke('domainGetAutostart', this.#ref); }
  setAutostart(autostart: boolean | number): Promise<void> {
    return this.conn.invoke('domainSetAutostart', this.#ref, Boolean(autostart));
  }
  /**
   * virDomainRename: as libvirt's, this handle keeps the old name with a local driver (which finds
   * it by UUID) and takes the new one through the remote driver.
   */
  async rename(newName: string, flags = 0): Promise<void> {
    const renamed = await this.conn.invoke('domainRename', this.#ref, newName, flags);
    if (renamed) this.#ref = { ...this.#ref, name: renamed.name };
  }

  // Resources -----------------------------------------------------------------------------------

  maxMemory(): Promise<number> { return this.conn.invoke('domainGetMaxMemory', this.#ref); }
  setMaxMemory(kib: number): Promise<void> { return this.conn.invoke('domainSetMaxMemory', this.#ref, kib); }
  /** virDomainSetMemory: the balloon of the running domain. */
  setMemory(kib: number): Promise<void> {
    return this.conn.invokeAs('virDomainSetMemory', 'domainSetMemoryFlags', this.#ref, kib, VIR_DOMAIN_AFFECT_LIVE);
  }
  setMemoryFlags(kib: number, flags = 0): Promise<void> { return this.conn.invoke('domainSetMemoryFlags', this.#ref, kib, flags); }
  setVcpus(nvcpus: number): Promise<void> {
    return this.conn.invokeAs('virDomainSetVcpus', 'domainSetVcpusFlags', this.#ref, nvcpus, VIR_DOMAIN_AFFECT_LIVE);
  }
  setVcpusFlags(nvcpus: number, flags = 0): Promise<void> { return this.conn.invoke('domainSetVcpusFlags', this.#ref, nvcpus, flags); }
  vcpusFlags(flags = 0): Promise<number> { return this.conn.invoke('domainGetVcpusFlags', this.#ref, flags); }
  maxVcpus(): Promise<number> { return this.conn.invoke('domainGetMaxVcpus', this.#ref); }
  /**
   * The host cpu count affinity maps cover: virNodeGetCPUMap's, else the node info's (as the
   * Python binding sizes them).
   */
  private async hostCpuCount(): Promise<number> {
    try {
      return (await this.conn.invoke('nodeGetCPUMap', 0)).cpus;
    } catch {
      const n = await this.conn.invoke('nodeGetInfo');
      return n.nodes * n.sockets * n.cores * n.threads;
    }
  }
  /** virDomainGetVcpus: each running vcpu with its host cpu, time and affinity. */
  async vcpus(): Promise<VcpuInfo[]> {
    const vcpus = await this.conn.invoke('domainGetVcpus', this.#ref);
    const cpus = await this.hostCpuCount();
    return vcpus.map((x) => ({ ...x, cpumap: fitMap(x.cpumap, cpus) }));
  }
  /**
   * virDomainGetVcpuPinInfo: the affinity of the first `ncpumaps` vcpus (live or config per
   * flags); by default as many as info() counts, as the Python binding asks for.
   */
  /** virDomainPinVcpu: the running vcpu may use host cpu i where `cpumap[i]` (sent as ceil(length / 8) bytes). */
  pinVcpu(vcpu: number, cpumap: boolean[]): Promise<void> {
    return this.conn.invokeAs('virDomainPinVcpu', 'domainPinVcpuFlags', this.#ref, vcpu, cpumap, 0);
  }
  pinVcpuFlags(vcpu: number, cpumap: boolean[], flags = 0): Promise<void> {
    return this.conn.invoke('domainPinVcpuFlags', this.#ref, vcpu, cpumap, flags);
  }
  pinEmulator(cpumap: boolean[], flags = 0): Promise<void> { return this.conn.invoke('domainPinEmulator', this.#ref, cpumap, flags); }
  /** virDomainGetIOThreadInfo: each IOThread with its affinity, one boolean per host cpu (as the Python binding returns). */
  async ioThreadInfo(flags = 0): Promise<DomainIOThreadInfo[]> {
    const threads = await this.conn.invoke('domainGetIOThreadInfo', this.#ref, flags);
    const cpus = await this.hostCpuCount();
    return threads.map((t) => ({ iothreadId: t.iothreadId, cpumap: fitMap(t.cpumap, cpus) }));
  }
  addIOThread(iothreadId: number, flags = 0): Promise<void> { return this.conn.invoke('domainAddIOThread', this.#ref, iothreadId, flags); }
  delIOThread(iothreadId: number, flags = 0): Promise<void> { return this.conn.invoke('domainDelIOThread', this.#ref, iothreadId, flags); }
  pinIOThread(iothreadId: number, cpumap: boolean[], flags = 0): Promise<void> {
    return this.conn.invoke('domainPinIOThread', this.#ref, iothreadId, cpumap, flags);
  }
  /** virDomainSetIOThreadParams: poll_max_ns (ullong), poll_grow and poll_shrink (uint) of a running IOThread. */
  setIOThreadParams(iothreadId: number, params: TypedParam[], flags = 0): Promise<void> {
    return this.conn.invoke('domainSetIOThreadParams', this.#ref, iothreadId, params, flags);
  }
  async vcpuPinInfo(flags = 0, ncpumaps?: number): Promise<boolean[][]> {
    if (ncpumaps !== undefined) await this.conn.guard(DOM, () => checkPositive(DOM, 'virDomainGetVcpuPinInfo', 'ncpumaps', ncpumaps));
    const count = ncpumaps ?? (await this.info()).nrVirtCpu;
    const maps = await this.conn.invoke('domainGetVcpuPinInfo', this.#ref, flags);
    const cpus = await this.hostCpuCount();
    return maps.slice(0, count).map((m) => fitMap(m, cpus));
  }

  // Tunables: the getters add VIR_TYPED_PARAM_STRING_OKAY to their flags, as libvirt's public functions do.

  schedulerType(): Promise<{ type: string; nparams: number }> { return this.conn.invoke('domainGetSchedulerType', this.#ref); }
  schedulerParameters(): Promise<TypedParam[]> { return this.conn.invoke('domainGetSchedulerParametersFlags', this.#ref, 0); }
  schedulerParametersFlags(flags = 0): Promise<TypedParam[]> {
    return this.conn.invoke('domainGetSchedulerParametersFlags', this.#ref, flags | VIR_TYPED_PARAM_STRING_OKAY);
  }
  setSchedulerParameters(params: TypedParam[]): Promise<void> {
    return this.conn.invokeAs('virDomainSetSchedulerParameters', 'domainSetSchedulerParametersFlags', this.#ref, params, 0);
  }
  setSchedulerParametersFlags(params: TypedParam[], flags = 0): Promise<void> {
    return this.conn.invoke('domainSetSchedulerParametersFlags', this.#ref, params, flags);
  }
  memoryParameters(flags = 0): Promise<TypedParam[]> {
    return this.conn.invoke('domainGetMemoryParameters', this.#ref, flags | VIR_TYPED_PARAM_STRING_OKAY) as Promise<TypedParam[]>;
  }
  setMemoryParameters(params: TypedParam[], flags = 0): Promise<void> { return this.conn.invoke('domainSetMemoryParameters', this.#ref, params, flags); }
  blkioParameters(flags = 0): Promise<TypedParam[]> {
    return this.conn.invoke('domainGetBlkioParameters', this.#ref, flags | VIR_TYPED_PARAM_STRING_OKAY) as Promise<TypedParam[]>;
  }
  setBlkioParameters(params: TypedParam[], flags = 0): Promise<void> { return this.conn.invoke('domainSetBlkioParameters', this.#ref, params, flags); }
  numaParameters(flags = 0): Promise<TypedParam[]> {
    return this.conn.invoke('domainGetNumaParameters', this.#ref, flags | VIR_TYPED_PARAM_STRING_OKAY) as Promise<TypedParam[]>;
  }
  setNumaParameters(params: TypedParam[], flags = 0): Promise<void> { return this.conn.invoke('domainSetNumaParameters', this.#ref, params, flags); }
  /** virDomainGetPerfEvents: each perf event and whether it is enabled. */
  perfEvents(flags = 0): Promise<TypedParam[]> { return this.conn.invoke('domainGetPerfEvents', this.#ref, flags); }
  setPerfEvents(params: TypedParam[], flags = 0): Promise<void> { return this.conn.invoke('domainSetPerfEvents', this.#ref, params, flags); }
  /** virDomainGetInterfaceParameters: the bandwidth of the interface named by target or MAC address. */
  interfaceParameters(device: string, flags = 0): Promise<TypedParam[]> {
    return this.conn.invoke('domainGetInterfaceParameters', this.#ref, device, flags | VIR_TYPED_PARAM_STRING_OKAY) as Promise<TypedParam[]>;
  }
  setInterfaceParameters(device: string, params: TypedParam[], flags = 0): Promise<void> {
    return this.conn.invoke('domainSetInterfaceParameters', this.#ref, device, params, flags);
  }
  /** virDomainGetBlockIoTune: the I/O limits of the disk named by target or source path. */
  blockIoTune(disk: string, flags = 0): Promise<TypedParam[]> {
    return this.conn.invoke('domainGetBlockIoTune', this.#ref, disk, flags | VIR_TYPED_PARAM_STRING_OKAY) as Promise<TypedParam[]>;
  }
  setBlockIoTune(disk: string, params: TypedParam[], flags = 0): Promise<void> {
    return this.conn.invoke('domainSetBlockIoTune', this.#ref, disk, params, flags);
  }
  /** virDomainSetLifecycleAction: VIR_DOMAIN_LIFECYCLE_* event, VIR_DOMAIN_LIFECYCLE_ACTION_* action. */
  setLifecycleAction(type: number, action: number, flags = 0): Promise<void> {
    return this.conn.invoke('domainSetLifecycleAction', this.#ref, type, action, flags);
  }
  /**
   * virDomainGetCPUStats as the Python binding asks it: with `total`, one record of the domain's
   * totals; otherwise one record per host cpu.
   */
  async getCPUStats(total: boolean, flags = 0): Promise<TypedParam[][]> {
    const ask = (nparams: number, startCpu: number, ncpus: number) =>
      this.conn.invoke('domainGetCPUStats', this.#ref, nparams, startCpu, ncpus, flags | VIR_TYPED_PARAM_STRING_OKAY);
    if (total) {
      const { nparams } = await ask(0, -1, 1);
      return nparams ? (await ask(nparams, -1, 1)).stats : [[]];
    }
    const cpus = (await ask(0, 0, 0)).nparams;
    const nparams = (await ask(0, 0, 1)).nparams;
    const out: TypedParam[][] = [];
    // At most 128 cpus a call: the protocol's limit (REMOTE_DOMAIN_GET_CPU_STATS_NCPUS_MAX).
    for (let start = 0; start < cpus; start += 128) {
      const ncpus = Math.min(128, cpus - start);
      const stats = nparams ? (await ask(nparams, start, ncpus)).stats : [];
      for (let i = 0; i < ncpus; i++) out.push(stats[i] ?? []);
    }
    return out;
  }

  // Diagnostics and guest pokes

  controlInfo(flags = 0): Promise<DomainControlInfo> { return this.conn.invoke('domainGetControlInfo', this.#ref, flags); }
  diskErrors(flags = 0): Promise<DomainDiskError[]> { return this.conn.invoke('domainGetDiskErrors', this.#ref, flags); }
  messages(flags = 0): Promise<string[]> { return this.conn.invoke('domainGetMessages', this.#ref, flags); }
  launchSecurityInfo(flags = 0): Promise<TypedParam[]> {
    return this.conn.invoke('domainGetLaunchSecurityInfo', this.#ref, flags | VIR_TYPED_PARAM_STRING_OKAY);
  }
  /** virDomainSetLaunchSecurityState: e.g. an SEV secret and its header, before the guest runs. */
  setLaunchSecurityState(params: TypedParam[], flags = 0): Promise<void> { return this.conn.invoke('domainSetLaunchSecurityState', this.#ref, params, flags); }
  /** virDomainStartDirtyRateCalc: measure for `seconds`; read the result from the dirtyrate stats group. */
  startDirtyRateCalc(seconds: number, flags = 0): Promise<void> { return this.conn.invoke('domainStartDirtyRateCalc', this.#ref, seconds, flags); }

  // Jobs, migration tuning and backups

  jobInfo(): Promise<DomainJobInfo> { return this.conn.invoke('domainGetJobInfo', this.#ref); }
  jobStats(flags = 0): Promise<DomainJobStats> { return this.conn.invoke('domainGetJobStats', this.#ref, flags); }
  abortJob(): Promise<void> { return this.conn.invokeAs('virDomainAbortJob', 'domainAbortJobFlags', this.#ref, 0); }
  abortJobFlags(flags = 0): Promise<void> { return this.conn.invoke('domainAbortJobFlags', this.#ref, flags); }
  /** Milliseconds the guest may be paused at the end of a live migration. */
  migrateSetMaxDowntime(downtime: bigint, flags = 0): Promise<void> { return this.conn.invoke('domainMigrateSetMaxDowntime', this.#ref, downtime, flags); }
  migrateGetMaxDowntime(flags = 0): Promise<bigint> { return this.conn.invoke('domainMigrateGetMaxDowntime', this.#ref, flags); }
  /** Bytes of the cache used to compress repeated pages during migration. */
  migrateGetCompressionCache(flags = 0): Promise<bigint> { return this.conn.invoke('domainMigrateGetCompressionCache', this.#ref, flags); }
  migrateSetCompressionCache(cacheSize: bigint, flags = 0): Promise<void> { return this.conn.invoke('domainMigrateSetCompressionCache', this.#ref, cacheSize, flags); }
  /** MiB/s. */
  migrateSetMaxSpeed(bandwidth: bigint, flags = 0): Promise<void> { return this.conn.invoke('domainMigrateSetMaxSpeed', this.#ref, bandwidth, flags); }
  migrateGetMaxSpeed(flags = 0): Promise<bigint> { return this.conn.invoke('domainMigrateGetMaxSpeed', this.#ref, flags); }
  migrateStartPostCopy(flags = 0): Promise<void> { return this.conn.invoke('domainMigrateStartPostCopy', this.#ref, flags); }
  /** virDomainMigrate3: move the domain to `dconn`, the client driving both sides; VIR_MIGRATE_PARAM_* in params. */
  migrate3(dconn: Connect, params: TypedParam[] = [], flags = 0): Promise<Domain> { return migrate3(this, dconn, params, flags); }
  /** virDomainMigrateToURI3: the source migrates by itself (VIR_MIGRATE_PEER2PEER to `dconnuri`, or directly). */
  migrateToURI3(dconnuri: string | null, params: TypedParam[] = [], flags = 0): Promise<void> { return migrateToURI3(this, dconnuri, params, flags); }
  migrateToURI2(dconnuri: string | null, miguri: string | null, dxml: string | null, flags = 0, dname: string | null = null, bandwidth = 0n): Promise<void> {
    return migrateToURI2(this, dconnuri, miguri, dxml, flags, dname, bandwidth);
  }
  migrateToURI(duri: string, flags = 0, dname: string | null = null, bandwidth = 0n): Promise<void> { return migrateToURI(this, duri, flags, dname, bandwidth); }
  backupBegin(backupXML: string, checkpointXML: string | null = null, flags = 0): Promise<void> {
    return this.conn.invoke('domainBackupBegin', this.#ref, backupXML, checkpointXML, flags);
  }
  backupGetXMLDesc(flags = 0): Promise<string> { return this.conn.invoke('domainBackupGetXMLDesc', this.#ref, flags); }

  // Guest agent

  /** virDomainGetGuestInfo: VIR_DOMAIN_GUEST_INFO_* `types` (0: everything the agent tells). */
  guestInfo(types = 0, flags = 0): Promise<TypedParam[]> { return this.conn.invoke('domainGetGuestInfo', this.#ref, types, flags); }
  authorizedSSHKeysGet(user: string, flags = 0): Promise<string[]> { return this.conn.invoke('domainAuthorizedSSHKeysGet', this.#ref, user, flags); }
  authorizedSSHKeysSet(user: string, keys: string[], flags = 0): Promise<void> {
    return this.conn.invoke('domainAuthorizedSSHKeysSet', this.#ref, user, keys, flags);
  }
  agentSetResponseTimeout(timeout: number, flags = 0): Promise<void> { return this.conn.invoke('domainAgentSetResponseTimeout', this.#ref, timeout, flags); }

  // QEMU- and LXC-specific calls (libvirt-qemu, libvirt-lxc)

  /** virDomainQemuMonitorCommand: QMP (or HMP with VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP); the reply as text. */
  qemuMonitorCommand(cmd: string, flags = 0): Promise<string> { return this.conn.invoke('domainQemuMonitorCommand', this.#ref, cmd, flags); }
  qemuMonitorCommandWithFiles(cmd: string, fds: number[], flags = 0): Promise<string> {
    return this.conn.invoke('domainQemuMonitorCommandWithFiles', this.#ref, cmd, fds, flags);
  }
  /** virDomainQemuAgentCommand: `timeout` seconds or VIR_DOMAIN_QEMU_AGENT_COMMAND_*. */
  qemuAgentCommand(cmd: string, timeout: number, flags = 0): Promise<string> {
    return this.conn.invoke('domainQemuAgentCommand', this.#ref, cmd, timeout, flags);
  }
  /** virDomainLxcOpenNamespace: descriptors of the container's namespaces; the caller closes them. */
  lxcOpenNamespace(flags = 0): Promise<number[]> { return this.conn.invoke('domainLxcOpenNamespace', this.#ref, flags); }

  memoryPeek(start: bigint, size: number, flags: number): Promise<Buffer> { return this.conn.invoke('domainMemoryPeek', this.#ref, start, size, flags); }
  /** virDomainCoreDump: a raw dump; its refusals name virDomainCoreDump, as libvirt's do. */
  coreDump(to: string, flags = 0): Promise<void> {
    return this.conn.invokeAs('virDomainCoreDump', 'domainCoreDumpWithFormat', this.#ref, clientPath(to), 0, flags);
  }
  coreDumpWithFormat(to: string, dumpformat: number, flags = 0): Promise<void> {
    return this.conn.invoke('domainCoreDumpWithFormat', this.#ref, clientPath(to), dumpformat, flags);
  }
  blockInfo(path: string, flags = 0): Promise<DomainBlockInfo> { return this.conn.invoke('domainGetBlockInfo', this.#ref, path, flags); }
  /** virDomainGetEmulatorPinInfo: one boolean per host cpu, as many as virNodeGetCPUMap counts (as the Python binding returns). */
  async emulatorPinInfo(flags = 0): Promise<boolean[]> {
    return fitMap(await this.conn.invoke('domainGetEmulatorPinInfo', this.#ref, flags), await this.hostCpuCount());
  }
  /** virDomainSendKey: press `keycodes` of VIR_KEYCODE_SET_* `codeset` for `holdtime` ms. */
  sendKey(codeset: number, holdtime: number, keycodes: number[], flags = 0): Promise<void> {
    return this.conn.invoke('domainSendKey', this.#ref, codeset, holdtime, keycodes, flags);
  }
  injectNMI(flags = 0): Promise<void> { return this.conn.invoke('domainInjectNMI', this.#ref, flags); }
  sendProcessSignal(pidValue: bigint, signum: number, flags = 0): Promise<void> {
    return this.conn.invoke('domainSendProcessSignal', this.#ref, pidValue, signum, flags);
  }

  // State and description -----------------------------------------------------------------------

  info(): Promise<DomainInfo> { return this.conn.invoke('domainGetInfo', this.#ref); }
  state(flags = 0): Promise<DomainStateInfo> { return this.conn.invoke('domainGetState', this.#ref, flags); }
  xmlDesc(flags = 0): Promise<string> { return this.conn.invoke('domainGetXMLDesc', this.#ref, flags); }
  /** Python: XMLDesc. */
  XMLDesc(flags = 0): Promise<string> { return this.xmlDesc(flags); }
  osType(): Promise<string> { return this.conn.invoke('domainGetOSType', this.#ref); }
  /** virDomainGetSecurityLabel. */
  securityLabel(): Promise<SecurityLabel> { return this.conn.invoke('domainGetSecurityLabel', this.#ref); }
  metadata(type: number, uri: string | null = null, flags = 0): Promise<string> {
    return this.conn.invoke('domainGetMetadata', this.#ref, type, uri, flags);
  }
  setMetadata(type: number, metadata: string | null, key: string | null = null, uri: string | null = null, flags = 0): Promise<void> {
    return this.conn.invoke('domainSetMetadata', this.#ref, type, metadata, key, uri, flags);
  }
  isActive(): Promise<boolean> { return this.conn.invoke('domainIsActive', this.#ref); }
  isPersistent(): Promise<boolean> { return this.conn.invoke('domainIsPersistent', this.#ref); }
  isUpdated(): Promise<boolean> { return this.conn.invoke('domainIsUpdated', this.#ref); }
  blockStats(disk: string): Promise<DomainBlockStats> { return this.conn.invoke('domainBlockStats', this.#ref, disk); }
  interfaceStats(device: string): Promise<DomainInterfaceStats> { return this.conn.invoke('domainInterfaceStats', this.#ref, device); }
  /** virDomainSetMemoryStatsPeriod. */
  setMemoryStatsPeriod(period: number, flags = 0): Promise<void> {
    return this.conn.invoke('domainSetMemoryStatsPeriod', this.#ref, period, flags);
  }
  memoryStats(nrStats = 13, flags = 0): Promise<MemoryStat[]> { return this.conn.invoke('domainMemoryStats', this.#ref, nrStats, flags); }

  // Guest information ---------------------------------------------------------------------------

  /** virDomainGetHostname: VIR_DOMAIN_GET_HOSTNAME_LEASE or _AGENT choose the source (0: the driver's). */
  getHostname(flags = 0): Promise<string> { return this.conn.invoke('domainGetHostname', this.#ref, flags); }
  /** virDomainGetTime: the guest's clock. */
  getTime(flags = 0): Promise<DomainTime> { return this.conn.invoke('domainGetTime', this.#ref, flags); }
  /** virDomainSetTime: set the guest's clock (VIR_DOMAIN_TIME_SYNC: from its RTC instead). */
  setTime(seconds: number | bigint, nseconds = 0, flags = 0): Promise<void> {
    return this.conn.invoke('domainSetTime', this.#ref, BigInt(seconds), nseconds, flags);
  }
  /** virDomainSetUserPassword (VIR_DOMAIN_PASSWORD_ENCRYPTED: `password` is already a crypt(3) hash). */
  setUserPassword(user: string, password: string, flags = 0): Promise<void> {
    return this.conn.invoke('domainSetUserPassword', this.#ref, user, password, flags);
  }
  /** virDomainFSFreeze: how many of the mount points (all when none given) were frozen now. */
  fsFreeze(mountpoints: string[] = [], flags = 0): Promise<number> { return this.conn.invoke('domainFSFreeze', this.#ref, mountpoints, flags); }
  /** virDomainFSThaw: how many of the mount points (all when none given) were thawed now. */
  fsThaw(mountpoints: string[] = [], flags = 0): Promise<number> { return this.conn.invoke('domainFSThaw', this.#ref, mountpoints, flags); }
  /** virDomainFSTrim: discard unused blocks of one mount point (null: all); `minimum` bytes is a hint. */
  fsTrim(mountPoint: string | null = null, minimum: number | bigint = 0, flags = 0): Promise<void> {
    return this.conn.invoke('domainFSTrim', this.#ref, mountPoint, BigInt(minimum), flags);
  }
  /** virDomainGetFSInfo: the guest's mounted filesystems. */
  getFSInfo(flags = 0): Promise<DomainFSInfo[]> { return this.conn.invoke('domainGetFSInfo', this.#ref, flags); }
  /** virDomainInterfaceAddresses: VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE, _AGENT (refused read-only) or _ARP. */
  interfaceAddresses(source = 0, flags = 0): Promise<DomainInterface[]> {
    return this.conn.invoke('domainInterfaceAddresses', this.#ref, source, flags);
  }

  // Devices and block jobs -----------------------------------------------------------------------

  /** virDomainAttachDevice: to the running domain (the driver's AFFECT_LIVE). */
  attachDevice(xml: string): Promise<void> {
    return this.conn.invokeAs('virDomainAttachDevice', 'domainAttachDeviceFlags', this.#ref, xml, VIR_DOMAIN_AFFECT_LIVE);
  }
  attachDeviceFlags(xml: string, flags = 0): Promise<void> { return this.conn.invoke('domainAttachDeviceFlags', this.#ref, xml, flags); }
  /** virDomainDetachDevice: from the running domain (the driver's AFFECT_LIVE). */
  detachDevice(xml: string): Promise<void> {
    return this.conn.invokeAs('virDomainDetachDevice', 'domainDetachDeviceFlags', this.#ref, xml, VIR_DOMAIN_AFFECT_LIVE);
  }
  detachDeviceFlags(xml: string, flags = 0): Promise<void> { return this.conn.invoke('domainDetachDeviceFlags', this.#ref, xml, flags); }
  updateDeviceFlags(xml: string, flags = 0): Promise<void> { return this.conn.invoke('domainUpdateDeviceFlags', this.#ref, xml, flags); }
  /** virDomainDetachDeviceAlias: ask for the removal of the device called `alias`. */
  detachDeviceAlias(alias: string, flags = 0): Promise<void> { return this.conn.invoke('domainDetachDeviceAlias', this.#ref, alias, flags); }
  /** virDomainBlockResize: `size` in KiB (bytes with VIR_DOMAIN_BLOCK_RESIZE_BYTES). */
  blockResize(disk: string, size: number | bigint, flags = 0): Promise<void> {
    return this.conn.invoke('domainBlockResize', this.#ref, disk, BigInt(size), flags);
  }
  /** virDomainGetBlockJobInfo: the disk's active job, null when none runs. */
  blockJobInfo(disk: string, flags = 0): Promise<DomainBlockJobInfo | null> { return this.conn.invoke('domainGetBlockJobInfo', this.#ref, disk, flags); }
  blockJobAbort(disk: string, flags = 0): Promise<void> { return this.conn.invoke('domainBlockJobAbort', this.#ref, disk, flags); }
  blockJobSetSpeed(disk: string, bandwidth: number | bigint, flags = 0): Promise<void> {
    return this.conn.invoke('domainBlockJobSetSpeed', this.#ref, disk, BigInt(bandwidth), flags);
  }
  blockPull(disk: string, bandwidth: number | bigint = 0, flags = 0): Promise<void> {
    return this.conn.invoke('domainBlockPull', this.#ref, disk, BigInt(bandwidth), flags);
  }
  /** virDomainBlockRebase: pull from `base` (null: the whole chain), or copy to it with VIR_DOMAIN_BLOCK_REBASE_COPY. */
  blockRebase(disk: string, base: string | null, bandwidth: number | bigint = 0, flags = 0): Promise<void> {
    return this.conn.invoke('domainBlockRebase', this.#ref, disk, base, BigInt(bandwidth), flags);
  }
  /** virDomainBlockCopy: copy the disk to the one `destxml` describes (VIR_DOMAIN_BLOCK_COPY_* typed parameters). */
  blockCopy(disk: string, destxml: string, params: TypedParam[] = [], flags = 0): Promise<void> {
    return this.conn.invoke('domainBlockCopy', this.#ref, disk, destxml, params, flags);
  }
  blockCommit(disk: string, base: string | null = null, top: string | null = null, bandwidth: number | bigint = 0, flags = 0): Promise<void> {
    return this.conn.invoke('domainBlockCommit', this.#ref, disk, base, top, BigInt(bandwidth), flags);
  }
  /** virDomainSetBlockThreshold: a BLOCK_THRESHOLD event fires once `dev` is written past `threshold` bytes. */
  setBlockThreshold(dev: string, threshold: number | bigint, flags = 0): Promise<void> {
    return this.conn.invoke('domainSetBlockThreshold', this.#ref, dev, BigInt(threshold), flags);
  }

  // Vcpus and power management ------------------------------------------------------------------

  /** virDomainSetVcpu: enable (state 1) or disable (0) the vcpus listed in `vcpumap` (`1-3,^2`). */
  setVcpu(vcpumap: string, state: number, flags = 0): Promise<void> { return this.conn.invoke('domainSetVcpu', this.#ref, vcpumap, state, flags); }
  /** virDomainGetGuestVcpus: the guest agent's `vcpus`, `online` and `offlinable` cpu lists. */
  guestVcpus(flags = 0): Promise<TypedParam[]> { return this.conn.invoke('domainGetGuestVcpus', this.#ref, flags); }
  setGuestVcpus(cpumap: string, state: number, flags = 0): Promise<void> { return this.conn.invoke('domainSetGuestVcpus', this.#ref, cpumap, state, flags); }
  /** virDomainPMSuspendForDuration: VIR_NODE_SUSPEND_TARGET_* for `duration` seconds (0: until woken). */
  pmSuspendForDuration(target: number, duration: number | bigint = 0, flags = 0): Promise<void> {
    return this.conn.invoke('domainPMSuspendForDuration', this.#ref, target, BigInt(duration), flags);
  }
  pmWakeup(flags = 0): Promise<void> { return this.conn.invoke('domainPMWakeup', this.#ref, flags); }

  // File descriptors (through a daemon: a unix socket and the native helper) ---------------------

  /** virDomainOpenGraphics: connect graphics device `idx` to `fd`, a socket the caller keeps. */
  openGraphics(idx: number, fd: number, flags = 0): Promise<void> {
    return this.conn.invoke('domainOpenGraphics', this.#ref, idx, fd, flags);
  }
  /** virDomainOpenGraphicsFD: a new socket connected to graphics device `idx`; the caller closes it. */
  openGraphicsFD(idx: number, flags = 0): Promise<number> {
    return this.conn.invoke('domainOpenGraphicsFD', this.#ref, idx, flags);
  }
  /** virDomainFDAssociate: hand the driver duplicates of `fds` under `name` for the domain's next start. */
  fdAssociate(name: string, fds: number[], flags = 0): Promise<void> {
    return this.conn.invoke('domainFDAssociate', this.#ref, name, fds, flags);
  }

  // Streams -------------------------------------------------------------------------------------

  /** virDomainOpenConsole: bind `stream` to a console (`devName` null = the first one). */
  async openConsole(devName: string | null, stream: Stream, flags = 0): Promise<void> {
    await this.checkStream('virDomainOpenConsole', stream);
    await stream.bind(() => this.conn.invoke('domainOpenConsole', this.#ref, devName, flags));
  }
  /** virDomainOpenChannel: bind `stream` to a character device channel by alias. */
  async openChannel(name: string | null, stream: Stream, flags = 0): Promise<void> {
    await this.checkStream('virDomainOpenChannel', stream);
    await stream.bind(() => this.conn.invoke('domainOpenChannel', this.#ref, name, flags));
  }
  /** virDomainScreenshot: bind `stream` to an image of `screen`; resolves with its MIME type. */
  async screenshot(stream: Stream, screen: number, flags = 0): Promise<string | null> {
    await this.checkStream('virDomainScreenshot', stream);
    let mime: string | null = null;
    await stream.bind(async () => {
      const shot = await this.conn.invoke('domainScreenshot', this.#ref, screen, flags);
      mime = shot.mime;
      return shot.stream;
    });
    return mime;
  }

  // Snapshots -----------------------------------------------------------------------------------

  async snapshotCreateXML(xml: string, flags = 0): Promise<DomainSnapshot> {
    return new DomainSnapshot(this, await this.conn.invoke('domainSnapshotCreateXML', this.#ref, xml, flags));
  }
  snapshotNum(flags = 0): Promise<number> { return this.conn.invoke('domainSnapshotNum', this.#ref, flags); }
  snapshotListNames(flags = 0): Promise<string[]> { return this.conn.invoke('domainSnapshotListNames', this.#ref, 1 << 16, flags); }
  async listAllSnapshots(flags = 0): Promise<DomainSnapshot[]> {
    return (await this.conn.invoke('domainListAllSnapshots', this.#ref, flags)).map((s) => new DomainSnapshot(this, s));
  }
  async snapshotLookupByName(name: string, flags = 0): Promise<DomainSnapshot> {
    return new DomainSnapshot(this, await this.conn.invoke('domainSnapshotLookupByName', this.#ref, name, flags));
  }
  hasCurrentSnapshot(flags = 0): Promise<boolean> { return this.conn.invoke('domainHasCurrentSnapshot', this.#ref, flags); }
  async snapshotCurrent(flags = 0): Promise<DomainSnapshot> {
    return new DomainSnapshot(this, await this.conn.invoke('domainSnapshotCurrent', this.#ref, flags));
  }
  revertToSnapshot(snap: DomainSnapshot, flags = 0): Promise<void> {
    return this.conn.invoke('domainRevertToSnapshot', snap.ref, flags);
  }

  // Checkpoints ---------------------------------------------------------------------------------

  async checkpointCreateXML(xml: string, flags = 0): Promise<DomainCheckpoint> {
    return new DomainCheckpoint(this, await this.conn.invoke('domainCheckpointCreateXML', this.#ref, xml, flags));
  }
  async listAllCheckpoints(flags = 0): Promise<DomainCheckpoint[]> {
    return (await this.conn.invoke('domainListAllCheckpoints', this.#ref, flags)).map((c) => new DomainCheckpoint(this, c));
  }
  async checkpointLookupByName(name: string, flags = 0): Promise<DomainCheckpoint> {
    return new DomainCheckpoint(this, await this.conn.invoke('domainCheckpointLookupByName', this.#ref, name, flags));
  }
}
