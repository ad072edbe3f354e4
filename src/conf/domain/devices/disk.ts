/** `<disk>`: validation, bus and drive-address defaults, canonical child order. */
import { ErrorDomain, ErrorNumber } from '../../../errors/codes.js';
import { virError } from '../../../errors/vir-error.js';
import type { XmlElement } from '../../xml.js';
import { enumAttr, unsupported, xmlError } from '../parse-util.js';
import { getAttr, getChild, orderAttrs, orderChildren, setAttr, toXNode, type XNode } from '../xnode.js';
import { driveAddress, normalizeAddress } from './address.js';
import { busFromDiskName, diskNameToIndex } from './disk-names.js';
import { canonicalDiskSource } from './disk-source.js';

export const DISK_CHILD_ORDER = ['driver', 'auth', 'source', 'backingStore', 'backenddomain', 'geometry', 'blockio', 'mirror',
  'target', 'iotune', 'readonly', 'shareable', 'transient', 'serial', 'wwn', 'vendor', 'product', 'encryption', 'boot',
  'alias', 'acpi', 'address'];
const DRIVER_ATTR_ORDER = ['name', 'type', 'cache', 'error_policy', 'rerror_policy', 'io', 'ioeventfd', 'event_idx',
  'copy_on_read', 'discard', 'iothread', 'detect_zeroes', 'queues', 'queue_size'];

/** A disk keeps its XML shape; `bus` and `dev` are lifted out for ordering and addressing. */
export interface DiskDef {
  node: XNode;
  dev: string;
  /** The bus as written in the XML (libvirt orders disks before filling in the default). */
  explicitBus?: string;
  bus: string;
}

export function parseDisk(el: XmlElement, osType: string): DiskDef {
  enumAttr(el, 'type', ['file', 'block', 'dir', 'network', 'volume', 'nvme', 'vhostuser'] as const);
  const device = enumAttr(el, 'device', ['disk', 'cdrom', 'floppy', 'lun'] as const) ?? 'disk';
  const node = toXNode(el);
  const source = getChild(node, 'source');
  const target = getChild(node, 'target');
  const dev = getAttr(target, 'dev');
  const sourcePath = getAttr(source, 'file') ?? getAttr(source, 'dev') ?? getAttr(source, 'dir') ?? getAttr(source, 'name');
  if (!dev) {
    throw virError(ErrorDomain.VIR_FROM_DOMAIN, ErrorNumber.VIR_ERR_NO_TARGET, sourcePath ?? null);
  }
  const targetEl = el.getElementsByTagName('target')[0];
  const explicitBus = enumAttr(targetEl, 'bus', ['ide', 'fdc', 'scsi', 'virtio', 'xen', 'usb', 'uml', 'sata', 'sd'] as const);
  if (!source && device !== 'cdrom' && device !== 'floppy') {
    throw virError(ErrorDomain.VIR_FROM_DOMAIN, ErrorNumber.VIR_ERR_NO_SOURCE, dev);
  }
  const bus = explicitBus ?? (device === 'floppy' ? 'fdc' : busFromDiskName(dev) ?? (osType === 'hvm' ? 'ide' : 'xen'));
  // libvirt resets the type of a disk without <source> (an empty drive) to 'file'.
  setAttr(node, 'type', source ? getAttr(node, 'type') ?? 'file' : 'file');
  setAttr(node, 'device', device);
  // a CD-ROM is read-only whatever the XML says
  if (device === 'cdrom' && !getChild(node, 'readonly')) node.children.push({ name: 'readonly', attrs: [], children: [] });
  orderAttrs(node, ['type', 'device', 'model', 'rawio', 'sgio', 'snapshot']);
  setAttr(target!, 'bus', bus);
  // a tray is for removable media only (a closed one is not written); 'removable' for USB disks only
  const tray = enumAttr(targetEl, 'tray', ['closed', 'open'] as const);
  if (tray === 'open' && device !== 'floppy' && device !== 'cdrom') throw unsupported('tray is only valid for cdrom and floppy');
  if (tray === 'closed') setAttr(target!, 'tray', undefined);
  const removable = enumAttr(targetEl, 'removable', ['on', 'off'] as const);
  if (removable !== undefined && bus !== 'usb') throw xmlError('removable is only valid for usb disks');
  orderAttrs(target!, ['dev', 'bus', 'tray', 'removable', 'rotation_rate']);
  const driver = getChild(node, 'driver');
  if (driver) orderAttrs(driver, DRIVER_ATTR_ORDER);
  canonicalDiskSource(node);
  if (device === 'lun') checkLunSource(node);
  // a read-only disk is never snapshotted (not written); vhost-user disks default to no snapshot
  const readonly = getChild(node, 'readonly') !== undefined;
  if (readonly && getAttr(node, 'snapshot') === 'no') setAttr(node, 'snapshot', undefined);
  if (getAttr(node, 'type') === 'vhostuser' && getAttr(node, 'snapshot') === undefined) setAttr(node, 'snapshot', 'no');
  normalizeAddress(node);
  return { node, dev, explicitBus, bus };
}

/** Insert as libvirt's virDomainDiskInsert does: after same-bus disks with a lower drive index. */
export function insertDisk(disks: DiskDef[], disk: DiskDef): void {
  let insertAt = -1;
  for (let i = disks.length - 1; i >= 0; i--) {
    const other = disks[i]!;
    if (other.explicitBus !== disk.explicitBus) continue;
    if (diskNameToIndex(other.dev) > diskNameToIndex(disk.dev)) insertAt = i;
    else if (insertAt === -1) insertAt = i + 1;
  }
  if (insertAt === -1) disks.push(disk);
  else disks.splice(insertAt, 0, disk);
}

/** Drive address for ide, fdc, scsi and sata disks (virDomainDiskDefAssignAddress). */
export function assignDiskAddress(disk: DiskDef): void {
  if (getChild(disk.node, 'address')) return;
  const idx = diskNameToIndex(disk.dev);
  if (idx < 0) return;
  let address: XNode | undefined;
  switch (disk.bus) {
    case 'ide': address = driveAddress(Math.floor(idx / 4), Math.floor((idx % 4) / 2), 0, idx % 2); break;
    case 'fdc': address = driveAddress(0, 0, 0, idx); break;
    case 'scsi': address = driveAddress(Math.floor(idx / 7), 0, 0, idx % 7); break;
    case 'sata': address = driveAddress(Math.floor(idx / 6), 0, 0, idx % 6); break;
    default: return;
  }
  disk.node.children.push(address);
}

export function finishDisk(disk: DiskDef): XNode {
  orderChildren(disk.node, DISK_CHILD_ORDER);
  return disk.node;
}

/** A LUN passes a host block device (or an iSCSI LUN) through. */
function checkLunSource(disk: XNode): void {
  const type = getAttr(disk, 'type');
  if (type === 'network') {
    const protocol = getAttr(getChild(disk, 'source'), 'protocol');
    if (protocol !== 'iscsi') throw unsupported(`disk device='lun' is not supported for protocol='${protocol}'`);
  } else if (type !== 'block' && type !== 'volume') {
    throw unsupported("disk device='lun' is only valid for block type disk source");
  }
}
