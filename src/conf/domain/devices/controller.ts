/** `<controller>`: type check, index numbering, implicit controllers for disks and channels. */
import type { XmlElement } from '../../xml.js';
import { enumAttr } from '../parse-util.js';
import { getAttr, getChild, newXNode, orderAttrs, orderChildren, setAttr, toXNode, type XNode } from '../xnode.js';
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

/** Add controller `type` number `index` unless present; an implicit controller goes at the end. */
export function ensureController(controllers: XNode[], type: string, index: number, model?: string): void {
  if (controllers.some((c) => getAttr(c, 'type') === type && Number(getAttr(c, 'index')) === index)) return;
  controllers.push(newXNode('controller', [['type', type], ['index', String(index)], ...(model ? [['model', model] as [string, string]] : [])]));
}

/**
 * Place a controller as libvirt's virDomainControllerInsert does, at parse time and when one is
 * added: among those of its type by index (a master before its USB companions), an unnumbered
 * one after the last of its type, a new type at the end.
 */
export function insertController(controllers: XNode[], node: XNode): void {
  const type = getAttr(node, 'type');
  const index = controllerIndex(node);
  const isMaster = getChild(node, 'master') === undefined;
  let insertAt = -1;
  for (let i = controllers.length - 1; i >= 0; i--) {
    const current = controllers[i]!;
    if (getAttr(current, 'type') !== type) continue;
    if (index === -1) {
      insertAt = i + 1;
      break;
    }
    const currentIndex = controllerIndex(current);
    if (currentIndex > index || (isMaster && getChild(current, 'master') !== undefined && currentIndex === index)) insertAt = i;
    else if (insertAt === -1) insertAt = i + 1;
  }
  if (insertAt === -1) controllers.push(node);
  else controllers.splice(insertAt, 0, node);
}

const controllerIndex = (c: XNode): number => {
  const index = getAttr(c, 'index');
  return index === undefined ? -1 : Number(index);
};
