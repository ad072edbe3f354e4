/**
 * `<cpu><numa>`: guest NUMA cells (virDomainNumaDefParseXML) written in id order with their CPUs
 * and memory in KiB, and their distance tables made symmetric.
 */
import { attr, childElements, type XmlElement } from '../xml.js';
import { formatCpuset, parseCpuset } from './cpuset.js';
import { enumAttr, missingAttr, scaledKiB, uintValue, unsupported, xmlError } from './parse-util.js';
import { newXNode, toXNode, type XNode } from './xnode.js';

const LOCAL_DISTANCE = 10;
const UNREACHABLE = 255;

export function parseNuma(el: XmlElement): XNode {
  const cellEls = childElements(el, 'cell');
  if (cellEls.length === 0) throw xmlError('NUMA topology defined without NUMA cells');
  const n = cellEls.length;
  const cells: (XNode | undefined)[] = Array.from({ length: n });
  const cpus: number[][] = Array.from({ length: n }, () => []);
  const distances: number[][] = Array.from({ length: n }, () => []);
  cellEls.forEach((cell, i) => {
    const idText = attr(cell, 'id');
    const id = idText === undefined ? i : uintValue(idText, 'id', 'cell');
    if (id >= n) {
      throw xmlError("Exactly one 'cell' element per guest NUMA cell allowed, non-contiguous ranges or ranges not starting from 0 are not allowed");
    }
    if (cells[id]) throw xmlError(`Duplicate NUMA cell info for cell id '${id}'`);
    const cpusText = attr(cell, 'cpus');
    cpus[id] = cpusText === undefined ? [] : parseCpuset(cpusText);
    for (let j = 0; j < n; j++) {
      if (j !== id && cpus[id]!.some((c) => cpus[j]!.includes(c))) {
        throw unsupported(`NUMA cells ${id} and ${j} have overlapping vCPU ids`);
      }
    }
    const memText = attr(cell, 'memory');
    if (memText === undefined) throw xmlError("Missing 'memory' attribute in NUMA cell");
    const attrs: [string, string][] = [['id', String(id)]];
    if (cpus[id]!.length) attrs.push(['cpus', formatCpuset(cpus[id]!)]);
    attrs.push(['memory', String(scaledKiB(memText, attr(cell, 'unit'), './@memory'))], ['unit', 'KiB']);
    const memAccess = enumAttr(cell, 'memAccess', ['shared', 'private'] as const);
    if (memAccess) attrs.push(['memAccess', memAccess]);
    const discard = enumAttr(cell, 'discard', ['yes', 'no'] as const);
    if (discard) attrs.push(['discard', discard]);
    parseDistances(cell, id, n, distances);
    cells[id] = newXNode('cell', attrs, toXNode(cell).children.filter((c) => c.name !== 'distances'));
  });
  cells.forEach((cell, id) => {
    const siblings = distances[id]!.flatMap((value, sid) => (value ? [newXNode('sibling', [['id', String(sid)], ['value', String(value)]])] : []));
    if (siblings.length) cell!.children.unshift(newXNode('distances', [], siblings));
  });
  return newXNode('numa', [], [...(cells as XNode[]), ...childElements(el).filter((c) => c.nodeName !== 'cell').map(toXNode)]);
}

/** A cell's `<distances>`: values in [10, 255], 10 exactly for itself; the reverse direction filled in when unset. */
function parseDistances(cell: XmlElement, id: number, n: number, distances: number[][]): void {
  const el = childElements(cell, 'distances')[0];
  if (!el) return;
  const siblings = childElements(el, 'sibling');
  if (siblings.length === 0) throw xmlError('NUMA distances defined without siblings');
  for (const s of siblings) {
    const sidText = attr(s, 'id');
    if (sidText === undefined) throw missingAttr('id', 'sibling');
    const sid = uintValue(sidText, 'id', 'sibling');
    if (sid >= n) throw xmlError(`'sibling_id ${sid}' does not refer to a valid cell within NUMA 'cell id ${id}'`);
    const valueText = attr(s, 'value');
    if (valueText === undefined) throw missingAttr('value', 'sibling');
    const value = uintValue(valueText, 'value', 'sibling');
    if (value < LOCAL_DISTANCE || value > UNREACHABLE || (sid === id) !== (value === LOCAL_DISTANCE)) {
      throw xmlError(`'value ${value}' is invalid for 'sibling id ${sid}' under NUMA 'cell id ${id}'`);
    }
    for (const c of [id, sid]) if (distances[c]!.length === 0) distances[c] = Array.from({ length: n }, (_, k) => (k === c ? LOCAL_DISTANCE : 0));
    distances[id]![sid] = value;
    if (!distances[sid]![id]) distances[sid]![id] = value;
  }
}
