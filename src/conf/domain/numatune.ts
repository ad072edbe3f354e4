/**
 * `<numatune>` (virDomainNumatuneParseXML / ...FormatXML): the memory policy with its mode
 * (strict by default) and either a static node set or automatic placement, then per-cell
 * `<memnode>` bindings in cell order. Automatic vCPU placement with no `<memory>` means automatic
 * memory placement.
 */
import { childElements, firstChild, type XmlElement } from '../xml.js';
import { formatCpuset, parseCpuset } from './cpuset.js';
import { enumValue, missingAttr, uintValue, unsupported, xmlError } from './parse-util.js';
import { newXNode, type XNode } from './xnode.js';

const MODES = ['strict', 'preferred', 'interleave', 'restrictive'];

export interface DomainNumatune {
  /** The node to write, if any. */
  node?: XNode;
  /** Memory placement is automatic (numad). */
  placementAuto: boolean;
}

function nodeset(text: string): number[] {
  const set = parseCpuset(text);
  if (set.length === 0) throw unsupported(`Invalid value of 'nodeset': ${text}`);
  return set;
}

/** `vcpuPlacementStatic`: the `<vcpu>` placement; `cells`: the guest NUMA cell count. */
export function parseNumatune(root: XmlElement, vcpuPlacementStatic: boolean, cells: number): DomainNumatune {
  const all = childElements(root, 'numatune');
  if (all.length > 1) throw xmlError('only one numatune is supported');
  const el = all[0];
  const memory = el ? firstChild(el, 'memory') : undefined;
  let mode: string | undefined;
  let placement: string | undefined = !vcpuPlacementStatic && !memory ? 'auto' : undefined;
  let nodes: number[] | undefined;
  if (memory) {
    mode = memory.getAttribute('mode') ?? undefined;
    if (mode !== undefined && !MODES.includes(mode)) throw unsupported(`Unsupported NUMA memory tuning mode '${mode}'`);
    placement = memory.getAttribute('placement') ?? undefined;
    if (placement !== undefined && placement !== 'static' && placement !== 'auto') {
      throw unsupported(`Unsupported NUMA memory placement mode '${placement}'`);
    }
    const text = memory.getAttribute('nodeset');
    if (text !== null) nodes = nodeset(text);
  }
  const specified = mode !== undefined || placement !== undefined || nodes !== undefined;
  let memoryNode: XNode | undefined;
  if (specified) {
    if (nodes && placement === undefined) placement = 'static';
    if (placement === undefined) placement = vcpuPlacementStatic ? 'static' : 'auto';
    if (placement === 'static' && !nodes) throw unsupported("nodeset for NUMA memory tuning must be set if 'placement' is 'static'");
    memoryNode = newXNode('memory', [['mode', mode ?? 'strict'],
      placement === 'static' ? ['nodeset', formatCpuset(nodes!)] : ['placement', placement]]);
  }
  const memnodes = el ? parseMemnodes(el, mode ?? 'strict', specified && placement === 'auto', cells) : [];
  const children = [...(memoryNode ? [memoryNode] : []), ...memnodes];
  return { node: children.length ? newXNode('numatune', [], children) : undefined, placementAuto: specified && placement === 'auto' };
}

function parseMemnodes(el: XmlElement, memoryMode: string, placementAuto: boolean, cells: number): XNode[] {
  const list = childElements(el, 'memnode');
  if (list.length === 0) return [];
  if (placementAuto) throw unsupported('Per-node binding is not compatible with automatic NUMA placement.');
  if (cells === 0) throw xmlError("Element 'memnode' is invalid without any guest NUMA cells");
  const byCell = new Map<number, XNode>();
  for (const m of list) {
    const cellText = m.getAttribute('cellid');
    if (cellText === null) throw missingAttr('cellid', 'memnode');
    const cellid = uintValue(cellText, 'cellid', 'memnode');
    if (cellid >= cells) throw xmlError("Argument 'cellid' in memnode element must correspond to existing guest's NUMA cell");
    if (byCell.has(cellid)) throw xmlError(`Multiple memnode elements with cellid ${cellid}`);
    const mode = m.getAttribute('mode') ?? 'strict';
    enumValue(mode, 'mode', 'memnode', MODES);
    if (memoryMode === 'restrictive' && mode !== 'restrictive') {
      throw xmlError("'restrictive' mode is required in memnode element when mode is 'restrictive' in memory element");
    }
    const text = m.getAttribute('nodeset');
    if (text === null) throw xmlError('Missing required nodeset attribute in memnode element');
    byCell.set(cellid, newXNode('memnode', [['cellid', String(cellid)], ['mode', mode], ['nodeset', formatCpuset(nodeset(text))]]));
  }
  return [...byCell].sort((a, b) => a[0] - b[0]).map(([, n]) => n);
}
