/** `<redirdev>` (USB redirection over a character device) and `<redirfilter>` rules. */
import type { XmlElement } from '../../xml.js';
import { enumAttr } from '../parse-util.js';
import { getAttr, orderAttrs, orderChildren, setAttr, toXNode, type XNode } from '../xnode.js';
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
  normalizeAddress(node);
  orderChildren(node, ['source', 'protocol', ...DEVICE_INFO_ORDER]);
  // libvirt always closes a redirdev with its own tag
  node.neverEmpty = true;
  return node;
}

/** USB ids upper-case hex as libvirt prints them; an empty filter is dropped. */
export function parseRedirfilter(el: XmlElement): XNode | undefined {
  const node = toXNode(el);
  for (const dev of node.children) {
    const hex = (name: string, width: number): void => {
      const v = getAttr(dev, name);
      if (v !== undefined && v !== '-1') setAttr(dev, name, '0x' + Number(v).toString(16).toUpperCase().padStart(width, '0'));
    };
    hex('class', 2);
    hex('vendor', 4);
    hex('product', 4);
    orderAttrs(dev, ['class', 'vendor', 'product', 'version', 'allow']);
  }
  return node.children.length ? node : undefined;
}
