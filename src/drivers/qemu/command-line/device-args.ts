/** Controllers, character devices, audio and the memory balloon as `-device` / `-chardev` arguments. */
import type { DomainDef } from '../../../conf/domain/index.js';
import { getAttr, getChild, newXNode, type XNode } from '../../../conf/domain/xnode.js';
import { unsupported } from '../../../conf/domain/parse-util.js';
import { isI440fx } from '../postparse/machine.js';
import type { AliasMap } from './aliases.js';
import type { ArgList } from './args.js';
import { chardevArg } from './chardev.js';
import { pciProps, virtioDriver, virtioOptions } from './pci-props.js';
import { defaultChannelPath, type QemuDomainPaths } from './paths.js';

const CONTROLLER_ORDER = ['pci', 'usb', 'scsi', 'ide', 'sata', 'virtio-serial'];
export const USB_DRIVERS: Record<string, string> = {
  'piix3-uhci': 'piix3-usb-uhci', 'piix4-uhci': 'piix4-usb-uhci', ehci: 'usb-ehci', 'ich9-ehci1': 'ich9-usb-ehci1',
  'ich9-uhci1': 'ich9-usb-uhci1', 'ich9-uhci2': 'ich9-usb-uhci2', 'ich9-uhci3': 'ich9-usb-uhci3', 'nec-xhci': 'nec-usb-xhci',
  'qemu-xhci': 'qemu-xhci',
};
export const SCSI_DRIVERS: Record<string, string> = { 'virtio-scsi': 'virtio-scsi-pci', lsilogic: 'lsi', 'lsisas1068': 'mptsas1068' };

/** Whether the controller is built into the machine (no -device of its own). */
function isImplicit(def: DomainDef, c: XNode): boolean {
  const type = getAttr(c, 'type');
  const index = getAttr(c, 'index');
  const model = getAttr(c, 'model');
  if (type === 'pci' && (model === 'pci-root' || model === 'pcie-root')) return true;
  if (type === 'ide' && index === '0' && isI440fx(def)) return true;
  if (type === 'sata' && index === '0' && !isI440fx(def)) return true;
  if (type === 'usb' && model === 'none') return true;
  return type === 'fdc' || type === 'ccid';
}

export function controllerArgs(a: ArgList, def: DomainDef, aliases: AliasMap, q35: boolean): void {
  for (const type of CONTROLLER_ORDER) {
    const list = def.devices.lists.controller.filter((c) => getAttr(c, 'type') === type && !isImplicit(def, c))
      .sort((x, y) => Number(getAttr(x, 'index')) - Number(getAttr(y, 'index')));
    for (const c of list) a.json('-device', controllerProps(c, aliases.get(c)!, q35));
  }
}

function controllerProps(c: XNode, id: string, q35: boolean): Record<string, unknown> {
  const type = getAttr(c, 'type');
  const model = getAttr(c, 'model');
  switch (type) {
    case 'pci': {
      const driver = getAttr(getChild(c, 'model'), 'name');
      if (!driver) break;
      const target = getChild(c, 'target');
      const num = (name: string): number | undefined => (getAttr(target, name) === undefined ? undefined : Number(getAttr(target, name)));
      const hotplug = getAttr(target, 'hotplug');
      const node = target && getChild(target, 'node')?.text;
      return {
        driver, port: num('port'), chassis_nr: num('chassisNr'), chassis: num('chassis'), bus_nr: num('busNr'), id,
        numa_node: node === undefined ? undefined : Number(node), hotplug: hotplug === undefined ? undefined : hotplug === 'on',
        ...pciProps(c, q35),
      };
    }
    case 'usb': {
      const driver = USB_DRIVERS[model ?? 'piix3-uhci'];
      if (!driver) break;
      const ports = getAttr(c, 'ports');
      const xhci = model === 'qemu-xhci' || model === 'nec-xhci';
      const portProps = ports ? xhci ? { p2: Number(ports), p3: Number(ports) } : { ports: Number(ports) } : {};
      // a USB2 companion joins its master's bus instead of being a bus of its own
      const master = getChild(c, 'master');
      const owner = master ? { masterbus: `${id}.0`, firstport: Number(getAttr(master, 'startport') ?? 0) } : { id };
      return { driver, ...portProps, ...owner, ...pciProps(c, q35) };
    }
    case 'scsi': {
      const driver = SCSI_DRIVERS[model ?? 'lsilogic'];
      if (!driver) break;
      const queues = getAttr(getChild(c, 'driver'), 'queues');
      return { driver, ...(model === 'virtio-scsi' ? virtioOptions(c) : {}), id, num_queues: queues === undefined ? undefined : Number(queues), ...pciProps(c, q35) };
    }
    case 'virtio-serial':
      return { driver: 'virtio-serial-pci', ...virtioOptions(c), id, ...pciProps(c, q35) };
    case 'sata':
      return { driver: 'ahci', id, ...pciProps(c, q35) };
    case 'ide':
      return { driver: 'piix3-ide', id, ...pciProps(c, q35) };
  }
  throw unsupported(`tsvirt cannot yet build ${type} controllers of model '${model}'`);
}

const SERIAL_DRIVERS: Record<string, string> = { 'isa-serial': 'isa-serial', 'usb-serial': 'usb-serial', 'pci-serial': 'pci-serial' };

export function serialArgs(a: ArgList, def: DomainDef, aliases: AliasMap, q35: boolean): void {
  for (const s of def.devices.lists.serial) {
    const id = aliases.get(s)!;
    a.add('-chardev', chardevArg(s, `char${id}`));
    const target = getChild(s, 'target');
    const model = getAttr(getChild(target ?? { name: '', attrs: [], children: [] }, 'model'), 'name') ?? 'isa-serial';
    const driver = SERIAL_DRIVERS[model];
    if (!driver) throw unsupported(`tsvirt cannot yet build serial ports of model '${model}'`);
    const index = driver === 'isa-serial' ? Number(getAttr(target, 'port')) : undefined;
    a.json('-device', { driver, chardev: `char${id}`, id, index, ...pciProps(s, q35) });
  }
}

/**
 * virtio channels and consoles as ports of a virtio-serial controller. A unix channel without a
 * path listens in the domain's channel directory under the channel's name (the guest agent's).
 */
export function channelArgs(a: ArgList, def: DomainDef, aliases: AliasMap, paths: QemuDomainPaths): void {
  for (const c of def.devices.lists.channel) virtioPort(a, c, aliases.get(c)!, 'virtserialport', paths);
  for (const c of def.devices.lists.console) {
    if (getAttr(getChild(c, 'target'), 'type') === 'virtio') virtioPort(a, c, aliases.get(c)!, 'virtconsole', paths);
  }
}

function virtioPort(a: ArgList, node: XNode, id: string, driver: string, paths: QemuDomainPaths): void {
  const target = getChild(node, 'target');
  const targetType = getAttr(target, 'type');
  if (targetType !== 'virtio') throw unsupported(`tsvirt cannot yet build ${targetType} channels`);
  const name = getAttr(target, 'name');
  const path = defaultChannelPath(paths, node);
  const chr: XNode = path === undefined ? node : { ...node, children: [newXNode('source', [['mode', 'bind'], ['path', path]])] };
  a.add('-chardev', chardevArg(chr, `char${id}`));
  const addr = getChild(node, 'address');
  a.json('-device', {
    driver, bus: `virtio-serial${getAttr(addr, 'controller') ?? 0}.${getAttr(addr, 'bus') ?? 0}`, nr: Number(getAttr(addr, 'port')),
    chardev: `char${id}`, id, name,
  });
}

export function parallelArgs(a: ArgList, def: DomainDef, aliases: AliasMap): void {
  for (const p of def.devices.lists.parallel) {
    const id = aliases.get(p)!;
    a.add('-chardev', chardevArg(p, `char${id}`));
    a.json('-device', { driver: 'isa-parallel', chardev: `char${id}`, id });
  }
}

/** The pvpanic device (ISA model), written after the sandbox options as libvirt does. */
export function panicArgs(a: ArgList, def: DomainDef): void {
  for (const p of def.devices.lists.panic) {
    const model = getAttr(p, 'model') ?? 'isa';
    if (model !== 'isa') throw unsupported(`tsvirt cannot yet build panic devices of model '${model}'`);
    const iobase = getAttr(getChild(p, 'address'), 'iobase');
    a.json('-device', { driver: 'pvpanic', ioport: iobase === undefined ? undefined : Number(iobase) });
  }
}

export function audioArgs(a: ArgList, def: DomainDef): void {
  for (const au of def.devices.lists.audio) a.json('-audiodev', { id: `audio${getAttr(au, 'id')}`, driver: getAttr(au, 'type') });
}

export function balloonArgs(a: ArgList, def: DomainDef, aliases: AliasMap, q35: boolean): void {
  for (const b of def.devices.lists.memballoon) {
    if (getAttr(b, 'model') === 'none') continue;
    const deflate = getAttr(b, 'autodeflate');
    const reporting = getAttr(b, 'freePageReporting');
    a.json('-device', {
      driver: virtioDriver('virtio-balloon-pci', getAttr(b, 'model')), ...virtioOptions(b), id: aliases.get(b), ...pciProps(b, q35),
      'deflate-on-oom': deflate ? deflate === 'on' : undefined, 'free-page-reporting': reporting ? reporting === 'on' : undefined,
    });
  }
}
