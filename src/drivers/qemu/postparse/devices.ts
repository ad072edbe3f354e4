/** The QEMU driver's per-device post-parse (qemuDomainDeviceDefPostParse): formats and models. */
import type { DomainDef } from '../../../conf/domain/index.js';
import { getAttr, getChild, newXNode, orderAttrs, setAttr, type XNode } from '../../../conf/domain/xnode.js';
import { isX86 } from './machine.js';

/** qxl's VGA memory when unset (libvirt's QEMU_QXL_VGAMEM_DEFAULT, KiB). */
const QXL_VGAMEM_DEFAULT = '16384';

export function applyQemuDeviceDefaults(def: DomainDef): void {
  const l = def.devices.lists;
  applyQemuControllerDefaults(def);
  for (const disk of l.disk) diskDefaults(disk);
  for (const net of l.interface) if (!getChild(net, 'model') && isX86(def)) insertBefore(net, newXNode('model', [['type', 'rtl8139']]), NET_AFTER_MODEL);
  // a unix channel without a path gets one generated at start; the definition keeps none
  for (const ch of l.channel) {
    const source = getChild(ch, 'source');
    if (getAttr(ch, 'type') === 'unix' && source && getAttr(source, 'path') === undefined) ch.children.splice(ch.children.indexOf(source), 1);
  }
  for (const video of l.video) {
    const model = getChild(video, 'model');
    if (model && getAttr(model, 'type') === 'qxl' && getAttr(model, 'vgamem') === undefined) setAttr(model, 'vgamem', QXL_VGAMEM_DEFAULT);
  }
}

/**
 * Controllers without a model get QEMU's: piix3-uhci for USB (on any x86 machine; only the
 * implicit q35 controller is xHCI) and lsilogic for SCSI. Run again for the implicit ones.
 */
export function applyQemuControllerDefaults(def: DomainDef): void {
  if (!isX86(def)) return;
  for (const c of def.devices.lists.controller) {
    if (getAttr(c, 'model') !== undefined) continue;
    const type = getAttr(c, 'type');
    const model = type === 'usb' ? 'piix3-uhci' : type === 'scsi' ? 'lsilogic' : undefined;
    if (!model) continue;
    setAttr(c, 'model', model);
    orderAttrs(c, ['type', 'index', 'model', 'ports', 'vectors']);
  }
}

const NET_AFTER_MODEL = ['driver', 'backend', 'filterref', 'tune', 'teaming', 'link', 'mtu', 'coalesce', 'boot', 'alias', 'rom', 'acpi', 'address'];

function insertBefore(node: XNode, child: XNode, after: string[]): void {
  const at = node.children.findIndex((c) => after.includes(c.name));
  node.children.splice(at < 0 ? node.children.length : at, 0, child);
}

/** Disks are driven by QEMU's own block layer; an unstated format is raw (no format probing). */
function diskDefaults(disk: XNode): void {
  const type = getAttr(disk, 'type');
  if (type !== 'file' && type !== 'block') return;
  let driver = getChild(disk, 'driver');
  if (!driver) {
    driver = newXNode('driver');
    disk.children.unshift(driver);
  }
  if (getAttr(driver, 'name') === undefined) setAttr(driver, 'name', 'qemu');
  if (getAttr(driver, 'type') === undefined) setAttr(driver, 'type', 'raw');
  orderAttrs(driver, ['name', 'type', 'cache', 'error_policy', 'rerror_policy', 'io', 'ioeventfd', 'event_idx', 'copy_on_read',
    'discard', 'iothread', 'detect_zeroes', 'queues', 'queue_size']);
}
