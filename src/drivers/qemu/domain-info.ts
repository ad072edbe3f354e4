import { readFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import * as C from '../../api/constants.js';
import type { XNode } from '../../conf/domain/index.js';
import { getAttr as attr, getChild } from '../../conf/domain/xnode.js';
import type { DomainBlockStats, DomainInfo, DomainInterfaceStats, DomainRef, MemoryStat, VcpuInfo } from '../types.js';
import type { QemuDriverState } from './driver-state.js';
import { domainFromRef } from './domain-ops.js';
import { E, notRunningError, qemuCheckFlags, qemuError } from './errors.js';

/** Kernel clock ticks per second in /proc stat files (USER_HZ, 100 on Linux). */
const NS_PER_TICK = 10_000_000n;

const childAttr = (n: XNode, child: string, name: string): string | undefined => attr(getChild(n, child), name);

/** utime + stime and the last CPU of a process or thread, from its /proc stat line. */
async function procCpu(path: string): Promise<{ ns: bigint; cpu: number }> {
  const stat = await readFile(path, 'utf8').catch(() => null);
  if (stat === null) return { ns: 0n, cpu: -1 };
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { ns: (BigInt(fields[11]!) + BigInt(fields[12]!)) * NS_PER_TICK, cpu: Number(fields[36]) };
}

function running(state: QemuDriverState, ref: DomainRef) {
  const obj = domainFromRef(state, ref);
  if (!obj.proc) throw notRunningError();
  return { obj, proc: obj.proc };
}

export async function getInfo(state: QemuDriverState, ref: DomainRef): Promise<DomainInfo> {
  const obj = domainFromRef(state, ref);
  const cpuTime = obj.proc ? (await procCpu(`/proc/${obj.proc.pid}/stat`)).ns : 0n;
  return {
    state: obj.state, maxMem: obj.def.memory.total,
    memory: obj.def.memory.current,
    nrVirtCpu: obj.def.vcpus.current, cpuTime,
  };
}

/** virDomainSetMemoryFlags: the balloon target while running, the config otherwise or as asked. */
export async function setMemory(state: QemuDriverState, ref: DomainRef, kib: number, flags: number): Promise<void> {
  qemuCheckFlags('qemuDomainSetMemoryFlags', flags, C.VIR_DOMAIN_AFFECT_LIVE | C.VIR_DOMAIN_AFFECT_CONFIG | C.VIR_DOMAIN_MEM_MAXIMUM);
  const obj = domainFromRef(state, ref);
  await obj.withJob(async () => {
    const { live, config } = obj.getDefs(flags);
    if (flags & C.VIR_DOMAIN_MEM_MAXIMUM) {
      if (live) throw qemuError(E.VIR_ERR_OPERATION_INVALID, 'cannot resize the maximum memory on an active domain');
      config!.memory.total = kib;
      if (config!.memory.current > kib) config!.memory.current = kib;
      await state.configs.save(config!);
      return;
    }
    for (const def of [live, config]) {
      if (def && kib > def.memory.total) throw qemuError(E.VIR_ERR_INVALID_ARG, 'cannot set memory higher than max memory');
    }
    if (live) {
      const balloon = live.devices.lists.memballoon[0];
      if (!balloon || attr(balloon, 'model') === 'none') {
        throw qemuError(E.VIR_ERR_OPERATION_INVALID, 'Unable to change memory of active domain without the balloon device and guest OS balloon driver');
      }
      await obj.proc!.monitor.execute('balloon', { value: kib * 1024 });
      live.memory.current = kib;
      await state.writeStatus(obj);
    }
    if (config) {
      config.memory.current = kib;
      await state.configs.save(config);
    }
  });
}

export async function getVcpusFlags(state: QemuDriverState, ref: DomainRef, flags: number): Promise<number> {
  qemuCheckFlags('qemuDomainGetVcpusFlags', flags, C.VIR_DOMAIN_AFFECT_LIVE | C.VIR_DOMAIN_AFFECT_CONFIG |
    C.VIR_DOMAIN_VCPU_MAXIMUM | C.VIR_DOMAIN_VCPU_GUEST);
  const obj = domainFromRef(state, ref);
  const { def } = obj.getOneDef('qemuDomainGetVcpusFlags', flags & ~(C.VIR_DOMAIN_VCPU_MAXIMUM | C.VIR_DOMAIN_VCPU_GUEST));
  return flags & C.VIR_DOMAIN_VCPU_MAXIMUM ? def.vcpus.max : def.vcpus.current;
}

/** Which host CPUs a thread may run on (its Cpus_allowed_list), one flag per host CPU. */
async function threadAffinity(path: string): Promise<boolean[]> {
  const map = new Array<boolean>(cpus().length).fill(false);
  const status = await readFile(path, 'utf8').catch(() => '');
  const list = /^Cpus_allowed_list:\s*(\S+)/m.exec(status)?.[1] ?? '';
  for (const range of list.split(',').filter(Boolean)) {
    const [lo, hi = lo] = range.split('-').map(Number);
    for (let cpu = lo!; cpu <= hi! && cpu < map.length; cpu++) map[cpu] = true;
  }
  return map;
}

/** Per-vCPU thread times and placement, from QEMU's vCPU thread ids. */
export async function getVcpus(state: QemuDriverState, ref: DomainRef): Promise<VcpuInfo[]> {
  const { proc } = running(state, ref);
  const vcpus = await proc.monitor.execute<{ 'cpu-index': number; 'thread-id': number }[]>('query-cpus-fast');
  return Promise.all(vcpus.map(async (c) => {
    const task = `/proc/${proc.pid}/task/${c['thread-id']}`;
    const t = await procCpu(`${task}/stat`);
    return { number: c['cpu-index'], state: C.VIR_VCPU_RUNNING, cpuTime: t.ns, cpu: t.cpu, cpumap: await threadAffinity(`${task}/status`) };
  }));
}

interface BlockStatsEntry {
  device: string; qdev?: string; 'node-name'?: string;
  stats: { rd_operations: number; rd_bytes: number; wr_operations: number; wr_bytes: number; failed_rd_operations?: number; failed_wr_operations?: number };
}

export async function blockStats(state: QemuDriverState, ref: DomainRef, path: string): Promise<DomainBlockStats> {
  const { obj, proc } = running(state, ref);
  const disk = obj.def.devices.lists.disk.find((d) => childAttr(d, 'target', 'dev') === path || childAttr(d, 'source', 'file') === path);
  if (!disk) throw qemuError(E.VIR_ERR_INVALID_ARG, `invalid path: ${path}`);
  const alias = childAttr(disk, 'alias', 'name');
  const all = await proc.monitor.execute<BlockStatsEntry[]>('query-blockstats');
  const entry = alias ? all.find((e) => e.qdev?.includes(`/${alias}/`) || e.qdev === alias || e.device === `drive-${alias}`) : undefined;
  if (!entry) throw qemuError(E.VIR_ERR_INTERNAL_ERROR, `cannot find statistics for device '${alias ?? path}'`);
  const s = entry.stats;
  return {
    rdReq: BigInt(s.rd_operations), rdBytes: BigInt(s.rd_bytes), wrReq: BigInt(s.wr_operations), wrBytes: BigInt(s.wr_bytes),
    errs: -1n,
  };
}

/** Host-side counters of a tap interface, swapped to the guest's view as libvirt does. */
export async function interfaceStats(state: QemuDriverState, ref: DomainRef, device: string): Promise<DomainInterfaceStats> {
  const { obj } = running(state, ref);
  const nic = obj.def.devices.lists.interface.find((n) => childAttr(n, 'target', 'dev') === device || childAttr(n, 'mac', 'address') === device);
  const dev = nic && childAttr(nic, 'target', 'dev');
  if (!dev) throw qemuError(E.VIR_ERR_INVALID_ARG, `invalid path, '${device}' is not a known interface`);
  const line = (await readFile('/proc/net/dev', 'utf8')).split('\n').find((l) => l.trim().startsWith(`${dev}:`));
  if (!line) throw qemuError(E.VIR_ERR_INTERNAL_ERROR, `Interface not found: ${dev}`);
  const v = line.slice(line.indexOf(':') + 1).trim().split(/\s+/).map((x) => BigInt(x));
  return { rxBytes: v[8]!, rxPackets: v[9]!, rxErrs: v[10]!, rxDrop: v[11]!, txBytes: v[0]!, txPackets: v[1]!, txErrs: v[2]!, txDrop: v[3]! };
}

export async function memoryStats(state: QemuDriverState, ref: DomainRef, nrStats: number, flags: number): Promise<MemoryStat[]> {
  qemuCheckFlags('qemuDomainMemoryStats', flags, 0);
  const { obj, proc } = running(state, ref);
  const stats: MemoryStat[] = [];
  const balloon = obj.def.devices.lists.memballoon[0];
  if (balloon && attr(balloon, 'model') !== 'none') {
    const info = await proc.monitor.execute<{ actual: number }>('query-balloon');
    stats.push({ tag: C.VIR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON, val: BigInt(info.actual) / 1024n });
  }
  const status = await readFile(`/proc/${proc.pid}/status`, 'utf8').catch(() => '');
  const rss = /^VmRSS:\s+(\d+) kB/m.exec(status);
  if (rss) stats.push({ tag: C.VIR_DOMAIN_MEMORY_STAT_RSS, val: BigInt(rss[1]!) });
  return stats.slice(0, nrStats);
}
