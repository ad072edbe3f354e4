/**
 * Resource tuning elements: `<memtune>`, `<memoryBacking>`, `<cputune>`, `<numatune>`. Each is
 * kept as an XML node but put in libvirt's canonical form: sizes in KiB, CPU and node sets
 * normalised, children in libvirt's order.
 */
import { attr, childElements, type XmlElement } from '../xml.js';
import { canonicalCpuset } from './cpuset.js';
import { parseScaledKiB, scaledKiB } from './parse-util.js';
import { getAttr, newXNode, orderChildren, setAttr, toXNode, type XNode } from './xnode.js';

const MEMTUNE_ORDER = ['hard_limit', 'soft_limit', 'min_guarantee', 'swap_hard_limit'];
const MEMORY_BACKING_ORDER = ['hugepages', 'nosharepages', 'locked', 'source', 'access', 'allocation', 'discard'];
const CPUTUNE_ORDER = ['shares', 'period', 'quota', 'global_period', 'global_quota', 'emulator_period', 'emulator_quota',
  'iothread_period', 'iothread_quota', 'vcpupin', 'emulatorpin', 'iothreadpin', 'vcpusched', 'iothreadsched',
  'cachetune', 'memorytune'];
/** Attributes holding CPU or node sets, by element. */
const SET_ATTRS: Record<string, string> = { vcpupin: 'cpuset', emulatorpin: 'cpuset', iothreadpin: 'cpuset', memory: 'nodeset',
  memnode: 'nodeset', page: 'nodeset' };

export function parseMemtune(el: XmlElement): XNode {
  const children = MEMTUNE_ORDER.flatMap((name) => {
    const child = childElements(el, name)[0];
    const kib = parseScaledKiB(child, `./memtune/${name}[1]`, 1024);
    return kib === undefined ? [] : [{ name, attrs: [['unit', 'KiB']], children: [], text: String(kib) } as XNode];
  });
  return newXNode('memtune', [], children);
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

export function parseCputune(el: XmlElement): XNode {
  const node = toXNode(el);
  canonicalSets(node);
  orderChildren(node, CPUTUNE_ORDER);
  sortBy(node, 'vcpupin', 'vcpu');
  sortBy(node, 'iothreadpin', 'iothread');
  return node;
}

export function parseNumatune(el: XmlElement): XNode {
  const node = toXNode(el);
  canonicalSets(node);
  orderChildren(node, ['memory', 'memnode']);
  sortBy(node, 'memnode', 'cellid');
  return node;
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

export function autoNumatune(): XNode {
  return newXNode('numatune', [], [newXNode('memory', [['mode', 'strict'], ['placement', 'auto']])]);
}
