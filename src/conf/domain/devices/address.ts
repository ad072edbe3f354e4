/** `<address>`: where a device sits on its bus, in libvirt's canonical attribute form. */
import { ErrorDomain, ErrorNumber } from '../../../errors/codes.js';
import { virError } from '../../../errors/vir-error.js';
import { cStyleInt, internalError, uintValue } from '../parse-util.js';
import { getAttr, getChild, newXNode, orderAttrs, setAttr, type XNode } from '../xnode.js';

const ADDRESS_ATTR_ORDER: Record<string, string[]> = {
  pci: ['type', 'domain', 'bus', 'slot', 'function', 'multifunction'],
  drive: ['type', 'controller', 'bus', 'target', 'unit'],
  'virtio-serial': ['type', 'controller', 'bus', 'port'],
  ccid: ['type', 'controller', 'slot'],
  usb: ['type', 'bus', 'port'],
  ccw: ['type', 'cssid', 'ssid', 'devno'],
  isa: ['type', 'iobase', 'irq'],
};

/** The device-info elements every device ends with, in libvirt's order (virDomainDeviceInfoFormat). */
export const DEVICE_INFO_ORDER = ['boot', 'alias', 'master', 'rom', 'acpi', 'address'];

const PCI_WIDTH: Record<string, number> = { domain: 4, bus: 2, slot: 2, function: 1 };

/** A numeric address field as libvirt reads it (base 0: decimal or 0x-hex); `what` names it in the error. */
function field(addr: XNode, name: string, what: string, base: 0 | 16 = 0): number | undefined {
  const value = getAttr(addr, name);
  if (value === undefined) return undefined;
  const n = base === 16 ? Number('0x' + value.replace(/^0x/i, '')) : Number(value);
  if (!Number.isInteger(n) || n < 0) throw internalError(`Cannot parse <address> '${what}' attribute`);
  return n;
}

/** virPCIDeviceAddressIsValid (a util/ check, so its error has no domain). */
function checkPciRange(bus: number, slot: number, fn: number): void {
  const err = (detail: string) => virError(ErrorDomain.VIR_FROM_NONE, ErrorNumber.VIR_ERR_XML_ERROR, detail);
  if (bus > 0xff) throw err(`Invalid PCI address bus='0x${bus.toString(16)}', must be <= 0xFF`);
  if (slot > 0x1f) throw err(`Invalid PCI address slot='0x${slot.toString(16)}', must be <= 0x1F`);
  if (fn > 7) throw err(`Invalid PCI address function=0x${fn.toString(16)}, must be <= 7`);
}

const hex = (n: number, width = 0): string => '0x' + n.toString(16).padStart(width, '0');

/** Rewrite the numeric fields of one address type as virDomainDeviceInfoFormat prints them. */
const FORMATTERS: Record<string, (addr: XNode) => void> = {
  pci(addr) {
    const values = Object.keys(PCI_WIDTH).map((f) => field(addr, f, f) ?? 0);
    const empty = values.every((v) => v === 0);
    if (!empty) checkPciRange(values[1]!, values[2]!, values[3]!);
    Object.entries(PCI_WIDTH).forEach(([f, width], i) => setAttr(addr, f, empty ? undefined : hex(values[i]!, width)));
    canonicalZpci(addr);
  },
  drive(addr) {
    for (const f of ['controller', 'bus', 'target', 'unit']) setAttr(addr, f, String(field(addr, f, f) ?? 0));
  },
  'virtio-serial'(addr) {
    for (const f of ['controller', 'bus', 'port']) setAttr(addr, f, String(field(addr, f, f) ?? 0));
  },
  ccw(addr) {
    for (const [f, width] of [['cssid', 0], ['ssid', 0], ['devno', 4]] as const) setAttr(addr, f, hex(field(addr, f, f) ?? 0, width));
  },
  'spapr-vio'(addr) {
    const reg = field(addr, 'reg', 'reg', 16);
    setAttr(addr, 'reg', reg === undefined ? undefined : hex(reg, 8));
  },
  usb(addr) {
    const port = usbPort(getAttr(addr, 'port'));
    setAttr(addr, 'bus', String(uintValue(getAttr(addr, 'bus') ?? '0', 'bus', 'address')));
    setAttr(addr, 'port', port.length ? port.join('.') : undefined);
  },
  isa(addr) {
    for (const f of ['iobase', 'irq']) {
      const n = field(addr, f, f, 16) ?? 0;
      setAttr(addr, f, n > 0 ? hex(n) : undefined);
    }
  },
};

/** A USB port path: up to four hub levels, written up to the first 0. */
function usbPort(text: string | undefined): number[] {
  if (text === undefined) return [];
  const parts = text.split('.');
  if (parts.length > USB_MAX_PORT_DEPTH || !parts.every((p) => /^\s*\+?\d+$/.test(p))) {
    // reported by the device address code, so with its error domain
    throw virError(ErrorDomain.VIR_FROM_DEVICE, ErrorNumber.VIR_ERR_INTERNAL_ERROR, "Cannot parse <address> 'port' attribute");
  }
  const ports = parts.map(Number);
  const end = ports.indexOf(0);
  return end < 0 ? ports : ports.slice(0, end);
}

const USB_MAX_PORT_DEPTH = 4;

/** s390 zPCI ids: both written (0 when unset) once either is given, the element dropped otherwise. */
function canonicalZpci(addr: XNode): void {
  const zpci = getChild(addr, 'zpci');
  if (!zpci) return;
  const id = (name: string): number | undefined => {
    const v = getAttr(zpci, name);
    const n = v === undefined ? undefined : cStyleInt(v);
    return n === undefined ? undefined : uintValue(n < 0 ? 'NaN' : String(n), name, 'zpci', false, v);
  };
  const [uid, fid] = [id('uid'), id('fid')];
  addr.children = addr.children.filter((c) => c !== zpci);
  if (uid !== undefined || fid !== undefined) {
    addr.children.push(newXNode('zpci', [['uid', hex(uid ?? 0, 4)], ['fid', hex(fid ?? 0, 8)]]));
  }
}

/** Put a device's `<address>` child in canonical form (libvirt's number formats and attribute order). */
export function normalizeAddress(device: XNode): void {
  const addr = getChild(device, 'address');
  if (!addr) return;
  const type = getAttr(addr, 'type');
  if (type) FORMATTERS[type]?.(addr);
  const order = type ? ADDRESS_ATTR_ORDER[type] : undefined;
  if (order) orderAttrs(addr, order);
}

export function driveAddress(controller: number, bus: number, target: number, unit: number): XNode {
  return newXNode('address', [['type', 'drive'], ['controller', String(controller)], ['bus', String(bus)],
    ['target', String(target)], ['unit', String(unit)]]);
}
