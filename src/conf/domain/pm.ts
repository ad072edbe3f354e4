/** `<pm>`: guest power management (suspend to memory / disk), in libvirt's order. */
import { childElements, type XmlElement } from '../xml.js';
import { enumAttr } from './parse-util.js';
import { newXNode, type XNode } from './xnode.js';

/** Undefined when neither state is set: libvirt then writes no `<pm>` at all. */
export function parsePm(el: XmlElement): XNode | undefined {
  const children: XNode[] = [];
  for (const name of ['suspend-to-mem', 'suspend-to-disk']) {
    const child = childElements(el, name)[0];
    const enabled = enumAttr(child, 'enabled', ['yes', 'no'] as const);
    if (enabled) children.push(newXNode(name, [['enabled', enabled]]));
  }
  return children.length ? newXNode('pm', [], children) : undefined;
}
