/**
 * Host commands about the hypervisor's limits and the host's pages, CPUs, memory tuning, power
 * and SEV, plus the domain capabilities document (virsh's "host" group).
 */
import {
  VIR_NODE_ALLOC_PAGES_ADD, VIR_NODE_ALLOC_PAGES_SET, VIR_TYPED_PARAM_UINT, type TypedParam,
} from '../../index.js';
import type { CommandDef, ParsedCommand } from '../command.js';
import { must } from '../lookup.js';
import { exclusive, fail, optBool, optInt, optScaled, optString, optUInt, optULongLong, optLongLong } from '../opts.js';
import { pad } from '../printf.js';
import { formatMap } from '../cpumap.js';
import { typedParamText } from '../typed-params.js';
import { parseXML, selectElements, xpathString } from '../xml.js';
import { flag } from '../objects.js';
import type { Session } from '../session.js';

const UINT_MAX = 0xffffffffn;

/** maxvcpus: the domain capabilities' vcpu limit when the driver has them, else virConnectGetMaxVcpus. */
async function cmdMaxvcpus(s: Session, cmd: ParsedCommand): Promise<void> {
  const type = optString(s, cmd, 'type') ?? null;
  let vcpus = -1;
  const caps = await s.conn.getDomainCapabilities(null, null, null, type, 0).catch(() => null);
  if (caps !== null) {
    const max = Number(xpathString(parseXML(caps), './vcpu[1]/@max') || NaN);
    if (Number.isInteger(max)) vcpus = max;
  }
  if (vcpus < 0) vcpus = await s.conn.getMaxVcpus(type);
  s.out.print(`${vcpus}\n`);
}

async function cmdNodeCpuMap(s: Session, cmd: ParsedCommand): Promise<void> {
  const map = await must(s, 'Unable to get cpu map', () => s.conn.getCPUMap(0));
  s.out.print(`${pad('CPUs present:', -15)} ${map.cpus}\n`);
  s.out.print(`${pad('CPUs online:', -15)} ${map.online.filter(Boolean).length}\n`);
  const shown = optBool(cmd, 'pretty') ? formatMap(map.online) : map.online.slice(0, map.cpus).map((on) => (on ? 'y' : '-')).join('');
  s.out.print(`${pad('CPU map:', -15)} ${shown}\n`);
}

/** The NUMA cell ids of the capabilities XML (virsh reads /capabilities/host/topology/cells/cell/@id). */
const cellIds = (caps: ReturnType<typeof parseXML>): string[] =>
  selectElements(caps, '/capabilities/host/topology/cells/cell').map((c) => c.getAttribute('id') ?? '');

/** virStrToLong_i on a cell id: a whole decimal number. */
function cellNumber(s: Session, text: string): number {
  const n = /^\s*[+-]?\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(n) || n < -(2 ** 31) || n >= 2 ** 31) fail(s, `unable to parse numa node id: ${text}`);
  return n;
}

async function cmdFreepages(s: Session, cmd: ParsedCommand): Promise<void> {
  exclusive(s, cmd, 'all', 'cellno');
  const bytes = optScaled(s, cmd, 'pagesize', 1024n, UINT_MAX) ?? 0n;
  const kib = Number((bytes + 1023n) / 1024n);
  const given = optBool(cmd, 'pagesize');
  if (optBool(cmd, 'all')) {
    const xml = await must(s, 'unable to get node capabilities', () => s.conn.getCapabilities());
    const caps = parseXML(xml);
    let sizes = [kib];
    if (!given) {
      let pages = selectElements(caps, '/capabilities/host/cpu/pages');
      if (pages.length === 0) pages = selectElements(caps, '/capabilities/host/topology/cells/cell/pages');
      if (pages.length === 0) fail(s, 'could not get information about supported page sizes');
      sizes = pages.map((p) => {
        const text = p.getAttribute('size') ?? '';
        if (!/^\d+$/.test(text) || Number(text) > 0xffffffff) fail(s, `unable to parse page size: ${text}`);
        return Number(text);
      });
      sizes = [...new Set(sizes)].sort((a, b) => a - b);
    }
    for (const id of cellIds(caps)) {
      const cell = cellNumber(s, id);
      const counts = await s.conn.getFreePageCounts(sizes, cell, 1, 0);
      s.out.print(`Node ${cell}:\n`);
      sizes.forEach((size, i) => s.out.print(`${size}KiB: ${counts[i] ?? 0n}\n`));
      s.out.print('\n');
    }
    return;
  }
  if (!optBool(cmd, 'cellno')) fail(s, 'missing cellno argument');
  const cell = optInt(s, cmd, 'cellno')!;
  if (cell < -1) fail(s, 'cell number must be non-negative integer or -1');
  if (!given) fail(s, 'missing pagesize argument');
  const [count] = await s.conn.getFreePageCounts([kib], cell, 1, 0);
  s.out.print(`${kib}KiB: ${count ?? 0n}\n`);
}

async function cmdAllocpages(s: Session, cmd: ParsedCommand): Promise<void> {
  exclusive(s, cmd, 'all', 'cellno');
  const startCell = optBool(cmd, 'cellno') ? optInt(s, cmd, 'cellno')! : -1;
  const size = Number((optScaled(s, cmd, 'pagesize', 1024n, UINT_MAX * 1024n)! + 1023n) / 1024n);
  const count = optULongLong(s, cmd, 'pagecount')!;
  const flags = optBool(cmd, 'add') ? VIR_NODE_ALLOC_PAGES_ADD : VIR_NODE_ALLOC_PAGES_SET;
  if (!optBool(cmd, 'all')) {
    await s.conn.allocPages([size], [count], startCell, 1, flags);
    return;
  }
  const xml = await must(s, 'unable to get node capabilities', () => s.conn.getCapabilities());
  for (const id of cellIds(parseXML(xml))) {
    if (!/^\s*\d+$/.test(id)) fail(s, 'conversion from string failed');
    await s.conn.allocPages([size], [count], Number(id), 1, flags);
  }
}

/** node-memory-tune's options and the host parameters they set. */
const MEMORY_TUNABLES: [string, string][] = [
  ['shm-pages-to-scan', 'shm_pages_to_scan'], ['shm-sleep-millisecs', 'shm_sleep_millisecs'], ['shm-merge-across-nodes', 'shm_merge_across_nodes'],
];

async function cmdNodeMemoryTune(s: Session, cmd: ParsedCommand): Promise<void> {
  const params: TypedParam[] = [];
  for (const [option, field] of MEMORY_TUNABLES) {
    const value = optUInt(s, cmd, option);
    if (value !== undefined) params.push({ field, type: VIR_TYPED_PARAM_UINT, value });
  }
  if (params.length > 0) {
    await must(s, 'Unable to change memory parameters', () => s.conn.setMemoryParameters(params, 0));
    return;
  }
  const current = await must(s, 'Unable to get number of memory parameters', () => s.conn.getMemoryParameters(0));
  if (current.length === 0) return;
  s.out.print('Shared memory:\n');
  for (const p of current) s.out.print(`\t${pad(p.field, -15)} ${typedParamText(p)}\n`);
}

export const SUSPEND_TARGETS = ['mem', 'disk', 'hybrid'];

async function cmdNodeSuspend(s: Session, cmd: ParsedCommand): Promise<void> {
  const target = optString(s, cmd, 'target')!;
  const duration = optLongLong(s, cmd, 'duration')!;
  const which = SUSPEND_TARGETS.indexOf(target);
  if (which < 0) fail(s, 'Invalid target');
  if (duration < 0n) fail(s, 'Invalid duration');
  await must(s, 'The host was not suspended', () => s.conn.suspendForDuration(which, duration, 0));
}

async function cmdNodeSEVInfo(s: Session): Promise<void> {
  const params = await must(s, 'Unable to get host SEV information', () => s.conn.getSEVInfo(0));
  for (const p of params) s.out.print(`${pad(p.field, -18)}: ${typedParamText(p)}\n`);
}

async function cmdDomCapabilities(s: Session, cmd: ParsedCommand): Promise<void> {
  const virttype = optString(s, cmd, 'virttype') ?? null;
  const emulatorbin = optString(s, cmd, 'emulatorbin') ?? null;
  const arch = optString(s, cmd, 'arch') ?? null;
  const machine = optString(s, cmd, 'machine') ?? null;
  const caps = await must(s, 'failed to get emulator capabilities', () => s.conn.getDomainCapabilities(emulatorbin, arch, machine, virttype, 0));
  s.out.print(`${caps}\n`);
}

const number = (name: string, help: string, required = false) => ({ name, type: 'number' as const, help, ...(required ? { required } : {}) });
const text = (name: string, help: string) => ({ name, type: 'string' as const, help });

export const hostNodeCommands: CommandDef[] = [
  {
    name: 'maxvcpus',
    summary: 'show the most virtual CPUs a guest of this hypervisor may have',
    options: [text('type', 'the domain type to ask about')],
    handler: cmdMaxvcpus,
  },
  {
    name: 'nodecpumap',
    summary: "show the host's CPUs and which of them are online",
    options: [flag('pretty', 'list online CPUs as ranges')],
    handler: cmdNodeCpuMap,
  },
  {
    name: 'freepages',
    summary: 'show free huge pages of a NUMA cell or of every cell',
    options: [number('cellno', 'the NUMA cell'), number('pagesize', 'page size (KiB unless a unit is given)'), flag('all', 'every cell and page size')],
    handler: cmdFreepages,
  },
  {
    name: 'allocpages',
    summary: 'change how many huge pages of a size the host keeps',
    options: [
      number('pagesize', 'page size (KiB unless a unit is given)', true),
      number('pagecount', 'how many pages', true),
      number('cellno', 'only this NUMA cell'),
      flag('add', 'add to the pool instead of setting its size'),
      flag('all', 'on every NUMA cell'),
    ],
    handler: cmdAllocpages,
  },
  {
    name: 'node-memory-tune',
    summary: "show or change the host's shared memory (KSM) tunables",
    options: [
      number('shm-pages-to-scan', 'pages to scan before the merging service sleeps'),
      number('shm-sleep-millisecs', 'milliseconds the merging service sleeps between scans'),
      number('shm-merge-across-nodes', 'whether pages of different NUMA nodes may be merged'),
    ],
    handler: cmdNodeMemoryTune,
  },
  {
    name: 'nodesuspend',
    summary: 'suspend the host for a while (to RAM, to disk or both)',
    options: [
      { name: 'target', type: 'data', required: true, help: 'mem, disk or hybrid' },
      number('duration', 'seconds to stay suspended', true),
    ],
    handler: cmdNodeSuspend,
  },
  {
    name: 'nodesevinfo',
    summary: "show the host's AMD SEV parameters",
    options: [],
    handler: cmdNodeSEVInfo,
  },
  {
    name: 'domcapabilities',
    summary: 'print what guests of one emulator, architecture and machine can use, as XML',
    options: [
      text('virttype', 'virtualization type (domain/@type)'),
      text('emulatorbin', 'emulator binary path'),
      text('arch', 'guest architecture'),
      text('machine', 'machine type'),
    ],
    handler: cmdDomCapabilities,
  },
];
