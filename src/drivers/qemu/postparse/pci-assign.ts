/**
 * PCI addresses for every device that needs one, assigned in libvirt's order
 * (qemuDomainAssignPCIAddresses): chipset devices at their fixed slots, then PCI controllers,
 * filesystems, interfaces, sound, other controllers, virtio disks, host devices, balloon, rng,
 * watchdog, video, shared memory, virtio input. On q35 each hot-pluggable PCIe device gets a
 * pcie-root-port of its own, plus one spare for hotplug, as libvirt adds them.
 */
import type { DomainDef } from '../../../conf/domain/index.js';
import { getAttr, getChild, newXNode, type XNode } from '../../../conf/domain/xnode.js';
import { unsupported, xmlError } from '../../../conf/domain/parse-util.js';
import { addController } from './defaults.js';
import { isI440fx, isQ35 } from './machine.js';
import { readPciAddress, wantsPciAddress, writePciAddress, type PciAddress } from './pci-address.js';

/** How a device plugs in: a conventional PCI slot, a hot-pluggable PCIe slot, or a root port on pcie-root. */
type Connect = 'pci' | 'pcie' | 'root-port';

interface Bus {
  model: string;
  /** function bit sets by slot */
  used: Map<number, Set<number>>;
  /** slots whose functions hold root ports (filled function by function) */
  aggregated: Set<number>;
}

const ACCEPTS: Record<string, Connect[]> = {
  'pci-root': ['pci'], 'pci-bridge': ['pci'], 'pcie-root': ['root-port'], 'pcie-root-port': ['pcie'],
};
const SLOT_RANGE: Record<string, [number, number]> = {
  'pci-root': [1, 31], 'pci-bridge': [1, 31], 'pcie-root': [1, 31], 'pcie-root-port': [0, 0],
};

class PciAddressSet {
  readonly buses: Bus[] = [];

  addBus(model: string): void {
    this.buses.push({ model, used: new Map(), aggregated: new Set() });
  }

  isUsed(a: PciAddress): boolean {
    return this.buses[a.bus]?.used.get(a.slot)?.has(a.function) ?? false;
  }

  reserve(a: PciAddress, aggregate = false): void {
    const bus = this.buses[a.bus];
    if (!bus) return;
    if (!bus.used.has(a.slot)) bus.used.set(a.slot, new Set());
    bus.used.get(a.slot)!.add(a.function);
    if (aggregate) bus.aggregated.add(a.slot);
  }

  next(connect: Connect): PciAddress | undefined {
    for (let b = 0; b < this.buses.length; b++) {
      const bus = this.buses[b]!;
      if (!ACCEPTS[bus.model]?.includes(connect)) continue;
      const [min, max] = SLOT_RANGE[bus.model]!;
      if (connect === 'root-port') {
        for (const slot of bus.aggregated) {
          const used = bus.used.get(slot)!;
          for (let f = 0; f < 8; f++) if (!used.has(f)) return { bus: b, slot, function: f };
        }
      }
      for (let slot = min; slot <= max; slot++) if (!bus.used.has(slot)) return { bus: b, slot, function: 0 };
    }
    return undefined;
  }
}

const VIRTIO_MODELS = new Set(['virtio', 'virtio-transitional', 'virtio-non-transitional', 'virtio-scsi']);
const PCIE_CONTROLLER_MODELS = new Set(['qemu-xhci', 'nec-xhci', 'virtio-scsi', 'pcie-root-port']);

/** A device's connection on q35: virtio devices, xHCI, e1000e are PCIe; the rest conventional PCI. */
function connectOf(def: DomainDef, kind: string, node: XNode): Connect {
  if (!isQ35(def)) return 'pci';
  if (kind === 'controller') {
    const type = getAttr(node, 'type');
    const model = getAttr(node, 'model');
    if (type === 'pci') return 'root-port';
    if (type === 'virtio-serial' || (model && PCIE_CONTROLLER_MODELS.has(model))) return 'pcie';
    if (type === 'scsi' && model === undefined) return 'pcie';
    return 'pci';
  }
  const model = kind === 'interface' ? getAttr(getChild(node, 'model'), 'type') ?? 'virtio' : kind === 'video'
    ? getAttr(getChild(node, 'model'), 'type') : getAttr(node, 'model') ?? (kind === 'disk' ? 'virtio' : undefined);
  if (model && (VIRTIO_MODELS.has(model) || model === 'e1000e')) return 'pcie';
  if (kind === 'disk' || kind === 'filesystem' || kind === 'input') return 'pcie';
  return 'pci';
}

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

function buildSet(def: DomainDef): PciAddressSet {
  const set = new PciAddressSet();
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

/** Fixed chipset slots: PIIX3 functions of slot 1 and VGA at slot 2 (pc), ICH9 at 0x1f and VGA at slot 1 (q35). */
function reserveChipset(def: DomainDef, set: PciAddressSet): void {
  const l = def.devices.lists;
  const place = (node: XNode | undefined, a: PciAddress): void => {
    if (!node) return;
    if (wantsPciAddress(node)) writePciAddress(node, a);
    set.reserve(readPciAddress(node)!);
  };
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
    set.reserve({ bus: 0, slot: 0x1f, function: 0 });
    set.reserve({ bus: 0, slot: 0x1f, function: 3 });
  } else return;
  if (primaryVideo && videoType !== 'none' && videoType !== 'ramfb' && wantsPciAddress(primaryVideo)) {
    const wanted = { bus: 0, slot: videoSlot, function: 0 };
    if (!set.isUsed(wanted)) place(primaryVideo, wanted);
  }
}

function noSlot(): Error {
  return unsupported('No more available PCI slots');
}

/** Add the pcie-root-ports a fresh q35 definition needs: one per PCIe device, plus a spare. */
function addRootPorts(def: DomainDef): void {
  const controllers = def.devices.lists.controller;
  const pciControllers = controllers.filter((c) => getAttr(c, 'type') === 'pci');
  const maxIndex = Math.max(-1, ...pciControllers.map(controllerIndex));
  const occupied = new Set<number>();
  for (const list of Object.values(def.devices.lists)) for (const n of list) {
    const a = readPciAddress(n);
    if (a && a.bus > 0) occupied.add(a.bus);
  }
  const emptyPorts = pciControllers.filter((c) => getAttr(c, 'model') === 'pcie-root-port' && !occupied.has(controllerIndex(c))).length;
  const needing = devicesInOrder(def).filter(([kind, n]) => kind !== 'controller' || getAttr(n, 'type') !== 'pci')
    .filter(([kind, n]) => wantsPciAddress(n) && connectOf(def, kind, n) === 'pcie').length;
  let add = Math.max(0, needing - emptyPorts);
  if (add > 0 && maxIndex <= 0) add++;
  for (let i = 1; i <= add; i++) {
    addController(controllers, newXNode('controller', [['type', 'pci'], ['index', String(maxIndex + i)], ['model', 'pcie-root-port']]));
  }
}

export function assignPciAddresses(def: DomainDef): void {
  if (!isI440fx(def) && !isQ35(def)) {
    if (devicesInOrder(def).some(([, n]) => wantsPciAddress(n))) throw xmlError('No PCI buses available');
    return;
  }
  // the chipset's fixed slots (primary video among them) go first, so they need no root port
  reserveChipset(def, buildSet(def));
  if (isQ35(def)) addRootPorts(def);
  const set = buildSet(def);
  reserveChipset(def, set);
  for (const [kind, node] of devicesInOrder(def)) {
    if (!wantsPciAddress(node)) continue;
    const connect = connectOf(def, kind, node);
    if (isQ35(def) && connect === 'pci') throw unsupported(`tsvirt does not yet place conventional PCI ${kind} devices on q35`);
    const a = set.next(connect);
    if (!a) throw noSlot();
    writePciAddress(node, a);
    set.reserve(a, connect === 'root-port');
  }
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

/** Root ports and bridges state their model name and chassis/port as libvirt fills them in. */
function fillPciControllerOptions(def: DomainDef): void {
  for (const c of def.devices.lists.controller) {
    const model = getAttr(c, 'model');
    if (getAttr(c, 'type') !== 'pci' || model !== 'pcie-root-port') continue;
    const a = readPciAddress(c)!;
    const address = getChild(c, 'address')!;
    const others = c.children.filter((ch) => ch.name !== 'model' && ch.name !== 'target' && ch.name !== 'address');
    const modelEl = getChild(c, 'model') ?? newXNode('model', [['name', 'pcie-root-port']]);
    const target = getChild(c, 'target') ?? newXNode('target');
    if (getAttr(target, 'chassis') === undefined) target.attrs.push(['chassis', String(controllerIndex(c))]);
    if (getAttr(target, 'port') === undefined) target.attrs.push(['port', '0x' + ((a.slot << 3) + a.function).toString(16)]);
    c.children = [modelEl, ...others, target, address];
  }
}
