/** `<filesystem>`: host directories, files, block devices or RAM shared with the guest. */
import type { XmlElement } from '../../xml.js';
import { enumAttr } from '../parse-util.js';
import { getAttr, getChild, orderAttrs, orderChildren, setAttr, toXNode, type XNode } from '../xnode.js';
import { DEVICE_INFO_ORDER, normalizeAddress } from './address.js';

const FS_TYPES = ['mount', 'block', 'file', 'template', 'ram', 'bind', 'volume'] as const;
const CHILD_ORDER = ['driver', 'binary', 'idmap', 'source', 'target', 'readonly', 'space_hard_limit', 'space_soft_limit',
  ...DEVICE_INFO_ORDER];

export function parseFilesystem(el: XmlElement): XNode {
  enumAttr(el, 'type', FS_TYPES);
  enumAttr(el, 'accessmode', ['passthrough', 'mapped', 'squash'] as const);
  const node = toXNode(el);
  setAttr(node, 'type', getAttr(node, 'type') ?? 'mount');
  // a filesystem served over a vhost-user socket has no access mode of its own
  if (getAttr(node, 'accessmode') === undefined && getAttr(getChild(node, 'source'), 'socket') === undefined) {
    setAttr(node, 'accessmode', 'passthrough');
  }
  orderAttrs(node, ['type', 'accessmode', 'model', 'multidevs', 'fmode', 'dmode']);
  const driver = getChild(node, 'driver');
  if (driver) orderAttrs(driver, ['type', 'format', 'wrpolicy', 'queue']);
  const binary = getChild(node, 'binary');
  if (binary) {
    orderAttrs(binary, ['path', 'xattr']);
    orderChildren(binary, ['cache', 'sandbox', 'lock', 'thread_pool']);
  }
  normalizeAddress(node);
  orderChildren(node, CHILD_ORDER);
  return node;
}
