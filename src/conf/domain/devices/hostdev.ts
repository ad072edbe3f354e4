/** `<hostdev>`: host PCI/USB/SCSI devices passed to the guest, with SCSI drive addresses assigned. */
import type { XmlElement } from '../../xml.js';
import { enumAttr, unsupported, xmlError } from '../parse-util.js';
import { getAttr, getChild, orderAttrs, orderChildren, setAttr, toXNode, type XNode } from '../xnode.js';
import { DEVICE_INFO_ORDER, driveAddress, normalizeAddress } from './address.js';
import { ensureController } from './controller.js';

const SUBSYS_TYPES = ['usb', 'pci', 'scsi', 'scsi_host', 'mdev'] as const;
const CAPS_TYPES = ['storage', 'misc', 'net'] as const;
const CHILD_ORDER = ['driver', 'source', 'teaming', 'readonly', 'shareable', ...DEVICE_INFO_ORDER];
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
  if (source) canonicalHostdevSource(source, type);
  normalizeAddress(node);
  orderChildren(node, CHILD_ORDER);
  return node;
}

/** Host addresses in libvirt's number formats (hex PCI fields, 4-digit USB ids). */
export function canonicalHostdevSource(source: XNode, type: string | undefined): void {
  const addr = getChild(source, 'address');
  if (type === 'pci' && addr) {
    const widths: [string, number][] = [['domain', 4], ['bus', 2], ['slot', 2], ['function', 1]];
    for (const [field, width] of widths) {
      setAttr(addr, field, '0x' + Number(getAttr(addr, field) ?? '0').toString(16).padStart(width, '0'));
    }
    orderAttrs(addr, ['type', ...widths.map(([f]) => f)]);
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
  // an iSCSI target without a LUN means LUN 0
  const name = getAttr(source, 'name');
  if (type === 'scsi' && getAttr(source, 'protocol') === 'iscsi' && name !== undefined && !name.includes('/')) setAttr(source, 'name', `${name}/0`);
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

/**
 * Give every SCSI controller up to the highest one a SCSI hostdev uses; new ones take the model
 * of the controller a hostdev raising that highest index sits on (libvirt keeps one model).
 */
export function ensureHostdevScsiControllers(hostdevs: XNode[], controllers: XNode[], whileParsing = false): void {
  let max = -1;
  let model: string | undefined;
  for (const h of hostdevs) {
    const a = getChild(h, 'address');
    if (getAttr(h, 'type') !== 'scsi') continue;
    // while parsing, before addresses are assigned, libvirt reads an unaddressed host device as controller 0
    if (getAttr(a, 'type') !== 'drive' && !whileParsing) continue;
    const index = getAttr(a, 'type') === 'drive' ? Number(getAttr(a, 'controller')) : 0;
    if (index <= max) continue;
    max = index;
    const cont = controllers.find((c) => getAttr(c, 'type') === 'scsi' && Number(getAttr(c, 'index')) === index);
    model = getAttr(cont, 'model') ?? model;
  }
  for (let i = 0; i <= max; i++) ensureController(controllers, 'scsi', i, model);
}

/** What names a hostdev's host device, as virDomainHostdevMatch compares two of them. */
function hostdevIdentity(dev: XNode): string | undefined {
  const mode = getAttr(dev, 'mode');
  const type = getAttr(dev, 'type');
  const source = getChild(dev, 'source');
  const addr = source && getChild(source, 'address');
  const num = (n: XNode | undefined, name: string) => Number(getAttr(n, name) ?? 0);
  const key = (...parts: unknown[]) => JSON.stringify([mode, type, ...parts]);
  if (mode === 'capabilities') {
    const field = type === 'storage' ? 'block' : type === 'misc' ? 'char' : 'interface';
    return key(source && getChild(source, field)?.text);
  }
  switch (type) {
    case 'pci': return key(num(addr, 'domain'), num(addr, 'bus'), num(addr, 'slot'), num(addr, 'function'));
    case 'usb':
      // by host bus location when both are given, otherwise by vendor and product
      if (num(addr, 'bus') && num(addr, 'device')) return key('at', num(addr, 'bus'), num(addr, 'device'));
      return key('id', num(source && getChild(source, 'vendor'), 'id'), num(source && getChild(source, 'product'), 'id'));
    case 'scsi': {
      if (getAttr(source, 'protocol') === 'iscsi') {
        const host = source && getChild(source, 'host');
        return key('iscsi', getAttr(host, 'name'), num(host, 'port'), getAttr(source, 'name'));
      }
      return key(getAttr(source && getChild(source, 'adapter'), 'name'), num(addr, 'bus'), num(addr, 'target'), num(addr, 'unit'));
    }
    case 'scsi_host': return key(getAttr(source, 'protocol'), getAttr(source, 'wwpn'));
    case 'mdev': return key(getAttr(addr, 'uuid'));
  }
  return undefined;
}

/** Two hostdevs may not pass through the same host device (libvirt's hostdev validation). */
export function checkDuplicateHostdevs(hostdevs: XNode[]): void {
  const seen = new Set<string>();
  for (const dev of hostdevs) {
    const id = hostdevIdentity(dev);
    if (id === undefined) continue;
    if (seen.has(id)) throw xmlError('Hostdev already exists in the domain configuration');
    seen.add(id);
  }
}

/** Mediated devices: a source UUID, a guest address of the model's bus, at most one with a ramfb display. */
export function checkMdevHostdevs(hostdevs: XNode[]): void {
  let ramfb = false;
  for (const h of hostdevs) {
    if (getAttr(h, 'mode') !== 'subsystem' || getAttr(h, 'type') !== 'mdev') continue;
    const source = getChild(h, 'source');
    const srcAddr = source && getChild(source, 'address');
    if (!srcAddr) throw unsupported('Missing <address> element');
    const uuid = getAttr(srcAddr, 'uuid');
    if (uuid === undefined) throw unsupported("Missing 'uuid' attribute for element <address>");
    const model = getAttr(h, 'model');
    const addrType = getAttr(getChild(h, 'address'), 'type');
    const wanted = model === 'vfio-pci' ? 'pci' : model === 'vfio-ccw' ? 'ccw' : undefined;
    if (addrType !== undefined && wanted && addrType !== wanted) {
      throw xmlError(`Unsupported address type '${addrType}' with mediated device model '${model}'`);
    }
    if (getAttr(h, 'ramfb') === 'on') {
      if (ramfb) throw unsupported("Only one vgpu device can have 'ramfb' enabled");
      ramfb = true;
    }
  }
}
