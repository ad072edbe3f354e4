/**
 * PCI addresses for every device that needs one, assigned in libvirt's order
 * (qemuDomainAssignPCIAddresses): chipset devices at their fixed slots, then PCI controllers,
 * filesystems, interfaces, sound, other controllers, virtio disks, host devices, balloon, rng,
 * watchdog, video, shared memory, virtio input. Controllers the devices need are added first,
 * as libvirt's planning pass finds them (pci-bus.ts): on q35 a root port per PCIe device, a
 * root port with a pcie-to-pci-bridge for conventional PCI devices, one spare root port.
 */
import type { DomainDef } from '../../../conf/domain/index.js';
import { getAttr, getChild, newXNode, type XNode } from '../../../conf/domain/xnode.js';
import { internalError, unsupported, xmlError } from '../../../conf/domain/parse-util.js';
import { addController } from './defaults.js';
import { isI440fx, isQ35 } from './machine.js';
import { readPciAddress, wantsPciAddress, writePciAddress, type PciAddress } from './pci-address.js';
import { PCI_MODEL_NAMES, PciAddressSet, type Connect } from './pci-bus.js';

const VIRTIO_MODELS = new Set(['virtio', 'virtio-non-transitional']);
const PCI_CONTROLLER_CONNECT = new Set<string>(['pcie-root-port', 'pci-bridge', 'pcie-to-pci-bridge', 'dmi-to-pci-bridge',
  'pci-expander-bus', 'pcie-expander-bus', 'pcie-switch-upstream-port', 'pcie-switch-downstream-port']);

/**
 * How a device plugs in (qemuDomainDeviceCalculatePCIConnectFlags): PCI controllers by their
 * model; on q35, virtio (but transitional) devices, xHCI, e1000e, bochs and NIC models libvirt
 * does not know are PCIe, every other device conventional PCI.
 */
function connectOf(def: DomainDef, kind: string, node: XNode): Connect {
  if (kind === 'controller' && getAttr(node, 'type') === 'pci') {
    const model = getAttr(node, 'model') ?? 'pci-bridge';
    if (PCI_CONTROLLER_CONNECT.has(model)) return model as Connect;
    throw internalError(`PCI controller model '${model}' cannot be placed`);
  }
  if (!isQ35(def)) return 'pci';
  const pcie = (yes: boolean): Connect => (yes ? 'pcie' : 'pci');
  const model = getAttr(node, 'model');
  switch (kind) {
    case 'controller': {
      const type = getAttr(node, 'type');
      if (type === 'usb') return pcie(model === 'qemu-xhci' || model === 'nec-xhci');
      if (type === 'scsi') return pcie(model === 'virtio-scsi' || model === 'virtio-non-transitional');
      if (type === 'virtio-serial') return pcie(model !== 'virtio-transitional');
      return 'pci';
    }
    case 'interface': {
      const nic = getAttr(getChild(node, 'model'), 'type');
      return pcie(nic === undefined || VIRTIO_MODELS.has(nic) || nic === 'e1000e' || !KNOWN_PCI_NICS.has(nic));
    }
    case 'video': {
      const type = getAttr(getChild(node, 'model'), 'type');
      return pcie(type === 'virtio' || type === 'bochs');
    }
    case 'filesystem': case 'disk': case 'memballoon': case 'rng': case 'input':
      return pcie(model === undefined || VIRTIO_MODELS.has(model));
    case 'hostdev':
      return 'pcie';
    default:
      return 'pci';
  }
}

/** NIC models libvirt knows that are conventional PCI (any other named model counts as PCIe). */
const KNOWN_PCI_NICS = new Set(['virtio-transitional', 'e1000', 'rtl8139', 'netfront', 'usb-net', 'spapr-vlan', 'lan9118',
  'smc91c111', 'vlance', 'vmxnet', 'vmxnet2', 'vmxnet3', 'Am79C970A', 'Am79C973', '82540EM', '82545EM', '82543GC']);

/** The devices that need a PCI slot, in libvirt's assignment order (after the chipset's own). */
function devicesInOrder(def: DomainDef): [string, XNode][] {
  const l = def.devices.lists;
  const out: [string, XNode][] = [];
  const ctrl = (c: XNode): [string, XNode] => ['controller', c];
  out.push(...l.controller.filter((c) => getAttr(c, 'type') === 'pci' && !['pci-root', 'pcie-root'].includes(getAttr(c, 'model') ?? '')).map(ctrl));
  out.push(...l.filesystem.map((n): [string, XNode] => ['filesystem', n]));
  out.push(...l.interface.filter((n) => getAttr(n, 'type') !== 'hostdev').map((n): [string, XNode] => ['interface', n]));
  out.push(...l.sound.filter((n) => !['sb16', 'pcspk', 'usb'].includes(getAttr(n, 'model') ?? '')).map((n): [string, XNode] => ['sound', n]));
  out.push(...l.controller.filter((c) => {
    const type = getAttr(c, 'type');
    const model = getAttr(c, 'model');
    if (type === 'pci' || type === 'fdc' || type === 'ccid') return false;
    if (type === 'usb' && model === 'none') return false;
    if (type === 'ide' && getAttr(c, 'index') === '0') return false;
    if (type === 'scsi' && model === 'ncr53c90') return false;
    return true;
  }).map(ctrl));
  out.push(...l.disk.filter((d) => getAttr(getChild(d, 'target'), 'bus') === 'virtio').map((n): [string, XNode] => ['disk', n]));
  out.push(...l.hostdev.filter((h) => getAttr(h, 'mode') !== 'capabilities' && getAttr(h, 'type') === 'pci').map((n): [string, XNode] => ['hostdev', n]));
  out.push(...l.memballoon.filter((m) => getAttr(m, 'model') !== 'none').map((n): [string, XNode] => ['memballoon', n]));
  out.push(...l.rng.map((n): [string, XNode] => ['rng', n]));
  out.push(...l.watchdog.filter((w) => getAttr(w, 'model') === 'i6300esb').map((n): [string, XNode] => ['watchdog', n]));
  out.push(...l.video.filter((v) => !['none', 'ramfb'].includes(getAttr(getChild(v, 'model'), 'type') ?? '')).map((n): [string, XNode] => ['video', n]));
  out.push(...l.shmem.map((n): [string, XNode] => ['shmem', n]));
  out.push(...l.input.filter((i) => getAttr(i, 'bus') === 'virtio').map((n): [string, XNode] => ['input', n]));
  out.push(...l.serial.filter((s) => getAttr(getChild(s, 'target'), 'type') === 'pci-serial').map((n): [string, XNode] => ['serial', n]));
  return out;
}

function controllerIndex(c: XNode): number {
  return Number(getAttr(c, 'index'));
}

function buildSet(def: DomainDef, planning = false): PciAddressSet {
  const set = new PciAddressSet(planning);
  const pci = def.devices.lists.controller.filter((c) => getAttr(c, 'type') === 'pci').sort((a, b) => controllerIndex(a) - controllerIndex(b));
  for (const c of pci) set.addBus(getAttr(c, 'model') ?? 'pci-bridge');
  for (const list of Object.values(def.devices.lists)) {
    for (const node of list) {
      const a = readPciAddress(node);
      if (a) set.reserve(a, getAttr(node, 'model') === 'pcie-root-port');
    }
  }
  return set;
}

/**
 * Fixed chipset slots: PIIX3 functions of slot 1 and VGA at slot 2 (pc); on q35 SATA at 0x1f.2,
 * ICH9's own functions of 0x1f, VGA at slot 1, and where free a dmi-to-pci-bridge at 0x1e and
 * an ICH9 sound device at 0x1b, their places on real hardware.
 */
function reserveChipset(def: DomainDef, set: PciAddressSet): void {
  const l = def.devices.lists;
  const place = (node: XNode | undefined, a: PciAddress): void => {
    if (!node) return;
    if (wantsPciAddress(node)) writePciAddress(node, a);
    set.reserve(readPciAddress(node)!);
  };
  const slotFree = (slot: number): boolean => !set.buses[0]?.used.has(slot);
  const primaryVideo = l.video[0];
  const videoType = primaryVideo ? getAttr(getChild(primaryVideo, 'model'), 'type') : undefined;
  const videoSlot = isQ35(def) ? 1 : 2;
  if (isI440fx(def)) {
    place(l.controller.find((c) => getAttr(c, 'type') === 'ide' && getAttr(c, 'index') === '0'), { bus: 0, slot: 1, function: 1 });
    place(l.controller.find((c) => getAttr(c, 'type') === 'usb' && getAttr(c, 'index') === '0'
      && ['piix3-uhci', undefined].includes(getAttr(c, 'model'))), { bus: 0, slot: 1, function: 2 });
    set.reserve({ bus: 0, slot: 1, function: 0 });
    set.reserve({ bus: 0, slot: 1, function: 3 });
  } else if (isQ35(def)) {
    place(l.controller.find((c) => getAttr(c, 'type') === 'sata' && getAttr(c, 'index') === '0'), { bus: 0, slot: 0x1f, function: 2 });
    const dmi = l.controller.find((c) => getAttr(c, 'type') === 'pci' && getAttr(c, 'model') === 'dmi-to-pci-bridge' && wantsPciAddress(c));
    if (dmi && slotFree(0x1e)) place(dmi, { bus: 0, slot: 0x1e, function: 0 });
    // the first USB2 controller's UHCI part, where ICH9 has it: 0x1d, else 0x1a
    const uhci1 = l.controller.find((c) => getAttr(c, 'type') === 'usb' && getAttr(c, 'model') === 'ich9-uhci1' && wantsPciAddress(c));
    const usbSlot = [0x1d, 0x1a].find(slotFree);
    if (uhci1 && usbSlot !== undefined) place(uhci1, { bus: 0, slot: usbSlot, function: 0, multifunction: 'on' });
    set.reserve({ bus: 0, slot: 0x1f, function: 0 });
    set.reserve({ bus: 0, slot: 0x1f, function: 3 });
  } else return;
  if (primaryVideo && videoType !== 'none' && videoType !== 'ramfb' && wantsPciAddress(primaryVideo)) {
    const wanted = { bus: 0, slot: videoSlot, function: 0 };
    if (!set.isUsed(wanted)) place(primaryVideo, wanted);
  }
  if (isQ35(def) && slotFree(0x1b)) {
    place(l.sound.find((s) => getAttr(s, 'model') === 'ich9' && wantsPciAddress(s)), { bus: 0, slot: 0x1b, function: 0 });
  }
}

function noSlot(): Error {
  return unsupported('No more available PCI slots');
}

/** USB2 controllers share one slot per controller index, each model at its own function. */
const USB2_FUNCTIONS: Record<string, number> = { 'ich9-ehci1': 7, 'ich9-uhci1': 0, 'ich9-uhci2': 1, 'ich9-uhci3': 2 };

function usb2Siblings(def: DomainDef, node: XNode): XNode[] {
  return def.devices.lists.controller.filter((c) => c !== node && getAttr(c, 'type') === 'usb'
    && USB2_FUNCTIONS[getAttr(c, 'model') ?? ''] !== undefined && getAttr(c, 'index') === getAttr(node, 'index'));
}

/**
 * Give every device still without an address the next free one, in libvirt's order;
 * `addressOf` tells where a device already went (written, or planned in the first pass).
 */
function placeDevices(def: DomainDef, set: PciAddressSet, record: (node: XNode, a: PciAddress) => void,
  addressOf: (node: XNode) => PciAddress | undefined): void {
  for (const [kind, node] of devicesInOrder(def)) {
    if (!wantsPciAddress(node)) continue;
    const connect = connectOf(def, kind, node);
    const model = getAttr(node, 'model') ?? '';
    const fn = kind === 'controller' && getAttr(node, 'type') === 'usb' ? USB2_FUNCTIONS[model] : undefined;
    let a: PciAddress | undefined;
    if (fn === undefined) {
      a = set.next(connect);
    } else {
      const sibling = usb2Siblings(def, node).map(addressOf).find((s) => s !== undefined);
      a = sibling ? { bus: sibling.bus, slot: sibling.slot, function: fn } : set.next(connect, fn);
      if (a && model === 'ich9-uhci1') a.multifunction = 'on';
    }
    if (!a) throw noSlot();
    set.reserve(a, connect === 'pcie-root-port');
    record(node, a);
  }
}

/**
 * libvirt's first pass: place every device in a set that grows as needed, then add the
 * controllers it grew by. A definition with no PCI controller of its own but the root, on q35,
 * also gets one spare root port for hotplug once anything was added.
 */
function addNeededControllers(def: DomainDef): void {
  const controllers = def.devices.lists.controller;
  const maxIndex = Math.max(-1, ...controllers.filter((c) => getAttr(c, 'type') === 'pci').map(controllerIndex));
  const set = buildSet(def, true);
  reserveChipset(def, set);
  if (isI440fx(def) && !set.full()) set.reserve(set.next('pci')!); // room kept for a future bridge
  const planned = new Map<XNode, PciAddress>();
  placeDevices(def, set, (node, a) => planned.set(node, a), (node) => readPciAddress(node) ?? planned.get(node));
  if (isQ35(def) && maxIndex <= 0 && set.buses.length > maxIndex + 1) set.reserve(set.next('pcie')!);
  for (let i = maxIndex + 1; i < set.buses.length; i++) {
    addController(controllers, newXNode('controller', [['type', 'pci'], ['index', String(i)], ['model', set.buses[i]!.model]]));
  }
}

export function assignPciAddresses(def: DomainDef): void {
  if (!isI440fx(def) && !isQ35(def)) {
    if (devicesInOrder(def).some(([, n]) => wantsPciAddress(n))) throw xmlError('No PCI buses available');
    return;
  }
  addNeededControllers(def);
  const set = buildSet(def);
  reserveChipset(def, set);
  placeDevices(def, set, writePciAddress, readPciAddress);
  markMultifunction(def);
  fillPciControllerOptions(def);
}

/** Function 0 of a slot with several functions in use is written multifunction='on'. */
function markMultifunction(def: DomainDef): void {
  const all = Object.values(def.devices.lists).flat();
  const functions = new Map<string, number>();
  for (const n of all) {
    const a = readPciAddress(n);
    if (a) functions.set(`${a.bus}:${a.slot}`, (functions.get(`${a.bus}:${a.slot}`) ?? 0) + 1);
  }
  for (const n of all) {
    const a = readPciAddress(n);
    if (a && a.function === 0 && a.multifunction === undefined && (functions.get(`${a.bus}:${a.slot}`) ?? 0) > 1) {
      writePciAddress(n, { ...a, multifunction: 'on' });
    }
  }
}

const TARGET_ATTRS = ['chassisNr', 'chassis', 'port', 'busNr', 'index', 'hotplug'];

/** PCI controllers state their model name and the chassis/port numbers libvirt derives from index and address. */
function fillPciControllerOptions(def: DomainDef): void {
  for (const c of def.devices.lists.controller) {
    const model = getAttr(c, 'model') ?? '';
    const modelName = PCI_MODEL_NAMES[model];
    if (getAttr(c, 'type') !== 'pci' || !modelName) continue;
    const a = readPciAddress(c);
    const index = String(controllerIndex(c));
    const derived: Record<string, string> = {};
    if (model === 'pci-bridge') derived.chassisNr = index;
    if (model === 'pcie-root-port' && a) Object.assign(derived, { chassis: index, port: '0x' + ((a.slot << 3) + a.function).toString(16) });
    if (model === 'pcie-switch-downstream-port' && a) Object.assign(derived, { chassis: index, port: '0x' + a.slot.toString(16) });
    const target = getChild(c, 'target') ?? newXNode('target');
    const attrs = new Map([...Object.entries(derived), ...target.attrs]);
    target.attrs = [...TARGET_ATTRS.filter((n) => attrs.has(n)).map((n): [string, string] => [n, attrs.get(n)!]),
      ...target.attrs.filter(([n]) => !TARGET_ATTRS.includes(n))];
    const others = c.children.filter((ch) => ch.name !== 'model' && ch.name !== 'target' && ch.name !== 'address');
    const address = getChild(c, 'address');
    c.children = [getChild(c, 'model') ?? newXNode('model', [['name', modelName]]), ...others,
      ...(target.attrs.length || target.children.length ? [target] : []), ...(address ? [address] : [])];
  }
}
