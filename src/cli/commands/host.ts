/** Host and hypervisor commands (virsh's "host" group). */
import { setTimeout as sleep } from 'node:timers/promises';
import { byName, type CommandFamily, type ParsedCommand } from '../command.js';
import { must } from '../lookup.js';
import { fail, optBool, optInt, optString } from '../opts.js';
import { fixed, pad } from '../printf.js';
import { JSON_OPTION, printJSON } from '../json.js';
import { loadLibrary, type Session } from '../session.js';
import { versionString } from '../features.js';
import { unknownCauseError } from '../../index.js';
import { hostNodeCommands } from './host-node.js';
import { hostCpuCommands } from './host-cpu.js';

/** version --json: the lines of `version` as fields (`hypervisor` null when the driver cannot tell). */
async function versionJSON(s: Session, type: string, libVersion: number, daemon: boolean): Promise<Record<string, string | null>> {
  const library = versionString(libVersion);
  const hv = await must(s, 'failed to get the hypervisor version', () => s.conn.getVersion());
  const result: Record<string, string | null> = { compiledAgainst: library, library, type, api: library, hypervisor: hv === 0 ? null : versionString(hv) };
  if (daemon) result.daemon = await s.conn.getLibVersion().then(versionString, () => null);
  return result;
}

async function cmdNodeinfo(s: Session, cmd: ParsedCommand): Promise<void> {
  const info = await must(s, 'failed to get node information', () => s.conn.getInfo());
  if (optBool(cmd, 'json')) {
    printJSON(s, info);
    return;
  }
  const line = (label: string, value: string | number): void => s.out.print(`${pad(label, -20)} ${value}\n`);
  line('CPU model:', info.model);
  line('CPU(s):', info.cpus);
  if (info.mhz) line('CPU frequency:', `${info.mhz} MHz`);
  line('CPU socket(s):', info.sockets);
  line('Core(s) per socket:', info.cores);
  line('Thread(s) per core:', info.threads);
  line('NUMA cell(s):', info.nodes);
  line('Memory size:', `${info.memory} KiB`);
}

/** The NUMA cell ids the capabilities XML lists under host/topology. */
function cellIds(capsXML: string): number[] {
  const topology = /<topology>([\s\S]*?)<\/topology>/.exec(capsXML)?.[1] ?? '';
  return [...topology.matchAll(/<cell id='(\d+)'/g)].map((m) => Number(m[1]));
}

async function cmdFreecell(s: Session, cmd: ParsedCommand): Promise<boolean> {
  const all = optBool(cmd, 'all');
  const hasCell = optBool(cmd, 'cellno');
  if (all && hasCell) fail(s, 'Options --all and --cellno are mutually exclusive');
  const cell = hasCell ? optInt(s, cmd, 'cellno')! : -1;
  const json = optBool(cmd, 'json');
  const kib = (bytes: bigint): bigint => bytes / 1024n;
  if (!all) {
    if (hasCell) {
      const [free] = await s.conn.getCellsFreeMemory(cell, 1);
      if (json) printJSON(s, [{ cell, free: kib(free!) }]);
      else s.out.print(`${cell}: ${kib(free!)} KiB\n`);
      return true;
    }
    const total = await s.conn.getFreeMemory();
    // 0 is virNodeGetFreeMemory's failure; libvirt dispatches its unknown-cause error then.
    if (total === 0n) throw unknownCauseError();
    if (json) printJSON(s, { total: kib(total) });
    else s.out.print(`Total: ${kib(total)} KiB\n`);
    return true;
  }
  const caps = await must(s, 'unable to get node capabilities', () => s.conn.getCapabilities());
  const cells: { cell: number; free: bigint }[] = [];
  for (const id of cellIds(caps)) {
    const [free] = await s.conn.getCellsFreeMemory(id, 1).catch(() => fail(s, `failed to get free memory for NUMA node number: ${id}`));
    cells.push({ cell: id, free: kib(free!) });
  }
  const total = cells.reduce((sum, c) => sum + c.free, 0n);
  if (json) {
    printJSON(s, { cells, total });
    return true;
  }
  for (const c of cells) s.out.print(`${pad(c.cell, 5)}: ${pad(c.free, 10)} KiB\n`);
  s.out.printExtra('--------------------\n');
  s.out.printExtra(`${pad('Total', 5)}: ${pad(total, 10)} KiB\n`);
  return true;
}

async function cmdNodeMemStats(s: Session, cmd: ParsedCommand): Promise<void> {
  const cell = optInt(s, cmd, 'cell') ?? -1;
  const stats = await must(s, 'Unable to get number of memory stats', () => s.conn.getMemoryStats(cell));
  if (optBool(cmd, 'json')) {
    printJSON(s, Object.fromEntries(stats.map((st) => [st.field, st.value])));
    return;
  }
  for (const st of stats) s.out.print(`${pad(st.field, -7)}: ${pad(st.value, 20)} KiB\n`);
}

/** nodecpustats' rows: the driver's field and virsh's label, in virsh's order. */
const CPU_FIELDS: [string, string][] = [['user', 'user:'], ['kernel', 'system:'], ['idle', 'idle:'], ['iowait', 'iowait:'], ['intr', 'intr:']];

async function cmdNodeCpuStats(s: Session, cmd: ParsedCommand): Promise<void> {
  const percent = optBool(cmd, 'percent');
  const cpu = optInt(s, cmd, 'cpu') ?? -1;
  const read = async (failure: string): Promise<Map<string, bigint>> =>
    new Map((await must(s, failure, () => s.conn.getCPUStats(cpu))).map((st) => [st.field, st.value]));
  const first = await read('Unable to get number of cpu stats');
  if (first.size === 0) return;
  let stats = first;
  if (percent && !first.has('utilization')) {
    await sleep(1000);
    const second = await read('Unable to get node cpu stats');
    stats = new Map([...first].map(([k, v]) => [k, (second.get(k) ?? v) - v]));
  }
  const json = optBool(cmd, 'json');
  if (!percent) {
    const rows = CPU_FIELDS.filter(([f]) => stats.has(f));
    if (json) printJSON(s, Object.fromEntries(rows.map(([f]) => [f, stats.get(f)])));
    else for (const [f, label] of rows) s.out.print(`${pad(label, -15)} ${pad(stats.get(f)!, 20)}\n`);
    return;
  }
  if (stats.has('utilization')) {
    const usage = stats.get('utilization')!;
    if (json) printJSON(s, { usage: Number(usage), idle: 100 - Number(usage) });
    else s.out.print(`${pad('usage:', -15)} ${pad(usage, 5)}%\n${pad('idle:', -15)} ${pad(100n - usage, 5)}%\n`);
    return;
  }
  const total = CPU_FIELDS.reduce((sum, [f]) => sum + Number(stats.get(f) ?? 0n), 0);
  const share = (f: string): number => (Number(stats.get(f) ?? 0n) / total) * 100;
  const usage = ((Number(stats.get('user') ?? 0n) + Number(stats.get('kernel') ?? 0n)) / total) * 100;
  const rows = CPU_FIELDS.filter(([f]) => stats.has(f));
  if (json) {
    printJSON(s, { usage: Number.isNaN(usage) ? null : usage, ...Object.fromEntries(rows.map(([f]) => [f, Number.isNaN(share(f)) ? null : share(f)])) });
    return;
  }
  s.out.print(`${pad('usage:', -15)} ${fixed(usage, 1, 5)}%\n`);
  for (const [f, label] of rows) s.out.print(`${pad(label, -15)} ${fixed(share(f), 1, 5)}%\n`);
}

export const hostFamily: CommandFamily = {
  group: 'Host and Hypervisor',
  keyword: 'host',
  commands: byName([
    {
      name: 'uri',
      summary: 'show the URI of the current connection',
      options: [],
      async handler(s) {
        s.out.print(`${await must(s, 'failed to get URI', () => s.conn.getURI())}\n`);
      },
    },
    {
      name: 'hostname',
      summary: 'show the host name of the hypervisor host',
      options: [],
      async handler(s) {
        s.out.print(`${await must(s, 'failed to get hostname', () => s.conn.getHostname())}\n`);
      },
    },
    {
      name: 'version',
      summary: 'show library, API and hypervisor versions',
      options: [{ name: 'daemon', type: 'bool', help: 'also ask the daemon for its version' }, JSON_OPTION],
      async handler(s, cmd) {
        const { LIB_VERSION } = await loadLibrary();
        const type = await must(s, 'failed to get hypervisor type', () => s.conn.getType());
        if (optBool(cmd, 'json')) {
          printJSON(s, await versionJSON(s, type, LIB_VERSION, optBool(cmd, 'daemon')));
          return;
        }
        s.out.print(`Compiled against library: libvirt ${versionString(LIB_VERSION)}\n`);
        s.out.print(`Using library: libvirt ${versionString(LIB_VERSION)}\n`);
        s.out.print(`Using API: ${type} ${versionString(LIB_VERSION)}\n`);
        const hv = await must(s, 'failed to get the hypervisor version', () => s.conn.getVersion());
        if (hv === 0) s.out.print(`Cannot extract running ${type} hypervisor version\n`);
        else s.out.print(`Running hypervisor: ${type} ${versionString(hv)}\n`);
        if (optBool(cmd, 'daemon')) {
          try {
            s.out.print(`Running against daemon: ${versionString(await s.conn.getLibVersion())}\n`);
          } catch {
            s.out.error('failed to get the daemon version');
          }
        }
      },
    },
    {
      name: 'nodeinfo',
      summary: 'show the host: CPU model and topology, memory',
      options: [JSON_OPTION],
      handler: cmdNodeinfo,
    },
    {
      name: 'capabilities',
      summary: 'print the capabilities XML of the hypervisor',
      options: [],
      async handler(s) {
        s.out.print(`${await must(s, 'failed to get capabilities', () => s.conn.getCapabilities())}\n`);
      },
    },
    {
      name: 'cpu-models',
      summary: 'list the CPU models known for an architecture',
      options: [{ name: 'arch', type: 'data', required: true, help: 'architecture (x86_64, ppc64, ...)' }],
      async handler(s, cmd) {
        const arch = optString(s, cmd, 'arch')!;
        const models = await must(s, 'failed to get CPU model names', () => s.conn.getCPUModelNames(arch, 0));
        if (models.length === 0) s.out.printExtra('all CPU models are accepted\n');
        for (const model of models) s.out.print(`${model}\n`);
      },
    },
    {
      name: 'sysinfo',
      summary: "print the host's system information (SMBIOS) as XML",
      options: [],
      async handler(s) {
        s.out.print(await must(s, 'failed to get sysinfo', () => s.conn.getSysinfo(0)));
      },
    },
    {
      name: 'freecell',
      summary: 'show free memory of the host or of one NUMA cell',
      options: [
        { name: 'cellno', type: 'number', help: 'only this NUMA cell' },
        { name: 'all', type: 'bool', help: 'every cell, then the total' },
        JSON_OPTION,
      ],
      handler: cmdFreecell,
    },
    {
      name: 'nodememstats',
      summary: "show the host's memory counters",
      options: [{ name: 'cell', type: 'number', help: 'only this NUMA cell' }, JSON_OPTION],
      handler: cmdNodeMemStats,
    },
    {
      name: 'nodecpustats',
      summary: "show the host's CPU time counters",
      options: [
        { name: 'cpu', type: 'number', help: 'only this CPU' },
        { name: 'percent', type: 'bool', help: 'shares of time over one second instead of counters' },
        JSON_OPTION,
      ],
      handler: cmdNodeCpuStats,
    },
    ...hostNodeCommands,
    ...hostCpuCommands,
  ]),
};
