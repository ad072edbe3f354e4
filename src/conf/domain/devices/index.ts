/** `<devices>`: every device family, post-parse defaults, and libvirt's device order on output. */
import { childElements, childText, firstChild, type XmlElement, type XmlWriter } from '../../xml.js';
import { getAttr, getChild, toXNode, writeXNode, type XNode } from '../xnode.js';
import { unsupported, xmlError } from '../parse-util.js';
import { normalizeAddress } from './address.js';
import { assignNextPorts, assignSerialPorts, numberConsoles, parseChardev, reconcileConsoles } from './chardev.js';
import { assignControllerIndexes, checkUsbMaster, ensureController, insertController, parseController } from './controller.js';
import { assignDiskAddress, finishDisk, insertDisk, parseDisk, type DiskDef } from './disk.js';
import { parseGraphics } from './graphics.js';
import { assignHostdevScsiAddresses, checkDuplicateHostdevs, checkMdevHostdevs, ensureHostdevScsiControllers, parseHostdev } from './hostdev.js';
import { assignSmartcardAddresses, parseSmartcard } from './smartcard.js';
import { parseFilesystem } from './filesystem.js';
import { parseMemoryDevice } from './memory-device.js';
import { parseRedirdev, parseRedirfilter } from './redirdev.js';
import { parseShmem } from './shmem.js';
import { checkUsbDisabled } from './usb-disabled.js';
import { parseInput } from './input.js';
import { assignInterfaceNames, parseInterface } from './interface.js';
import { checkDuplicatePanics, parseMemballoon, parsePanic, parseRng, parseWatchdog } from './simple.js';
import { withoutSecrets } from './secrets.js';
import { withoutLiveState } from './live-state.js';
import { withoutDefaultSeclabels } from './seclabel.js';
import { finishVideo, insertVideo, parseVideo } from './video.js';

/** Device lists in libvirt's output order; each device keeps its XML shape in canonical form. */
export const DEVICE_ORDER = ['disk', 'controller', 'lease', 'filesystem', 'interface', 'smartcard', 'serial',
  'parallel', 'console', 'channel', 'input', 'tpm', 'graphics', 'sound', 'audio', 'video', 'hostdev', 'redirdev',
  'redirfilter', 'hub', 'watchdog', 'memballoon', 'rng', 'nvram', 'panic', 'shmem', 'memory', 'iommu', 'vsock'] as const;

export type DeviceKind = (typeof DEVICE_ORDER)[number];

export interface DomainDevices {
  emulator?: string;
  /** Devices by kind; `disk`, `interface`, `graphics`... as XML-shaped nodes. */
  lists: Record<DeviceKind, XNode[]>;
}

export function emptyDeviceLists(): Record<DeviceKind, XNode[]> {
  return Object.fromEntries(DEVICE_ORDER.map((k) => [k, []])) as unknown as Record<DeviceKind, XNode[]>;
}

export function parseDevices(root: XmlElement, osType: string, domainType: string): DomainDevices {
  const el = firstChild(root, 'devices');
  const lists = emptyDeviceLists();
  const devices: DomainDevices = { emulator: el ? childText(el, 'emulator') || undefined : undefined, lists };
  if (!el) return devices;
  const disks: DiskDef[] = [];
  for (const child of childElements(el)) {
    const kind = child.nodeName as DeviceKind;
    switch (kind) {
      case 'disk': insertDisk(disks, parseDisk(child, osType)); break;
      case 'controller': insertController(lists.controller, parseController(child)); break;
      case 'interface': lists.interface.push(parseInterface(child)); break;
      case 'serial': case 'parallel': case 'console': case 'channel': lists[kind].push(parseChardev(child)); break;
      case 'input': lists.input.push(parseInput(child, osType, domainType)); break;
      case 'graphics': lists.graphics.push(parseGraphics(child)); break;
      case 'video': insertVideo(lists.video, parseVideo(child)); break;
      case 'memballoon': lists.memballoon.splice(0, 1, parseMemballoon(child)); break;
      case 'hostdev': lists.hostdev.push(parseHostdev(child)); break;
      case 'smartcard': lists.smartcard.push(parseSmartcard(child)); break;
      case 'filesystem': lists.filesystem.push(parseFilesystem(child)); break;
      case 'memory': lists.memory.push(parseMemoryDevice(child)); break;
      case 'shmem': lists.shmem.push(parseShmem(child)); break;
      case 'redirdev': lists.redirdev.push(parseRedirdev(child)); break;
      case 'redirfilter': {
        const filter = parseRedirfilter(child);
        if (filter) lists.redirfilter.splice(0, 1, filter);
        break;
      }
      case 'rng': lists.rng.push(parseRng(child)); break;
      case 'panic': lists.panic.push(parsePanic(child)); break;
      case 'watchdog': lists.watchdog.splice(0, 1, parseWatchdog(child)); break;
      case 'tpm':
        if (!firstChild(child, 'backend')) throw xmlError('missing TPM device backend');
        lists.tpm.push(defaultDevice(child));
        break;
      default:
        if ((DEVICE_ORDER as readonly string[]).includes(kind)) lists[kind].push(defaultDevice(child));
    }
  }
  checkVideos(lists.video);
  checkUsbDisabled(lists);
  for (const disk of disks) assignDiskAddress(disk);
  lists.disk = disks.map(finishDisk);
  lists.disk.forEach(checkDiskAddressType);
  checkDuplicateHostdevs(lists.hostdev);
  checkMdevHostdevs(lists.hostdev);
  checkDuplicatePanics(lists.panic);
  checkUsbMaster(lists.controller);
  assignControllerIndexes(lists.controller);
  checkDuplicateControllers(lists.controller);
  checkDuplicateDiskTargets(lists.disk);
  return devices;
}

/** Disks on IDE, floppy, SCSI and SATA buses sit at drive addresses only (libvirt's disk validation). */
function checkDiskAddressType(disk: XNode): void {
  const target = getChild(disk, 'target');
  const bus = getAttr(target, 'bus') ?? '';
  const type = getAttr(getChild(disk, 'address'), 'type');
  if (['ide', 'fdc', 'scsi', 'sata'].includes(bus) && type !== undefined && type !== 'drive') {
    throw unsupported(`Invalid address type '${type}' for the disk '${getAttr(target, 'dev') ?? ''}' with the bus type '${bus}'`);
  }
}

/** A device kept as written, its address in canonical form. */
function defaultDevice(el: XmlElement): XNode {
  const node = toXNode(el);
  normalizeAddress(node);
  return node;
}

/** At most one primary video; a video of type none is the only one. */
function checkVideos(videos: XNode[]): void {
  const model = (v: XNode) => getChild(v, 'model');
  if (videos.filter((v) => getAttr(model(v), 'primary') === 'yes').length > 1) throw unsupported('Only one primary video device is supported');
  if (videos.length > 1 && videos.some((v) => getAttr(model(v), 'type') === 'none')) {
    throw unsupported("a 'none' video type must be the only video device defined for the domain");
  }
  if (videos.some((v) => getAttr(model(v), 'type') === 'ramfb' && getChild(v, 'address'))) {
    throw unsupported('address not supported for video type ramfb');
  }
}

/** One controller per type and index (USB controllers may share an index: companions). */
function checkDuplicateControllers(controllers: XNode[]): void {
  const seen = new Set<string>();
  for (const c of controllers) {
    const type = getAttr(c, 'type') ?? '';
    if (type === 'usb') continue;
    const key = `${type}/${Number(getAttr(c, 'index'))}`;
    if (seen.has(key)) throw xmlError(`Multiple '${type}' controllers with index '${Number(getAttr(c, 'index'))}'`);
    seen.add(key);
  }
}

/** Two disks may not share a target name; the error names both sources (virDomainDiskGetSource). */
function checkDuplicateDiskTargets(disks: XNode[]): void {
  const source = (d: XNode) => {
    const s = getChild(d, 'source');
    return getAttr(s, 'file') ?? getAttr(s, 'dev') ?? getAttr(s, 'dir') ?? getAttr(s, 'name') ?? '<null>';
  };
  disks.forEach((a, i) => {
    const dev = getAttr(getChild(a, 'target'), 'dev');
    const b = disks.slice(i + 1).find((d) => getAttr(getChild(d, 'target'), 'dev') === dev);
    if (b) throw xmlError(`target '${dev}' duplicated for disk sources '${source(a)}' and '${source(b)}'`);
  });
}

/**
 * libvirt's common post-parse, run after the driver's own: implicit controllers and video,
 * serial ports, consoles.
 */
export function applyDeviceDefaults(devices: DomainDevices, osType: string, domainType: string, arch: string): void {
  const lists = devices.lists;
  // libvirt adds host devices' SCSI controllers as it parses them, before any implicit one
  ensureHostdevScsiControllers(lists.hostdev, lists.controller, true);
  for (const bus of ['scsi', 'fdc', 'ide', 'sata']) {
    for (const disk of lists.disk) {
      if (getAttr(getChild(disk, 'target'), 'bus') !== bus) continue;
      const addr = getChild(disk, 'address');
      if (getAttr(addr, 'type') !== 'drive') continue;
      const max = Number(getAttr(addr, 'controller'));
      for (let i = 0; i <= max; i++) ensureController(lists.controller, bus, i);
    }
  }
  // virtio channels and consoles sit on the virtio-serial controller their address names (0 without one)
  for (const chr of [...lists.channel, ...lists.console]) {
    if (getAttr(getChild(chr, 'target'), 'type') !== 'virtio') continue;
    const addr = getChild(chr, 'address');
    ensureController(lists.controller, 'virtio-serial', getAttr(addr, 'type') === 'virtio-serial' ? Number(getAttr(addr, 'controller') ?? 0) : 0);
  }
  assignSmartcardAddresses(lists.smartcard, lists.controller);
  assignHostdevScsiAddresses(lists.hostdev, lists.disk);
  ensureHostdevScsiControllers(lists.hostdev, lists.controller);
  assignSerialPorts(lists.serial);
  assignNextPorts(lists.parallel);
  numberConsoles(lists.console);
  reconcileConsoles(osType, lists.serial, lists.console);
  if (lists.video.length === 0 && lists.graphics.length > 0) lists.video.push({ name: 'video', attrs: [], children: [] });
  lists.video.forEach((v, i) => finishVideo(v, i, osType, domainType, arch));
}

/** Fill `<target dev>` of interfaces that have none with `<prefix>N` (the test driver uses `testnet`). */
/** Names for the interfaces without a target (those `only` picks, when given). */
export function assignDomainInterfaceNames(devices: DomainDevices, prefix: string, only?: (net: XNode) => boolean): void {
  assignInterfaceNames(only ? devices.lists.interface.filter(only) : devices.lists.interface, prefix);
}

export function formatDevices(w: XmlWriter, devices: DomainDevices, opts: { secure: boolean; inactive: boolean }): void {
  w.open('devices');
  w.text('emulator', devices.emulator);
  for (const kind of DEVICE_ORDER) {
    for (const node of devices.lists[kind]) {
      // an empty panic device (default model, no address) is not written
      if (kind === 'panic' && node.attrs.length === 0 && node.children.length === 0) continue;
      const shown = opts.secure ? node : withoutSecrets(kind, node);
      writeXNode(w, opts.inactive ? withoutLiveState(kind, withoutDefaultSeclabels(shown)) : shown);
    }
  }
  w.close('devices');
}
