import { readFileSync, writeFileSync, unlinkSync } from 'node:fs';
import { formatDomainXML, getDomainMetadata, parseDomainXML, setDomainMetadata, type DomainDef } from '../../conf/domain/index.js';
import { parseCpuset } from '../../conf/domain/cpuset.js';
import * as C from '../../api/constants.js';
import { ErrorDomain, ErrorNumber, virError } from '../../errors/index.js';
import type {
  DomainBlockInfo, DomainBlockStats, DomainInfo, DomainInterfaceStats, DomainRef, MemoryStat, VcpuInfo,
} from '../types.js';
import { domainDisks, domainInterfaces, memballoonModel, setMemballoonPeriod } from '../../conf/domain/query.js';
import { getAttr, getChild } from '../../conf/domain/xnode.js';
import { domainFromRef, generateIfnames } from './domains.js';
import { pinnedCpus } from './domain-pinning.js';
import { E, testCheckFlags, testError } from './errors.js';
import { dropIfTransient, lifecycleEvent, shutdownDomainState, startDomainState } from './lifecycle.js';
import type { TestState } from './state.js';

const MAX_VCPUS = 32;
/** Header of a test driver save image: the same bytes libvirt's test driver writes, so images interchange. */
const SAVE_MAGIC = Buffer.from('TestGuestMagic\0', 'latin1');

const nowMicros = (): bigint => BigInt(Date.now()) * 1000n;

export function getInfo(state: TestState, ref: DomainRef): DomainInfo {
  const obj = domainFromRef(state, ref);
  return {
    state: obj.state,
    memory: obj.def.memory.current,
    maxMem: obj.def.memory.total,
    nrVirtCpu: obj.def.vcpus.current,
    cpuTime: nowMicros() * 1000n,
  };
}

export function getMaxMemory(state: TestState, ref: DomainRef): number {
  return domainFromRef(state, ref).def.memory.total;
}

export function setMemoryFlags(state: TestState, ref: DomainRef, kib: number, flags: number): void {
  testCheckFlags('testDomainSetMemoryFlags', flags,
    C.VIR_DOMAIN_AFFECT_LIVE | C.VIR_DOMAIN_AFFECT_CONFIG | C.VIR_DOMAIN_MEM_MAXIMUM);
  const obj = domainFromRef(state, ref);
  const { def, live } = obj.getOneDef('testDomainSetMemoryFlags', flags);
  if (flags & C.VIR_DOMAIN_MEM_MAXIMUM) {
    if (live) throw testError(E.VIR_ERR_OPERATION_INVALID, 'cannot resize the maximum memory on an active domain');
    if (def.memory.maxMemory && def.memory.maxMemory.size < kib) {
      throw testError(E.VIR_ERR_OPERATION_INVALID, 'cannot set initial memory size greater than the maximum memory size');
    }
    def.memory.total = kib;
    if (def.memory.current > kib) def.memory.current = kib;
  } else {
    if (kib > def.memory.total) throw testError(E.VIR_ERR_INVALID_ARG, 'cannot set memory higher than max memory');
    def.memory.current = kib;
  }
}

export function getVcpusFlags(state: TestState, ref: DomainRef, flags: number): number {
  testCheckFlags('testDomainGetVcpusFlags', flags,
    C.VIR_DOMAIN_AFFECT_LIVE | C.VIR_DOMAIN_AFFECT_CONFIG | C.VIR_DOMAIN_VCPU_MAXIMUM);
  const { def } = domainFromRef(state, ref).getOneDef('testDomainGetVcpusFlags', flags);
  return flags & C.VIR_DOMAIN_VCPU_MAXIMUM ? def.vcpus.max : def.vcpus.current;
}

export function setVcpusFlags(state: TestState, ref: DomainRef, n: number, flags: number): void {
  testCheckFlags('testDomainSetVcpusFlags', flags,
    C.VIR_DOMAIN_AFFECT_LIVE | C.VIR_DOMAIN_AFFECT_CONFIG | C.VIR_DOMAIN_VCPU_MAXIMUM);
  if (n > MAX_VCPUS) {
    throw testError(E.VIR_ERR_INVALID_ARG, `requested cpu amount exceeds maximum supported amount (${n} > ${MAX_VCPUS})`);
  }
  const obj = domainFromRef(state, ref);
  const { live, config } = obj.getDefs(flags);
  if (live && live.vcpus.max < n) {
    throw testError(E.VIR_ERR_INVALID_ARG, `requested cpu amount exceeds maximum (${n} > ${live.vcpus.max})`);
  }
  if (config && !(flags & C.VIR_DOMAIN_VCPU_MAXIMUM) && config.vcpus.max < n) {
    throw testError(E.VIR_ERR_INVALID_ARG, `requested cpu amount exceeds maximum (${n} > ${config.vcpus.max})`);
  }
  if (live) live.vcpus.current = n;
  if (config) {
    if (flags & C.VIR_DOMAIN_VCPU_MAXIMUM) {
      config.vcpus.max = n;
      if (config.vcpus.current > n) config.vcpus.current = n;
    } else {
      config.vcpus.current = n;
    }
  }
}

/** VIR_NODEINFO_MAXCPUS: every host cpu the node info describes. */
function hostCpuCount(state: TestState): number {
  return state.nodeInfo.nodes * state.nodeInfo.sockets * state.nodeInfo.cores * state.nodeInfo.threads;
}

/** The host cpus a vcpu may run on: its <vcpupin>, else the domain's `<vcpu cpuset>`, else every host cpu. */
function vcpuAffinity(state: TestState, def: DomainDef, vcpu: number): boolean[] {
  const pinned = pinnedCpus(def, 'vcpupin', ['vcpu', vcpu]);
  const allowed = pinned ?? (def.vcpus.cpuset === undefined ? null : new Set(parseCpuset(def.vcpus.cpuset)));
  return Array.from({ length: hostCpuCount(state) }, (_, cpu) => allowed === null || allowed.has(cpu));
}

export function getVcpus(state: TestState, ref: DomainRef): VcpuInfo[] {
  const obj = domainFromRef(state, ref);
  if (!obj.isActive()) throw testError(E.VIR_ERR_OPERATION_INVALID, 'cannot list vcpus for an inactive domain');
  const base = nowMicros();
  return Array.from({ length: obj.def.vcpus.current }, (_, i) => {
    const cpumap = vcpuAffinity(state, obj.def, i);
    return { number: i, state: C.VIR_VCPU_RUNNING, cpu: cpumap.lastIndexOf(true), cpuTime: base / 10n, cpumap };
  });
}

/** testDomainGetVcpuPinInfo: the affinity of every vcpu up to the maximum, from the live or persistent definition. */
export function getVcpuPinInfo(state: TestState, ref: DomainRef, flags: number): boolean[][] {
  const { def } = domainFromRef(state, ref).getOneDef('testDomainGetVcpuPinInfo', flags);
  return Array.from({ length: def.vcpus.max }, (_, i) => vcpuAffinity(state, def, i));
}

/** testDomainGetEmulatorPinInfo: <emulatorpin>, else the vcpus' cpuset, else every host cpu. */
export function getEmulatorPinInfo(state: TestState, ref: DomainRef, flags: number): boolean[] {
  testCheckFlags('testDomainGetEmulatorPinInfo', flags, C.VIR_DOMAIN_AFFECT_LIVE | C.VIR_DOMAIN_AFFECT_CONFIG);
  const { def } = domainFromRef(state, ref).getOneDef('testDomainGetEmulatorPinInfo', flags);
  const cputune = def.passthrough.cputune?.[0];
  const pin = getAttr(cputune && getChild(cputune, 'emulatorpin'), 'cpuset');
  if (pin === undefined) return vcpuAffinity(state, def, -1);
  const allowed = new Set(parseCpuset(pin));
  return Array.from({ length: hostCpuCount(state) }, (_, cpu) => allowed.has(cpu));
}

export function saveFlags(state: TestState, ref: DomainRef, path: string, dxml: string | null, flags: number): void {
  testCheckFlags('testDomainSaveFlags', flags, 0);
  if (dxml) throw testError(E.VIR_ERR_ARGUMENT_UNSUPPORTED, 'xml modification unsupported');
  const obj = domainFromRef(state, ref);
  obj.checkActive();
  writeSaveImage(path, formatDomainXML(obj.def, { secure: true }), obj.def.name);
  shutdownDomainState(obj, C.VIR_DOMAIN_SHUTOFF_SAVED);
  lifecycleEvent(state, obj, C.VIR_DOMAIN_EVENT_STOPPED, C.VIR_DOMAIN_EVENT_STOPPED_SAVED);
  dropIfTransient(state, obj);
}

export function restoreFlags(state: TestState, path: string, dxml: string | null, flags: number): void {
  testCheckFlags('testDomainRestoreFlags', flags, 0);
  if (dxml) throw testError(E.VIR_ERR_ARGUMENT_UNSUPPORTED, 'xml modification unsupported');
  const def = parseDomainXML(readSaveImage(path));
  generateIfnames(def);
  const { obj } = state.domains.add(def, { live: true });
  startDomainState(state, obj, C.VIR_DOMAIN_RUNNING_RESTORED);
  lifecycleEvent(state, obj, C.VIR_DOMAIN_EVENT_STARTED, C.VIR_DOMAIN_EVENT_STARTED_RESTORED);
}

export function saveImageGetXMLDesc(path: string, flags: number): string {
  testCheckFlags('testDomainSaveImageGetXMLDesc', flags, C.VIR_DOMAIN_SAVE_IMAGE_XML_SECURE);
  return formatDomainXML(parseDomainXML(readSaveImage(path)), { secure: true });
}

/** testDomainSaveImageDefineXML: the image must be readable; its XML is replaced by `dxml`. */
export function saveImageDefineXML(path: string, dxml: string, flags: number): void {
  testCheckFlags('testDomainSaveImageDefineXML', flags, C.VIR_DOMAIN_SAVE_RUNNING | C.VIR_DOMAIN_SAVE_PAUSED);
  parseDomainXML(readSaveImage(path));
  const def = parseDomainXML(dxml);
  writeSaveImage(path, formatDomainXML(def, { secure: true }), def.name);
}

/**
 * testDomainCoreDumpWithFormat: the dump is the save magic alone, and only the raw format is
 * taken (checked after the file is written, as libvirt does); a crash dump stops the domain.
 */
export function coreDump(state: TestState, ref: DomainRef, to: string, format: number, flags: number): void {
  testCheckFlags('testDomainCoreDumpWithFormat', flags, C.VIR_DUMP_CRASH);
  const obj = domainFromRef(state, ref);
  obj.checkActive();
  try {
    writeFileSync(to, SAVE_MAGIC, { mode: 0o600 });
  } catch (err) {
    throw systemError(`domain '${obj.def.name}' coredump: failed to open ${to}`, err);
  }
  if (format !== C.VIR_DOMAIN_CORE_DUMP_FORMAT_RAW) throw testError(E.VIR_ERR_OPERATION_UNSUPPORTED, 'kdump-compressed format is not supported here');
  if (flags & C.VIR_DUMP_CRASH) {
    shutdownDomainState(obj, C.VIR_DOMAIN_SHUTOFF_CRASHED);
    lifecycleEvent(state, obj, C.VIR_DOMAIN_EVENT_STOPPED, C.VIR_DOMAIN_EVENT_STOPPED_CRASHED);
    dropIfTransient(state, obj);
  }
}

function systemError(message: string, err: unknown): Error {
  const detail = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'No such file or directory'
    : (err as NodeJS.ErrnoException).code === 'EACCES' ? 'Permission denied'
      : (err as Error).message;
  return virError(ErrorDomain.VIR_FROM_TEST, ErrorNumber.VIR_ERR_SYSTEM_ERROR, `${message}: ${detail}`);
}

function writeSaveImage(path: string, xml: string, name: string): void {
  const body = Buffer.from(xml, 'utf8');
  const len = Buffer.alloc(4);
  len.writeInt32LE(body.length);
  try {
    writeFileSync(path, Buffer.concat([SAVE_MAGIC, len, body]), { mode: 0o600 });
  } catch (err) {
    try { unlinkSync(path); } catch { /* the open itself failed */ }
    throw systemError(`saving domain '${name}' to '${path}': open failed`, err);
  }
}

function readSaveImage(path: string): string {
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch (err) {
    throw systemError(`cannot read domain image '${path}'`, err);
  }
  if (data.length < SAVE_MAGIC.length) throw virError(ErrorDomain.VIR_FROM_TEST, E.VIR_ERR_SYSTEM_ERROR, `incomplete save header in '${path}'`);
  if (!data.subarray(0, SAVE_MAGIC.length).equals(SAVE_MAGIC)) throw testError(E.VIR_ERR_INTERNAL_ERROR, 'mismatched header magic');
  if (data.length < SAVE_MAGIC.length + 4) throw virError(ErrorDomain.VIR_FROM_TEST, E.VIR_ERR_SYSTEM_ERROR, `failed to read metadata length in '${path}'`);
  const len = data.readInt32LE(SAVE_MAGIC.length);
  if (len < 1 || len > 8192) throw testError(E.VIR_ERR_INTERNAL_ERROR, 'length of metadata out of range');
  const start = SAVE_MAGIC.length + 4;
  if (data.length < start + len) throw virError(ErrorDomain.VIR_FROM_TEST, E.VIR_ERR_SYSTEM_ERROR, `incomplete metadata in '${path}'`);
  return data.subarray(start, start + len).toString('utf8');
}

export function managedSave(state: TestState, ref: DomainRef, flags: number): void {
  testCheckFlags('testDomainManagedSave', flags,
    C.VIR_DOMAIN_SAVE_BYPASS_CACHE | C.VIR_DOMAIN_SAVE_RUNNING | C.VIR_DOMAIN_SAVE_PAUSED);
  const obj = domainFromRef(state, ref);
  obj.checkActive();
  if (!obj.persistent) throw testError(E.VIR_ERR_OPERATION_INVALID, 'cannot do managed save for transient domain');
  shutdownDomainState(obj, C.VIR_DOMAIN_SHUTOFF_SAVED);
  lifecycleEvent(state, obj, C.VIR_DOMAIN_EVENT_STOPPED, C.VIR_DOMAIN_EVENT_STOPPED_SAVED);
  obj.hasManagedSave = true;
}

export function hasManagedSaveImage(state: TestState, ref: DomainRef, flags: number): boolean {
  testCheckFlags('testDomainHasManagedSaveImage', flags, 0);
  return domainFromRef(state, ref).hasManagedSave;
}

export function managedSaveRemove(state: TestState, ref: DomainRef, flags: number): void {
  testCheckFlags('testDomainManagedSaveRemove', flags, 0);
  domainFromRef(state, ref).hasManagedSave = false;
}

export function getMetadata(state: TestState, ref: DomainRef, type: number, uri: string | null, flags: number): string {
  testCheckFlags('testDomainGetMetadata', flags, C.VIR_DOMAIN_AFFECT_LIVE | C.VIR_DOMAIN_AFFECT_CONFIG);
  const { def } = domainFromRef(state, ref).getOneDef('virDomainObjGetMetadata', flags);
  return getDomainMetadata(def, type, uri ?? undefined);
}

export function setMetadata(state: TestState, ref: DomainRef, type: number, metadata: string | null,
  key: string | null, uri: string | null, flags: number): void {
  testCheckFlags('testDomainSetMetadata', flags, C.VIR_DOMAIN_AFFECT_LIVE | C.VIR_DOMAIN_AFFECT_CONFIG);
  const obj = domainFromRef(state, ref);
  const { live, config } = obj.getDefs(flags);
  for (const def of [live, config]) if (def) setDomainMetadata(def, type, metadata, key ?? undefined, uri ?? undefined);
  state.events.emitDomain({ eventId: C.VIR_DOMAIN_EVENT_ID_METADATA_CHANGE, domain: obj.ref(), type, nsuri: uri });
}

export function blockStats(state: TestState, ref: DomainRef, path: string): DomainBlockStats {
  if (!path) throw testError(E.VIR_ERR_OPERATION_UNSUPPORTED, 'summary statistics are not supported yet');
  const obj = domainFromRef(state, ref);
  obj.checkActive();
  const known = domainDisks(obj.def).some((d) => d.dev === path || d.path === path);
  if (!known) throw testError(E.VIR_ERR_INVALID_ARG, `invalid path: ${path}`);
  const base = nowMicros();
  return { rdReq: base / 10n, rdBytes: base / 20n, wrReq: base / 30n, wrBytes: base / 40n, errs: base / 2_000_000n };
}

/** testDomainGetBlockInfo: fixed sizes for any disk that has a source. */
export function blockInfo(state: TestState, ref: DomainRef, path: string, flags: number): DomainBlockInfo {
  testCheckFlags('testDomainGetBlockInfo', flags, 0);
  const disk = domainDisks(domainFromRef(state, ref).def).find((d) => d.dev === path || d.path === path);
  if (!disk) throw testError(E.VIR_ERR_INVALID_ARG, `invalid path ${path} not assigned to domain`);
  if (!disk.path) throw testError(E.VIR_ERR_INVALID_ARG, `disk '${path}' does not currently have a source assigned`);
  return { capacity: 1099506450432n, allocation: 1099511627776n, physical: 1099511627776n };
}

export function interfaceStats(state: TestState, ref: DomainRef, device: string): DomainInterfaceStats {
  const obj = domainFromRef(state, ref);
  obj.checkActive();
  const nets = domainInterfaces(obj.def);
  const isMac = /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i.test(device);
  const found = isMac ? nets.filter((n) => n.mac?.toLowerCase() === device.toLowerCase()) : nets.filter((n) => n.ifname === device);
  // virDomainNetFind: one message whether the device was named by MAC or by name.
  if (found.length === 0) throw virError(ErrorDomain.VIR_FROM_DOMAIN, E.VIR_ERR_INVALID_ARG, `'${device}' is not a known interface`);
  const base = nowMicros();
  return {
    rxBytes: base / 10n, rxPackets: base / 100n, rxErrs: base / 1_000_000n, rxDrop: base / 2_000_000n,
    txBytes: base / 20n, txPackets: base / 110n, txErrs: base / 3_000_000n, txDrop: base / 4_000_000n,
  };
}

/** testDomainSetMemoryStatsPeriod: the balloon's collection period in the live or persistent definition. */
export function setMemoryStatsPeriod(state: TestState, ref: DomainRef, period: number, flags: number): void {
  testCheckFlags('testDomainSetMemoryStatsPeriod', flags, C.VIR_DOMAIN_AFFECT_LIVE | C.VIR_DOMAIN_AFFECT_CONFIG);
  const { def } = domainFromRef(state, ref).getOneDef('testDomainSetMemoryStatsPeriod', flags);
  if (!setMemballoonPeriod(def, period)) {
    throw testError(E.VIR_ERR_INTERNAL_ERROR, 'No memory balloon device configured, can not set the collection period');
  }
}

export function memoryStats(state: TestState, ref: DomainRef, nrStats: number, flags: number): MemoryStat[] {
  testCheckFlags('testDomainMemoryStats', flags, 0);
  const obj = domainFromRef(state, ref);
  obj.checkActive();
  const balloon = memballoonModel(obj.def);
  if (balloon === undefined || balloon === 'none') return [];
  const cur = BigInt(obj.def.memory.current);
  const stats: [number, bigint][] = [
    [C.VIR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON, cur], [C.VIR_DOMAIN_MEMORY_STAT_SWAP_IN, 0n],
    [C.VIR_DOMAIN_MEMORY_STAT_SWAP_OUT, 0n], [C.VIR_DOMAIN_MEMORY_STAT_MAJOR_FAULT, 0n],
    [C.VIR_DOMAIN_MEMORY_STAT_MINOR_FAULT, 0n], [C.VIR_DOMAIN_MEMORY_STAT_UNUSED, cur / 2n],
    [C.VIR_DOMAIN_MEMORY_STAT_AVAILABLE, cur], [C.VIR_DOMAIN_MEMORY_STAT_USABLE, cur / 2n],
    [C.VIR_DOMAIN_MEMORY_STAT_LAST_UPDATE, 627319920n], [C.VIR_DOMAIN_MEMORY_STAT_DISK_CACHES, cur / 8n],
    [C.VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGALLOC, 0n], [C.VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGFAIL, 0n],
    [C.VIR_DOMAIN_MEMORY_STAT_RSS, cur / 2n],
  ];
  return stats.slice(0, nrStats).map(([tag, val]) => ({ tag, val }));
}
