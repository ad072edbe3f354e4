/** `<shmem>`: inter-VM shared memory; the model defaults to plain ivshmem. */
import type { XmlElement } from '../../xml.js';
import { scaledBytes, xmlError } from '../parse-util.js';
import { getAttr, getChild, newXNode, orderChildren, toXNode, type XNode } from '../xnode.js';
import { DEVICE_INFO_ORDER, normalizeAddress } from './address.js';

export function parseShmem(el: XmlElement): XNode {
  if (!el.getAttribute('name')) throw xmlError('shmem element must contain \'name\' attribute');
  const node = toXNode(el);
  if (getChild(node, 'msi') && !getChild(node, 'server')) throw xmlError('msi option is only supported with a server');
  if (!getChild(node, 'model')) node.children.unshift(newXNode('model', [['type', 'ivshmem']]));
  // the size is kept in bytes (default unit) and written in whole MiB, rounded down
  const size = getChild(node, 'size');
  node.children = node.children.filter((c) => c.name !== 'size');
  const bytes = size?.text ? scaledBytes(size.text.trim(), getAttr(size, 'unit'), './size[1]', 1) : 0n;
  if (bytes > 0n) node.children.push({ name: 'size', attrs: [['unit', 'M']], children: [], text: String(bytes >> 20n) });
  normalizeAddress(node);
  orderChildren(node, ['model', 'size', 'server', 'msi', ...DEVICE_INFO_ORDER]);
  return node;
}
