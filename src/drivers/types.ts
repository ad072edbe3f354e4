import type { Duplex } from 'node:stream';

/**
 * The driver contract: one entry point per libvirt API call, named as libvirt's driver tables
 * name them (virHypervisorDriver, virNetworkDriver, virStorageDriver). A driver fills in only
 * what it supports; the API layer reports VIR_ERR_NO_SUPPORT for every entry left undefined.
 * Objects cross the contract as plain references (name, uuid, id); the API layer wraps them.
 */

/** Credentials as libvirt's virConnectCredential. `result` is filled by the auth callback. */
export interface Credential {
  type: number; // VIR_CRED_*
  prompt: string;
  challenge?: string;
  defresult?: string;
  result?: string;
}

/** How a connection authenticates: the credential types it can answer and how it answers them. */
export interface ConnectAuth {
  credtype: number[];
  /** Fill `result` of each credential (sync or async); return/resolve 0 on success, -1 to refuse. */
  callback?: (creds: Credential[], cbdata?: unknown) => number | void | Promise<number | void>;
  cbdata?: unknown;
  /** For non-interactive use: answers by credential type, e.g. { [VIR_CRED_AUTHNAME]: 'fred' }. */
  credentials?: Partial<Record<number, string>>;
}

/**
 * A hole in a sparse stream (virStreamSendHole): `length` bytes of empty space. Sparse transfers
 * hand out object-mode Duplexes whose chunks are data Buffers and these, in stream order.
 */
export interface StreamHole { readonly length: bigint; readonly flags: number }

export interface DomainRef { name: string; uuid: string; id: number }
export interface NetworkRef { name: string; uuid: string }
export interface StoragePoolRef { name: string; uuid: string }
export interface StorageVolRef { pool: string; name: string; key: string }
export interface SnapshotRef { domain: DomainRef; name: string }
export interface CheckpointRef { domain: DomainRef; name: string }
export interface InterfaceRef { name: string; mac: string }
export interface NodeDeviceRef { name: string }
/** virSecret: its UUID and what it is used for (VIR_SECRET_USAGE_TYPE_* and the usage's id). */
export interface SecretRef { uuid: string; usageType: number; usageID: string }
export interface NWFilterRef { name: string; uuid: string }
export interface NWFilterBindingRef { portdev: string; filtername: string }
export interface NodeDeviceEventPayload { eventId: number; dev: NodeDeviceRef; event: number; detail: number }
/** A secret event: lifecycle (event, detail) or value-changed (both 0). */
export interface SecretEventPayload { eventId: number; secret: SecretRef; event: number; detail: number }
/** A port of a virtual network, known by its network and its UUID. */
export interface NetworkPortRef { net: NetworkRef; uuid: string }
/** virNetworkDHCPLease: one lease a network's DHCP server handed out (expirytime in seconds since the epoch). */
export interface NetworkDHCPLease {
  iface: string; expirytime: bigint; type: number; mac: string | null; iaid: string | null;
  ipaddr: string; prefix: number; hostname: string | null; clientid: string | null;
}

/** virDomainBlockJobInfo: the job's type (VIR_DOMAIN_BLOCK_JOB_TYPE_*), bandwidth and progress. */
export interface DomainBlockJobInfo { type: number; bandwidth: bigint; cur: bigint; end: bigint }

export interface NodeInfo {
  model: string;
  memory: number; // KiB
  cpus: number;
  mhz: number;
  nodes: number;
  sockets: number;
  cores: number;
  threads: number;
}

/** One virNodeCPUStats / virNodeMemoryStats entry: a field name (`user`, `kernel`, `total`...) and its value. */
export interface NodeStat { field: string; value: bigint }

/** virSecurityModel: the host's security driver and its domain of interpretation. */
export interface SecurityModel { model: string; doi: string }

/** virSecurityLabel: a running domain's label and whether it is enforced. */
export interface SecurityLabel { label: string; enforcing: boolean }

export interface DomainInfo {
  state: number;
  maxMem: number; // KiB
  memory: number; // KiB
  nrVirtCpu: number;
  cpuTime: bigint; // ns
}

export interface DomainStateInfo { state: number; reason: number }

export interface StoragePoolInfo {
  state: number;
  capacity: bigint;
  allocation: bigint;
  available: bigint;
}

export interface StorageVolInfo { type: number; capacity: bigint; allocation: bigint }

export interface DomainBlockStats {
  rdReq: bigint; rdBytes: bigint; wrReq: bigint; wrBytes: bigint; errs: bigint;
}

export interface DomainInterfaceStats {
  rxBytes: bigint; rxPackets: bigint; rxErrs: bigint; rxDrop: bigint;
  txBytes: bigint; txPackets: bigint; txErrs: bigint; txDrop: bigint;
}

/** virVcpuInfo plus the vcpu's affinity: `cpumap[i]` says whether host cpu i may run it. */
export interface VcpuInfo { number: number; state: number; cpuTime: bigint; cpu: number; cpumap: boolean[] }

export interface MemoryStat { tag: number; val: bigint }

/** virDomainGetTime: the guest's clock, seconds since the epoch plus nanoseconds. */
export interface DomainTime { seconds: bigint; nseconds: number }

/** virDomainFSInfo: one mounted guest filesystem and the disk targets (`vda`) it lives on. */
export interface DomainFSInfo { mountpoint: string; name: string; fstype: string; devAlias: string[] }

/** virDomainIPAddress: `type` is VIR_IP_ADDR_TYPE_IPV4 or _IPV6. */
export interface DomainIPAddress { type: number; addr: string; prefix: number }

/** virDomainInterface: a guest interface, its MAC (null when the source does not tell) and addresses. */
export interface DomainInterface { name: string; hwaddr: string | null; addrs: DomainIPAddress[] }

/**
 * virTypedParameter: `type` is VIR_TYPED_PARAM_*; INT, UINT and DOUBLE carry a number, LLONG and
 * ULLONG a bigint, BOOLEAN a boolean, STRING a string.
 */
/** virDomainControlInfo: the state of the domain's control interface, details and time in it (ms). */
export interface DomainControlInfo { state: number; details: number; stateTime: bigint }
/** virDomainDiskError: a disk's target and its VIR_DOMAIN_DISK_ERROR_*. */
export interface DomainDiskError { disk: string; error: number }

/** virDomainJobInfo: the domain's current job (VIR_DOMAIN_JOB_*) and its progress (ms, bytes). */
export interface DomainJobInfo {
  type: number;
  timeElapsed: bigint; timeRemaining: bigint;
  dataTotal: bigint; dataProcessed: bigint; dataRemaining: bigint;
  memTotal: bigint; memProcessed: bigint; memRemaining: bigint;
  fileTotal: bigint; fileProcessed: bigint; fileRemaining: bigint;
}
/** virDomainGetJobStats' answer: the job type and its typed statistics. */
export interface DomainJobStats { type: number; params: TypedParam[] }

/** virDomainIOThreadInfo: an IOThread and its affinity (`cpumap[i]`: host cpu i), as long as the driver's bitmap. */
export interface DomainIOThreadInfo { iothreadId: number; cpumap: boolean[] }

/** virDomainGetCPUStats' answer: each cpu's statistics (or the totals), and how many each has (or the count asked for). */
export interface DomainCPUStats { nparams: number; stats: TypedParam[][] }

/** virDomainBlockInfo, in bytes. */
export interface DomainBlockInfo { capacity: bigint; allocation: bigint; physical: bigint }

export interface TypedParam { field: string; type: number; value: number | bigint | boolean | string }

/** One record of virConnectGetAllDomainStats: a domain and its statistics in the driver's order. */
export interface DomainStatsRecord { dom: DomainRef; params: TypedParam[] }

/** A domain event as the driver raises it; `eventId` is VIR_DOMAIN_EVENT_ID_*. */
export interface DomainEventPayload {
  eventId: number;
  domain: DomainRef;
  /** For lifecycle events: VIR_DOMAIN_EVENT_* type and detail. Other events carry their own fields. */
  event?: number;
  detail?: number;
  [key: string]: unknown;
}

export interface NetworkEventPayload { eventId: number; network: NetworkRef; event: number; detail: number }
export interface StoragePoolEventPayload { eventId: number; pool: StoragePoolRef; event: number; detail: number }

export type EventListener<P> = (payload: P) => void;

/** A QEMU monitor event: its name, when QEMU raised it, and its JSON data (null when none). */
export interface QemuMonitorEventPayload { domain: DomainRef; event: string; seconds: bigint; micros: number; details: string | null }

/** One open connection of a driver. Every method is optional but close(). */
export interface ConnectionDriver {
  readonly name: string;
  /** Keeps state a daemon holds for its whole life (libvirt's stateful drivers: QEMU), not per connection. */
  readonly stateful?: boolean;
  close(): Promise<void>;
  /**
   * For a public function that shares its entry point with another (virDomainDestroy and
   * virDomainDestroyFlags both reach domainDestroyFlags): called instead of the method, with the
   * function's name, by drivers that treat them differently (the remote driver sends the
   * function's own procedure, as libvirt's client does).
   */
  callAs?(cName: string, method: DriverMethod, args: unknown[]): Promise<unknown>;

  // Host
  connectGetType?(): Promise<string>;
  connectGetVersion?(): Promise<number>;
  connectGetHostname?(): Promise<string>;
  connectGetURI?(): Promise<string>;
  connectGetMaxVcpus?(type: string | null): Promise<number>;
  connectGetCapabilities?(): Promise<string>;
  connectGetSysinfo?(flags: number): Promise<string>;
  /** VIR_DRV_FEATURE_*: 1 when supported (the migration calls ask before choosing a protocol); absent = nothing. */
  connectSupportsFeature?(feature: number): Promise<number>;
  /** A domain XML as the hypervisor's own configuration (QEMU: its command line, 'qemu-argv'). */
  connectDomainXMLToNative?(nativeFormat: string, domainXml: string, flags: number): Promise<string>;
  /** The hypervisor's own configuration back to domain XML. */
  connectDomainXMLFromNative?(nativeFormat: string, nativeConfig: string, flags: number): Promise<string>;
  connectIsEncrypted?(): Promise<boolean>;
  connectIsSecure?(): Promise<boolean>;
  connectIsAlive?(): Promise<boolean>;
  /** Start keepalive probes (remote connections); local drivers leave it out. */
  connectSetKeepAlive?(interval: number, count: number): Promise<void>;
  nodeGetInfo?(): Promise<NodeInfo>;
  /** The host's first security model (model and DOI empty when none is active). */
  nodeGetSecurityModel?(): Promise<SecurityModel>;
  /** CPU time counters (ns) of one cpu or of all (-1), in the driver's order. */
  /** The host's cpu count and which cpus are online (virNodeGetCPUMap). */
  nodeGetCPUMap?(flags: number): Promise<{ cpus: number; online: boolean[] }>;
  /** The CPU models the hypervisor knows for an architecture. */
  connectGetCPUModelNames?(arch: string, flags: number): Promise<string[]>;
  nodeGetCPUStats?(cpuNum: number, flags: number): Promise<NodeStat[]>;
  /** Memory counters (KiB) of one NUMA cell or of all (-1). */
  nodeGetMemoryStats?(cellNum: number, flags: number): Promise<NodeStat[]>;
  nodeGetFreeMemory?(): Promise<bigint>;
  nodeGetCellsFreeMemory?(startCell: number, maxCells: number): Promise<bigint[]>;
  /**
   * virNodeGetFreePages: free pages of each size in `pages` (KiB) for `cellCount` cells from
   * `startCell`, cell by cell, and how many of them count (libvirt's return value: a driver
   * may write counts it does not report, which C callers such as virsh still read).
   */
  nodeGetFreePages?(pages: number[], startCell: number, cellCount: number, flags: number): Promise<{ counts: bigint[]; filled: number }>;

  // Domains
  connectNumOfDomains?(): Promise<number>;
  connectListDomains?(maxids: number): Promise<number[]>;
  connectNumOfDefinedDomains?(): Promise<number>;
  connectListDefinedDomains?(maxnames: number): Promise<string[]>;
  connectListAllDomains?(flags: number): Promise<DomainRef[]>;
  /** virConnectGetAllDomainStats (doms null) and virDomainListGetStats (the given domains). */
  connectGetAllDomainStats?(doms: DomainRef[] | null, stats: number, flags: number): Promise<DomainStatsRecord[]>;
  domainLookupByID?(id: number): Promise<DomainRef>;
  domainLookupByName?(name: string): Promise<DomainRef>;
  domainLookupByUUID?(uuid: string): Promise<DomainRef>;
  domainCreateXML?(xml: string, flags: number): Promise<DomainRef>;
  /** Start a guest handing it open file descriptors of the caller (local drivers that can pass fds). */
  domainCreateXMLWithFiles?(xml: string, fds: number[], flags: number): Promise<DomainRef>;
  domainCreateWithFiles?(dom: DomainRef, fds: number[], flags: number): Promise<DomainRef | void>;
  /** virDomainOpenGraphics: connect graphics device `idx` to `fd`, a socket the caller keeps (the driver duplicates what it keeps). */
  domainOpenGraphics?(dom: DomainRef, idx: number, fd: number, flags: number): Promise<void>;
  /** virDomainOpenGraphicsFD: a new socket connected to graphics device `idx`; the caller owns it. */
  domainOpenGraphicsFD?(dom: DomainRef, idx: number, flags: number): Promise<number>;
  /** virDomainFDAssociate: keep duplicates of `fds` under `name` for the domain's next start. */
  domainFDAssociate?(dom: DomainRef, name: string, fds: number[], flags: number): Promise<void>;
  domainDefineXMLFlags?(xml: string, flags: number): Promise<DomainRef>;
  domainUndefineFlags?(dom: DomainRef, flags: number): Promise<void>;
  domainCreateWithFlags?(dom: DomainRef, flags: number): Promise<DomainRef>;
  domainShutdownFlags?(dom: DomainRef, flags: number): Promise<void>;
  domainReboot?(dom: DomainRef, flags: number): Promise<void>;
  domainReset?(dom: DomainRef, flags: number): Promise<void>;
  domainDestroyFlags?(dom: DomainRef, flags: number): Promise<void>;
  domainSuspend?(dom: DomainRef): Promise<void>;
  domainResume?(dom: DomainRef): Promise<void>;
  domainSaveFlags?(dom: DomainRef, path: string, dxml: string | null, flags: number): Promise<void>;
  domainRestoreFlags?(path: string, dxml: string | null, flags: number): Promise<void>;
  domainSaveImageGetXMLDesc?(path: string, flags: number): Promise<string>;
  domainSaveImageDefineXML?(path: string, dxml: string, flags: number): Promise<void>;
  domainManagedSave?(dom: DomainRef, flags: number): Promise<void>;
  domainHasManagedSaveImage?(dom: DomainRef, flags: number): Promise<boolean>;
  domainManagedSaveRemove?(dom: DomainRef, flags: number): Promise<void>;
  /** The domain XML kept in the managed save image. */
  domainManagedSaveGetXMLDesc?(dom: DomainRef, flags: number): Promise<string>;
  /** Replace the domain XML kept in the managed save image (null: keep it, change only the state flags). */
  domainManagedSaveDefineXML?(dom: DomainRef, dxml: string | null, flags: number): Promise<void>;
  domainGetAutostart?(dom: DomainRef): Promise<boolean>;
  domainSetAutostart?(dom: DomainRef, autostart: boolean): Promise<void>;
  domainGetMaxMemory?(dom: DomainRef): Promise<number>;
  domainSetMaxMemory?(dom: DomainRef, kib: number): Promise<void>;
  domainSetMemoryFlags?(dom: DomainRef, kib: number, flags: number): Promise<void>;
  domainSetVcpusFlags?(dom: DomainRef, nvcpus: number, flags: number): Promise<void>;
  domainGetVcpusFlags?(dom: DomainRef, flags: number): Promise<number>;
  domainGetMaxVcpus?(dom: DomainRef): Promise<number>;
  domainGetVcpus?(dom: DomainRef): Promise<VcpuInfo[]>;
  domainGetInfo?(dom: DomainRef): Promise<DomainInfo>;
  domainGetState?(dom: DomainRef, flags: number): Promise<DomainStateInfo>;
  domainGetXMLDesc?(dom: DomainRef, flags: number): Promise<string>;
  domainGetOSType?(dom: DomainRef): Promise<string>;
  /** The domain's security label; empty while it is not running. */
  /** Each vcpu's affinity (one boolean per host cpu), from the live or persistent definition. */
  /** How often (seconds) the balloon driver collects statistics; 0 stops it. */
  domainSetMemoryStatsPeriod?(dom: DomainRef, period: number, flags: number): Promise<void>;
  domainGetVcpuPinInfo?(dom: DomainRef, flags: number): Promise<boolean[][]>;
  domainGetSecurityLabel?(dom: DomainRef): Promise<SecurityLabel>;
  domainGetMetadata?(dom: DomainRef, type: number, uri: string | null, flags: number): Promise<string>;
  domainSetMetadata?(dom: DomainRef, type: number, metadata: string | null, key: string | null, uri: string | null, flags: number): Promise<void>;
  /**
   * The remote driver gives back the handle's new identity (libvirt's remote driver renames the
   * caller's handle); local drivers give nothing and the caller's handle keeps its old name.
   */
  domainRename?(dom: DomainRef, newName: string, flags: number): Promise<DomainRef | void>;
  domainIsActive?(dom: DomainRef): Promise<boolean>;
  domainIsPersistent?(dom: DomainRef): Promise<boolean>;
  domainIsUpdated?(dom: DomainRef): Promise<boolean>;
  domainBlockStats?(dom: DomainRef, disk: string): Promise<DomainBlockStats>;
  domainInterfaceStats?(dom: DomainRef, device: string): Promise<DomainInterfaceStats>;
  domainMemoryStats?(dom: DomainRef, nrStats: number, flags: number): Promise<MemoryStat[]>;
  /** The scheduler's name and how many parameters it has. */
  domainGetSchedulerType?(dom: DomainRef): Promise<{ type: string; nparams: number }>;
  domainGetSchedulerParametersFlags?(dom: DomainRef, flags: number): Promise<TypedParam[]>;
  domainSetSchedulerParametersFlags?(dom: DomainRef, params: TypedParam[], flags: number): Promise<void>;
  /**
   * Every memory tunable (hard_limit, soft_limit, swap_hard_limit). The counted getters (memory,
   * blkio, NUMA, interface, block I/O tune) take `countOnly` when a daemon's client asks how many
   * there are (nparams 0): a driver may then answer with the number alone, as libvirt's test
   * driver does without looking at the domain.
   */
  domainGetMemoryParameters?(dom: DomainRef, flags: number, countOnly?: boolean): Promise<TypedParam[] | number>;
  domainSetMemoryParameters?(dom: DomainRef, params: TypedParam[], flags: number): Promise<void>;
  domainGetBlkioParameters?(dom: DomainRef, flags: number, countOnly?: boolean): Promise<TypedParam[] | number>;
  domainSetBlkioParameters?(dom: DomainRef, params: TypedParam[], flags: number): Promise<void>;
  domainGetNumaParameters?(dom: DomainRef, flags: number, countOnly?: boolean): Promise<TypedParam[] | number>;
  domainGetControlInfo?(dom: DomainRef, flags: number): Promise<DomainControlInfo>;
  domainCoreDumpWithFormat?(dom: DomainRef, to: string, dumpformat: number, flags: number): Promise<void>;
  domainGetBlockInfo?(dom: DomainRef, path: string, flags: number): Promise<DomainBlockInfo>;
  /** The emulator threads' affinity: one boolean per host cpu. */
  domainGetEmulatorPinInfo?(dom: DomainRef, flags: number): Promise<boolean[]>;
  /** Every disk error; callers asking for a count take the length. */
  domainGetDiskErrors?(dom: DomainRef, flags: number): Promise<DomainDiskError[]>;
  domainInjectNMI?(dom: DomainRef, flags: number): Promise<void>;
  domainSendProcessSignal?(dom: DomainRef, pidValue: bigint, signum: number, flags: number): Promise<void>;
  /** Press and release `keycodes` of VIR_KEYCODE_SET_* `codeset`, holding them `holdtime` ms. */
  domainSendKey?(dom: DomainRef, codeset: number, holdtime: number, keycodes: number[], flags: number): Promise<void>;
  /** Pins one running vcpu; `cpumap` has one boolean per host cpu the caller's map covers (8 per byte). */
  domainPinVcpuFlags?(dom: DomainRef, vcpu: number, cpumap: boolean[], flags: number): Promise<void>;
  domainPinEmulator?(dom: DomainRef, cpumap: boolean[], flags: number): Promise<void>;
  domainSetNumaParameters?(dom: DomainRef, params: TypedParam[], flags: number): Promise<void>;
  domainGetPerfEvents?(dom: DomainRef, flags: number): Promise<TypedParam[]>;
  domainSetPerfEvents?(dom: DomainRef, params: TypedParam[], flags: number): Promise<void>;
  domainGetInterfaceParameters?(dom: DomainRef, device: string, flags: number, countOnly?: boolean): Promise<TypedParam[] | number>;
  domainSetInterfaceParameters?(dom: DomainRef, device: string, params: TypedParam[], flags: number): Promise<void>;
  domainGetBlockIoTune?(dom: DomainRef, disk: string | null, flags: number, countOnly?: boolean): Promise<TypedParam[] | number>;
  domainSetBlockIoTune?(dom: DomainRef, disk: string, params: TypedParam[], flags: number): Promise<void>;
  /** virDomainGetCPUStats with its counting conventions (`nparams` 0: how many; `startCpu` -1: the totals). */
  domainGetCPUStats?(dom: DomainRef, nparams: number, startCpu: number, ncpus: number, flags: number): Promise<DomainCPUStats>;
  domainSetLifecycleAction?(dom: DomainRef, type: number, action: number, flags: number): Promise<void>;
  domainGetIOThreadInfo?(dom: DomainRef, flags: number): Promise<DomainIOThreadInfo[]>;
  domainAddIOThread?(dom: DomainRef, iothreadId: number, flags: number): Promise<void>;
  domainDelIOThread?(dom: DomainRef, iothreadId: number, flags: number): Promise<void>;
  domainPinIOThread?(dom: DomainRef, iothreadId: number, cpumap: boolean[], flags: number): Promise<void>;
  domainSetIOThreadParams?(dom: DomainRef, iothreadId: number, params: TypedParam[], flags: number): Promise<void>;
  domainGetMessages?(dom: DomainRef, flags: number): Promise<string[]>;
  domainGetLaunchSecurityInfo?(dom: DomainRef, flags: number): Promise<TypedParam[]>;
  domainMemoryPeek?(dom: DomainRef, start: bigint, size: number, flags: number): Promise<Buffer>;
  /** Hand a secret to an SEV guest before it starts (VIR_DOMAIN_LAUNCH_SECURITY_SEV_SECRET* parameters). */
  domainSetLaunchSecurityState?(dom: DomainRef, params: TypedParam[], flags: number): Promise<void>;
  /** Start measuring how fast the guest dirties its memory over `seconds` (VIR_DOMAIN_DIRTYRATE_MODE_* in flags). */
  domainStartDirtyRateCalc?(dom: DomainRef, seconds: number, flags: number): Promise<void>;

  // Jobs and migration tuning
  domainGetJobInfo?(dom: DomainRef): Promise<DomainJobInfo>;
  domainGetJobStats?(dom: DomainRef, flags: number): Promise<DomainJobStats>;
  /** virDomainAbortJob (flags 0) and virDomainAbortJobFlags. */
  domainAbortJobFlags?(dom: DomainRef, flags: number): Promise<void>;
  domainMigrateSetMaxDowntime?(dom: DomainRef, downtime: bigint, flags: number): Promise<void>;
  domainMigrateGetMaxDowntime?(dom: DomainRef, flags: number): Promise<bigint>;
  domainMigrateGetCompressionCache?(dom: DomainRef, flags: number): Promise<bigint>;
  domainMigrateSetCompressionCache?(dom: DomainRef, cacheSize: bigint, flags: number): Promise<void>;
  /** MiB/s; VIR_DOMAIN_MIGRATE_MAX_SPEED_POSTCOPY in flags for the post-copy phase. */
  domainMigrateSetMaxSpeed?(dom: DomainRef, bandwidth: bigint, flags: number): Promise<void>;
  domainMigrateGetMaxSpeed?(dom: DomainRef, flags: number): Promise<bigint>;
  domainMigrateStartPostCopy?(dom: DomainRef, flags: number): Promise<void>;
  /**
   * Peer-to-peer or direct migration carried out by the source alone (VIR_MIGRATE_PARAM_* in
   * params); `dconnuri` is the destination's connection URI for peer-to-peer. Returns the cookie out.
   */
  domainMigratePerform3Params?(dom: DomainRef, dconnuri: string | null, params: TypedParam[], cookieIn: Uint8Array | null, flags: number): Promise<Uint8Array | null>;

  // Backups
  domainBackupBegin?(dom: DomainRef, backupXML: string, checkpointXML: string | null, flags: number): Promise<void>;
  domainBackupGetXMLDesc?(dom: DomainRef, flags: number): Promise<string>;

  // Guest information (through a guest agent, DHCP leases or ARP; VIR_DOMAIN_GET_HOSTNAME_* etc. in flags)
  domainGetHostname?(dom: DomainRef, flags: number): Promise<string>;
  domainGetTime?(dom: DomainRef, flags: number): Promise<DomainTime>;
  /** VIR_DOMAIN_TIME_SYNC in flags: resync from the guest's RTC, seconds/nseconds unused. */
  domainSetTime?(dom: DomainRef, seconds: bigint, nseconds: number, flags: number): Promise<void>;
  domainSetUserPassword?(dom: DomainRef, user: string, password: string, flags: number): Promise<void>;
  /** Freeze the listed mount points (all when empty); resolves with how many were frozen now. */
  domainFSFreeze?(dom: DomainRef, mountpoints: string[], flags: number): Promise<number>;
  /** Thaw the listed mount points (all when empty); resolves with how many were thawed now. */
  domainFSThaw?(dom: DomainRef, mountpoints: string[], flags: number): Promise<number>;
  /** fstrim one mount point (null: all); `minimum` bytes is a hint. */
  domainFSTrim?(dom: DomainRef, mountPoint: string | null, minimum: bigint, flags: number): Promise<void>;
  domainGetFSInfo?(dom: DomainRef, flags: number): Promise<DomainFSInfo[]>;
  /** `source` is VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE, _AGENT or _ARP. */
  domainInterfaceAddresses?(dom: DomainRef, source: number, flags: number): Promise<DomainInterface[]>;
  /** What the guest agent reports of the VIR_DOMAIN_GUEST_INFO_* `types` (0: all it can), as typed parameters. */
  domainGetGuestInfo?(dom: DomainRef, types: number, flags: number): Promise<TypedParam[]>;
  domainAuthorizedSSHKeysGet?(dom: DomainRef, user: string, flags: number): Promise<string[]>;
  /** Replace, append to (VIR_DOMAIN_AUTHORIZED_SSH_KEYS_SET_APPEND) or remove from a user's authorized keys. */
  domainAuthorizedSSHKeysSet?(dom: DomainRef, user: string, keys: string[], flags: number): Promise<void>;
  /** Seconds to wait for the guest agent (VIR_DOMAIN_AGENT_RESPONSE_TIMEOUT_* for the special values). */
  domainAgentSetResponseTimeout?(dom: DomainRef, timeout: number, flags: number): Promise<void>;

  // Devices (the device XML of one element) and block jobs (disk: target or source path)
  domainAttachDeviceFlags?(dom: DomainRef, xml: string, flags: number): Promise<void>;
  domainDetachDeviceFlags?(dom: DomainRef, xml: string, flags: number): Promise<void>;
  domainUpdateDeviceFlags?(dom: DomainRef, xml: string, flags: number): Promise<void>;
  domainDetachDeviceAlias?(dom: DomainRef, alias: string, flags: number): Promise<void>;
  /** `size` in KiB, or bytes with VIR_DOMAIN_BLOCK_RESIZE_BYTES. */
  domainBlockResize?(dom: DomainRef, disk: string, size: bigint, flags: number): Promise<void>;
  /** The disk's active job, null when it has none. */
  domainGetBlockJobInfo?(dom: DomainRef, disk: string, flags: number): Promise<DomainBlockJobInfo | null>;
  domainBlockJobAbort?(dom: DomainRef, disk: string, flags: number): Promise<void>;
  domainBlockJobSetSpeed?(dom: DomainRef, disk: string, bandwidth: bigint, flags: number): Promise<void>;
  domainBlockPull?(dom: DomainRef, disk: string, bandwidth: bigint, flags: number): Promise<void>;
  domainBlockRebase?(dom: DomainRef, disk: string, base: string | null, bandwidth: bigint, flags: number): Promise<void>;
  domainBlockCopy?(dom: DomainRef, disk: string, destxml: string, params: TypedParam[], flags: number): Promise<void>;
  domainBlockCommit?(dom: DomainRef, disk: string, base: string | null, top: string | null, bandwidth: bigint, flags: number): Promise<void>;
  domainSetBlockThreshold?(dom: DomainRef, dev: string, threshold: bigint, flags: number): Promise<void>;
  /** Turn the vcpus of `vcpumap` (a list such as `1-3,^2`) on (state 1) or off (0). */
  domainSetVcpu?(dom: DomainRef, vcpumap: string, state: number, flags: number): Promise<void>;
  /** The guest agent's view of its cpus (`vcpus`, `online`, `offlinable` as cpu lists). */
  domainGetGuestVcpus?(dom: DomainRef, flags: number): Promise<TypedParam[]>;
  domainSetGuestVcpus?(dom: DomainRef, cpumap: string, state: number, flags: number): Promise<void>;
  /** `target` is VIR_NODE_SUSPEND_TARGET_*; `duration` seconds (0: until woken). */
  domainPMSuspendForDuration?(dom: DomainRef, target: number, duration: bigint, flags: number): Promise<void>;
  domainPMWakeup?(dom: DomainRef, flags: number): Promise<void>;

  // Snapshots
  domainSnapshotCreateXML?(dom: DomainRef, xml: string, flags: number): Promise<SnapshotRef>;
  domainSnapshotGetXMLDesc?(snap: SnapshotRef, flags: number): Promise<string>;
  domainSnapshotNum?(dom: DomainRef, flags: number): Promise<number>;
  domainSnapshotListNames?(dom: DomainRef, maxnames: number, flags: number): Promise<string[]>;
  domainListAllSnapshots?(dom: DomainRef, flags: number): Promise<SnapshotRef[]>;
  domainSnapshotNumChildren?(snap: SnapshotRef, flags: number): Promise<number>;
  domainSnapshotListChildrenNames?(snap: SnapshotRef, maxnames: number, flags: number): Promise<string[]>;
  domainSnapshotListAllChildren?(snap: SnapshotRef, flags: number): Promise<SnapshotRef[]>;
  domainSnapshotLookupByName?(dom: DomainRef, name: string, flags: number): Promise<SnapshotRef>;
  domainHasCurrentSnapshot?(dom: DomainRef, flags: number): Promise<boolean>;
  domainSnapshotGetParent?(snap: SnapshotRef, flags: number): Promise<SnapshotRef>;
  domainSnapshotCurrent?(dom: DomainRef, flags: number): Promise<SnapshotRef>;
  domainSnapshotIsCurrent?(snap: SnapshotRef, flags: number): Promise<boolean>;
  domainSnapshotHasMetadata?(snap: SnapshotRef, flags: number): Promise<boolean>;
  domainRevertToSnapshot?(snap: SnapshotRef, flags: number): Promise<void>;
  domainSnapshotDelete?(snap: SnapshotRef, flags: number): Promise<void>;

  // Checkpoints
  domainCheckpointCreateXML?(dom: DomainRef, xml: string, flags: number): Promise<CheckpointRef>;
  domainCheckpointGetXMLDesc?(checkpoint: CheckpointRef, flags: number): Promise<string>;
  domainListAllCheckpoints?(dom: DomainRef, flags: number): Promise<CheckpointRef[]>;
  domainCheckpointListAllChildren?(checkpoint: CheckpointRef, flags: number): Promise<CheckpointRef[]>;
  domainCheckpointLookupByName?(dom: DomainRef, name: string, flags: number): Promise<CheckpointRef>;
  domainCheckpointGetParent?(checkpoint: CheckpointRef, flags: number): Promise<CheckpointRef>;
  domainCheckpointDelete?(checkpoint: CheckpointRef, flags: number): Promise<void>;

  // Networks
  connectNumOfNetworks?(): Promise<number>;
  connectListNetworks?(maxnames: number): Promise<string[]>;
  connectNumOfDefinedNetworks?(): Promise<number>;
  connectListDefinedNetworks?(maxnames: number): Promise<string[]>;
  connectListAllNetworks?(flags: number): Promise<NetworkRef[]>;
  networkLookupByName?(name: string): Promise<NetworkRef>;
  networkLookupByUUID?(uuid: string): Promise<NetworkRef>;
  networkCreateXML?(xml: string, flags: number): Promise<NetworkRef>;
  networkDefineXMLFlags?(xml: string, flags: number): Promise<NetworkRef>;
  networkUndefine?(net: NetworkRef): Promise<void>;
  networkCreate?(net: NetworkRef): Promise<void>;
  networkDestroy?(net: NetworkRef): Promise<void>;
  networkGetXMLDesc?(net: NetworkRef, flags: number): Promise<string>;
  networkGetBridgeName?(net: NetworkRef): Promise<string>;
  networkGetAutostart?(net: NetworkRef): Promise<boolean>;
  networkSetAutostart?(net: NetworkRef, autostart: boolean): Promise<void>;
  networkIsActive?(net: NetworkRef): Promise<boolean>;
  networkIsPersistent?(net: NetworkRef): Promise<boolean>;
  /** Add, delete or modify one entry of a section (VIR_NETWORK_SECTION_*) of the live and/or persistent definition. */
  networkUpdate?(net: NetworkRef, command: number, section: number, parentIndex: number, xml: string, flags: number): Promise<void>;
  /** The leases of the network's DHCP server, only those of `mac` when given. */
  networkGetDHCPLeases?(net: NetworkRef, mac: string | null, flags: number): Promise<NetworkDHCPLease[]>;
  networkListAllPorts?(net: NetworkRef, flags: number): Promise<NetworkPortRef[]>;
  networkPortLookupByUUID?(net: NetworkRef, uuid: string): Promise<NetworkPortRef>;
  networkPortCreateXML?(net: NetworkRef, xml: string, flags: number): Promise<NetworkPortRef>;
  networkPortGetXMLDesc?(port: NetworkPortRef, flags: number): Promise<string>;
  networkPortDelete?(port: NetworkPortRef, flags: number): Promise<void>;

  // Storage
  connectNumOfStoragePools?(): Promise<number>;
  connectListStoragePools?(maxnames: number): Promise<string[]>;
  connectNumOfDefinedStoragePools?(): Promise<number>;
  connectListDefinedStoragePools?(maxnames: number): Promise<string[]>;
  connectListAllStoragePools?(flags: number): Promise<StoragePoolRef[]>;
  connectFindStoragePoolSources?(type: string, srcSpec: string | null, flags: number): Promise<string>;
  storagePoolLookupByName?(name: string): Promise<StoragePoolRef>;
  storagePoolLookupByUUID?(uuid: string): Promise<StoragePoolRef>;
  storagePoolLookupByVolume?(vol: StorageVolRef): Promise<StoragePoolRef>;
  /** The running pool whose target is this path. */
  storagePoolLookupByTargetPath?(path: string): Promise<StoragePoolRef>;
  storagePoolCreateXML?(xml: string, flags: number): Promise<StoragePoolRef>;
  storagePoolDefineXML?(xml: string, flags: number): Promise<StoragePoolRef>;
  storagePoolBuild?(pool: StoragePoolRef, flags: number): Promise<void>;
  storagePoolUndefine?(pool: StoragePoolRef): Promise<void>;
  storagePoolCreate?(pool: StoragePoolRef, flags: number): Promise<void>;
  storagePoolDestroy?(pool: StoragePoolRef): Promise<void>;
  storagePoolDelete?(pool: StoragePoolRef, flags: number): Promise<void>;
  storagePoolRefresh?(pool: StoragePoolRef, flags: number): Promise<void>;
  storagePoolGetInfo?(pool: StoragePoolRef): Promise<StoragePoolInfo>;
  storagePoolGetXMLDesc?(pool: StoragePoolRef, flags: number): Promise<string>;
  storagePoolGetAutostart?(pool: StoragePoolRef): Promise<boolean>;
  storagePoolSetAutostart?(pool: StoragePoolRef, autostart: boolean): Promise<void>;
  storagePoolIsActive?(pool: StoragePoolRef): Promise<boolean>;
  storagePoolIsPersistent?(pool: StoragePoolRef): Promise<boolean>;
  storagePoolNumOfVolumes?(pool: StoragePoolRef): Promise<number>;
  storagePoolListVolumes?(pool: StoragePoolRef, maxnames: number): Promise<string[]>;
  storagePoolListAllVolumes?(pool: StoragePoolRef, flags: number): Promise<StorageVolRef[]>;
  storageVolLookupByName?(pool: StoragePoolRef, name: string): Promise<StorageVolRef>;
  storageVolLookupByKey?(key: string): Promise<StorageVolRef>;
  storageVolLookupByPath?(path: string): Promise<StorageVolRef>;
  storageVolCreateXML?(pool: StoragePoolRef, xml: string, flags: number): Promise<StorageVolRef>;
  storageVolCreateXMLFrom?(pool: StoragePoolRef, xml: string, clone: StorageVolRef, flags: number): Promise<StorageVolRef>;
  storageVolDelete?(vol: StorageVolRef, flags: number): Promise<void>;
  /** Overwrite the volume's data (virStorageVolWipe). */
  storageVolWipe?(vol: StorageVolRef, flags: number): Promise<void>;
  /** Overwrite the volume's data with a VIR_STORAGE_VOL_WIPE_ALG_* pattern. */
  storageVolWipePattern?(vol: StorageVolRef, algorithm: number, flags: number): Promise<void>;
  storageVolGetInfo?(vol: StorageVolRef): Promise<StorageVolInfo>;
  storageVolGetInfoFlags?(vol: StorageVolRef, flags: number): Promise<StorageVolInfo>;
  storageVolGetXMLDesc?(vol: StorageVolRef, flags: number): Promise<string>;
  storageVolGetPath?(vol: StorageVolRef): Promise<string>;
  /** Change the volume's capacity (virStorageVolResize: VIR_STORAGE_VOL_RESIZE_* flags). */
  storageVolResize?(vol: StorageVolRef, capacity: bigint, flags: number): Promise<void>;

  // Host interfaces
  connectNumOfInterfaces?(): Promise<number>;
  connectListInterfaces?(maxnames: number): Promise<string[]>;
  connectNumOfDefinedInterfaces?(): Promise<number>;
  connectListDefinedInterfaces?(maxnames: number): Promise<string[]>;
  connectListAllInterfaces?(flags: number): Promise<InterfaceRef[]>;
  interfaceLookupByName?(name: string): Promise<InterfaceRef>;
  interfaceLookupByMACString?(mac: string): Promise<InterfaceRef>;
  interfaceGetXMLDesc?(iface: InterfaceRef, flags: number): Promise<string>;
  interfaceDefineXML?(xml: string, flags: number): Promise<InterfaceRef>;
  interfaceUndefine?(iface: InterfaceRef): Promise<void>;
  interfaceCreate?(iface: InterfaceRef, flags: number): Promise<void>;
  interfaceDestroy?(iface: InterfaceRef, flags: number): Promise<void>;
  interfaceIsActive?(iface: InterfaceRef): Promise<boolean>;
  interfaceChangeBegin?(flags: number): Promise<void>;
  interfaceChangeCommit?(flags: number): Promise<void>;
  interfaceChangeRollback?(flags: number): Promise<void>;

  // Node devices
  connectListAllNodeDevices?(flags: number): Promise<NodeDeviceRef[]>;
  nodeDeviceLookupByName?(name: string): Promise<NodeDeviceRef>;
  nodeDeviceGetXMLDesc?(dev: NodeDeviceRef, flags: number): Promise<string>;
  /** Devices with capability `cap` (every device when null). */
  nodeNumOfDevices?(cap: string | null, flags: number): Promise<number>;
  nodeListDevices?(cap: string | null, maxnames: number, flags: number): Promise<string[]>;
  /** The parent device's name; null for a device without one. */
  nodeDeviceGetParent?(dev: NodeDeviceRef): Promise<string | null>;
  nodeDeviceNumOfCaps?(dev: NodeDeviceRef): Promise<number>;
  nodeDeviceListCaps?(dev: NodeDeviceRef, maxnames: number): Promise<string[]>;
  nodeDeviceDestroy?(dev: NodeDeviceRef): Promise<void>;
  nodeDeviceLookupSCSIHostByWWN?(wwnn: string, wwpn: string, flags: number): Promise<NodeDeviceRef>;
  nodeDeviceCreateXML?(xml: string, flags: number): Promise<NodeDeviceRef>;
  nodeDeviceDefineXML?(xml: string, flags: number): Promise<NodeDeviceRef>;
  nodeDeviceUndefine?(dev: NodeDeviceRef, flags: number): Promise<void>;
  nodeDeviceCreate?(dev: NodeDeviceRef, flags: number): Promise<void>;
  nodeDeviceGetAutostart?(dev: NodeDeviceRef): Promise<boolean>;
  nodeDeviceSetAutostart?(dev: NodeDeviceRef, autostart: boolean): Promise<void>;
  nodeDeviceIsPersistent?(dev: NodeDeviceRef): Promise<boolean>;
  nodeDeviceIsActive?(dev: NodeDeviceRef): Promise<boolean>;
  /** Unbind a PCI device from its host driver (virNodeDeviceDetachFlags; `driverName` null: the hypervisor's choice). */
  nodeDeviceDetachFlags?(dev: NodeDeviceRef, driverName: string | null, flags: number): Promise<void>;
  nodeDeviceReAttach?(dev: NodeDeviceRef): Promise<void>;
  nodeDeviceReset?(dev: NodeDeviceRef): Promise<void>;

  // Host capabilities beyond the host XML, CPU models, memory tuning
  connectGetDomainCapabilities?(emulatorbin: string | null, arch: string | null, machine: string | null, virttype: string | null, flags: number): Promise<string>;
  connectGetStoragePoolCapabilities?(flags: number): Promise<string>;
  /** A VIR_CPU_COMPARE_* result for a CPU XML against the host's CPU. */
  connectCompareCPU?(xml: string, flags: number): Promise<number>;
  connectBaselineCPU?(xmlCPUs: string[], flags: number): Promise<string>;
  connectCompareHypervisorCPU?(emulator: string | null, arch: string | null, machine: string | null, virttype: string | null, xmlCPU: string, flags: number): Promise<number>;
  connectBaselineHypervisorCPU?(emulator: string | null, arch: string | null, machine: string | null, virttype: string | null, xmlCPUs: string[], flags: number): Promise<string>;
  /** virNodeAllocPages: how many cells were changed. */
  nodeAllocPages?(pageSizes: number[], pageCounts: bigint[], startCell: number, cellCount: number, flags: number): Promise<number>;
  /** The host's memory tunables; `countOnly` as for the domain getters. */
  nodeGetMemoryParameters?(flags: number, countOnly?: boolean): Promise<TypedParam[] | number>;
  nodeSetMemoryParameters?(params: TypedParam[], flags: number): Promise<void>;
  /** Suspend the host for `duration` seconds (VIR_NODE_SUSPEND_TARGET_*). */
  nodeSuspendForDuration?(target: number, duration: bigint, flags: number): Promise<void>;
  nodeGetSEVInfo?(flags: number): Promise<TypedParam[]>;

  // Secrets
  connectNumOfSecrets?(): Promise<number>;
  connectListSecrets?(maxuuids: number): Promise<string[]>;
  connectListAllSecrets?(flags: number): Promise<SecretRef[]>;
  secretLookupByUUID?(uuid: string): Promise<SecretRef>;
  secretLookupByUsage?(usageType: number, usageID: string): Promise<SecretRef>;
  secretDefineXML?(xml: string, flags: number): Promise<SecretRef>;
  secretGetXMLDesc?(secret: SecretRef, flags: number): Promise<string>;
  secretSetValue?(secret: SecretRef, value: Buffer, flags: number): Promise<void>;
  secretGetValue?(secret: SecretRef, flags: number): Promise<Buffer>;
  secretUndefine?(secret: SecretRef): Promise<void>;

  // Network filters and their bindings to ports
  connectNumOfNWFilters?(): Promise<number>;
  connectListNWFilters?(maxnames: number): Promise<string[]>;
  connectListAllNWFilters?(flags: number): Promise<NWFilterRef[]>;
  nwfilterLookupByName?(name: string): Promise<NWFilterRef>;
  nwfilterLookupByUUID?(uuid: string): Promise<NWFilterRef>;
  nwfilterDefineXMLFlags?(xml: string, flags: number): Promise<NWFilterRef>;
  nwfilterGetXMLDesc?(filter: NWFilterRef, flags: number): Promise<string>;
  nwfilterUndefine?(filter: NWFilterRef): Promise<void>;
  connectListAllNWFilterBindings?(flags: number): Promise<NWFilterBindingRef[]>;
  nwfilterBindingLookupByPortDev?(portdev: string): Promise<NWFilterBindingRef>;
  nwfilterBindingCreateXML?(xml: string, flags: number): Promise<NWFilterBindingRef>;
  nwfilterBindingGetXMLDesc?(binding: NWFilterBindingRef, flags: number): Promise<string>;
  nwfilterBindingDelete?(binding: NWFilterBindingRef): Promise<void>;

  // Streams: the driver hands back its side of the transfer as a Node Duplex (see src/api/stream.ts);
  // a sparse transfer's Duplex is in object mode and carries StreamHoles between its data Buffers
  domainOpenConsole?(dom: DomainRef, devName: string | null, flags: number): Promise<Duplex>;
  domainOpenChannel?(dom: DomainRef, name: string | null, flags: number): Promise<Duplex>;
  /** The image's MIME type beside the stream of its bytes. */
  domainScreenshot?(dom: DomainRef, screen: number, flags: number): Promise<{ mime: string | null; stream: Duplex }>;
  storageVolUpload?(vol: StorageVolRef, offset: bigint, length: bigint, flags: number): Promise<Duplex>;
  storageVolDownload?(vol: StorageVolRef, offset: bigint, length: bigint, flags: number): Promise<Duplex>;

  // Events: register returns a callback id the driver understands
  connectDomainEventRegisterAny?(dom: DomainRef | null, eventId: number, listener: EventListener<DomainEventPayload>): Promise<number>;
  connectDomainEventDeregisterAny?(callbackId: number): Promise<void>;
  connectNetworkEventRegisterAny?(net: NetworkRef | null, eventId: number, listener: EventListener<NetworkEventPayload>): Promise<number>;
  connectNetworkEventDeregisterAny?(callbackId: number): Promise<void>;
  connectStoragePoolEventRegisterAny?(pool: StoragePoolRef | null, eventId: number, listener: EventListener<StoragePoolEventPayload>): Promise<number>;
  connectStoragePoolEventDeregisterAny?(callbackId: number): Promise<void>;
  connectNodeDeviceEventRegisterAny?(dev: NodeDeviceRef | null, eventId: number, listener: EventListener<NodeDeviceEventPayload>): Promise<number>;
  connectNodeDeviceEventDeregisterAny?(callbackId: number): Promise<void>;
  connectSecretEventRegisterAny?(secret: SecretRef | null, eventId: number, listener: EventListener<SecretEventPayload>): Promise<number>;
  connectSecretEventDeregisterAny?(callbackId: number): Promise<void>;

  // QEMU- and LXC-specific calls (libvirt-qemu, libvirt-lxc: programs of their own on the wire, beside REMOTE)
  /** A QMP command (HMP with VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP) to the domain's monitor, its reply as text. */
  domainQemuMonitorCommand?(dom: DomainRef, cmd: string, flags: number): Promise<string>;
  /** As domainQemuMonitorCommand, handing QEMU file descriptors with the command. */
  domainQemuMonitorCommandWithFiles?(dom: DomainRef, cmd: string, fds: number[], flags: number): Promise<string>;
  /** A command to the guest agent; `timeout` in seconds or VIR_DOMAIN_QEMU_AGENT_COMMAND_*. */
  domainQemuAgentCommand?(dom: DomainRef, cmd: string, timeout: number, flags: number): Promise<string>;
  /** Take over a QEMU process started outside libvirt. */
  domainQemuAttach?(pid: number, flags: number): Promise<DomainRef>;
  /** QEMU monitor events named `event` (all when null; a pattern with the REGEX flag) of one domain or all. */
  connectDomainQemuMonitorEventRegister?(dom: DomainRef | null, event: string | null, listener: EventListener<QemuMonitorEventPayload>, flags: number): Promise<number>;
  connectDomainQemuMonitorEventDeregister?(callbackId: number): Promise<void>;
  /** File descriptors of the container's namespaces. */
  domainLxcOpenNamespace?(dom: DomainRef, flags: number): Promise<number[]>;
}

/** The entry points of the contract, by name. */
export type DriverMethod = Exclude<keyof ConnectionDriver, 'name' | 'stateful' | 'close' | 'callAs'>;

/** The URI a connection is opened for, split as libvirt's virURIParse splits it. */
export interface ConnectTarget {
  /** The URI as given (after alias resolution). */
  readonly uri: string;
  readonly scheme: string;
  readonly server: string | null;
  readonly user: string | null;
  readonly port: number;
  /** Decoded path; '' when absent. */
  readonly path: string;
  readonly params: readonly { name: string; value: string }[];
  /** What the caller asked of the connection beyond the URI (openAuth's last argument). */
  readonly options?: OpenOptions;
}

/** Connection options that are not part of a URI; local drivers ignore them. */
export interface OpenOptions {
  /** Remote: default timeout of every call in ms, 0 for none (default 5 minutes). */
  callTimeoutMs?: number;
  /**
   * Remote: when the transport drops, open a new one (on the next call, and at once in the
   * background), authenticate again and re-register every event callback. Off by default, as libvirt.
   */
  reconnect?: boolean | ReconnectOptions;
}

export interface ReconnectOptions {
  /** Tries per reconnect before giving up until the next call (default 10). */
  attempts?: number;
  /** Wait before the second try, doubled after each failure (default 100 ms)... */
  initialDelayMs?: number;
  /** ...up to this (default 2000 ms). */
  maxDelayMs?: number;
}

/** What a driver module registers: which URIs it takes and how it opens them. */
export interface DriverFactory {
  readonly name: string;
  /** URI schemes (exact spelling) this driver serves locally (e.g. ['test']). */
  readonly schemes: readonly string[];
  /** Takes URIs with a host or transport (the remote driver). */
  readonly remote?: boolean;
  /**
   * Its connections take their secondary families (storage) from the registered secondary
   * drivers, as libvirt's local hypervisor drivers share the daemon's storage driver.
   */
  readonly sharesSecondaryDrivers?: boolean;
  open(target: ConnectTarget, auth: ConnectAuth | null, flags: number): Promise<ConnectionDriver>;
}

/**
 * A driver serving one family of entry points (storage pools and volumes) beside the hypervisor
 * driver a URI selects, as libvirt's secondary drivers. It is opened with the target the
 * hypervisor driver accepted; its entry points take precedence over the hypervisor driver's.
 */
export interface SecondaryDriverFactory {
  readonly name: string;
  open(target: ConnectTarget, flags: number): Promise<ConnectionDriver>;
}
