/** `<hostdev>`: host PCI/USB/SCSI devices passed to the guest, with SCSI drive addresses assigned. */
import type { XmlElement } from '../../xml.js';
import { enumAttr, unsupported } from '../parse-util.js';
import { getAttr, getChild, orderAttrs, orderChildren, setAttr, toXNode, type XNode } from '../xnode.js';
import { DEVICE_INFO_ORDER, driveAddress, normalizeAddress } from './address.js';

const SUBSYS_TYPES = ['usb', 'pci', 'scsi', 'scsi_host', 'mdev'] as const;
const CAPS_TYPES = ['storage', 'misc', 'net'] as const;
const CHILD_ORDER = ['driver', 'source', 'readonly', 'shareable', ...DEVICE_INFO_ORDER];
/** Units per SCSI controller libvirt fills before moving to the next controller. */
const SCSI_MAX_UNIT = 7;

export function parseHostdev(el: XmlElement): XNode {
  const mode = enumAttr(el, 'mode', ['subsystem', 'capabilities'] as const) ?? 'subsystem';
  const type = enumAttr(el, 'type', mode === 'subsystem' ? SUBSYS_TYPES : CAPS_TYPES);
  const node = toXNode(el);
  setAttr(node, 'mode', mode);
  if (mode === 'subsystem') {
    setAttr(node, 'managed', getAttr(node, 'managed') === 'yes' ? 'yes' : 'no');
    if (type === 'scsi' && getAttr(node, 'sgio') === 'unfiltered') throw unsupported('unfiltered sgio is no longer supported');
  }
  orderAttrs(node, ['mode', 'type', 'managed', 'sgio', 'rawio', 'model', 'display', 'ramfb']);
  const source = getChild(node, 'source');
  if (source) canonicalSource(source, type);
  normalizeAddress(node);
  orderChildren(node, CHILD_ORDER);
  return node;
}

/** Host addresses in libvirt's number formats (hex PCI fields, 4-digit USB ids). */
function canonicalSource(source: XNode, type: string | undefined): void {
  const addr = getChild(source, 'address');
  if (type === 'pci' && addr) {
    const widths: [string, number][] = [['domain', 4], ['bus', 2], ['slot', 2], ['function', 1]];
    for (const [field, width] of widths) {
      setAttr(addr, field, '0x' + Number(getAttr(addr, field) ?? '0').toString(16).padStart(width, '0'));
    }
    orderAttrs(addr, widths.map(([f]) => f));
  }
  if (type === 'usb') {
    for (const name of ['vendor', 'product']) {
      const id = getChild(source, name);
      if (id) setAttr(id, 'id', '0x' + Number(getAttr(id, 'id')).toString(16).padStart(4, '0'));
    }
    if (addr) for (const field of ['bus', 'device']) setAttr(addr, field, String(Number(getAttr(addr, field))));
    orderChildren(source, ['vendor', 'product', 'address']);
  }
  if (type === 'scsi' && addr) orderAttrs(addr, ['type', 'bus', 'target', 'unit']);
}

/** SCSI hostdevs without an address take the first free unit, bus 0 target 0 (as disks do). */
export function assignHostdevScsiAddresses(hostdevs: XNode[], disks: XNode[]): void {
  const used = (controller: number, unit: number): boolean => [...disks, ...hostdevs].some((d) => {
    const a = getChild(d, 'address');
    if (getAttr(a, 'type') !== 'drive') return false;
    if (d.name === 'disk' && getAttr(getChild(d, 'target'), 'bus') !== 'scsi') return false;
    if (d.name === 'hostdev' && getAttr(d, 'type') !== 'scsi') return false;
    return Number(getAttr(a, 'controller')) === controller && Number(getAttr(a, 'bus')) === 0
      && Number(getAttr(a, 'target')) === 0 && Number(getAttr(a, 'unit')) === unit;
  });
  for (const h of hostdevs) {
    if (getAttr(h, 'type') !== 'scsi' || getChild(h, 'address')) continue;
    for (let controller = 0; ; controller++) {
      const unit = [...Array(SCSI_MAX_UNIT).keys()].find((u) => !used(controller, u));
      if (unit === undefined) continue;
      h.children.push(driveAddress(controller, 0, 0, unit));
      orderChildren(h, CHILD_ORDER);
      break;
    }
  }
}

/** The highest SCSI controller index a hostdev uses, or -1. */
export function maxHostdevScsiController(hostdevs: XNode[]): number {
  let max = -1;
  for (const h of hostdevs) {
    const a = getChild(h, 'address');
    if (getAttr(h, 'type') === 'scsi' && getAttr(a, 'type') === 'drive') max = Math.max(max, Number(getAttr(a, 'controller')));
  }
  return max;
}
