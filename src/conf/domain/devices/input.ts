/** `<input>`: mouse, keyboard, tablet, passthrough and evdev devices with their default bus. */
import type { XmlElement } from '../../xml.js';
import { unsupported } from '../parse-util.js';
import { getAttr, getChild, orderAttrs, setAttr, toXNode, type XNode } from '../xnode.js';
import { normalizeAddress } from './address.js';

const INPUT_TYPES = ['mouse', 'tablet', 'keyboard', 'passthrough', 'evdev'];

export function parseInput(el: XmlElement, osType: string, domainType: string): XNode {
  const type = el.getAttribute('type') ?? '';
  if (!INPUT_TYPES.includes(type)) throw unsupported(`unknown input device type '${type}'`);
  const node = toXNode(el);
  if (getAttr(node, 'bus') === undefined && type !== 'evdev') {
    const hvm = osType === 'hvm';
    const bus = type === 'tablet' || type === 'passthrough' ? (type === 'passthrough' ? 'virtio' : 'usb')
      : hvm ? 'ps2' : domainType === 'xen' ? 'xen' : undefined;
    setAttr(node, 'bus', bus);
  }
  orderAttrs(node, ['type', 'bus', 'model']);
  const source = getChild(node, 'source');
  if (source) orderAttrs(source, ['evdev', 'dev', 'grab', 'grabToggle', 'repeat']);
  normalizeAddress(node);
  return node;
}
