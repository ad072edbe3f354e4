/**
 * Resource tuning elements: `<blkiotune>`, `<memtune>`, `<memoryBacking>`, `<cputune>`. Each is
 * kept as an XML node but put in libvirt's canonical form: sizes in KiB, CPU and node sets
 * normalised, children in libvirt's order.
 */
import { attr, childElements, childText, type XmlElement } from '../xml.js';
import { canonicalCpuset, parseCpuset } from './cpuset.js';
import { enumValue, intValue, missingAttr, parseScaledKiB, scaledKiB, unsupported, xmlDetail, xmlError } from './parse-util.js';
import { getAttr, newXNode, orderChildren, setAttr, toXNode, type XNode } from './xnode.js';
import { canonicalResctrl } from './resctrl.js';

const MEMTUNE_ORDER = ['hard_limit', 'soft_limit', 'min_guarantee', 'swap_hard_limit'];
const MEMORY_BACKING_ORDER = ['hugepages', 'nosharepages', 'locked', 'source', 'access', 'allocation', 'discard'];
export const CPUTUNE_ORDER = ['shares', 'period', 'quota', 'global_period', 'global_quota', 'emulator_period', 'emulator_quota',
  'iothread_period', 'iothread_quota', 'vcpupin', 'emulatorpin', 'iothreadpin', 'emulatorsched', 'vcpusched', 'iothreadsched',
  'cachetune', 'memorytune'];
/** Attributes holding CPU or node sets, by element. */
const SET_ATTRS: Record<string, string> = { vcpupin: 'cpuset', emulatorpin: 'cpuset', iothreadpin: 'cpuset', page: 'nodeset' };

/** libvirt's "unlimited" memory limit in KiB (VIR_DOMAIN_MEMORY_PARAM_UNLIMITED); limits from there on are not written. */
const MEMORY_UNLIMITED = 2 ** 53 - 1;

/** The per-device limits of `<blkiotune>` in libvirt's order, with their width and what its error calls them. */
const BLKIO_DEVICE_FIELDS: [name: string, bits: 32 | 64, what: string][] = [
  ['weight', 32, 'weight'], ['read_iops_sec', 32, 'read iops sec'], ['write_iops_sec', 32, 'write iops sec'],
  ['read_bytes_sec', 64, 'read bytes sec'], ['write_bytes_sec', 64, 'write bytes sec'],
];

/**
 * A number as virStrToLong_ui/_ull (base 10) reads it: leading spaces, a sign (a negative one wraps
 * around as strtoul's does), nothing after the digits; undefined when it does not parse.
 */
function cUnsigned(text: string, bits: 32 | 64): bigint | undefined {
  const m = /^\s*([+-]?)(\d+)$/.exec(text);
  if (!m) return undefined;
  const max = (1n << BigInt(bits)) - 1n;
  const n = BigInt(m[2]!);
  if (n > (1n << 64n) - 1n || (m[1] === '-' && bits === 32 && n > max)) return undefined;
  const value = m[1] === '-' && n > 0n ? ((1n << 64n) - n) & max : n;
  return value > max ? undefined : value;
}

/**
 * `<blkiotune>` as libvirt keeps it: the weight (an unreadable one counts as none) and per-device
 * limits, devices with no non-zero limit dropped, values written back as numbers in fixed order.
 */
export function parseBlkiotune(el: XmlElement): XNode | undefined {
  const weight = cUnsigned(childText(el, 'weight') ?? '', 32) ?? 0n;
  const children: XNode[] = weight ? [{ name: 'weight', attrs: [], children: [], text: String(weight) }] : [];
  const paths: string[] = [];
  for (const device of childElements(el, 'device')) {
    const path = childText(device, 'path');
    if (!path) throw unsupported('missing per-device path');
    const limits = BLKIO_DEVICE_FIELDS.flatMap(([name, bits, what]): XNode[] => {
      const text = childText(device, name);
      if (!text) return [];
      const value = cUnsigned(text, bits);
      if (value === undefined) throw unsupported(`could not parse ${what} ${text}`);
      return value ? [{ name, attrs: [], children: [], text: String(value) }] : [];
    });
    paths.push(path);
    if (limits.length) children.push(newXNode('device', [], [{ name: 'path', attrs: [], children: [], text: path }, ...limits]));
  }
  const duplicate = paths.find((p, i) => paths.indexOf(p) !== i);
  if (duplicate !== undefined) throw unsupported(`duplicate blkio device path '${duplicate}'`);
  return children.length ? newXNode('blkiotune', [], children) : undefined;
}

export function parseMemtune(el: XmlElement): XNode | undefined {
  const children = MEMTUNE_ORDER.flatMap((name) => {
    const child = childElements(el, name)[0];
    const kib = parseScaledKiB(child, `./memtune/${name}[1]`, 1024);
    const unset = kib === undefined || (name === 'min_guarantee' ? kib === 0 : kib >= MEMORY_UNLIMITED);
    return unset ? [] : [{ name, attrs: [['unit', 'KiB']], children: [], text: String(kib) } as XNode];
  });
  return children.length ? newXNode('memtune', [], children) : undefined;
}

export function parseMemoryBacking(el: XmlElement): XNode {
  const node = toXNode(el);
  const hugepages = childElements(el, 'hugepages')[0];
  if (hugepages) {
    const pages = childElements(hugepages, 'page').map((p) => {
      const attrs: [string, string][] = [['size', String(scaledKiB(attr(p, 'size') ?? '', attr(p, 'unit'), './@size', 1024))],
        ['unit', 'KiB']];
      const nodeset = attr(p, 'nodeset');
      if (nodeset !== undefined) attrs.push(['nodeset', canonicalCpuset(nodeset)]);
      return newXNode('page', attrs);
    });
    node.children[node.children.findIndex((c) => c.name === 'hugepages')] = newXNode('hugepages', [], pages);
  }
  orderChildren(node, MEMORY_BACKING_ORDER);
  return node;
}

/** What `<cputune>` refers to: the vCPU count and the iothread ids in their order. */
export interface CputuneContext {
  maxVcpus: number;
  iothreadIds: number[];
}

/** The canonical `<cputune>`, undefined when nothing in it is kept. */
export function parseCputune(el: XmlElement, ctx: CputuneContext): XNode | undefined {
  const node = toXNode(el);
  canonicalSets(node);
  const vcpusched = expandScheds(node, 'vcpusched', 'vcpus', (id) => {
    if (id >= ctx.maxVcpus) throw unsupported(`vCPU '${id}' is not present in domain definition`);
    return id;
  });
  const iothreadsched = expandScheds(node, 'iothreadsched', 'iothreads', (id) => {
    const at = ctx.iothreadIds.indexOf(id);
    if (at < 0) throw unsupported(`Cannot find 'iothread' : ${id}`);
    return at;
  });
  const resctrl = canonicalResctrl(node.children, ctx.maxVcpus);
  const rebuilt = ['vcpusched', 'iothreadsched', 'cachetune', 'memorytune'];
  node.children = [...node.children.filter((c) => !rebuilt.includes(c.name)), ...vcpusched, ...iothreadsched, ...resctrl];
  orderChildren(node, CPUTUNE_ORDER);
  sortBy(node, 'vcpupin', 'vcpu');
  sortBy(node, 'iothreadpin', 'iothread');
  return node.children.length ? node : undefined;
}

/**
 * libvirt keeps a scheduler per vCPU / iothread and writes one element each, in vCPU order or in
 * the order of the iothread ids (`rank` gives the place, and checks the id exists).
 */
function expandScheds(node: XNode, name: string, attrName: string, rank: (id: number) => number): XNode[] {
  const byId = new Map<number, { at: number; attrs: [string, string][] }>();
  for (const el of node.children.filter((c) => c.name === name)) {
    const text = getAttr(el, attrName);
    if (text === undefined) throw xmlError(`Missing attribute '${attrName}' in element '${name}'`);
    const ids = parseCpuset(text);
    if (ids.length === 0) throw unsupported(`'${attrName}' scheduler bitmap '${text}' is empty`);
    const scheduler = getAttr(el, 'scheduler');
    if (scheduler === undefined) throw missingAttr('scheduler', name);
    enumValue(scheduler, 'scheduler', name, ['batch', 'idle', 'fifo', 'rr'] as const);
    const attrs: [string, string][] = [['scheduler', scheduler]];
    if (scheduler === 'fifo' || scheduler === 'rr') {
      const priority = getAttr(el, 'priority');
      if (priority === undefined) throw missingAttr('priority', name);
      attrs.push(['priority', String(intValue(priority, 'priority', name))]);
    }
    for (const id of ids) {
      const at = rank(id);
      if (byId.has(id)) throw xmlDetail(`'${name}' attributes '${attrName}' must not overlap`);
      byId.set(id, { at, attrs });
    }
  }
  return [...byId].sort((a, b) => a[1].at - b[1].at).map(([id, s]) => newXNode(name, [[attrName, String(id)], ...s.attrs]));
}

function canonicalSets(node: XNode): void {
  for (const child of node.children) {
    const name = SET_ATTRS[child.name];
    const value = name ? getAttr(child, name) : undefined;
    if (name && value !== undefined) setAttr(child, name, canonicalCpuset(value));
  }
}

/** Children named `name` sorted by a numeric attribute, staying in their place among the others. */
function sortBy(node: XNode, name: string, key: string): void {
  const sorted = node.children.filter((c) => c.name === name).sort((a, b) => Number(getAttr(a, key)) - Number(getAttr(b, key)));
  let i = 0;
  node.children = node.children.map((c) => (c.name === name ? sorted[i++]! : c));
}
