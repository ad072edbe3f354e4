/**
 * Attaching and detaching disks and network interfaces in a domain's persistent definition
 * (virDomainAttachDeviceFlags / virDomainDetachDeviceFlags with VIR_DOMAIN_AFFECT_CONFIG), as
 * libvirt 9.0.0's QEMU driver does: the device is parsed in the domain's context, checked against
 * the definition, put in (disks in drive order) or taken out, and the whole definition goes
 * through the define-time post-parse again, which gives new devices their addresses and adds the
 * controllers they need. Hot-plugging into a running guest is not done yet: such requests get
 * libvirt's "live attach/detach ... is not supported" and change nothing.
 */
import * as C from '../../api/constants.js';
import { formatDomainXML, type DomainDef } from '../../conf/domain/index.js';
import { getAttr, getChild, type XNode } from '../../conf/domain/xnode.js';
import { parseXmlDocument, type XmlElement } from '../../conf/xml.js';
import { ErrorDomain } from '../../errors/codes.js';
import { virError } from '../../errors/vir-error.js';
import type { DomainRef } from '../types.js';
import { parseForQemu } from './domain-def.js';
import { domainFromRef } from './domain-ops.js';
import type { QemuDriverState } from './driver-state.js';
import { E, qemuCheckFlags, qemuError } from './errors.js';

/** virDomainDeviceType names of the elements a device document may have as its root. */
const DEVICE_TYPES: Record<string, string> = {
  disk: 'disk', lease: 'lease', filesystem: 'filesystem', interface: 'interface', input: 'input', sound: 'sound',
  video: 'video', hostdev: 'hostdev', watchdog: 'watchdog', controller: 'controller', graphics: 'graphics',
  hub: 'hub', redirdev: 'redirdev', smartcard: 'smartcard', serial: 'chr', parallel: 'chr', console: 'chr',
  channel: 'chr', memballoon: 'memballoon', nvram: 'nvram', rng: 'rng', shmem: 'shmem', tpm: 'tpm',
  panic: 'panic', memory: 'memory', iommu: 'iommu', vsock: 'vsock', audio: 'audio', crypto: 'crypto',
};

type Action = 'attach' | 'detach';

/** A device document read as libvirt's virDomainDeviceDefParse reads it, in `def`'s context. */
interface ParsedDevice {
  type: string;
  /** The canonical device (defaults filled in), for disks and interfaces. */
  node: XNode;
  /** The interface's MAC was given, not generated. */
  macGiven: boolean;
  /** A PCI address was given (the post-parse gives one to a device without). */
  pciGiven: boolean;
}

export async function attachDevice(state: QemuDriverState, ref: DomainRef, xml: string, flags: number): Promise<void> {
  await changeDevice(state, ref, xml, flags, 'attach', 'qemuDomainAttachDeviceLiveAndConfig');
}

export async function detachDevice(state: QemuDriverState, ref: DomainRef, xml: string, flags: number): Promise<void> {
  await changeDevice(state, ref, xml, flags, 'detach', 'qemuDomainDetachDeviceLiveAndConfig');
}

async function changeDevice(state: QemuDriverState, ref: DomainRef, xml: string, flags: number, action: Action, func: string): Promise<void> {
  const obj = domainFromRef(state, ref);
  await obj.withJob(async () => {
    qemuCheckFlags(func, flags, C.VIR_DOMAIN_AFFECT_LIVE | C.VIR_DOMAIN_AFFECT_CONFIG);
    flags = obj.modificationImpact(flags);
    const persistent = obj.persistentDef();
    const device = await parseDevice(state, persistent, xml, action);
    let changed: DomainDef | null = null;
    if (flags & C.VIR_DOMAIN_AFFECT_CONFIG) {
      const text = action === 'attach' ? withDevice(persistent, device, xml) : withoutDevice(persistent, device);
      changed = await parseForQemu(state, text, 0);
    }
    if (flags & C.VIR_DOMAIN_AFFECT_LIVE) {
      throw qemuError(E.VIR_ERR_OPERATION_UNSUPPORTED, `live ${action} of device '${device.type}' is not supported`);
    }
    if (!changed) return;
    await state.configs.save(changed);
    if (obj.isActive()) obj.newDef = changed;
    else obj.def = changed;
  });
}

/** Parse the device alone (well-formed, a known device), then inside a copy of `def` holding only it. */
async function parseDevice(state: QemuDriverState, def: DomainDef, xml: string, action: Action): Promise<ParsedDevice> {
  const root = parseXmlDocument(xml, { url: '(device_definition)', errorDomain: ErrorDomain.VIR_FROM_DOMAIN });
  const type = DEVICE_TYPES[root.nodeName];
  if (!type) throw virError(ErrorDomain.VIR_FROM_DOMAIN, E.VIR_ERR_CONFIG_UNSUPPORTED, `unknown device type '${root.nodeName}'`);
  if (type !== 'disk' && type !== 'interface') {
    throw qemuError(E.VIR_ERR_OPERATION_UNSUPPORTED, `persistent ${action} of device '${type}' is not supported`);
  }
  const alone = await parseForQemu(state, replaceDevices(formatted(def), xml), 0);
  const node = (type === 'disk' ? alone.devices.lists.disk : alone.devices.lists.interface)[0]!;
  const given = (name: string, test: (el: XmlElement) => boolean): boolean =>
    Array.from(root.getElementsByTagName(name)).some((el) => el.parentNode === root && test(el));
  return {
    type, node,
    macGiven: given('mac', (m) => m.hasAttribute('address')),
    pciGiven: given('address', (a) => a.getAttribute('type') === 'pci'),
  };
}

function formatted(def: DomainDef): string {
  return formatDomainXML(def, { inactive: true, secure: true });
}

/** The definition's text with `devices` (XML) as the whole content of its `<devices>`. */
function replaceDevices(text: string, devices: string): string {
  const open = text.indexOf('<devices>');
  const close = text.lastIndexOf('</devices>');
  if (open < 0 || close < 0) return text.replace(/<\/domain>\s*$/, `<devices>${devices}</devices></domain>`);
  return `${text.slice(0, open)}<devices>${devices}${text.slice(close)}`;
}

const targetOf = (disk: XNode): string | undefined => getAttr(getChild(disk, 'target'), 'dev');

/** qemuDomainAttachDeviceConfig's checks, then the device's XML at the end of `<devices>`. */
function withDevice(def: DomainDef, device: ParsedDevice, xml: string): string {
  if (device.type === 'disk') {
    const dst = targetOf(device.node);
    if (def.devices.lists.disk.some((d) => targetOf(d) === dst)) {
      throw qemuError(E.VIR_ERR_OPERATION_INVALID, `target ${dst} already exists`);
    }
  }
  const text = formatted(def);
  const close = text.lastIndexOf('</devices>');
  return close < 0 ? replaceDevices(text, xml) : `${text.slice(0, close)}${xml}${text.slice(close)}`;
}

/** qemuDomainDetachDeviceConfig: the definition's text without the device `device` names. */
function withoutDevice(def: DomainDef, device: ParsedDevice): string {
  const copy = { ...def, devices: { ...def.devices, lists: { ...def.devices.lists } } };
  const lists = copy.devices.lists;
  if (device.type === 'disk') {
    const dst = targetOf(device.node);
    const at = lists.disk.findIndex((d) => targetOf(d) === dst);
    if (at < 0) throw qemuError(E.VIR_ERR_DEVICE_MISSING, `no target device ${dst}`);
    lists.disk = lists.disk.filter((_, i) => i !== at);
  } else {
    const at = findInterface(lists.interface, device);
    lists.interface = lists.interface.filter((_, i) => i !== at);
  }
  return formatted(copy);
}

/** virDomainNetFindIdx: by MAC when given, PCI address when given, and alias when both have one. */
function findInterface(nets: XNode[], device: ParsedDevice): number {
  const mac = device.macGiven ? macOf(device.node) : undefined;
  const pci = device.pciGiven ? pciAddressOf(device.node) : undefined;
  const alias = aliasOf(device.node);
  let found = -1;
  for (const [i, net] of nets.entries()) {
    if (mac !== undefined && macOf(net) !== mac) continue;
    if (pci !== undefined && pciAddressOf(net) !== pci) continue;
    const theirs = aliasOf(net);
    if (alias !== undefined && theirs !== undefined && alias !== theirs) continue;
    if (found >= 0) {
      throw virError(ErrorDomain.VIR_FROM_DOMAIN, E.VIR_ERR_OPERATION_FAILED,
        mac !== undefined ? `multiple devices matching MAC address ${mac} found` : 'multiple matching devices found');
    }
    found = i;
  }
  if (found >= 0) return found;
  throw virError(ErrorDomain.VIR_FROM_DOMAIN, E.VIR_ERR_DEVICE_MISSING,
    `no device found at address '${pci ?? '(<null>)'}' matching MAC address '${mac ?? '(<null>)'}' and alias '${alias ?? '(<null>)'}'`);
}

const macOf = (net: XNode): string | undefined => getAttr(getChild(net, 'mac'), 'address')?.toLowerCase();
const aliasOf = (net: XNode): string | undefined => getAttr(getChild(net, 'alias'), 'name');

/** A PCI address as virPCIDeviceAddressAsString writes it (dddd:bb:ss.f), when the device has one. */
function pciAddressOf(net: XNode): string | undefined {
  const address = getChild(net, 'address');
  if (getAttr(address, 'type') !== 'pci') return undefined;
  const hex = (name: string, width: number): string => Number(getAttr(address, name) ?? 0).toString(16).padStart(width, '0');
  return `${hex('domain', 4)}:${hex('bus', 2)}:${hex('slot', 2)}.${hex('function', 1)}`;
}
