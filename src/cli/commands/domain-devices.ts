/**
 * Device commands (virsh's Domain Management group): attach, detach and update devices from
 * XML files, from options (attach-disk, attach-interface) or found in the domain's own XML
 * (detach-disk, detach-interface, change-media, domif-setlink, update-memory-device).
 */
import { stat } from 'node:fs/promises';
import type { Element as XmlElement } from '@xmldom/xmldom';
import {
  VIR_DOMAIN_AFFECT_CONFIG, VIR_DOMAIN_AFFECT_LIVE, VIR_DOMAIN_DEVICE_MODIFY_FORCE, VIR_DOMAIN_XML_INACTIVE, ErrorDomain, ErrorNumber,
  virError, type Domain,
} from '../../index.js';
import type { CommandDef, OptionDef, ParsedCommand } from '../command.js';
import { domainOption, must } from '../lookup.js';
import { CommandFailed, exclusive, fail, optBool, optScaled, optString, optUInt, requires } from '../opts.js';
import { DOMAIN_ARG } from '../domain-options.js';
import { readXMLFile } from '../files.js';
import { addressKind, escAttr, formatAddress, formatElement, macEqual, nodeSet, parseAddress } from '../device-xml.js';
import type { Session } from '../session.js';

const flag = (name: string, help: string): OptionDef => ({ name, type: 'bool', help });
const text = (name: string, help: string): OptionDef => ({ name, type: 'string', help });
const FILE_ARG: OptionDef = { name: 'file', type: 'data', required: true, help: 'file holding the device XML' };
const PERSISTENT = flag('persistent', 'change the definition too when the domain runs');
const CONFIG = flag('config', 'change the persistent definition');
const LIVE = flag('live', 'change the running domain');
const CURRENT = flag('current', 'change the running domain if it runs, else the definition');
const AFFECT = [PERSISTENT, CONFIG, LIVE, CURRENT];
const PRINT_XML = (what: string): OptionDef => flag('print-xml', `print the XML instead of ${what}`);

/** The VIR_DOMAIN_AFFECT_* of --persistent/--config/--live/--current, and whether the flags call is wanted. */
interface Affect { flags: number; explicit: boolean; persistent: boolean }

function affect(s: Session, cmd: ParsedCommand): Affect {
  exclusive(s, cmd, 'persistent', 'current');
  exclusive(s, cmd, 'current', 'live');
  exclusive(s, cmd, 'current', 'config');
  const persistent = optBool(cmd, 'persistent');
  const flags = (optBool(cmd, 'config') || persistent ? VIR_DOMAIN_AFFECT_CONFIG : 0) | (optBool(cmd, 'live') ? VIR_DOMAIN_AFFECT_LIVE : 0);
  return { flags, explicit: flags !== 0 || optBool(cmd, 'current'), persistent };
}

/** --persistent on a running domain changes it live as well. */
async function withPersistentLive(dom: Domain, a: Affect): Promise<Affect> {
  if (a.persistent && (await dom.isActive().catch(() => false))) return { ...a, flags: a.flags | VIR_DOMAIN_AFFECT_LIVE };
  return a;
}

const attach = (dom: Domain, xml: string, a: Affect): Promise<void> => (a.explicit ? dom.attachDeviceFlags(xml, a.flags) : dom.attachDevice(xml));
const detach = (dom: Domain, xml: string, a: Affect): Promise<void> => (a.explicit ? dom.detachDeviceFlags(xml, a.flags) : dom.detachDevice(xml));

/** The domain's XML, parsed with its blank text kept (libxml2 as virsh parses it). */
async function domainDocument(dom: Domain, flags: number): Promise<{ root: XmlElement; xml: typeof import('../xml.js') }> {
  const source = await dom.xmlDesc(flags);
  const xml = await import('../xml.js');
  return { root: xml.parseXML(source), xml };
}

/** virshDomainGetXMLFromDom: as domainDocument, with virsh's line when the XML cannot be had. */
function domainDocumentOrFail(s: Session, dom: Domain, flags: number): ReturnType<typeof domainDocument> {
  return must(s, 'Failed to get domain description xml', () => domainDocument(dom, flags));
}

// attach-disk -------------------------------------------------------------------------------------

const SOURCE_TYPES = ['file', 'block', 'network'];

/** The `<host/>` of a network disk: name[:port], transport, socket. */
function hostAttrs(name: string | undefined, transport: string | undefined, socket: string | undefined): string {
  let attrs = escAttr('transport', transport) + escAttr('socket', socket);
  if (name !== undefined) {
    const colon = name.indexOf(':');
    attrs += colon < 0 ? escAttr('name', name) : escAttr('name', name.slice(0, colon)) + escAttr('port', name.slice(colon + 1));
  }
  return attrs;
}

/** The address line of a disk, checked against the kind of bus its target name implies. */
function diskAddress(s: Session, straddr: string, target: string, multifunction: boolean): string {
  const address = parseAddress(straddr, multifunction);
  if (!address) fail(s, 'Invalid address.');
  const kind = addressKind(address);
  if (target.startsWith('vd') && kind !== 'pci' && kind !== 'ccw') fail(s, 'expecting a pci:0000.00.00.00 or ccw:00.0.0000 address.');
  if (target.startsWith('sd') && !['scsi', 'usb', 'sata'].includes(kind)) fail(s, 'expecting a scsi:00.00.00 or usb:00.00 or sata:00.00.00 address.');
  if (target.startsWith('hd') && kind !== 'ide') fail(s, 'expecting an ide:00.00.00 address.');
  return formatAddress('  ', address);
}

async function isBlockDevice(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isBlockDevice() ?? false;
}

async function cmdAttachDisk(s: Session, cmd: ParsedCommand): Promise<void> {
  let a = affect(s, cmd);
  requires(s, cmd, 'source-host-name', 'source-protocol');
  requires(s, cmd, 'source-host-transport', 'source-protocol');
  requires(s, cmd, 'source-host-socket', 'source-protocol');
  requires(s, cmd, 'source-host-socket', 'source-host-transport');
  exclusive(s, cmd, 'source-host-name', 'source-host-socket');
  const o: Record<string, string | undefined> = {};
  for (const name of ['source', 'target', 'driver', 'subdriver', 'type', 'mode', 'iothread', 'cache', 'io', 'serial', 'wwn', 'address',
    'targetbus', 'alias', 'sourcetype', 'source-protocol', 'source-host-name', 'source-host-transport', 'source-host-socket']) {
    o[name] = optString(s, cmd, name);
  }
  const source = o.source;
  const target = o.target!;
  const protocol = o['source-protocol'];
  if (o.sourcetype !== undefined && !SOURCE_TYPES.includes(o.sourcetype)) fail(s, `Unknown source type: '${o.sourcetype}'`);
  let type = o.sourcetype;
  if (type === undefined) {
    if (protocol !== undefined) type = 'network';
    else if (o.driver !== 'file' && o.driver !== 'tap' && source !== undefined && (await isBlockDevice(source))) type = 'block';
    else type = 'file';
  }
  if ((type === 'network') !== (protocol !== undefined)) fail(s, '--source-protocol option requires --sourcetype network');
  if (o.mode !== undefined && o.mode !== 'readonly' && o.mode !== 'shareable') fail(s, `No support for ${o.mode} in command 'attach-disk'`);
  if (o.wwn !== undefined && !/^(0x)?[0-9a-fA-F]{16}$/.test(o.wwn)) throw virError(ErrorDomain.VIR_FROM_NONE, ErrorNumber.VIR_ERR_INTERNAL_ERROR, `Malformed wwn: ${o.wwn}`);

  let children = formatElement('  ', 'driver', escAttr('name', o.driver) + escAttr('type', o.subdriver) + escAttr('iothread', o.iothread)
    + escAttr('cache', o.cache) + escAttr('io', o.io), '');
  if (type === 'network') {
    const host = formatElement('    ', 'host', hostAttrs(o['source-host-name'], o['source-host-transport'], o['source-host-socket']), '');
    children += formatElement('  ', 'source', escAttr('protocol', protocol) + escAttr('name', source), host);
  } else {
    children += formatElement('  ', 'source', escAttr(type === 'block' ? 'dev' : 'file', source), '');
  }
  // virsh writes these values as given, unescaped.
  children += `  <target dev='${target}'${o.targetbus !== undefined ? ` bus='${o.targetbus}'` : ''}/>\n`;
  if (o.mode !== undefined) children += `  <${o.mode}/>\n`;
  if (o.serial !== undefined) children += `  <serial>${o.serial}</serial>\n`;
  if (o.alias !== undefined) children += `  <alias name='${o.alias}'/>\n`;
  if (o.wwn !== undefined) children += `  <wwn>${o.wwn}</wwn>\n`;
  if (o.address !== undefined) children += diskAddress(s, o.address, target, optBool(cmd, 'multifunction'));
  const diskAttrs = ` type='${type}'${escAttr('device', o.type)}${optBool(cmd, 'rawio') ? " rawio='yes'" : ''}`;
  const xml = formatElement('', 'disk', diskAttrs, children);
  if (optBool(cmd, 'print-xml')) {
    s.out.print(xml);
    return;
  }
  using dom = await domainOption(s, cmd);
  a = await withPersistentLive(dom, a);
  await must(s, 'Failed to attach disk', () => attach(dom, xml, a));
  s.out.printExtra('Disk attached successfully\n');
}

// attach-interface --------------------------------------------------------------------------------

const NET_TYPES = ['user', 'ethernet', 'vhostuser', 'server', 'client', 'mcast', 'network', 'bridge', 'internal', 'direct', 'hostdev', 'udp',
  'vdpa', 'null', 'vds'];
const SOURCE_MODES = ['server', 'client'];
const RATE_FIELDS = ['average', 'peak', 'burst', 'floor'] as const;
type Rate = Record<(typeof RATE_FIELDS)[number], bigint>;

/** virshParseRateStr: `average,peak,burst,floor`, any of them empty. */
function parseRate(s: Session, rate: string): Rate {
  const tokens = rate.split(',');
  if (tokens.length > 4) fail(s, `Rate string '${rate}' has too many fields`);
  const out: Rate = { average: 0n, peak: 0n, burst: 0n, floor: 0n };
  RATE_FIELDS.forEach((name, i) => {
    const token = tokens[i];
    if (token === undefined || token === '') return;
    const m = /^[ \t\n\v\f\r]*\+?(\d+)$/.exec(token);
    if (!m || BigInt(m[1]!) > 2n ** 64n - 1n) fail(s, `field '${name}' is malformed`);
    out[name] = BigInt(m[1]!);
  });
  return out;
}

function bandwidthXML(inbound: Rate | undefined, outbound: Rate | undefined): string {
  if (!inbound && !outbound) return '';
  const attrs = (r: Rate, fields: readonly (keyof Rate)[]): string => fields.filter((f) => r[f] > 0n).map((f) => ` ${f}='${r[f]}'`).join('');
  let out = '  <bandwidth>\n';
  if (inbound && (inbound.average || inbound.floor)) out += `    <inbound${attrs(inbound, RATE_FIELDS)}/>\n`;
  if (outbound && outbound.average > 0n) out += `    <outbound${attrs(outbound, ['average', 'peak', 'burst'])}/>\n`;
  return `${out}  </bandwidth>\n`;
}

/** The `<source>` of an interface of `type`. */
function interfaceSource(s: Session, type: string, source: string, mode: string | undefined): string {
  switch (type) {
    case 'network': case 'bridge': return `  <source ${type}='${source}'/>\n`;
    case 'direct': return `  <source dev='${source}'/>\n`;
    case 'hostdev': {
      const address = parseAddress(`pci:${source}`, false);
      if (!address) fail(s, `cannot parse pci address '${source}' for network interface`);
      return `  <source>\n${formatAddress('    ', address)}  </source>\n`;
    }
    case 'vhostuser':
      if (mode === undefined) fail(s, 'source-mode is mandatory');
      return `  <source type='unix' path='${source}' mode='${mode}'/>\n`;
    default: fail(s, `No support for ${type} in command 'attach-interface'`);
  }
}

async function cmdAttachInterface(s: Session, cmd: ParsedCommand): Promise<void> {
  let a = affect(s, cmd);
  const o: Record<string, string | undefined> = {};
  for (const name of ['type', 'source', 'target', 'mac', 'script', 'model', 'alias', 'inbound', 'outbound', 'source-mode']) o[name] = optString(s, cmd, name);
  const type = o.type!;
  if (!NET_TYPES.includes(type)) fail(s, `No support for ${type} in command 'attach-interface'`);
  const mode = o['source-mode'];
  if (mode !== undefined && !SOURCE_MODES.includes(mode)) fail(s, `Invalid source mode: ${mode}`);
  let inbound: Rate | undefined;
  let outbound: Rate | undefined;
  if (o.inbound !== undefined) {
    inbound = parseRate(s, o.inbound);
    if (!inbound.average && !inbound.floor) fail(s, 'either inbound average or floor is mandatory');
  }
  if (o.outbound !== undefined) {
    outbound = parseRate(s, o.outbound);
    if (!outbound.average) fail(s, 'outbound average is mandatory');
    if (outbound.floor) fail(s, 'outbound floor is unsupported yet');
  }
  let xml = `<interface type='${type}'${optBool(cmd, 'managed') ? " managed='yes'" : ''}>\n`;
  xml += interfaceSource(s, type, o.source!, mode);
  // virsh writes these values as given, unescaped.
  if (o.target !== undefined) xml += `  <target dev='${o.target}'/>\n`;
  if (o.mac !== undefined) xml += `  <mac address='${o.mac}'/>\n`;
  if (o.script !== undefined) xml += `  <script path='${o.script}'/>\n`;
  if (o.model !== undefined) xml += `  <model type='${o.model}'/>\n`;
  if (o.alias !== undefined) xml += `  <alias name='${o.alias}'/>\n`;
  xml += `${bandwidthXML(inbound, outbound)}</interface>\n`;
  if (optBool(cmd, 'print-xml')) {
    s.out.print(xml);
    return;
  }
  using dom = await domainOption(s, cmd);
  a = await withPersistentLive(dom, a);
  await must(s, 'Failed to attach interface', () => attach(dom, xml, a));
  s.out.printExtra('Interface attached successfully\n');
}

// detach-interface --------------------------------------------------------------------------------

/** virshDomainDetachInterface: find the interface in one XML and detach it (or print it); false after an error line. */
async function detachInterfaceFrom(s: Session, dom: Domain, flags: number, explicit: boolean, type: string, mac: string | undefined, printXML: boolean): Promise<boolean> {
  const { root, xml } = await domainDocument(dom, flags & VIR_DOMAIN_AFFECT_CONFIG ? VIR_DOMAIN_XML_INACTIVE : 0);
  const nodes = await nodeSet(s, root, `/domain/devices/interface[@type='${type}']`);
  if (nodes.length === 0) {
    s.out.error(`No interface found whose type is ${type}`);
    return false;
  }
  let match: XmlElement | undefined;
  if (mac !== undefined) {
    for (const node of nodes) {
      const address = xml.xpathString(node, './mac/@address');
      if (address === null || !macEqual(address, mac)) continue;
      if (match) {
        s.out.error(`Domain has multiple interfaces matching MAC address ${mac}. You must use detach-device and specify the device pci address to remove it.`);
        return false;
      }
      match = node;
    }
  } else {
    if (nodes.length > 1) {
      s.out.error(`Domain has ${nodes.length} interfaces. Please specify which one to detach using --mac`);
      return false;
    }
    match = nodes[0];
  }
  if (!match) {
    s.out.error(`No interface with MAC address ${mac} was found`);
    return false;
  }
  const device = xml.dumpNode(match);
  if (printXML) {
    s.out.print(device);
    return true;
  }
  await detach(dom, device, { flags, explicit, persistent: false });
  return true;
}

async function cmdDetachInterface(s: Session, cmd: ParsedCommand): Promise<void> {
  const a = affect(s, cmd);
  const printXML = optBool(cmd, 'print-xml');
  using dom = await domainOption(s, cmd);
  // Past this point virsh says it failed after any error (but for a --print-xml search of the live XML).
  const orFail = async <T>(step: () => T | Promise<T>): Promise<T> => {
    try {
      return await step();
    } catch (err) {
      s.out.error('Failed to detach interface');
      throw err;
    }
  };
  const type = await orFail(() => optString(s, cmd, 'type')!);
  const mac = await orFail(() => optString(s, cmd, 'mac'));
  const current = optBool(cmd, 'current');
  const affectConfig = optBool(cmd, 'config') || a.persistent;
  let ok = true;
  if (affectConfig && !(await orFail(() => detachInterfaceFrom(s, dom, VIR_DOMAIN_AFFECT_CONFIG, true, type, mac, printXML)))) {
    fail(s, 'Failed to detach interface');
  }
  const affectLive = optBool(cmd, 'live') || (a.persistent && (await dom.isActive().catch(() => false)));
  if (affectLive || !affectConfig) {
    const flags = affectLive ? VIR_DOMAIN_AFFECT_LIVE : 0;
    ok = await orFail(() => detachInterfaceFrom(s, dom, flags, flags !== 0 || current, type, mac, printXML));
  }
  if (printXML) {
    if (!ok) throw new CommandFailed();
    return;
  }
  if (!ok) fail(s, 'Failed to detach interface');
  s.out.printExtra('Interface detached successfully\n');
}

// detach-disk and change-media ----------------------------------------------------------------------

/**
 * virshFindDisk: a copy of the disk whose target or source is `path` (only CD-ROMs and floppies,
 * or disks of no device, when `changeable`), without its backing store.
 */
async function findDisk(s: Session, dom: Domain, flags: number, path: string, changeable: boolean): Promise<{ disk: XmlElement; xml: typeof import('../xml.js') }> {
  const { root, xml } = await domainDocument(dom, flags & VIR_DOMAIN_AFFECT_CONFIG ? VIR_DOMAIN_XML_INACTIVE : 0);
  const disks = xml.selectElements(root, '/domain/devices/disk');
  if (disks.length === 0) fail(s, 'Failed to get disk information');
  for (const disk of disks) {
    const device = disk.getAttribute('device');
    if (changeable && disk.hasAttribute('device') && device !== 'cdrom' && device !== 'floppy') continue;
    const source = childElements(disk).find((c) => c.nodeName === 'source');
    const candidates = [xml.xpathString(disk, './target/@dev'), ...['file', 'dev', 'dir', 'name'].map((n) => (source?.hasAttribute(n) ? source.getAttribute(n) : null))];
    if (!candidates.includes(path)) continue;
    const copy = disk.cloneNode(true) as XmlElement;
    const backing = childElements(copy).find((c) => c.nodeName === 'backingStore');
    if (backing) copy.removeChild(backing);
    return { disk: copy, xml };
  }
  fail(s, `No disk found whose source path or target is ${path}`);
}

function childElements(el: XmlElement): XmlElement[] {
  return Array.from(el.childNodes as unknown as ArrayLike<XmlElement>).filter((c) => c.nodeType === 1);
}

async function cmdDetachDisk(s: Session, cmd: ParsedCommand): Promise<void> {
  let a = affect(s, cmd);
  using dom = await domainOption(s, cmd);
  const target = optString(s, cmd, 'target')!;
  // Only --config alone reads the persistent definition.
  const document = findDisk(s, dom, a.flags === VIR_DOMAIN_AFFECT_CONFIG ? VIR_DOMAIN_AFFECT_CONFIG : 0, target, false);
  a = await withPersistentLive(dom, a);
  const { disk, xml } = await document;
  const device = xml.dumpNode(disk);
  if (optBool(cmd, 'print-xml')) {
    s.out.print(device);
    return;
  }
  await must(s, 'Failed to detach disk', () => detach(dom, device, a));
  s.out.printExtra('Disk detached successfully\n');
}

type MediaAction = 'eject' | 'insert' | 'update';

/** virshUpdateDiskXML: the disk with its media taken out, put in or replaced. */
function updateDiskMedia(s: Session, disk: XmlElement, newSource: string | undefined, block: boolean, path: string, action: MediaAction): void {
  const device = disk.getAttribute('device');
  if (device !== 'cdrom' && device !== 'floppy') fail(s, `The disk device '${path}' is not removable`);
  let source: XmlElement | undefined;
  let target: XmlElement | undefined;
  let textBefore: ChildNode | undefined;
  for (const child of Array.from(disk.childNodes as unknown as ArrayLike<ChildNode>)) {
    if (!target && child.nodeType === 3) textBefore = child;
    if (child.nodeType !== 1) continue;
    if (!source && child.nodeName === 'source') source = child as unknown as XmlElement;
    else if (!target && child.nodeName === 'target') target = child as unknown as XmlElement;
    if (source && target) break;
  }
  if (action === 'eject') {
    if (!source) fail(s, `The disk device '${path}' doesn't have media`);
    block = false;
    newSource = undefined;
  } else if (newSource === undefined) {
    fail(s, 'New disk media source was not specified');
  }
  let startupPolicy: string | null = null;
  if (source) {
    const hasMedia = ['file', 'dev', 'dir', 'pool', 'name'].some((n) => source!.hasAttribute(n));
    if (hasMedia && action === 'insert') fail(s, `The disk device '${path}' already has media`);
    startupPolicy = source.hasAttribute('startupPolicy') ? source.getAttribute('startupPolicy') : null;
    disk.removeChild(source);
  }
  disk.setAttribute('type', block ? 'block' : 'file');
  if (newSource !== undefined && target) {
    const media = disk.ownerDocument!.createElement('source');
    media.setAttribute(block ? 'dev' : 'file', newSource);
    if (startupPolicy !== null) media.setAttribute('startupPolicy', startupPolicy);
    disk.insertBefore(media, target);
    if (textBefore) disk.insertBefore(textBefore.cloneNode(false) as unknown as XmlElement, target);
  }
}

async function cmdChangeMedia(s: Session, cmd: ParsedCommand): Promise<void> {
  exclusive(s, cmd, 'eject', 'insert');
  exclusive(s, cmd, 'eject', 'update');
  exclusive(s, cmd, 'insert', 'update');
  exclusive(s, cmd, 'eject', 'block');
  const source = optString(s, cmd, 'source');
  const update = optBool(cmd, 'update') && source !== undefined;
  const eject = optBool(cmd, 'eject') || (optBool(cmd, 'update') && source === undefined);
  const insert = optBool(cmd, 'insert');
  const action: MediaAction = update || (!eject && !insert) ? 'update' : insert ? 'insert' : 'eject';
  exclusive(s, cmd, 'current', 'live');
  exclusive(s, cmd, 'current', 'config');
  const flags = (optBool(cmd, 'config') ? VIR_DOMAIN_AFFECT_CONFIG : 0) | (optBool(cmd, 'live') ? VIR_DOMAIN_AFFECT_LIVE : 0)
    | (optBool(cmd, 'force') ? VIR_DOMAIN_DEVICE_MODIFY_FORCE : 0);
  using dom = await domainOption(s, cmd);
  const path = optString(s, cmd, 'path')!;
  const { disk, xml } = await findDisk(s, dom, flags, path, true);
  updateDiskMedia(s, disk, source, optBool(cmd, 'block'), path, action);
  const device = xml.dumpNode(disk);
  if (optBool(cmd, 'print-xml')) {
    s.out.print(device);
    return;
  }
  await must(s, `Failed to complete action ${action} on media`, () => dom.updateDeviceFlags(device, flags));
  s.out.print({ eject: 'Successfully ejected media.', insert: 'Successfully inserted media.', update: 'Successfully updated media.' }[action]);
}

// domif-setlink and update-memory-device --------------------------------------------------------------

async function cmdDomifSetlink(s: Session, cmd: ParsedCommand): Promise<void> {
  using dom = await domainOption(s, cmd);
  const iface = optString(s, cmd, 'interface')!;
  const state = optString(s, cmd, 'state')!;
  if (state !== 'up' && state !== 'down') fail(s, `invalid link state '${state}'`);
  const config = optBool(cmd, 'config');
  let flags = config ? VIR_DOMAIN_AFFECT_CONFIG : VIR_DOMAIN_AFFECT_LIVE;
  if ((await dom.isActive().catch(() => null)) === false) flags = VIR_DOMAIN_AFFECT_CONFIG;
  const { root, xml } = await domainDocumentOrFail(s, dom, config ? VIR_DOMAIN_XML_INACTIVE : 0);
  const nodes = xml.selectElements(root, '/domain/devices/interface');
  if (nodes.length === 0) fail(s, 'Failed to extract interface information or no interfaces found');
  const wanted = iface.toLowerCase();
  const node = nodes.find((n) => xml.xpathString(n, './mac/@address')?.toLowerCase() === wanted || xml.xpathString(n, './target/@dev')?.toLowerCase() === wanted);
  if (!node) fail(s, `interface '${iface}' not found`);
  let link = childElements(node).find((c) => c.nodeName === 'link');
  if (!link) {
    link = node.ownerDocument!.createElement('link');
    node.appendChild(link);
  }
  link.setAttribute('state', state);
  const device = xml.dumpNode(node);
  if (optBool(cmd, 'print-xml')) {
    s.out.print(device);
    return;
  }
  await must(s, 'Failed to update interface link state', () => dom.updateDeviceFlags(device, flags));
  s.out.printExtra('Device updated successfully\n');
}

async function cmdUpdateMemoryDevice(s: Session, cmd: ParsedCommand): Promise<void> {
  exclusive(s, cmd, 'current', 'live');
  exclusive(s, cmd, 'current', 'config');
  exclusive(s, cmd, 'node', 'alias');
  const flags = (optBool(cmd, 'config') ? VIR_DOMAIN_AFFECT_CONFIG : 0) | (optBool(cmd, 'live') ? VIR_DOMAIN_AFFECT_LIVE : 0);
  using dom = await domainOption(s, cmd);
  const { root, xml } = await domainDocumentOrFail(s, dom, flags & VIR_DOMAIN_AFFECT_CONFIG ? VIR_DOMAIN_XML_INACTIVE : 0);
  const alias = optString(s, cmd, 'alias');
  const node = optUInt(s, cmd, 'node');
  const expression = node !== undefined ? `/domain/devices/memory[./target/node='${node}']`
    : alias !== undefined ? `/domain/devices/memory[./alias/@name='${alias}']` : '/domain/devices/memory';
  const memories = await nodeSet(s, root, expression);
  if (memories.length === 0) fail(s, 'no memory device found');
  if (memories.length > 1) fail(s, 'multiple memory devices found, use --alias or --node to select one');
  const memory = memories[0]!;
  if (optBool(cmd, 'requested-size')) {
    const bytes = optScaled(s, cmd, 'requested-size', 1024n, 2n ** 64n - 1n)!;
    const requested = xml.selectElements(memory, './target/requested')[0];
    if (!requested) fail(s, 'virtio-mem device is missing <requested/>');
    while (requested.firstChild) requested.removeChild(requested.firstChild);
    requested.appendChild(requested.ownerDocument!.createTextNode(String((bytes + 1023n) / 1024n)));
  }
  const device = xml.dumpNode(memory);
  if (optBool(cmd, 'print-xml')) s.out.print(device);
  else await dom.updateDeviceFlags(device, flags);
}

// domif-getlink (virsh's Domain Monitoring group) ----------------------------------------------------

/** virMacAddrParse + virMacAddrFormat: the MAC in lower case, or '' when `text` is not one. */
function normalMac(text: string): string {
  const m = /^([0-9a-fA-F]{1,2}):([0-9a-fA-F]{1,2}):([0-9a-fA-F]{1,2}):([0-9a-fA-F]{1,2}):([0-9a-fA-F]{1,2}):([0-9a-fA-F]{1,2})(?:$|[\x01-\x20])/.exec(text);
  return m ? m.slice(1).map((g) => g.toLowerCase().padStart(2, '0')).join(':') : '';
}

export const domifGetlink: CommandDef = {
  name: 'domif-getlink',
  summary: "show whether a domain's network interface has its link up",
  options: [
    DOMAIN_ARG,
    { name: 'interface', type: 'data', required: true, help: 'the interface (target device or MAC)' },
    { name: 'persistent', type: 'alias', alias: 'config' },
    flag('config', 'from the persistent definition'),
  ],
  async handler(s, cmd) {
    const iface = optString(s, cmd, 'interface')!;
    using dom = await domainOption(s, cmd);
    const { root, xml } = await domainDocumentOrFail(s, dom, optBool(cmd, 'config') ? VIR_DOMAIN_XML_INACTIVE : 0);
    const mac = normalMac(iface);
    const expression = `/domain/devices/interface[(mac/@address = '${mac}') or                           (target/@dev = '${iface}')]`;
    const nodes = await nodeSet(s, root, expression);
    if (nodes.length < 1) fail(s, mac ? `Interface (mac: ${mac}) not found.` : `Interface (dev: ${iface}) not found.`);
    if (nodes.length > 1) fail(s, 'multiple matching interfaces found');
    s.out.print(`${iface} ${xml.xpathString(nodes[0]!, './link/@state') ?? 'up'}`);
  },
};

// the commands ----------------------------------------------------------------------------------------

/** attach-device, detach-device and update-device: a device from an XML file. */
function fileDeviceCommand(name: string, summary: string, failed: string, done: string, call: (dom: Domain, xml: string, a: Affect) => Promise<void>,
  extra: OptionDef[] = []): CommandDef {
  return {
    name,
    summary,
    options: [DOMAIN_ARG, FILE_ARG, ...AFFECT, ...extra],
    async handler(s, cmd) {
      let a = affect(s, cmd);
      using dom = await domainOption(s, cmd);
      const from = optString(s, cmd, 'file')!;
      a = await withPersistentLive(dom, a);
      const xml = await readXMLFile(s, from);
      if (optBool(cmd, 'force')) a = { ...a, flags: a.flags | VIR_DOMAIN_DEVICE_MODIFY_FORCE };
      await must(s, `Failed to ${failed} from ${from}`, () => call(dom, xml, a));
      s.out.printExtra(done);
    },
  };
}

export const deviceCommands: CommandDef[] = [
  fileDeviceCommand('attach-device', 'attach a device described in an XML file', 'attach device', 'Device attached successfully\n', attach),
  fileDeviceCommand('detach-device', 'detach the device described in an XML file', 'detach device', 'Device detached successfully\n', detach),
  fileDeviceCommand('update-device', 'change a device to match an XML file', 'update device', 'Device updated successfully\n',
    (dom, xml, a) => dom.updateDeviceFlags(xml, a.flags), [flag('force', 'force the change (e.g. eject a locked CD-ROM)')]),
  {
    name: 'detach-device-alias',
    summary: 'detach the device with a given alias',
    options: [DOMAIN_ARG, { name: 'alias', type: 'data', required: true, help: "the device's alias" }, CONFIG, LIVE, CURRENT],
    async handler(s, cmd) {
      exclusive(s, cmd, 'current', 'live');
      exclusive(s, cmd, 'current', 'config');
      const flags = (optBool(cmd, 'config') ? VIR_DOMAIN_AFFECT_CONFIG : 0) | (optBool(cmd, 'live') ? VIR_DOMAIN_AFFECT_LIVE : 0);
      using dom = await domainOption(s, cmd);
      const alias = optString(s, cmd, 'alias')!;
      await must(s, `Failed to detach device with alias ${alias}`, () => dom.detachDeviceAlias(alias, flags));
      s.out.printExtra('Device detach request sent successfully\n');
    },
  },
  {
    name: 'attach-disk',
    summary: 'attach a disk described by options',
    options: [
      DOMAIN_ARG,
      { name: 'source', type: 'data', required: true, emptyOk: true, help: 'the image, device or network volume' },
      { name: 'target', type: 'data', required: true, help: 'the target device name (vdb, sdc ...)' },
      text('targetbus', 'the bus (virtio, scsi, sata ...)'),
      text('driver', 'the driver name (qemu ...)'),
      text('subdriver', 'the image format (raw, qcow2 ...)'),
      text('iothread', 'the IOThread serving it'),
      text('cache', 'the cache mode'),
      text('io', 'the I/O policy'),
      text('type', 'the device kind (disk, cdrom, floppy, lun)'),
      { name: 'shareable', type: 'alias', alias: 'mode=shareable' },
      text('mode', "'readonly' or 'shareable'"),
      text('sourcetype', "'file', 'block' or 'network'"),
      text('serial', 'its serial number'),
      text('wwn', 'its World Wide Name'),
      text('alias', 'its alias'),
      flag('rawio', 'give it the rawio capability'),
      text('address', 'its address (pci:D.B.S.F, scsi:C.B.U, ide:C.B.U, sata:C.B.U, usb:B.P, ccw:C.S.D)'),
      flag('multifunction', 'with a pci address: a multifunction slot'),
      PRINT_XML('attaching the disk'),
      text('source-protocol', 'the protocol of a network source'),
      text('source-host-name', 'the host of a network source (name[:port])'),
      text('source-host-transport', 'the transport to that host'),
      text('source-host-socket', 'the unix socket of that host'),
      ...AFFECT,
    ],
    handler: cmdAttachDisk,
  },
  {
    name: 'attach-interface',
    summary: 'attach a network interface described by options',
    options: [
      DOMAIN_ARG,
      { name: 'type', type: 'data', required: true, help: 'the interface type (network, bridge, direct, hostdev, vhostuser)' },
      { name: 'source', type: 'data', required: true, help: 'the network, bridge, device, PCI address or socket' },
      text('target', 'the host-side device name'),
      text('mac', 'its MAC address'),
      text('script', 'the script that sets it up'),
      text('model', 'the device model'),
      text('alias', 'its alias'),
      text('inbound', 'incoming traffic limits: average,peak,burst,floor'),
      text('outbound', 'outgoing traffic limits: average,peak,burst'),
      ...AFFECT,
      PRINT_XML('attaching the interface'),
      flag('managed', 'let libvirt detach the host device and give it back'),
      text('source-mode', "vhostuser: 'server' or 'client'"),
    ],
    handler: cmdAttachInterface,
  },
  {
    name: 'detach-disk',
    summary: 'detach a disk found by its target or source',
    options: [DOMAIN_ARG, { name: 'target', type: 'data', required: true, help: 'the disk (target or source path)' }, ...AFFECT, PRINT_XML('detaching the disk')],
    handler: cmdDetachDisk,
  },
  {
    name: 'detach-interface',
    summary: 'detach a network interface found by its type (and MAC)',
    options: [
      DOMAIN_ARG,
      { name: 'type', type: 'data', required: true, help: 'the interface type' },
      text('mac', 'its MAC address (needed when several match)'),
      ...AFFECT,
      PRINT_XML('detaching the interface'),
    ],
    handler: cmdDetachInterface,
  },
  {
    name: 'change-media',
    summary: 'eject, insert or replace the media of a CD-ROM or floppy drive',
    options: [
      DOMAIN_ARG,
      { name: 'path', type: 'data', required: true, help: 'the drive (target or source path)' },
      text('source', 'the new media'),
      flag('eject', 'take the media out'),
      flag('insert', 'put media into an empty drive'),
      flag('update', 'replace the media (the default; eject without --source)'),
      CURRENT, LIVE, CONFIG,
      flag('force', 'even if the guest has locked the drive'),
      PRINT_XML('changing the media'),
      flag('block', 'the new media is a block device'),
    ],
    handler: cmdChangeMedia,
  },
  {
    name: 'domif-setlink',
    summary: "bring a domain's network interface link up or down",
    options: [
      DOMAIN_ARG,
      { name: 'interface', type: 'data', required: true, help: 'the interface (target device or MAC)' },
      { name: 'state', type: 'data', required: true, help: "'up' or 'down'" },
      { name: 'persistent', type: 'alias', alias: 'config' },
      CONFIG,
      PRINT_XML('changing the link'),
    ],
    handler: cmdDomifSetlink,
  },
  {
    name: 'update-memory-device',
    summary: 'change the requested size of a virtio-mem memory device',
    options: [
      DOMAIN_ARG, CONFIG, LIVE, CURRENT,
      PRINT_XML('changing the device'),
      text('alias', "the device's alias"),
      { name: 'node', type: 'number', help: "the device's guest NUMA node" },
      { name: 'requested-size', type: 'number', help: 'the new requested size (KiB unless a unit is given)' },
    ],
    handler: cmdUpdateMemoryDevice,
  },
];

