/**
 * libvirt's domain XML: parse (with validation and post-parse defaults) and format, giving the
 * same document libvirt 9.0.0's test driver gives for `virsh define` then `virsh dumpxml`.
 */
import { xmlError } from './parse-util.js';
import { ErrorDomain } from '../../errors/codes.js';
import { firstChild, parseXmlDocument, XmlWriter, type XmlElement } from '../xml.js';
import { applyBootOrder } from './boot-order.js';
import { formatClock, parseClock, type DomainClock } from './clock.js';
import { formatCpu, parseCpu, type DomainCpu } from './cpu.js';
import { applyDeviceDefaults, formatDevices, parseDevices, type DomainDevices } from './devices/index.js';
import { checkRedirdevUsb } from './devices/usb-disabled.js';
import { formatFeatures, parseFeatures, type DomainFeatures } from './features.js';
import { formatGeneral, parseGeneral } from './general.js';
import { formatLifecycle, parseLifecycle } from './lifecycle.js';
import { finishMemory, formatMemory, parseMemory, type DomainMemory } from './memory.js';
import { formatMetadata, parseMetadata, type MetadataEntry } from './metadata.js';
import { formatOs, parseOs, type DomainOs } from './os.js';
import { parseBlkiotune, parseCputune, parseMemoryBacking, parseMemtune } from './tuning.js';
import { parseNumatune } from './numatune.js';
import { parsePm } from './pm.js';
import { checkSmbiosSysinfo } from './sysinfo.js';
import { parseDomainSeclabels } from './seclabel.js';
import { iothreadNodes, parseIothreads } from './iothreads.js';
import { parseIdmap } from './idmap.js';
import { formatVcpus, parseVcpus, type DomainVcpus } from './vcpu.js';
import { getAttr, getChild, toXNode, writeXNode, type XNode } from './xnode.js';

export { getDomainMetadata, setDomainMetadata, VIR_DOMAIN_METADATA_DESCRIPTION, VIR_DOMAIN_METADATA_ELEMENT,
  VIR_DOMAIN_METADATA_TITLE } from './metadata.js';
export { assignDomainInterfaceNames, DEVICE_ORDER, type DeviceKind, type DomainDevices } from './devices/index.js';
export type { XNode } from './xnode.js';
export type { DomainMemory, DomainVcpus, DomainOs, DomainCpu, DomainClock, DomainFeatures, MetadataEntry };

/** Top-level elements kept as written (not modelled field by field), each in its libvirt slot. */
const PASSTHROUGH_BEFORE_VCPU = ['blkiotune', 'memtune', 'memoryBacking'] as const;
const PASSTHROUGH_AFTER_VCPU = ['iothreads', 'iothreadids', 'defaultiothread', 'cputune', 'numatune', 'resource', 'sysinfo',
  'bootloader', 'bootloader_args'] as const;
const PASSTHROUGH_AFTER_OS = ['idmap'] as const;
const PASSTHROUGH_AFTER_LIFECYCLE = ['pm', 'perf'] as const;
const PASSTHROUGH_AFTER_DEVICES = ['seclabel', 'keywrap', 'launchSecurity'] as const;
/** Top-level elements libvirt keeps every occurrence of (the others: the first). */
const REPEATED = ['sysinfo'];

/** Top-level elements kept as XML nodes but rewritten in libvirt's canonical form. */
const CANONICAL_TOP_LEVEL: Record<string, (el: XmlElement) => XNode | undefined> = {
  idmap: parseIdmap, blkiotune: parseBlkiotune, memtune: parseMemtune, pm: parsePm, memoryBacking: parseMemoryBacking,
};

export interface DomainDef {
  type: string;
  name: string;
  /** Lowercase canonical UUID. */
  uuid: string;
  id?: never;
  genid?: string;
  title?: string;
  description?: string;
  metadata?: MetadataEntry[];
  memory: DomainMemory;
  vcpus: DomainVcpus;
  os: DomainOs;
  features?: DomainFeatures;
  cpu?: DomainCpu;
  clock: DomainClock;
  onPoweroff: string;
  onReboot: string;
  onCrash: string;
  onLockFailure?: string;
  devices: DomainDevices;
  /** Top-level elements kept verbatim, by element name. */
  passthrough: Record<string, XNode[]>;
}

export interface FormatDomainOptions {
  /** The running domain's id (> 0), written as `<domain ... id='N'>`. */
  id?: number;
  inactive?: boolean;
  secure?: boolean;
  migratable?: boolean;
}

export interface ParseDomainOptions {
  flags?: number;
  /** Guest architecture when `<type arch>` is absent (the driver's host default; the test driver's is i686). */
  defaultArch?: string;
  /**
   * The driver's own post-parse, run as libvirt runs its driver callback: after controller
   * numbering, before the implicit devices (controllers for disks and channels, video, consoles).
   */
  driverPostParse?: (def: DomainDef) => void;
}

/** How libvirt names, checks and validates (`domain.rng`) this document. */
export const DOMAIN_DOCUMENT = { url: '(domain_definition)', errorDomain: ErrorDomain.VIR_FROM_DOMAIN, rootElement: 'domain', schema: 'domain' };

/** Parse, validate and fill in defaults; throws VirError with libvirt's code and message. */
export function parseDomainXML(xml: string, opts: ParseDomainOptions = {}): DomainDef {
  const root = parseXmlDocument(xml, DOMAIN_DOCUMENT);
  return parseDomainElement(root, opts);
}

function parseDomainElement(root: XmlElement, opts: ParseDomainOptions): DomainDef {
  const general = parseGeneral(root);
  general.uuid = checkSmbiosSysinfo(root, general.uuid, firstChild(root, 'uuid') === undefined);
  const metadata = parseMetadata(firstChild(root, 'metadata'));
  const memory = parseMemory(root);
  const vcpus = parseVcpus(root);
  const os = parseOs(root, opts.defaultArch);
  const features = parseFeatures(root);
  const cpu = parseCpu(root);
  const clock = parseClock(root);
  const lifecycle = parseLifecycle(root);
  const seclabels = parseDomainSeclabels(root);
  const devices = parseDevices(root, os.type, general.type);
  const passthrough: Record<string, XNode[]> = {};
  for (const name of [...PASSTHROUGH_BEFORE_VCPU, ...PASSTHROUGH_AFTER_VCPU, ...PASSTHROUGH_AFTER_LIFECYCLE, ...PASSTHROUGH_AFTER_DEVICES]) {
    if (name === 'seclabel') continue; // read by parseDomainSeclabels
    const nodes: XNode[] = [];
    for (let c = root.firstChild; c; c = c.nextSibling) if (c.nodeName === name) nodes.push(toXNode(c as XmlElement));
    if (nodes.length) passthrough[name] = REPEATED.includes(name) ? nodes : nodes.slice(0, 1);
  }
  if (seclabels.length) passthrough.seclabel = seclabels;
  for (const [name, canonical] of Object.entries(CANONICAL_TOP_LEVEL)) {
    const el = firstChild(root, name);
    const node = el ? canonical(el) : undefined;
    if (node) passthrough[name] = [node];
    else delete passthrough[name];
  }
  const iothreads = parseIothreads(root);
  for (const name of ['iothreads', 'iothreadids', 'defaultiothread']) delete passthrough[name];
  Object.assign(passthrough, iothreadNodes(iothreads));
  const cputune = firstChild(root, 'cputune');
  const cputuneNode = cputune && parseCputune(cputune, { maxVcpus: vcpus.max, iothreadIds: iothreads.ids.map((t) => t.id) });
  delete passthrough.cputune;
  if (cputuneNode) passthrough.cputune = [cputuneNode];
  const numatune = parseNumatune(root, vcpus.placement === 'static', cpu?.numa?.children.filter((c) => c.name === 'cell').length ?? 0);
  delete passthrough.numatune;
  if (numatune.node) passthrough.numatune = [numatune.node];
  // automatic memory placement makes vCPU placement automatic too, unless some CPU is pinned
  const pinned = passthrough.cputune?.[0]?.children.some((c) => ['vcpupin', 'emulatorpin', 'iothreadpin'].includes(c.name));
  if (numatune.placementAuto && !vcpus.cpuset && !pinned) vcpus.placement = 'auto';
  const def: DomainDef = { ...general, metadata, memory, vcpus, os, features, cpu, clock, ...lifecycle, devices, passthrough };
  opts.driverPostParse?.(def);
  applyDeviceDefaults(devices, os.type, general.type, os.arch);
  checkRedirdevUsb(devices.lists);
  applyBootOrder(os, devices);
  const numaKiB = (cpu?.numa?.children ?? []).filter((c) => c.name === 'cell').reduce((sum, c) => sum + Number(getAttr(c, 'memory')), 0);
  const deviceKiB = (m: XNode) => {
    const target = getChild(m, 'target');
    return Number((target && getChild(target, 'size')?.text) ?? 0);
  };
  const devicesKiB = devices.lists.memory.reduce((sum, m) => sum + deviceKiB(m), 0);
  finishMemory(memory, numaKiB, devicesKiB);
  // libvirt checks this last, with the features its drivers support (none takes a slash).
  if (general.name.includes('/')) throw xmlError(`name ${general.name} cannot contain '/'`);
  return def;
}

/** Format as libvirt's virDomainDefFormat does. */
export function formatDomainXML(def: DomainDef, opts: FormatDomainOptions = {}): string {
  const w = new XmlWriter();
  const id = !opts.inactive && opts.id !== undefined && opts.id > 0 ? opts.id : undefined;
  w.open('domain', { type: def.type, id });
  formatGeneral(w, def);
  formatMetadata(w, def.metadata);
  formatMemory(w, def.memory);
  writePassthrough(w, def, PASSTHROUGH_BEFORE_VCPU);
  formatVcpus(w, def.vcpus);
  writePassthrough(w, def, PASSTHROUGH_AFTER_VCPU);
  formatOs(w, def.os);
  writePassthrough(w, def, PASSTHROUGH_AFTER_OS);
  formatFeatures(w, def.features);
  formatCpu(w, def.cpu);
  formatClock(w, def.clock);
  formatLifecycle(w, def);
  writePassthrough(w, def, PASSTHROUGH_AFTER_LIFECYCLE);
  // libvirt formats a definition without a running id as inactive
  formatDevices(w, def.devices, { secure: opts.secure === true, inactive: id === undefined });
  writePassthrough(w, def, PASSTHROUGH_AFTER_DEVICES);
  w.close('domain');
  return w.toString();
}

function writePassthrough(w: XmlWriter, def: DomainDef, names: readonly string[]): void {
  for (const name of names) for (const node of def.passthrough[name] ?? []) writeXNode(w, node);
}

/** A deep, independent copy (metadata elements are shared: they are never mutated in place). */
export function cloneDomainDef(def: DomainDef): DomainDef {
  const metadata = def.metadata;
  const copy = structuredClone({ ...def, metadata: undefined }) as DomainDef;
  copy.metadata = metadata?.map((e) => ({ ...e }));
  return copy;
}
