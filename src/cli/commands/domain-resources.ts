/** Memory and virtual CPUs of a domain (part of virsh's "domain" group). */
import {
  VIR_DOMAIN_AFFECT_CONFIG, VIR_DOMAIN_AFFECT_LIVE, VIR_DOMAIN_MEM_MAXIMUM, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_VCPU_GUEST,
  VIR_DOMAIN_VCPU_HOTPLUGGABLE, VIR_DOMAIN_VCPU_MAXIMUM, VIR_DOMAIN_XML_INACTIVE, ErrorNumber, type Domain,
} from '../../index.js';
import type { CommandDef, OptionDef, ParsedCommand } from '../command.js';
import { domainOption } from '../lookup.js';
import { CommandFailed, exclusive, fail, optBool, optScaled, optUInt, requires } from '../opts.js';
import { pad } from '../printf.js';
import { JSON_OPTION, printJSON } from '../json.js';
import type { Session } from '../session.js';
import { DOMAIN_ARG, affectFlags } from '../domain-options.js';
import { formatRanges, hostCpus } from '../cpumap.js';

const flag = (name: string, help: string): OptionDef => ({ name, type: 'bool', help });
const AFFECT: OptionDef[] = [flag('config', 'the persistent definition'), flag('live', 'the running domain'),
  flag('current', 'the running domain if it runs, else the definition')];
const SIZE: OptionDef[] = [
  { name: 'kilobytes', type: 'alias', alias: 'size' },
  { name: 'size', type: 'number', required: true, help: 'new size (KiB unless a unit such as M or GiB is given)' },
];
/** The largest KiB figure the API takes (an unsigned long), in bytes. */
const MAX_BYTES = 2n ** 64n - 1n;

const VCPU_STATES = ['offline', 'running', 'blocked'];

async function setMemory(s: Session, cmd: ParsedCommand, maximum: boolean): Promise<void> {
  let flags = affectFlags(s, cmd);
  // setmem alone changes the running domain; setmaxmem alone the current state.
  const chosen = optBool(cmd, 'config') || optBool(cmd, 'live') || optBool(cmd, 'current');
  if (!maximum && !chosen) flags = VIR_DOMAIN_AFFECT_LIVE;
  using dom = await domainOption(s, cmd);
  const bytes = optScaled(s, cmd, 'size', 1024n, MAX_BYTES)!;
  const kib = Number((bytes + 1023n) / 1024n);
  if (!maximum) {
    await dom.setMemoryFlags(kib, flags);
    return;
  }
  try {
    await dom.setMemoryFlags(kib, flags | VIR_DOMAIN_MEM_MAXIMUM);
  } catch (err) {
    s.out.error('Unable to change MaxMemorySize');
    throw err;
  }
}

/**
 * virshCPUCountCollect: -1 when the domain is not in the state asked about, else the count; a
 * failure is reported and thrown.
 */
export async function countVcpus(s: Session, dom: Domain, flags: number, checkState: boolean): Promise<number> {
  if (checkState && ((flags & VIR_DOMAIN_AFFECT_LIVE && !(await dom.isActive().catch(() => false)))
    || (flags & VIR_DOMAIN_AFFECT_CONFIG && !(await dom.isPersistent().catch(() => false))))) {
    return -1;
  }
  try {
    return await dom.vcpusFlags(flags);
  } catch (err) {
    const code = (err as { code?: number }).code;
    if (code !== ErrorNumber.VIR_ERR_NO_SUPPORT && code !== ErrorNumber.VIR_ERR_INVALID_ARG) throw err;
    if (flags & VIR_DOMAIN_VCPU_GUEST) {
      s.out.error('Failed to retrieve vCPU count from the guest');
      throw err;
    }
  }
  // Older drivers: the live figures from info, the persistent ones from the XML.
  if (!(flags & (VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG)) && (await dom.isActive())) flags |= VIR_DOMAIN_AFFECT_LIVE;
  if (flags & VIR_DOMAIN_AFFECT_LIVE) return flags & VIR_DOMAIN_VCPU_MAXIMUM ? dom.maxVcpus() : (await dom.info()).nrVirtCpu;
  const xml = await dom.xmlDesc(VIR_DOMAIN_XML_INACTIVE);
  const vcpu = /<vcpu\b([^>]*)>(\d+)</.exec(xml);
  if (flags & VIR_DOMAIN_VCPU_MAXIMUM) return vcpu ? Number(vcpu[2]) : fail(s, 'Failed to retrieve maximum vcpu count');
  const current = vcpu && /current='(\d+)'/.exec(vcpu[1]!);
  return current ? Number(current[1]) : fail(s, 'Failed to retrieve current vcpu count');
}

async function cmdVcpucount(s: Session, cmd: ParsedCommand): Promise<void> {
  const maximum = optBool(cmd, 'maximum');
  const active = optBool(cmd, 'active');
  const config = optBool(cmd, 'config');
  const live = optBool(cmd, 'live');
  let current = optBool(cmd, 'current');
  const guest = optBool(cmd, 'guest');
  const all = !maximum && !active && !current && !config && !live && !guest;
  // Old meaning of --current (the opposite of --maximum) when used alone.
  if (!maximum && !active && current) current = false;
  const both = (a: string, x: boolean, b: string, y: boolean): void => {
    if (x && y) fail(s, `Options --${a} and --${b} are mutually exclusive`);
  };
  both('live', live, 'config', config);
  both('current', current, 'live', live);
  both('current', current, 'config', config);
  both('active', active, 'maximum', maximum);
  both('guest', guest, 'config', config);
  const flags = (live ? VIR_DOMAIN_AFFECT_LIVE : 0) | (config ? VIR_DOMAIN_AFFECT_CONFIG : 0)
    | (maximum ? VIR_DOMAIN_VCPU_MAXIMUM : 0) | (guest ? VIR_DOMAIN_VCPU_GUEST : 0);
  using dom = await domainOption(s, cmd);
  const json = optBool(cmd, 'json');
  if (!all) {
    const count = await countVcpus(s, dom, flags, false);
    if (count < 0) throw new CommandFailed();
    if (json) printJSON(s, { count });
    else s.out.print(`${count}\n`);
    return;
  }
  const confMax = await countVcpus(s, dom, VIR_DOMAIN_AFFECT_CONFIG | VIR_DOMAIN_VCPU_MAXIMUM, true);
  const confCur = await countVcpus(s, dom, VIR_DOMAIN_AFFECT_CONFIG, true);
  const liveMax = await countVcpus(s, dom, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_VCPU_MAXIMUM, true);
  const liveCur = await countVcpus(s, dom, VIR_DOMAIN_AFFECT_LIVE, true);
  const rows: [number, string, string][] = [[confMax, 'maximum', 'config'], [liveMax, 'maximum', 'live'],
    [confCur, 'current', 'config'], [liveCur, 'current', 'live']];
  if (json) {
    const value = (n: number): number | null => (n > 0 ? n : null);
    printJSON(s, { maximum: { config: value(confMax), live: value(liveMax) }, current: { config: value(confCur), live: value(liveCur) } });
    return;
  }
  for (const [n, which, state] of rows) if (n > 0) s.out.print(`${pad(which, -12)} ${pad(state, -12)} ${pad(n, 3)}\n`);
}

function affinity(map: boolean[], maxcpu: number, pretty: boolean, formatSet: (m: number[]) => string): string {
  const bits = Array.from({ length: maxcpu }, (_, i) => map[i] === true);
  if (pretty) return `${formatSet(bits.flatMap((b, i) => (b ? [i] : [])))} (out of ${maxcpu})`;
  return bits.map((b) => (b ? 'y' : '-')).join('');
}

async function cmdVcpuinfo(s: Session, cmd: ParsedCommand): Promise<void> {
  const pretty = optBool(cmd, 'pretty');
  const json = optBool(cmd, 'json');
  using dom = await domainOption(s, cmd);
  const maxcpu = await hostCpus(s);
  const info = await dom.info();
  const formatSet = (m: number[]): string => formatRanges(m);
  const label = (t: string): string => pad(t, -15);
  let vcpus;
  try {
    vcpus = await dom.vcpus();
  } catch (err) {
    if (info.state !== VIR_DOMAIN_SHUTOFF) throw err;
    // A stopped domain: its pinning from the persistent definition.
    const { online, max } = await onlineVcpus(s, dom);
    const pins = await dom.vcpuPinInfo(VIR_DOMAIN_AFFECT_CONFIG, max);
    if (json) {
      printJSON(s, online.map((n) => ({ vcpu: n, cpu: null, state: null, cpuTime: null, affinity: affinity(pins[n] ?? [], maxcpu, true, formatSet).replace(/ \(.*$/, '') })));
      return;
    }
    online.forEach((n, i) => {
      if (i > 0) s.out.print('\n');
      s.out.print(`${label('VCPU:')} ${n}\n${label('CPU:')} N/A\n${label('State:')} N/A\n${label('CPU time')} N/A\n`);
      s.out.print(`${label('CPU Affinity:')} ${affinity(pins[n] ?? [], maxcpu, pretty, formatSet)}\n`);
    });
    return;
  }
  if (json) {
    printJSON(s, vcpus.map((v) => ({
      vcpu: v.number, cpu: v.cpu, state: VCPU_STATES[v.state] ?? 'no state', cpuTime: Number(v.cpuTime) / 1e9,
      affinity: affinity(v.cpumap, maxcpu, true, formatSet).replace(/ \(.*$/, ''),
    })));
    return;
  }
  vcpus.forEach((v, i) => {
    s.out.print(`${label('VCPU:')} ${v.number}\n${label('CPU:')} ${v.cpu}\n${label('State:')} ${VCPU_STATES[v.state] ?? 'no state'}\n`);
    if (v.cpuTime !== 0n) s.out.print(`${label('CPU time:')} ${(Number(v.cpuTime) / 1e9).toFixed(1)}s\n`);
    s.out.print(`${label('CPU Affinity:')} ${affinity(v.cpumap, maxcpu, pretty, formatSet)}\n`);
    if (i < vcpus.length - 1) s.out.print('\n');
  });
}

/** virshDomainGetVcpuBitmap: the vcpus enabled in the persistent definition, and the maximum. */
async function onlineVcpus(s: Session, dom: Domain): Promise<{ online: number[]; max: number }> {
  const xml = await dom.xmlDesc(VIR_DOMAIN_XML_INACTIVE);
  const vcpu = /<vcpu\b([^>]*)>(\d+)</.exec(xml);
  if (!vcpu) fail(s, 'Failed to retrieve maximum vcpu count');
  const max = Number(vcpu![2]);
  const current = Number(/current='(\d+)'/.exec(vcpu![1]!)?.[1] ?? max) || max;
  const listed = [...xml.matchAll(/<vcpu id='(\d+)' enabled='(yes|no)'/g)];
  if (listed.length === 0) return { online: Array.from({ length: current }, (_, i) => i), max };
  const online = listed.filter((m) => m[2] === 'yes').map((m) => Number(m[1])).sort((a, b) => a - b);
  if (online.length !== current) fail(s, 'Failed to retrieve vcpu state bitmap');
  return { online, max };
}

export const resourceCommands: CommandDef[] = [
  {
    name: 'setmem',
    summary: 'change the memory a domain has now (its balloon)',
    options: [DOMAIN_ARG, ...SIZE, ...AFFECT],
    handler: (s, cmd) => setMemory(s, cmd, false),
  },
  {
    name: 'setmaxmem',
    summary: 'change the most memory a domain may have',
    options: [DOMAIN_ARG, ...SIZE, ...AFFECT],
    handler: (s, cmd) => setMemory(s, cmd, true),
  },
  {
    name: 'setvcpus',
    summary: 'change the number of virtual CPUs',
    options: [
      DOMAIN_ARG,
      { name: 'count', type: 'number', required: true, help: 'the number of virtual CPUs' },
      flag('maximum', 'change the maximum instead (with --config)'),
      ...AFFECT,
      flag('guest', 'change the state inside the guest (through its agent)'),
      flag('hotpluggable', 'make added CPUs hot-unpluggable'),
    ],
    async handler(s, cmd) {
      const maximum = optBool(cmd, 'maximum');
      let flags = affectFlags(s, cmd);
      exclusive(s, cmd, 'guest', 'config');
      requires(s, cmd, 'maximum', 'config');
      if (optBool(cmd, 'guest')) flags |= VIR_DOMAIN_VCPU_GUEST;
      if (maximum) flags |= VIR_DOMAIN_VCPU_MAXIMUM;
      if (optBool(cmd, 'hotpluggable')) flags |= VIR_DOMAIN_VCPU_HOTPLUGGABLE;
      using dom = await domainOption(s, cmd);
      const count = optUInt(s, cmd, 'count') ?? 0;
      if (count === 0) fail(s, "Can't set 0 processors for a VM");
      if (!optBool(cmd, 'current') && flags === 0) await dom.setVcpus(count);
      else await dom.setVcpusFlags(count, flags);
    },
  },
  {
    name: 'vcpucount',
    summary: 'show how many virtual CPUs a domain has (maximum and current, live and config)',
    options: [
      DOMAIN_ARG,
      flag('maximum', 'the maximum count'),
      flag('active', 'the count in use'),
      flag('live', 'from the running domain'),
      flag('config', 'from the persistent definition'),
      flag('current', 'from the current state'),
      flag('guest', 'as the guest sees it'),
      JSON_OPTION,
    ],
    handler: cmdVcpucount,
  },
  {
    name: 'vcpuinfo',
    summary: 'show each virtual CPU: host CPU, state, time, affinity',
    options: [DOMAIN_ARG, flag('pretty', 'show affinity as ranges'), JSON_OPTION],
    handler: cmdVcpuinfo,
  },
];
