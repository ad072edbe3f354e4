/**
 * `<cachetune>` and `<memorytune>` in `<cputune>` (libvirt's resctrl groups): each group is a set
 * of vCPUs (cut to the vCPU count) with cache allocations, memory bandwidths and monitors. A
 * memorytune on the vCPUs of an existing group joins it. Written as an inactive definition is:
 * no group ids, caches by level, type and id in their largest exact unit, nodes by id.
 */
import { ErrorDomain, ErrorNumber } from '../../errors/codes.js';
import { virError } from '../../errors/vir-error.js';
import { formatCpuset, parseCpuset } from './cpuset.js';
import { enumValue, missingAttr, prettyBytes, scaledBytes, uintValue, xmlError } from './parse-util.js';
import { getAttr, newXNode, type XNode } from './xnode.js';

const CACHE_TYPES = ['both', 'code', 'data'] as const;
const MONITOR_CACHE_LEVEL = 3;

interface Monitor { tag: 'cache' | 'membw'; vcpus: number[] }
interface Group {
  vcpus: number[];
  /** Cache allocations: size in bytes by `level/type/id`. */
  caches: Map<string, { level: number; type: number; id: number; bytes: bigint }>;
  bandwidths: Map<number, number>;
  monitors: Monitor[];
}

const resctrlError = (detail: string) => virError(ErrorDomain.VIR_FROM_RESCTRL, ErrorNumber.VIR_ERR_XML_ERROR, detail);
const invalidArg = (detail: string) => virError(ErrorDomain.VIR_FROM_DOMAIN, ErrorNumber.VIR_ERR_INVALID_ARG, detail);
const same = (a: number[], b: number[]) => a.length === b.length && a.every((v, i) => v === b[i]);
const overlaps = (a: number[], b: number[]) => a.some((v) => b.includes(v));

function uintOf(node: XNode, name: string): number {
  const v = getAttr(node, name);
  if (v === undefined) throw missingAttr(name, node.name);
  return uintValue(v, name, node.name);
}

function groupVcpus(node: XNode, maxVcpus: number): number[] {
  const text = getAttr(node, 'vcpus');
  if (text === undefined) throw xmlError(`Missing ${node.name} attribute 'vcpus'`);
  let set: number[];
  try {
    set = parseCpuset(text);
  } catch {
    throw xmlError(`Invalid ${node.name} attribute 'vcpus' value '${text}'`);
  }
  return set.filter((v) => v < maxVcpus);
}

/** The group with exactly these vCPUs, if any; overlapping another group is an error. */
function matchGroup(groups: Group[], vcpus: number[]): Group | undefined {
  for (const g of groups) {
    if (same(g.vcpus, vcpus)) return g;
    if (overlaps(g.vcpus, vcpus)) throw xmlError('Overlapping vcpus in resctrls');
  }
  return undefined;
}

function parseMonitors(node: XNode, tag: Monitor['tag'], group: Group, maxVcpus: number): number {
  const list = node.children.filter((c) => c.name === 'monitor');
  for (const m of list) {
    if (tag === 'cache') {
      const level = uintOf(m, 'level');
      if (level !== MONITOR_CACHE_LEVEL) throw xmlError(`Invalid monitor cache level '${level}'`);
    }
    const vcpus = groupVcpus(m, maxVcpus);
    if (vcpus.length === 0) throw invalidArg('vcpus is empty');
    if (vcpus.some((v) => !group.vcpus.includes(v))) throw invalidArg('Monitor vcpus conflicts with allocation');
    const equalToGroup = same(vcpus, group.vcpus);
    const allocEmpty = group.caches.size === 0 && group.bandwidths.size === 0;
    let overlapAny = false;
    let overlapOther = false;
    for (const other of group.monitors) {
      if (same(vcpus, other.vcpus)) {
        if (other.tag === tag) throw invalidArg('Identical vcpus found in same type monitors');
        continue;
      }
      if (overlaps(vcpus, other.vcpus)) overlapAny = true;
      if (equalToGroup || same(other.vcpus, group.vcpus)) continue;
      if (overlaps(vcpus, other.vcpus)) overlapOther = true;
    }
    if (overlapOther || (allocEmpty && overlapAny)) throw invalidArg('vcpus overlaps in resctrl groups');
    group.monitors.push({ tag, vcpus });
  }
  return list.length;
}

function parseCachetune(node: XNode, groups: Group[], maxVcpus: number): void {
  const vcpus = groupVcpus(node, maxVcpus);
  if (vcpus.length === 0) return;
  if (matchGroup(groups, vcpus)) throw xmlError('Identical vcpus in cachetunes found');
  const group: Group = { vcpus, caches: new Map(), bandwidths: new Map(), monitors: [] };
  const caches = node.children.filter((c) => c.name === 'cache');
  for (const c of caches) {
    const id = uintOf(c, 'id');
    const level = uintOf(c, 'level');
    const typeName = getAttr(c, 'type');
    if (typeName === undefined) throw missingAttr('type', 'cache');
    const type = CACHE_TYPES.indexOf(enumValue(typeName, 'type', 'cache', CACHE_TYPES));
    const sizeText = getAttr(c, 'size');
    if (sizeText === undefined) throw xmlError("missing element or attribute './@size'");
    const bytes = scaledBytes(sizeText, getAttr(c, 'unit'), './@size', 1024);
    const taken = (t: number) => group.caches.has(`${level}/${t}/${id}`);
    if (taken(0) || (type === 0 ? taken(1) || taken(2) : taken(type))) {
      throw resctrlError(`Colliding cache allocations for cache level '${level}' id '${id}', type '${typeName}'`);
    }
    group.caches.set(`${level}/${type}/${id}`, { level, type, id, bytes });
  }
  if (parseMonitors(node, 'cache', group, maxVcpus) || caches.length) groups.push(group);
}

function parseMemorytune(node: XNode, groups: Group[], maxVcpus: number): void {
  const vcpus = groupVcpus(node, maxVcpus);
  if (vcpus.length === 0) return;
  const existing = matchGroup(groups, vcpus);
  const group: Group = existing ?? { vcpus, caches: new Map(), bandwidths: new Map(), monitors: [] };
  const nodes = node.children.filter((c) => c.name === 'node');
  for (const n of nodes) {
    const id = uintOf(n, 'id');
    const bandwidth = uintOf(n, 'bandwidth');
    if (bandwidth > 100) throw resctrlError('Memory Bandwidth value exceeding 100 is invalid.');
    if (group.bandwidths.has(id)) throw resctrlError(`Memory Bandwidth already defined for node ${id}`);
    group.bandwidths.set(id, bandwidth);
  }
  const monitors = parseMonitors(node, 'membw', group, maxVcpus);
  if (!existing && (monitors || nodes.length)) groups.push(group);
}

/** The canonical `<cachetune>`s then `<memorytune>`s for the ones in `cputune`'s children. */
export function canonicalResctrl(children: XNode[], maxVcpus: number): XNode[] {
  const groups: Group[] = [];
  for (const c of children.filter((n) => n.name === 'cachetune')) parseCachetune(c, groups, maxVcpus);
  for (const c of children.filter((n) => n.name === 'memorytune')) parseMemorytune(c, groups, maxVcpus);
  const monitorNodes = (g: Group, tag: Monitor['tag']) => g.monitors.filter((m) => m.tag === tag)
    .map((m) => newXNode('monitor', [...(tag === 'cache' ? [['level', String(MONITOR_CACHE_LEVEL)] as [string, string]] : []), ['vcpus', formatCpuset(m.vcpus)]]));
  const cachetunes = groups.flatMap((g) => {
    const caches = [...g.caches.values()].sort((a, b) => a.level - b.level || a.type - b.type || a.id - b.id).map((c) => {
      const [size, unit] = prettyBytes(c.bytes);
      return newXNode('cache', [['id', String(c.id)], ['level', String(c.level)], ['type', CACHE_TYPES[c.type]!], ['size', String(size)], ['unit', unit]]);
    });
    const inner = [...caches, ...monitorNodes(g, 'cache')];
    return inner.length ? [newXNode('cachetune', [['vcpus', formatCpuset(g.vcpus)]], inner)] : [];
  });
  const memorytunes = groups.flatMap((g) => {
    const bws = [...g.bandwidths].sort((a, b) => a[0] - b[0]).map(([id, bw]) => newXNode('node', [['id', String(id)], ['bandwidth', String(bw)]]));
    const inner = [...bws, ...monitorNodes(g, 'membw')];
    return inner.length ? [newXNode('memorytune', [['vcpus', formatCpuset(g.vcpus)]], inner)] : [];
  });
  return [...cachetunes, ...memorytunes];
}
