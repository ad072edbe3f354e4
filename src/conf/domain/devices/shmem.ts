/** `<shmem>`: inter-VM shared memory; the model defaults to plain ivshmem. */
import type { XmlElement } from '../../xml.js';
import { xmlError } from '../parse-util.js';
import { getChild, newXNode, orderChildren, toXNode, type XNode } from '../xnode.js';
import { DEVICE_INFO_ORDER, normalizeAddress } from './address.js';

export function parseShmem(el: XmlElement): XNode {
  if (!el.getAttribute('name')) throw xmlError('shmem element must contain \'name\' attribute');
  const node = toXNode(el);
  if (getChild(node, 'msi') && !getChild(node, 'server')) throw xmlError('msi option is only supported with a server');
  if (!getChild(node, 'model')) node.children.unshift(newXNode('model', [['type', 'ivshmem']]));
  normalizeAddress(node);
  orderChildren(node, ['model', 'size', 'server', 'msi', ...DEVICE_INFO_ORDER]);
  return node;
}
