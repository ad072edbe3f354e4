/** `<address>`: where a device sits on its bus, in libvirt's canonical attribute form. */
import { internalError } from '../parse-util.js';
import { getAttr, getChild, newXNode, orderAttrs, setAttr, type XNode } from '../xnode.js';

const ADDRESS_ATTR_ORDER: Record<string, string[]> = {
  pci: ['type', 'domain', 'bus', 'slot', 'function', 'multifunction'],
  drive: ['type', 'controller', 'bus', 'target', 'unit'],
  'virtio-serial': ['type', 'controller', 'bus', 'port'],
  ccid: ['type', 'controller', 'slot'],
  usb: ['type', 'bus', 'port'],
};

/** The device-info elements every device ends with, in libvirt's order (virDomainDeviceInfoFormat). */
export const DEVICE_INFO_ORDER = ['boot', 'alias', 'master', 'rom', 'acpi', 'address'];

const PCI_WIDTH: Record<string, number> = { domain: 4, bus: 2, slot: 2, function: 1 };

/** Put a device's `<address>` child in canonical form (hex PCI fields, libvirt's attribute order). */
export function normalizeAddress(device: XNode): void {
  const addr = getChild(device, 'address');
  if (!addr) return;
  const type = getAttr(addr, 'type');
  if (type === 'pci') {
    for (const [field, width] of Object.entries(PCI_WIDTH)) {
      const value = getAttr(addr, field) ?? '0';
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0) throw internalError(`Cannot parse <address> '${field}' attribute`);
      setAttr(addr, field, '0x' + n.toString(16).padStart(width, '0'));
    }
  } else if (type === 'drive') {
    for (const field of ['controller', 'bus', 'target', 'unit']) setAttr(addr, field, String(Number(getAttr(addr, field) ?? '0')));
  }
  const order = type ? ADDRESS_ATTR_ORDER[type] : undefined;
  if (order) orderAttrs(addr, order);
}

export function driveAddress(controller: number, bus: number, target: number, unit: number): XNode {
  return newXNode('address', [['type', 'drive'], ['controller', String(controller)], ['bus', String(bus)],
    ['target', String(target)], ['unit', String(unit)]]);
}
