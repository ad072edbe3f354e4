/** `<filesystem>`: host directories, files, block devices or RAM shared with the guest. */
import type { XmlElement } from '../../xml.js';
import { ErrorDomain, ErrorNumber } from '../../../errors/codes.js';
import { virError } from '../../../errors/vir-error.js';
import { enumAttr, xmlError } from '../parse-util.js';
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
  for (const name of ['fmode', 'dmode']) setAttr(node, name, fileMode(getAttr(node, name), name));
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

/** A file or directory creation mode: octal up to 0777, written with four digits (0 is not written). */
function fileMode(text: string | undefined, name: string): string | undefined {
  if (text === undefined) return undefined;
  const mode = /^\s*\+?[0-7]+$/.test(text) ? parseInt(text.trim(), 8) : NaN;
  if (Number.isNaN(mode) || mode > 0xffffffff) {
    throw virError(ErrorDomain.VIR_FROM_XML, ErrorNumber.VIR_ERR_XML_ERROR,
      `Invalid value for attribute '${name}' in element 'filesystem': '${text}'. Expected non-negative integer value`);
  }
  if (mode > 0o777) throw xmlError(`invalid ${name}: '0${mode.toString(8)}'`);
  return mode ? mode.toString(8).padStart(4, '0') : undefined;
}
