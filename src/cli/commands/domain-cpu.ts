/**
 * Where a domain's threads run and what they cost (part of virsh's "domain" group): vcpu,
 * emulator and IOThread affinity, IOThreads, per-CPU statistics.
 */
import {
  VIR_DOMAIN_AFFECT_CONFIG, VIR_DOMAIN_AFFECT_LIVE, VIR_DOMAIN_VCPU_MAXIMUM, VIR_TYPED_PARAM_INT, VIR_TYPED_PARAM_UINT,
  VIR_TYPED_PARAM_ULLONG, type TypedParam,
} from '../../index.js';
import type { CommandDef, OptionDef, ParsedCommand } from '../command.js';
import { domainOption, must } from '../lookup.js';
import { CommandFailed, exclusive, fail, optBool, optInt, optString, optUInt, optULongLong } from '../opts.js';
import { DOMAIN_ARG, affectFlags } from '../domain-options.js';
import { JSON_OPTION, printJSON } from '../json.js';
import { formatTable } from '../table.js';
import { formatMap, hostCpus, parseBitmap } from '../cpumap.js';
import { typedParamText } from '../typed-params.js';
import { pad } from '../printf.js';
import { countVcpus } from './domain-resources.js';
import type { Session } from '../session.js';

const flag = (name: string, help: string): OptionDef => ({ name, type: 'bool', help });
const AFFECT: OptionDef[] = [flag('config', 'the persistent definition'), flag('live', 'the running domain'),
  flag('current', 'the running domain if it runs, else the definition')];
const CPULIST_HELP = 'host CPUs (such as 0-3,^2, or r for all)';

/**
 * virshParseCPUList: `r` for every host CPU, else a CPU list whose CPUs all exist; the map
 * as booleans per host CPU.
 */
function parseCpuList(s: Session, cpulist: string, maxcpu: number): boolean[] {
  if (cpulist[0] === 'r') return Array.from({ length: maxcpu }, () => true);
  const set = parseBitmap(cpulist, 1024);
  if (!set || set.size === 0) {
    s.out.error(`Invalid cpulist '${cpulist}'`);
    if (!set) s.out.error(`invalid argument: Failed to parse bitmap '${cpulist}'`);
    throw new CommandFailed();
  }
  const last = Math.max(...set);
  if (last >= maxcpu) fail(s, `CPU ${last} in cpulist '${cpulist}' exceed the maxcpu ${maxcpu}`);
  return Array.from({ length: maxcpu }, (_, i) => set.has(i));
}

async function cmdVcpupin(s: Session, cmd: ParsedCommand): Promise<boolean> {
  const flags = affectFlags(s, cmd);
  const cpulist = optString(s, cmd, 'cpulist');
  if (cpulist === undefined) exclusive(s, cmd, 'live', 'config');
  const vcpu = optUInt(s, cmd, 'vcpu');
  if (cpulist !== undefined && vcpu === undefined) fail(s, 'vcpupin: Missing vCPU number in pin mode.');
  const maxcpu = await hostCpus(s);
  using dom = await domainOption(s, cmd);
  if (cpulist !== undefined) {
    const map = parseCpuList(s, cpulist, maxcpu);
    if (flags === 0 && !optBool(cmd, 'current')) await dom.pinVcpu(vcpu!, map);
    else await dom.pinVcpuFlags(vcpu!, map, flags);
    return true;
  }
  const ncpus = await countVcpus(s, dom, flags | VIR_DOMAIN_VCPU_MAXIMUM, true);
  if (ncpus < 0) fail(s, flags & VIR_DOMAIN_AFFECT_LIVE ? 'cannot get vcpupin for offline domain' : 'cannot get vcpupin for transient domain');
  if (vcpu !== undefined && vcpu >= ncpus) {
    const live = flags & VIR_DOMAIN_AFFECT_LIVE || (!(flags & VIR_DOMAIN_AFFECT_CONFIG) && (await dom.isActive().catch(() => false)));
    fail(s, `vcpu ${vcpu} is out of range of ${live ? 'live' : 'persistent'} cpu count ${ncpus}`);
  }
  let maps: boolean[][];
  try {
    maps = await dom.vcpuPinInfo(flags, ncpus);
  } catch {
    return true; // virsh prints nothing and succeeds when the pin info cannot be read
  }
  const rows = maps.flatMap((map, i) => (vcpu === undefined || i === vcpu ? [{ vcpu: i, affinity: formatMap(map) }] : []));
  if (optBool(cmd, 'json')) printJSON(s, rows);
  else s.out.print(formatTable(['VCPU', 'CPU Affinity'], rows.map((r) => [String(r.vcpu), r.affinity]), !s.out.quiet));
  return true;
}

async function cmdEmulatorpin(s: Session, cmd: ParsedCommand): Promise<void> {
  let flags = affectFlags(s, cmd);
  const chosen = optBool(cmd, 'current') || optBool(cmd, 'live') || optBool(cmd, 'config');
  using dom = await domainOption(s, cmd);
  const cpulist = optString(s, cmd, 'cpulist');
  const maxcpu = await hostCpus(s);
  if (cpulist !== undefined) {
    const map = parseCpuList(s, cpulist, maxcpu);
    // Pinning with no state named changes the running domain.
    if (!chosen) flags = VIR_DOMAIN_AFFECT_LIVE;
    await dom.pinEmulator(map, flags);
    return;
  }
  const affinity = formatMap(await dom.emulatorPinInfo(flags));
  if (optBool(cmd, 'json')) {
    printJSON(s, { affinity });
    return;
  }
  s.out.printExtra('emulator: CPU Affinity\n----------------------------------\n       *: ');
  s.out.print(`${affinity}\n`);
}

async function cmdIOThreadinfo(s: Session, cmd: ParsedCommand): Promise<void> {
  const flags = affectFlags(s, cmd);
  using dom = await domainOption(s, cmd);
  const threads = await must(s, 'Unable to get domain IOThreads information', () => dom.ioThreadInfo(flags));
  const rows = threads.map((t) => ({ id: t.iothreadId, affinity: formatMap(t.cpumap) }));
  if (optBool(cmd, 'json')) printJSON(s, rows);
  else if (rows.length === 0) s.out.printExtra('No IOThreads found for the domain');
  else s.out.print(formatTable(['IOThread ID', 'CPU Affinity'], rows.map((r) => [String(r.id), r.affinity]), !s.out.quiet));
}

/** iothreadadd / iothreaddel: a positive IOThread id, then the call. */
async function changeIOThread(s: Session, cmd: ParsedCommand, add: boolean): Promise<void> {
  const flags = affectFlags(s, cmd);
  using dom = await domainOption(s, cmd);
  const id = optInt(s, cmd, 'id')!;
  if (id <= 0) fail(s, `Invalid IOThread id value: '${id}'`);
  await (add ? dom.addIOThread(id, flags) : dom.delIOThread(id, flags));
}

async function cmdIOThreadpin(s: Session, cmd: ParsedCommand): Promise<void> {
  const flags = affectFlags(s, cmd);
  using dom = await domainOption(s, cmd);
  const id = optUInt(s, cmd, 'iothread')!;
  const cpulist = optString(s, cmd, 'cpulist')!;
  const map = parseCpuList(s, cpulist, await hostCpus(s));
  await dom.pinIOThread(id, map, flags);
}

async function cmdIOThreadset(s: Session, cmd: ParsedCommand): Promise<void> {
  const flags = affectFlags(s, cmd);
  using dom = await domainOption(s, cmd);
  const id = optInt(s, cmd, 'id')!;
  if (id <= 0) fail(s, `Invalid IOThread id value: '${id}'`);
  const params: TypedParam[] = [];
  const pollMax = optULongLong(s, cmd, 'poll-max-ns');
  if (pollMax !== undefined) params.push({ field: 'poll_max_ns', type: VIR_TYPED_PARAM_ULLONG, value: pollMax });
  for (const name of ['poll-grow', 'poll-shrink']) {
    const value = optUInt(s, cmd, name);
    if (value !== undefined) params.push({ field: name.replace('-', '_'), type: VIR_TYPED_PARAM_UINT, value });
  }
  for (const name of ['thread-pool-min', 'thread-pool-max']) {
    const value = optInt(s, cmd, name);
    if (value !== undefined) params.push({ field: name.replace(/-/g, '_'), type: VIR_TYPED_PARAM_INT, value });
  }
  if (params.length === 0) fail(s, 'Not enough arguments passed, nothing to set');
  await dom.setIOThreadParams(id, params, flags);
}

/** The times cpu-stats prints in seconds with nine decimals. */
const TIMES = new Set(['cpu_time', 'vcpu_time', 'user_time', 'system_time']);

/** vshCPUStatsPrintField: `\tfield        value`. */
function statLine(p: TypedParam): string {
  if (TIMES.has(p.field) && p.type === VIR_TYPED_PARAM_ULLONG) {
    const ns = BigInt(p.value as bigint);
    return `\t${pad(p.field, -12)} ${pad(ns / 1000000000n, 9)}.${String(ns % 1000000000n).padStart(9, '0')} seconds\n`;
  }
  return `\t${pad(p.field, -12)} ${typedParamText(p)}\n`;
}

const statsObject = (params: TypedParam[]): Record<string, unknown> =>
  Object.fromEntries(params.map((p) => [p.field, typeof p.value === 'bigint' ? Number(p.value) : p.value]));

async function cmdCpuStats(s: Session, cmd: ParsedCommand): Promise<boolean> {
  using dom = await domainOption(s, cmd);
  let total = optBool(cmd, 'total');
  let perCpu = false;
  const start = optInt(s, cmd, 'start');
  if (start !== undefined) {
    if (start < 0) fail(s, 'Invalid value for start CPU');
    perCpu = true;
  }
  let count = optInt(s, cmd, 'count');
  if (count !== undefined) {
    if (count < 0) fail(s, 'Invalid value for number of CPUs to show');
    perCpu = true;
  }
  if (!total && !perCpu) total = perCpu = true;
  const json = optBool(cmd, 'json');
  const failed = `Failed to retrieve CPU statistics for domain '${dom.name()}'`;
  const result: { cpus?: { cpu: number; stats: Record<string, unknown> }[]; total?: Record<string, unknown> } = {};
  if (perCpu) {
    const records = await must(s, failed, () => dom.getCPUStats(false));
    const first = start ?? 0;
    if (first >= records.length) fail(s, `Start CPU ${first} is out of range (min: 0, max: ${records.length - 1})`);
    if (count === undefined || count > records.length) {
      if (count !== undefined && !json) s.out.print(`Only ${records.length} CPUs available to show\n`);
      count = records.length - first;
    }
    const shown = records.slice(first, first + count).map((stats, i) => ({ cpu: first + i, stats })).filter((r) => r.stats.length > 0);
    if (records.every((r) => r.length === 0)) {
      if (!json) s.out.print('No per-CPU stats available');
      if (!total) return true;
    } else if (json) {
      result.cpus = shown.map((r) => ({ cpu: r.cpu, stats: statsObject(r.stats) }));
    } else {
      for (const r of shown) s.out.print(`CPU${r.cpu}:\n${r.stats.map(statLine).join('')}`);
    }
  }
  if (total) {
    const [sums] = await must(s, failed, () => dom.getCPUStats(true));
    if (!sums || sums.length === 0) {
      if (!json) s.out.print('No total stats available');
      return false;
    }
    if (json) result.total = statsObject(sums);
    else s.out.print(`Total:\n${sums.map(statLine).join('')}`);
  }
  if (json) printJSON(s, result);
  return true;
}

export const cpuCommands: CommandDef[] = [
  {
    name: 'vcpupin',
    summary: 'show or change which host CPUs the virtual CPUs of a domain run on',
    options: [
      DOMAIN_ARG,
      { name: 'vcpu', type: 'number', help: 'the virtual CPU (all of them when showing)' },
      { name: 'cpulist', type: 'string', emptyOk: true, help: `${CPULIST_HELP}; none to show` },
      ...AFFECT,
      JSON_OPTION,
    ],
    handler: cmdVcpupin,
  },
  {
    name: 'emulatorpin',
    summary: 'show or change which host CPUs the emulator threads of a domain run on',
    options: [DOMAIN_ARG, { name: 'cpulist', type: 'string', emptyOk: true, help: `${CPULIST_HELP}; none to show` }, ...AFFECT, JSON_OPTION],
    handler: cmdEmulatorpin,
  },
  {
    name: 'iothreadinfo',
    summary: 'list the IOThreads of a domain with their CPU affinity',
    options: [DOMAIN_ARG, ...AFFECT, JSON_OPTION],
    handler: cmdIOThreadinfo,
  },
  {
    name: 'iothreadpin',
    summary: 'change which host CPUs an IOThread of a domain runs on',
    options: [
      DOMAIN_ARG,
      { name: 'iothread', type: 'number', required: true, help: 'the IOThread id' },
      { name: 'cpulist', type: 'data', required: true, help: CPULIST_HELP },
      ...AFFECT,
    ],
    handler: cmdIOThreadpin,
  },
  {
    name: 'iothreadadd',
    summary: 'add an IOThread to a domain',
    options: [DOMAIN_ARG, { name: 'id', type: 'number', required: true, help: 'id of the new IOThread' }, ...AFFECT],
    handler: (s, cmd) => changeIOThread(s, cmd, true),
  },
  {
    name: 'iothreaddel',
    summary: 'remove an IOThread from a domain',
    options: [DOMAIN_ARG, { name: 'id', type: 'number', required: true, help: 'id of the IOThread to remove' }, ...AFFECT],
    handler: (s, cmd) => changeIOThread(s, cmd, false),
  },
  {
    name: 'iothreadset',
    summary: 'change the polling and worker pool settings of an IOThread of a running domain',
    options: [
      DOMAIN_ARG,
      { name: 'id', type: 'number', required: true, help: 'the IOThread id' },
      { name: 'poll-max-ns', type: 'number', help: 'longest polling time (ns)' },
      { name: 'poll-grow', type: 'number', help: 'how much the polling time grows' },
      { name: 'poll-shrink', type: 'number', help: 'how much the polling time shrinks' },
      { name: 'thread-pool-min', type: 'number', help: 'fewest worker threads' },
      { name: 'thread-pool-max', type: 'number', help: 'most worker threads' },
      ...AFFECT,
    ],
    handler: cmdIOThreadset,
  },
  {
    name: 'cpu-stats',
    summary: 'show the CPU time a domain used, per host CPU and in total',
    options: [
      DOMAIN_ARG,
      flag('total', 'only the totals'),
      { name: 'start', type: 'number', help: 'first host CPU to show' },
      { name: 'count', type: 'number', help: 'how many host CPUs to show at most' },
      JSON_OPTION,
    ],
    handler: cmdCpuStats,
  },
];
