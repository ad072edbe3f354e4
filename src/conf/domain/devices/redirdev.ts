/** `<redirdev>` (USB redirection over a character device) and `<redirfilter>` rules. */
import type { XmlElement } from '../../xml.js';
import { ErrorDomain, ErrorNumber } from '../../../errors/codes.js';
import { virError } from '../../../errors/vir-error.js';
import { cStyleInt, enumAttr, enumValue, internalError, missingAttr, xmlError } from '../parse-util.js';
import { getAttr, getChild, newXNode, orderAttrs, orderChildren, setAttr, toXNode, type XNode } from '../xnode.js';
import { DEVICE_INFO_ORDER, normalizeAddress } from './address.js';
import { canonicalChrSource, checkChrSource } from './chardev-source.js';

export function parseRedirdev(el: XmlElement): XNode {
  enumAttr(el, 'bus', ['usb'] as const);
  const node = toXNode(el);
  const type = getAttr(node, 'type');
  // a D-Bus redirdev without a channel gets libvirt's default one later
  if (type !== undefined && type !== 'dbus') checkChrSource(node, type);
  setAttr(node, 'bus', getAttr(node, 'bus') ?? 'usb');
  orderAttrs(node, ['bus', 'type']);
  if (type !== undefined) canonicalChrSource(node, type, false);
  // a D-Bus redirdev without a channel uses QEMU's USB redirection one
  if (type === 'dbus' && !getAttr(getChild(node, 'source'), 'channel')) {
    node.children = [newXNode('source', [['channel', 'org.qemu.usbredir']]), ...node.children.filter((c) => c.name !== 'source')];
  }
  normalizeAddress(node);
  orderChildren(node, ['source', 'protocol', ...DEVICE_INFO_ORDER]);
  // libvirt always closes a redirdev with its own tag
  node.neverEmpty = true;
  return node;
}

/** USB filter rules in libvirt's form: ids in upper-case hex, '-1' (any) left out, versions as M.mm. */
export function parseRedirfilter(el: XmlElement): XNode | undefined {
  const node = toXNode(el);
  node.children = node.children.filter((c) => c.name === 'usbdev').map(canonicalUsbdev);
  return node.children.length ? node : undefined;
}

function canonicalUsbdev(dev: XNode): XNode {
  const int = (name: string): number => {
    const v = getAttr(dev, name);
    if (v === undefined) return -1;
    const n = cStyleInt(v);
    if (!Number.isSafeInteger(n) || n > 0x7fffffff || n < -0x80000000) {
      throw virError(ErrorDomain.VIR_FROM_XML, ErrorNumber.VIR_ERR_XML_ERROR,
        `Invalid value for attribute '${name}' in element 'usbdev': '${v}'. Expected integer value`);
    }
    return n;
  };
  const usbClass = int('class');
  if (usbClass !== -1 && (usbClass < 0 || usbClass > 0xff)) throw internalError(`Invalid USB Class code 0x${(usbClass >>> 0).toString(16)}`);
  const [vendor, product] = [int('vendor'), int('product')];
  const version = usbVersion(getAttr(dev, 'version'));
  const allow = getAttr(dev, 'allow');
  if (allow === undefined) throw missingAttr('allow', 'usbdev');
  enumValue(allow, 'allow', 'usbdev', ['yes', 'no'] as const);
  const hex = (n: number, width: number) => '0x' + n.toString(16).toUpperCase().padStart(width, '0');
  const attrs: [string, string][] = [];
  if (usbClass >= 0) attrs.push(['class', hex(usbClass, 2)]);
  if (vendor >= 0) attrs.push(['vendor', hex(vendor, 4)]);
  if (product >= 0) attrs.push(['product', hex(product, 4)]);
  if (version) attrs.push(['version', version]);
  attrs.push(['allow', allow]);
  return newXNode('usbdev', attrs);
}

/** A USB version `M.m` as libvirt stores (BCD, one minor digit meaning tens) and prints it; undefined for any. */
function usbVersion(text: string | undefined): string | undefined {
  if (text === undefined || text === '-1') return undefined;
  const m = /^(\d+)\.(\d+)$/.exec(text);
  if (!m || Number(m[1]) >= 100 || Number(m[2]) >= 100) throw xmlError(`Cannot parse USB device version ${text}`);
  const minor = m[2]!.length === 1 ? Number(m[2]) * 10 : Number(m[2]);
  return `${Number(m[1])}.${String(minor).padStart(2, '0')}`;
}
