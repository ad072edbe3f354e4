/** `<controller>`: type check, index numbering, implicit controllers for disks and channels. */
import type { XmlElement } from '../../xml.js';
import { enumAttr, nonNegativeIntValue, scaledKiB, uintValue, unsupported, xmlDetail } from '../parse-util.js';
import { getAttr, getChild, newXNode, orderAttrs, orderChildren, setAttr, toXNode, type XNode } from '../xnode.js';
import { DEVICE_INFO_ORDER, normalizeAddress } from './address.js';

const CONTROLLER_TYPES = ['ide', 'fdc', 'scsi', 'sata', 'virtio-serial', 'ccid', 'usb', 'pci', 'xenbus', 'isa'] as const;

/** ICH9 UHCI companions default to their fixed start port on the EHCI master. */
const UHCI_START_PORT: Record<string, string> = { 'ich9-uhci1': '0', 'ich9-uhci2': '2', 'ich9-uhci3': '4' };
const USB2_MODELS = ['ich9-ehci1', 'ich9-uhci1', 'ich9-uhci2', 'ich9-uhci3'];

export function parseController(el: XmlElement): XNode {
  const type = enumAttr(el, 'type', CONTROLLER_TYPES) ?? 'ide';
  const node = toXNode(el);
  setAttr(node, 'type', type);
  for (const name of ['index', 'ports', 'vectors']) {
    const v = getAttr(node, name);
    if (v !== undefined) setAttr(node, name, String(nonNegativeIntValue(v, name, 'controller')));
  }
  orderAttrs(node, ['type', 'index', 'model', 'ports', 'vectors']);
  normalizeAddress(node);
  const model = getAttr(node, 'model');
  const master = getChild(node, 'master');
  if (master) setAttr(master, 'startport', String(uintValue(getAttr(master, 'startport') ?? '0', 'startport', 'master')));
  else if (type === 'usb' && model && UHCI_START_PORT[model]) node.children.push(newXNode('master', [['startport', UHCI_START_PORT[model]]]));
  // libvirt keeps a 64-bit PCI hole size only for the root buses, written in KiB
  const hole = getChild(node, 'pcihole64');
  node.children = node.children.filter((c) => c.name !== 'pcihole64');
  if (hole && type === 'pci' && (model === 'pci-root' || model === 'pcie-root')) {
    const kib = scaledKiB((hole.text ?? '').trim(), getAttr(hole, 'unit'), './pcihole64', 1024);
    node.children.push({ name: 'pcihole64', attrs: [['unit', 'KiB']], children: [], text: String(kib) });
  }
  orderChildren(node, ['model', 'target', 'driver', ...DEVICE_INFO_ORDER, 'pcihole64']);
  if (type === 'pci' && (model === 'pci-root' || model === 'pcie-root') && getChild(node, 'address')) {
    throw unsupported('pci-root and pcie-root controllers should not have an address');
  }
  return node;
}

/** With USB enabled, at least one USB controller must be a master (not a companion). */
export function checkUsbMaster(controllers: XNode[]): void {
  const usb = controllers.filter((c) => getAttr(c, 'type') === 'usb');
  if (usb.some((c) => getAttr(c, 'model') !== 'none') && !usb.some((c) => !getChild(c, 'master'))) {
    throw xmlDetail('No master USB controller specified');
  }
}

const isUsb2 = (c: XNode | undefined): boolean => getAttr(c, 'type') === 'usb' && USB2_MODELS.includes(getAttr(c, 'model') ?? '');

/**
 * Number controllers written without an index: the lowest free index of their type, except that
 * a USB2 controller joins the group of the USB controller just before it when that one is USB2
 * too and the group has no controller of its model yet (libvirt's virDomainAssignControllerIndexes).
 */
export function assignControllerIndexes(controllers: XNode[]): void {
  controllers.forEach((c, at) => {
    if (getAttr(c, 'index') !== undefined) return;
    const type = getAttr(c, 'type');
    let index: string | undefined;
    if (at > 0 && isUsb2(c)) {
      const prev = controllers.slice(0, at).reverse().find((o) => getAttr(o, 'type') === 'usb');
      const taken = controllers.some((o) => getAttr(o, 'type') === 'usb' && getAttr(o, 'index') !== undefined
        && getAttr(o, 'index') === getAttr(prev, 'index') && getAttr(o, 'model') === getAttr(c, 'model'));
      if (isUsb2(prev) && !taken) index = getAttr(prev, 'index');
    }
    if (index === undefined) {
      const used = controllers.filter((o) => getAttr(o, 'type') === type && getAttr(o, 'index') !== undefined)
        .map((o) => Number(getAttr(o, 'index')));
      let free = 0;
      while (used.includes(free)) free++;
      index = String(free);
    }
    setAttr(c, 'index', index);
    orderAttrs(c, ['type', 'index', 'model']);
  });
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
