/**
 * QEMU `-device` values back to domain XML devices, for domxml-from-native. The driver names come
 * from the same tables the command line is built from, read backwards.
 */
import { escapeXml } from '../../../conf/xml.js';
import { CACHE_MODES } from './disk-args.js';
import { SCSI_DRIVERS, USB_DRIVERS } from './device-args.js';
import { USB_INPUTS, VIDEO_DRIVERS, VIRTIO_INPUTS } from './display-args.js';
import { NIC_DRIVERS } from './net-args.js';
import { CARD_DRIVERS, CODEC_DRIVERS } from './sound-args.js';
import { PCI_MODEL_NAMES } from '../postparse/pci-bus.js';
import { keyValues, type Props } from './native-argv.js';

/** What the other options of the command line declared, which devices refer to by id. */
export interface NativeBackends {
  blockdevs: Map<string, Props>;
  chardevs: Map<string, Map<string, string>>;
  netdevs: Map<string, Props>;
  objects: Map<string, Props>;
  watchdogAction?: string;
  /** `-global` properties, by `driver.property`. */
  globals: Map<string, string>;
  /** Disk target names given so far, so that disks whose id carries no index get the next free one. */
  diskNames: Set<string>;
  /** Every -device, for devices made of several (a sound card and its codecs). */
  devices: Props[];
  /** The -audiodev backends in order: a sound device names its own only when it is not the first. */
  audiodevs: Props[];
}

const invert = (table: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(table).map(([k, v]) => [v, k]));
const NIC_MODELS = invert(NIC_DRIVERS);
const SCSI_MODELS = invert(SCSI_DRIVERS);
const USB_MODELS = invert(USB_DRIVERS);
const USB_INPUT_TYPES = invert(USB_INPUTS);
const VIRTIO_INPUT_TYPES = invert(VIRTIO_INPUTS);
const VIDEO_MODELS: Record<string, string> = Object.fromEntries(Object.entries(VIDEO_DRIVERS).flatMap(([model, drivers]) =>
  drivers.filter((d): d is string => d !== undefined).map((d) => [d, model])));
const SOUND_MODELS = invert(CARD_DRIVERS);
const CODEC_TYPES = invert(CODEC_DRIVERS);
const EMULATED_NICS = new Set(['e1000', 'e1000e', 'rtl8139', 'ne2k_pci', 'pcnet', 'vmxnet3']);
const PCI_WATCHDOGS = new Set(['i6300esb']);
const ISA_WATCHDOGS = new Set(['ib700', 'itco']);

const attr = (name: string, value: unknown): string => (value === undefined ? '' : ` ${name}='${escapeXml(String(value))}'`);
const hex = (n: number, width: number): string => `0x${n.toString(16).padStart(width, '0')}`;

/** `<address type='pci'>` from the `bus` (pci.N / pcie.0) and `addr` (0xS[.0xF]) properties. */
function pciAddress(d: Props): string {
  const bus = /^pcie?\.(\d+)$/.exec(String(d.bus ?? ''));
  const addr = /^0x([0-9a-f]+)(?:\.0x([0-7]))?$/i.exec(String(d.addr ?? ''));
  if (!bus || !addr) return '';
  const fn = Number.parseInt(addr[2] ?? '0', 16);
  const multi = d.multifunction === undefined ? '' : attr('multifunction', d.multifunction ? 'on' : 'off');
  return `<address type='pci' domain='0x0000' bus='${hex(Number(bus[1]), 2)}' slot='${hex(Number.parseInt(addr[1]!, 16), 2)}'`
    + ` function='${hex(fn, 1)}'${multi}/>`;
}

const bootOrder = (d: Props): string => (d.bootindex === undefined ? '' : `<boot order='${Number(d.bootindex)}'/>`);

/** The virtio transport switches, as `<driver>` attributes (the reverse of pci-props' virtioOptions). */
const VIRTIO_SWITCHES: [prop: string, attr: string][] = [['iommu_platform', 'iommu'], ['ats', 'ats'], ['packed', 'packed'],
  ['page-per-vq', 'page_per_vq']];
const virtioAttrs = (d: Props): string =>
  VIRTIO_SWITCHES.map(([prop, name]) => (d[prop] === undefined ? '' : attr(name, d[prop] ? 'on' : 'off'))).join('');
const acpiIndex = (d: Props): string => (d['acpi-index'] === undefined ? '' : `<acpi index='${Number(d['acpi-index'])}'/>`);

/** Target names: the prefix, then the index in base 26 letters (0 → a, 26 → aa). */
function diskName(prefix: string, index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(97 + ((n - 1) % 26)) + s;
  return prefix + s;
}

/** The `cache` mode whose properties match the storage node's and the device's write-cache. */
function cacheMode(storage: Props, d: Props): string | undefined {
  const cache = storage.cache as { direct?: boolean; 'no-flush'?: boolean } | undefined;
  if (!cache) return undefined;
  const writeback = d['write-cache'] !== 'off';
  return Object.entries(CACHE_MODES).find(([name, m]) => name !== 'default' && m.direct === cache.direct
    && m.noFlush === cache['no-flush'] && m.writeback === writeback)?.[0];
}

interface DiskPlace { bus: string; dev: string; address: string }

/** Where a disk device sits: its bus, its target name and its drive address, from its id. */
function diskPlace(driver: string, d: Props): DiskPlace | undefined {
  const id = String(d.id ?? '');
  const virtio = /^virtio-disk(\d+)$/.exec(id);
  if (virtio) return { bus: 'virtio', dev: diskName('vd', Number(virtio[1])), address: pciAddress(d) };
  const ide = /^(ide|sata)(\d+)-(\d+)-(\d+)$/.exec(id);
  if (ide) {
    const [ctl, b, unit] = ide.slice(2).map(Number) as [number, number, number];
    const sata = ide[1] === 'sata';
    const index = sata ? ctl * 6 + unit : b * 2 + unit;
    return { bus: ide[1]!, dev: diskName(sata ? 'sd' : 'hd', index),
      address: `<address type='drive' controller='${ctl}' bus='${sata ? 0 : b}' target='0' unit='${unit}'/>` };
  }
  const scsi = /^scsi(\d+)-(\d+)-(\d+)-(\d+)$/.exec(id);
  if (scsi) {
    const [ctl, bus, target, unit] = scsi.slice(1).map(Number) as [number, number, number, number];
    return { bus: 'scsi', dev: '', address: `<address type='drive' controller='${ctl}' bus='${bus}' target='${target}' unit='${unit}'/>` };
  }
  const floppy = /^fdc0-0-(\d+)$/.exec(id);
  if (floppy) return { bus: 'fdc', dev: diskName('fd', Number(floppy[1])), address: `<address type='drive' controller='0' bus='0' target='0' unit='${floppy[1]}'/>` };
  const usb = /^usb-disk(\d+)$/.exec(id);
  if (usb) return { bus: 'usb', dev: diskName('sd', Number(usb[1])), address: usbAddress(d) };
  return driver === 'virtio-blk-pci' ? { bus: 'virtio', dev: '', address: pciAddress(d) } : undefined;
}

function freeDiskName(used: Set<string>, prefix: string): string {
  let i = 0;
  while (used.has(diskName(prefix, i))) i++;
  return diskName(prefix, i);
}

function usbAddress(d: Props): string {
  const bus = /^usb(\d*)\.0$/.exec(String(d.bus ?? ''));
  return bus && d.port !== undefined ? `<address type='usb' bus='${bus[1] || 0}' port='${escapeXml(String(d.port))}'/>` : '';
}

const DISK_DRIVERS = new Set(['virtio-blk-pci', 'ide-hd', 'ide-cd', 'scsi-hd', 'scsi-cd', 'floppy', 'usb-storage']);

function diskXml(driver: string, d: Props, b: NativeBackends): string | undefined {
  const place = diskPlace(driver, d);
  if (!place) return undefined;
  const dev = place.dev || freeDiskName(b.diskNames, place.bus === 'virtio' ? 'vd' : 'sd');
  b.diskNames.add(dev);
  const format = b.blockdevs.get(String(d.drive));
  const storage = format ? b.blockdevs.get(String(format.file)) : undefined;
  const cdrom = driver.endsWith('-cd');
  const device = cdrom ? 'cdrom' : driver === 'floppy' ? 'floppy' : 'disk';
  const block = storage?.driver === 'host_device' || storage?.driver === 'host_cdrom';
  const source = storage ? `<source ${block ? 'dev' : 'file'}='${escapeXml(String(storage.filename))}'/>` : '';
  const cache = storage ? cacheMode(storage, d) : undefined;
  const driverXml = `<driver name='qemu' type='${escapeXml(String(format?.driver ?? 'raw'))}'${attr('cache', cache)}${attr('io', storage?.aio)}`
    + `${virtioAttrs(d)}/>`;
  // a floppy's boot index is a property of its controller (isa-fdc.bootindexA/B)
  const boot = driver === 'floppy' ? floppyBoot(d, b) : bootOrder(d);
  const readonly = format?.['read-only'] === true && !cdrom ? '<readonly/>' : '';
  return `<disk type='${block ? 'block' : 'file'}' device='${device}'>${driverXml}${source}`
    + `<target dev='${dev}' bus='${place.bus}'/>${boot}${readonly}${acpiIndex(d)}${place.address}</disk>`;
}

function floppyBoot(d: Props, b: NativeBackends): string {
  const index = b.globals.get(`isa-fdc.bootindex${Number(d.unit ?? 0) === 0 ? 'A' : 'B'}`);
  return index === undefined ? '' : `<boot order='${Number(index)}'/>`;
}

function nicXml(driver: string, d: Props, b: NativeBackends): string | undefined {
  const model = NIC_MODELS[driver] ?? (EMULATED_NICS.has(driver) ? driver : undefined);
  if (!model) return undefined;
  const backend = b.netdevs.get(String(d.netdev));
  const type = backend?.type === 'user' ? 'user' : 'ethernet';
  return `<interface type='${type}'>${d.mac ? `<mac address='${escapeXml(String(d.mac))}'/>` : ''}<model type='${model}'/>`
    + `${virtioAttrs(d) ? `<driver${virtioAttrs(d)}/>` : ''}${bootOrder(d)}${acpiIndex(d)}${pciAddress(d)}</interface>`;
}

/** The type attribute and inner elements of a character device, from its -chardev options. */
function chardevXml(chr: Map<string, string>): { type: string; inner: string } {
  const backend = chr.get('')!;
  const path = chr.get('path');
  const mode = chr.get('server') === 'on' ? 'bind' : 'connect';
  switch (backend) {
    case 'file': return { type: 'file', inner: `<source path='${escapeXml(path ?? '')}'/>` };
    case 'socket':
      if (path !== undefined) return { type: 'unix', inner: `<source mode='${mode}' path='${escapeXml(path)}'/>` };
      return { type: 'tcp', inner: `<source mode='${mode}'${attr('host', chr.get('host'))}${attr('service', chr.get('port'))}/>`
        + `<protocol type='${chr.get('telnet') === 'on' ? 'telnet' : 'raw'}'/>` };
    default: return { type: backend, inner: '' };
  }
}

function charXml(element: string, d: Props, b: NativeBackends, target = ''): string | undefined {
  const chr = b.chardevs.get(String(d.chardev));
  if (!chr) return undefined;
  const { type, inner } = chardevXml(chr);
  return `<${element} type='${type}'>${inner}${target}</${element}>`;
}

const PCI_MODELS = invert(PCI_MODEL_NAMES);

/** A PCI controller's `<target>` from the properties device-args writes for its model. */
function pciTarget(d: Props): string {
  const node = d.numa_node === undefined ? '' : `<node>${Number(d.numa_node)}</node>`;
  const attrs = attr('chassisNr', d.chassis_nr) + attr('chassis', d.chassis)
    + (d.port === undefined ? '' : attr('port', `0x${Number(d.port).toString(16)}`)) + attr('busNr', d.bus_nr)
    + (d.hotplug === undefined ? '' : attr('hotplug', d.hotplug ? 'on' : 'off'));
  return attrs || node ? `<target${attrs}>${node}</target>` : '';
}

function controllerXml(driver: string, d: Props): string | undefined {
  const id = String(d.id ?? '');
  if (PCI_MODELS[driver]) {
    const index = /^pci\.(\d+)$/.exec(id)?.[1];
    if (index === undefined) return undefined;
    return `<controller type='pci' index='${index}' model='${PCI_MODELS[driver]}'>${pciTarget(d)}${pciAddress(d)}</controller>`;
  }
  if (USB_MODELS[driver]) {
    const ports = d.p2 !== undefined ? attr('ports', d.p2) : '';
    // a USB2 companion names its master's bus instead of an id of its own
    const bus = d.masterbus === undefined ? id : String(d.masterbus).replace(/\.0$/, '');
    const master = d.masterbus === undefined ? '' : `<master startport='${Number(d.firstport ?? 0)}'/>`;
    return `<controller type='usb' index='${/^usb(\d+)$/.exec(bus)?.[1] ?? 0}' model='${USB_MODELS[driver]}'${ports}>${master}${pciAddress(d)}</controller>`;
  }
  if (SCSI_MODELS[driver]) {
    const queues = d.num_queues === undefined ? '' : `<driver queues='${d.num_queues}'/>`;
    return `<controller type='scsi' index='${/(\d+)$/.exec(id)?.[1] ?? 0}' model='${SCSI_MODELS[driver]}'>${queues}${pciAddress(d)}</controller>`;
  }
  if (driver === 'virtio-serial-pci') return `<controller type='virtio-serial' index='${/(\d+)$/.exec(id)?.[1] ?? 0}'>${pciAddress(d)}</controller>`;
  return undefined;
}

/** The model of a virtio device whose QEMU driver is `base` or one of its transitional variants. */
function virtioModel(base: string, driver: string): string | undefined {
  if (driver === base) return 'virtio';
  return driver.startsWith(`${base}-`) ? `virtio-${driver.slice(base.length + 1)}` : undefined;
}

/** A sound card with its HDA codecs (the devices on its bus) unless they are the single default duplex one. */
function soundXml(model: string, d: Props, b: NativeBackends): string {
  const bus = `${String(d.id)}.0`;
  const codecs = b.devices.filter((c) => c.bus === bus && CODEC_TYPES[String(c.driver)]).map((c) => CODEC_TYPES[String(c.driver)]!);
  const audiodev = d.audiodev ?? b.devices.find((c) => c.bus === bus)?.audiodev;
  const audio = audiodev === undefined || audiodev === b.audiodevs[0]?.id ? '' : `<audio id='${String(audiodev).replace(/^audio/, '')}'/>`;
  const codecXml = codecs.length === 1 && codecs[0] === 'duplex' ? '' : codecs.map((t) => `<codec type='${t}'/>`).join('');
  return `<sound model='${model}'>${codecXml}${audio}${model === 'usb' ? usbAddress(d) : pciAddress(d)}</sound>`;
}

function rngXml(model: string, d: Props, b: NativeBackends): string | undefined {
  const obj = b.objects.get(String(d.rng));
  const backend = obj?.['qom-type'] === 'rng-random' ? `<backend model='random'>${escapeXml(String(obj.filename))}</backend>`
    : obj?.['qom-type'] === 'rng-builtin' ? "<backend model='builtin'/>" : undefined;
  if (!backend) return undefined;
  const rate = d['max-bytes'] === undefined ? '' : `<rate bytes='${d['max-bytes']}'${attr('period', d.period)}/>`;
  return `<rng model='${model}'>${rate}${backend}${pciAddress(d)}</rng>`;
}

/** Video memory sizes in KiB, from the properties display-args writes for each model. */
function videoXml(model: string, d: Props): string {
  const kib = (prop: string, scale: number): number | undefined => (d[prop] === undefined ? undefined : Number(d[prop]) * scale);
  const sizes = model === 'qxl'
    ? attr('ram', kib('ram_size', 1 / 1024)) + attr('vram', kib('vram_size', 1 / 1024)) + attr('vram64', kib('vram64_size_mb', 1024))
      + attr('vgamem', kib('vgamem_mb', 1024))
    : model === 'vga' || model === 'vmvga' ? attr('vram', kib('vgamem_mb', 1024))
      : model === 'bochs' ? attr('vram', kib('vgamem', 1 / 1024)) : '';
  return `<video><model type='${model}'${sizes}${attr('heads', d.max_outputs)}/>${pciAddress(d)}</video>`;
}

/** One `-device` as domain XML; undefined for devices a definition does not describe. */
export function nativeDeviceXml(d: Props, b: NativeBackends): string | undefined {
  const driver = String(d.driver);
  if (DISK_DRIVERS.has(driver)) return diskXml(driver, d, b);
  const controller = controllerXml(driver, d);
  if (controller) return controller;
  if (driver === 'isa-serial') return charXml('serial', d, b);
  if (driver === 'isa-parallel') return charXml('parallel', d, b);
  if (driver === 'virtserialport' || driver === 'virtconsole') {
    const target = driver === 'virtconsole' ? "<target type='virtio'/>" : `<target type='virtio'${attr('name', d.name)}/>`;
    // a bound channel socket lives in the domain's own directory: the driver names it again at define
    return charXml(driver === 'virtconsole' ? 'console' : 'channel', d, b, target)
      ?.replace(/(<source mode='bind') path='[^']*'\/>/, '$1/>');
  }
  const balloon = virtioModel('virtio-balloon-pci', driver);
  if (balloon) return `<memballoon model='${balloon}'>${pciAddress(d)}</memballoon>`;
  const rng = virtioModel('virtio-rng-pci', driver);
  if (rng) return rngXml(rng, d, b);
  if (SOUND_MODELS[driver]) return soundXml(SOUND_MODELS[driver]!, d, b);
  if (CODEC_TYPES[driver]) return undefined; // part of its sound card
  if (PCI_WATCHDOGS.has(driver) || ISA_WATCHDOGS.has(driver)) {
    return `<watchdog model='${driver}'${attr('action', b.watchdogAction)}>${pciAddress(d)}</watchdog>`;
  }
  if (driver === 'pvpanic') return "<panic model='isa'/>";
  if (USB_INPUT_TYPES[driver]) return `<input type='${USB_INPUT_TYPES[driver]}' bus='usb'>${usbAddress(d)}</input>`;
  if (VIRTIO_INPUT_TYPES[driver]) return `<input type='${VIRTIO_INPUT_TYPES[driver]}' bus='virtio'>${pciAddress(d)}</input>`;
  if (VIDEO_MODELS[driver]) return videoXml(VIDEO_MODELS[driver]!, d);
  return nicXml(driver, d, b);
}

/** `-vnc 127.0.0.1:0` (display N is port 5900+N) as a graphics element. */
export function vncXml(value: string): string {
  const display = keyValues(value).get('') ?? '';
  const m = /^(.*):(\d+)$/.exec(display);
  const listen = m?.[1] || '127.0.0.1';
  return `<graphics type='vnc' port='${5900 + Number(m?.[2] ?? 0)}' autoport='no' listen='${escapeXml(listen)}'/>`;
}
