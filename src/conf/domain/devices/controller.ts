/** `<controller>`: type check, index numbering, implicit controllers for disks and channels. */
import type { XmlElement } from '../../xml.js';
import { enumAttr } from '../parse-util.js';
import { getAttr, newXNode, orderAttrs, orderChildren, setAttr, toXNode, type XNode } from '../xnode.js';
import { normalizeAddress } from './address.js';

const CONTROLLER_TYPES = ['ide', 'fdc', 'scsi', 'sata', 'virtio-serial', 'ccid', 'usb', 'pci', 'xenbus', 'isa'] as const;

export function parseController(el: XmlElement): XNode {
  enumAttr(el, 'type', CONTROLLER_TYPES);
  const node = toXNode(el);
  orderAttrs(node, ['type', 'index', 'model', 'ports', 'vectors']);
  normalizeAddress(node);
  orderChildren(node, ['model', 'driver', 'master', 'target', 'pcihole64', 'alias', 'address']);
  return node;
}

/** Number controllers written without an index: the next free index of their type. */
export function assignControllerIndexes(controllers: XNode[]): void {
  for (const c of controllers) {
    if (getAttr(c, 'index') !== undefined) continue;
    const type = getAttr(c, 'type');
    const used = controllers.filter((o) => getAttr(o, 'type') === type && getAttr(o, 'index') !== undefined)
      .map((o) => Number(getAttr(o, 'index')));
    let index = 0;
    while (used.includes(index)) index++;
    setAttr(c, 'index', String(index));
    orderAttrs(c, ['type', 'index', 'model']);
  }
}

/**
 * Add controller `type` number `index` unless present, placed as libvirt's
 * virDomainControllerInsert does: after the last one of the same type with a lower index.
 */
export function ensureController(controllers: XNode[], type: string, index: number): void {
  if (controllers.some((c) => getAttr(c, 'type') === type && Number(getAttr(c, 'index')) === index)) return;
  const node = newXNode('controller', [['type', type], ['index', String(index)]]);
  let insertAt = -1;
  for (let i = 0; i < controllers.length; i++) {
    const c = controllers[i]!;
    if (getAttr(c, 'type') !== type) continue;
    if (Number(getAttr(c, 'index')) > index) {
      insertAt = i;
      break;
    }
    insertAt = i + 1;
  }
  if (insertAt === -1) controllers.push(node);
  else controllers.splice(insertAt, 0, node);
}
