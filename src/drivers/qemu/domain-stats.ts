/**
 * virConnectGetAllDomainStats / virDomainListGetStats for QEMU: libvirt 9.0's groups, field
 * names, types and order (qemuDomainGetStatsWorkers), filled from QMP and /proc.
 */
import { readFile, stat } from 'node:fs/promises';
import * as C from '../../api/constants.js';
import type { XNode } from '../../conf/domain/index.js';
import { getAttr as attr, getChild } from '../../conf/domain/xnode.js';
import type { DomainRef, DomainStatsRecord, TypedParam } from '../types.js';
import type { QemuDriverState } from './driver-state.js';
import type { QemuDomainObj } from './domain-obj.js';
import { E, qemuCheckFlags, qemuError } from './errors.js';
import type { QmpMonitor } from './qmp/index.js';

const NS_PER_TICK = 10_000_000n; // USER_HZ 100 in /proc stat files
/** 2^64 - 1 as a JSON number reads back (2^64): QEMU's "not collected". */
const NOT_COLLECTED = 2 ** 64 - 1;

/** The groups this driver fills; libvirt's perf, iothread, memory-bandwidth and vm groups are not yet. */
const SUPPORTED = C.VIR_DOMAIN_STATS_STATE | C.VIR_DOMAIN_STATS_CPU_TOTAL | C.VIR_DOMAIN_STATS_BALLOON |
  C.VIR_DOMAIN_STATS_VCPU | C.VIR_DOMAIN_STATS_INTERFACE | C.VIR_DOMAIN_STATS_BLOCK | C.VIR_DOMAIN_STATS_DIRTYRATE;

const LIST_FILTERS = C.VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE | C.VIR_CONNECT_GET_ALL_DOMAINS_STATS_INACTIVE |
  C.VIR_CONNECT_GET_ALL_DOMAINS_STATS_PERSISTENT | C.VIR_CONNECT_GET_ALL_DOMAINS_STATS_TRANSIENT |
  C.VIR_CONNECT_GET_ALL_DOMAINS_STATS_RUNNING | C.VIR_CONNECT_GET_ALL_DOMAINS_STATS_PAUSED |
  C.VIR_CONNECT_GET_ALL_DOMAINS_STATS_SHUTOFF | C.VIR_CONNECT_GET_ALL_DOMAINS_STATS_OTHER;

/** Appends typed parameters in order, as libvirt's virTypedParamList. */
class ParamList {
  readonly params: TypedParam[] = [];
  int(field: string, value: number) { this.params.push({ field, type: C.VIR_TYPED_PARAM_INT, value }); }
  uint(field: string, value: number) { this.params.push({ field, type: C.VIR_TYPED_PARAM_UINT, value }); }
  llong(field: string, value: bigint) { this.params.push({ field, type: C.VIR_TYPED_PARAM_LLONG, value }); }
  ullong(field: string, value: bigint | number) { this.params.push({ field, type: C.VIR_TYPED_PARAM_ULLONG, value: BigInt(value) }); }
  string(field: string, value: string) { this.params.push({ field, type: C.VIR_TYPED_PARAM_STRING, value }); }
}

type Group = (obj: QemuDomainObj, p: ParamList) => Promise<void>;

const childAttr = (n: XNode, child: string, name: string): string | undefined => attr(getChild(n, child), name);

/** A query that may fail (old QEMU, guest not ready): libvirt leaves its fields out then. */
async function tryQuery<T>(monitor: QmpMonitor, cmd: string, args?: Record<string, unknown>): Promise<T | null> {
  return monitor.execute<T>(cmd, args).catch(() => null);
}

/** The fields of a /proc stat line after the command name (field 3 of proc(5) is index 0). */
async function statFields(path: string): Promise<string[] | null> {
  const stat = await readFile(path, 'utf8').catch(() => null);
  return stat === null ? null : stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

const state: Group = async (obj, p) => {
  p.int('state.state', obj.state);
  p.int('state.reason', obj.reason);
};

const cpuTotal: Group = async (obj, p) => {
  if (!obj.proc) return;
  const f = await statFields(`/proc/${obj.proc.pid}/stat`);
  if (f) {
    const user = BigInt(f[11]!) * NS_PER_TICK, system = BigInt(f[12]!) * NS_PER_TICK;
    p.ullong('cpu.time', user + system);
    p.ullong('cpu.user', user);
    p.ullong('cpu.system', system);
  }
  p.uint('cpu.cache.monitor.count', 0); // no <cachetune> monitors are modelled
  // Halt polling as KVM counts it, through query-stats (QEMU answers with nothing under TCG: zeros).
  const stats = await tryQuery<{ stats: { name: string; value: number | number[] }[] }[]>(obj.proc.monitor, 'query-stats',
    { target: 'vcpu', providers: [{ provider: 'kvm', names: ['halt_poll_success_ns', 'halt_poll_fail_ns'] }] });
  if (!stats) return;
  const sum = (name: string) => stats.flatMap((s) => s.stats).filter((s) => s.name === name)
    .reduce((n, s) => n + BigInt(typeof s.value === 'number' ? s.value : 0), 0n);
  p.ullong('cpu.haltpoll.success.time', sum('halt_poll_success_ns'));
  p.ullong('cpu.haltpoll.fail.time', sum('halt_poll_fail_ns'));
};

/** The guest's balloon statistics, in libvirt's order; QEMU reports (uint64) -1 for those not collected. */
const BALLOON_GUEST_STATS: [string, string, number][] = [
  ['stat-swap-in', 'swap_in', 1024], ['stat-swap-out', 'swap_out', 1024], ['stat-major-faults', 'major_fault', 1],
  ['stat-minor-faults', 'minor_fault', 1], ['stat-free-memory', 'unused', 1024], ['stat-total-memory', 'available', 1024],
  ['stat-available-memory', 'usable', 1024], ['last-update', 'last-update', 1], ['stat-disk-caches', 'disk_caches', 1024],
  ['stat-htlb-pgalloc', 'hugetlb_pgalloc', 1], ['stat-htlb-pgfail', 'hugetlb_pgfail', 1],
];

const balloon: Group = async (obj, p) => {
  const def = obj.def;
  const dev = def.devices.lists.memballoon[0];
  const hasBalloon = dev !== undefined && attr(dev, 'model') !== 'none';
  p.ullong('balloon.current', hasBalloon ? def.memory.current : def.memory.total);
  p.ullong('balloon.maximum', def.memory.total);
  if (!obj.proc) return;
  if (hasBalloon) {
    const alias = childAttr(dev, 'alias', 'name') ?? 'balloon0';
    const guest = await tryQuery<{ stats: Record<string, number>; 'last-update': number }>(obj.proc.monitor, 'qom-get',
      { path: `/machine/peripheral/${alias}`, property: 'guest-stats' });
    if (guest) {
      for (const [key, name, divisor] of BALLOON_GUEST_STATS) {
        const value = key === 'last-update' ? guest['last-update'] : guest.stats?.[key];
        if (value !== undefined && value !== -1 && value < NOT_COLLECTED) p.ullong(`balloon.${name}`, BigInt(value) / BigInt(divisor));
      }
    }
  }
  const status = await readFile(`/proc/${obj.proc.pid}/status`, 'utf8').catch(() => '');
  const rss = /^VmRSS:\s+(\d+) kB/m.exec(status);
  if (rss) p.ullong('balloon.rss', BigInt(rss[1]!));
};

/** se.statistics.wait_sum of a thread (ms, with schedstats on) in ns; 0 when the kernel keeps none. */
async function schedWait(task: string): Promise<bigint> {
  const sched = await readFile(`${task}/sched`, 'utf8').catch(() => '');
  const m = /^se\.(?:statistics\.)?wait_sum\s*:\s*([\d.]+)/m.exec(sched);
  return m ? BigInt(Math.trunc(Number(m[1]) * 1_000_000)) : 0n;
}

const vcpu: Group = async (obj, p) => {
  p.uint('vcpu.current', obj.def.vcpus.current);
  p.uint('vcpu.maximum', obj.def.vcpus.max);
  if (!obj.proc) return;
  const { pid, monitor } = obj.proc;
  const cpus = await tryQuery<{ 'cpu-index': number; 'thread-id': number }[]>(monitor, 'query-cpus-fast');
  for (const c of (cpus ?? []).sort((a, b) => a['cpu-index'] - b['cpu-index'])) {
    const n = c['cpu-index'];
    const task = `/proc/${pid}/task/${c['thread-id']}`;
    const f = await statFields(`${task}/stat`);
    const schedstat = (await readFile(`${task}/schedstat`, 'utf8').catch(() => '')).split(' ');
    p.int(`vcpu.${n}.state`, C.VIR_VCPU_RUNNING);
    p.ullong(`vcpu.${n}.time`, f ? (BigInt(f[11]!) + BigInt(f[12]!)) * NS_PER_TICK : 0n);
    p.ullong(`vcpu.${n}.wait`, await schedWait(task));
    p.ullong(`vcpu.${n}.delay`, /^\d+$/.test(schedstat[1] ?? '') ? BigInt(schedstat[1]!) : 0n);
  }
};

const iface: Group = async (obj, p) => {
  if (!obj.proc) return;
  const nics = obj.def.devices.lists.interface;
  p.uint('net.count', nics.length);
  const procNetDev = nics.some((n) => attr(n, 'type') !== 'user') ? await readFile('/proc/net/dev', 'utf8').catch(() => '') : '';
  nics.forEach((nic, i) => {
    // User networking has no host device (libvirt keeps no ifname for it, whatever the XML says).
    const dev = attr(nic, 'type') === 'user' ? undefined : childAttr(nic, 'target', 'dev');
    if (!dev) return;
    p.string(`net.${i}.name`, dev);
    const line = procNetDev.split('\n').find((l) => l.trim().startsWith(`${dev}:`));
    if (!line) return;
    const v = line.slice(line.indexOf(':') + 1).trim().split(/\s+/).map((x) => BigInt(x));
    // A tap's host view is swapped: what the host sends, the guest receives.
    const fields: [string, bigint][] = [['rx.bytes', v[8]!], ['rx.pkts', v[9]!], ['rx.errs', v[10]!], ['rx.drop', v[11]!],
      ['tx.bytes', v[0]!], ['tx.pkts', v[1]!], ['tx.errs', v[2]!], ['tx.drop', v[3]!]];
    for (const [name, value] of fields) p.ullong(`net.${i}.${name}`, value);
  });
};

interface BlockstatsEntry {
  qdev?: string; 'node-name'?: string;
  stats: Record<string, number>;
}
interface NamedNode { 'node-name': string; image: { 'virtual-size': number; 'actual-size'?: number }; write_threshold?: number }

const block: Group = async (obj, p) => {
  const disks = obj.def.devices.lists.disk;
  let stats: BlockstatsEntry[] = [];
  let nodes: NamedNode[] = [];
  if (obj.proc) {
    stats = await tryQuery<BlockstatsEntry[]>(obj.proc.monitor, 'query-blockstats') ?? [];
    nodes = await tryQuery<NamedNode[]>(obj.proc.monitor, 'query-named-block-nodes', { flat: true }) ?? [];
  }
  p.uint('block.count', disks.length);
  let i = 0;
  for (const disk of disks) await blockRecord(disk, i++);

  async function blockRecord(disk: XNode, i: number): Promise<void> {
    p.string(`block.${i}.name`, childAttr(disk, 'target', 'dev') ?? '');
    const path = childAttr(disk, 'source', 'file') ?? childAttr(disk, 'source', 'dev');
    if (path) p.string(`block.${i}.path`, path);
    const alias = childAttr(disk, 'alias', 'name');
    const entry = alias ? stats.find((e) => e.qdev === alias || e.qdev?.includes(`/${alias}/`)) : undefined;
    const nodeName = entry?.['node-name'];
    const index = nodeName ? /^libvirt-(\d+)-format$/.exec(nodeName)?.[1] : undefined;
    if (index) p.uint(`block.${i}.backingIndex`, Number(index));
    if (!entry) return;
    const s = entry.stats;
    const front: [string, string][] = [['rd.reqs', 'rd_operations'], ['rd.bytes', 'rd_bytes'], ['rd.times', 'rd_total_time_ns'],
      ['wr.reqs', 'wr_operations'], ['wr.bytes', 'wr_bytes'], ['wr.times', 'wr_total_time_ns'],
      ['fl.reqs', 'flush_operations'], ['fl.times', 'flush_total_time_ns']];
    for (const [name, key] of front) p.ullong(`block.${i}.${name}`, s[key] ?? 0);
    p.ullong(`block.${i}.allocation`, s.wr_highest_offset ?? 0);
    const node = nodes.find((n) => n['node-name'] === nodeName);
    if (node?.image['virtual-size']) p.ullong(`block.${i}.capacity`, node.image['virtual-size']);
    // Without QEMU's allocated size, libvirt takes the file's size.
    const physical = node?.image['actual-size'] || (path ? await fileSize(path) : undefined);
    if (physical !== undefined) p.ullong(`block.${i}.physical`, physical);
    if (node?.write_threshold) p.ullong(`block.${i}.threshold`, node.write_threshold);
  }
};

/** A regular file's size; block devices (libvirt seeks to their end) are left out for now. */
async function fileSize(path: string): Promise<number | undefined> {
  const st = await stat(path).catch(() => null);
  return st?.isFile() ? st.size : undefined;
}

const DIRTY_RATE_STATUS: Record<string, number> = { unstarted: 0, measuring: 1, measured: 2 };

const dirtyRate: Group = async (obj, p) => {
  if (!obj.proc) return;
  const info = await obj.proc.monitor.execute<{ status: string; 'start-time': number; 'calc-time': number; mode: string;
    'dirty-rate'?: number; 'vcpu-dirty-rate'?: { id: number; 'dirty-rate': number }[] }>('query-dirty-rate');
  const status = DIRTY_RATE_STATUS[info.status] ?? 0;
  p.int('dirtyrate.calc_status', status);
  p.llong('dirtyrate.calc_start_time', BigInt(info['start-time']));
  p.int('dirtyrate.calc_period', info['calc-time']);
  p.string('dirtyrate.calc_mode', info.mode);
  if (status !== DIRTY_RATE_STATUS.measured) return;
  p.llong('dirtyrate.megabytes_per_second', BigInt(info['dirty-rate'] ?? 0));
  for (const v of info['vcpu-dirty-rate'] ?? []) p.llong(`dirtyrate.vcpu.${v.id}.megabytes_per_second`, BigInt(v['dirty-rate']));
};

const GROUPS: [number, Group][] = [
  [C.VIR_DOMAIN_STATS_STATE, state], [C.VIR_DOMAIN_STATS_CPU_TOTAL, cpuTotal], [C.VIR_DOMAIN_STATS_BALLOON, balloon],
  [C.VIR_DOMAIN_STATS_VCPU, vcpu], [C.VIR_DOMAIN_STATS_INTERFACE, iface], [C.VIR_DOMAIN_STATS_BLOCK, block],
  [C.VIR_DOMAIN_STATS_DIRTYRATE, dirtyRate],
];

export async function getAllDomainStats(s: QemuDriverState, refs: DomainRef[] | null, stats: number, flags: number): Promise<DomainStatsRecord[]> {
  qemuCheckFlags('qemuConnectGetAllDomainStats', flags, LIST_FILTERS | C.VIR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT |
    C.VIR_CONNECT_GET_ALL_DOMAINS_STATS_BACKING | C.VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS);
  if (stats === 0) stats = SUPPORTED;
  else if (flags & C.VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS && stats & ~SUPPORTED) {
    throw qemuError(E.VIR_ERR_ARGUMENT_UNSUPPORTED,
      `Stats types bits 0x${(stats & ~SUPPORTED).toString(16)} are not supported by this daemon or QEMU`);
  }
  stats &= SUPPORTED;
  const objs = s.domains.statsTargets(refs, flags & LIST_FILTERS);
  const records: DomainStatsRecord[] = [];
  for (const obj of objs) {
    const p = new ParamList();
    for (const [bit, group] of GROUPS) if (stats & bit) await group(obj, p);
    records.push({ dom: obj.ref(), params: p.params });
  }
  return records;
}
