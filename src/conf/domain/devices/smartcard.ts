/** `<smartcard>`: host, host-certificates or passthrough; each sits on a CCID controller slot. */
import type { XmlElement } from '../../xml.js';
import { enumAttr, xmlError } from '../parse-util.js';
import { getAttr, getChild, newXNode, orderChildren, toXNode, type XNode } from '../xnode.js';
import { DEVICE_INFO_ORDER, normalizeAddress } from './address.js';
import { ensureController } from './controller.js';
import { canonicalChrSource, checkChrSource } from './chardev-source.js';

const CHILD_ORDER = ['certificate', 'database', 'source', 'protocol', ...DEVICE_INFO_ORDER];

export function parseSmartcard(el: XmlElement): XNode {
  const mode = enumAttr(el, 'mode', ['host', 'host-certificates', 'passthrough'] as const);
  if (mode === undefined) throw xmlError('missing smartcard device mode');
  const node = toXNode(el);
  const type = getAttr(node, 'type');
  if (mode === 'passthrough' && type !== undefined) {
    checkChrSource(node, type);
    canonicalChrSource(node, type, false);
  }
  normalizeAddress(node);
  orderChildren(node, CHILD_ORDER);
  return node;
}

/** Unaddressed smartcards take the next slot of CCID controller 0; every used controller exists. */
export function assignSmartcardAddresses(smartcards: XNode[], controllers: XNode[]): void {
  for (const card of smartcards) {
    let addr = getChild(card, 'address');
    if (!addr) {
      const slots = smartcards.map((c) => getChild(c, 'address'))
        .filter((a) => getAttr(a, 'type') === 'ccid' && Number(getAttr(a, 'controller') ?? 0) === 0)
        .map((a) => Number(getAttr(a, 'slot') ?? 0));
      addr = newXNode('address', [['type', 'ccid'], ['controller', '0'], ['slot', String(Math.max(-1, ...slots) + 1)]]);
      card.children.push(addr);
      orderChildren(card, CHILD_ORDER);
    }
    const controller = getAttr(addr, 'type') === 'ccid' ? Number(getAttr(addr, 'controller') ?? 0) : 0;
    ensureController(controllers, 'ccid', controller);
  }
}
