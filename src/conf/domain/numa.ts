/** `<cpu><numa>`: guest NUMA cells with their CPUs and memory in KiB. */
import { attr, childElements, type XmlElement } from '../xml.js';
import { canonicalCpuset } from './cpuset.js';
import { enumAttr, scaledKiB, xmlError } from './parse-util.js';
import { newXNode, toXNode, type XNode } from './xnode.js';

/** The cells as libvirt writes them: id, cpus, memory, unit='KiB', memAccess, discard, then children. */
export function parseNuma(el: XmlElement): XNode {
  const cells = childElements(el, 'cell').map((cell, i) => {
    const memText = attr(cell, 'memory');
    if (memText === undefined) throw xmlError("Missing 'memory' attribute in NUMA cell");
    const memory = scaledKiB(memText, attr(cell, 'unit'), './@memory');
    const attrs: [string, string][] = [['id', attr(cell, 'id') ?? String(i)]];
    const cpus = attr(cell, 'cpus');
    if (cpus) attrs.push(['cpus', canonicalCpuset(cpus)]);
    attrs.push(['memory', String(memory)], ['unit', 'KiB']);
    const memAccess = enumAttr(cell, 'memAccess', ['shared', 'private'] as const);
    if (memAccess) attrs.push(['memAccess', memAccess]);
    const discard = enumAttr(cell, 'discard', ['yes', 'no'] as const);
    if (discard) attrs.push(['discard', discard]);
    return newXNode('cell', attrs, toXNode(cell).children);
  });
  return newXNode('numa', [], [...cells, ...childElements(el).filter((c) => c.nodeName !== 'cell').map(toXNode)]);
}
