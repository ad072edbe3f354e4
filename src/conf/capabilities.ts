/**
 * The host capabilities model and its XML, laid out as libvirt's virCapabilitiesFormatXML does
 * (host cpu, power management, iommu, migration, NUMA topology, secmodels, then guests, then pools).
 */
import { XmlWriter } from './xml.js';

export interface CapsCpuFeature {
  name: string;
}

export interface CapsHostCpu {
  arch?: string;
  /** Host-level flag features (`<features><pae/>...`), written before the CPU model. */
  flags: string[];
  model?: string;
  vendor?: string;
  microcodeVersion?: number;
  signature?: { family: number; model: number; stepping: number };
  counter?: { frequency: number; scaling?: 'yes' | 'no' };
  /** Written only when all four are set. */
  topology?: { sockets: number; dies: number; cores: number; threads: number };
  maxphysaddr?: { mode: string; bits?: number };
  features: CapsCpuFeature[];
  /** Page sizes in KiB. */
  pageSizes: number[];
}

export interface CapsNumaCpu {
  id: number;
  /** Omitted together with the other topology attributes when siblings is undefined. */
  socketId?: number;
  dieId?: number;
  coreId?: number;
  siblings?: string;
}

export interface CapsNumaCell {
  id: number;
  /** KiB; 0 = not shown. */
  memory: number;
  pages: Array<{ size: number; available: number }>;
  distances: Array<{ cellId: number; value: number }>;
  cpus: CapsNumaCpu[];
}

export interface CapsSecModel {
  model: string;
  doi: string;
  baseLabels: Array<{ type: string; label: string }>;
}

export type PowerTarget = 'suspend_mem' | 'suspend_disk' | 'suspend_hybrid';

/** One host CPU cache (`<cache><bank .../>`); size in bytes, written in the largest exact unit. */
export interface CapsCacheBank {
  id: number;
  level: number;
  type: 'both' | 'code' | 'data';
  size: number;
  cpus: string;
}

export interface CapsHost {
  uuid?: string;
  cpu: CapsHostCpu;
  /** Supported suspend targets; empty = `<power_management/>`. */
  powerManagement: PowerTarget[];
  iommu: boolean;
  migration?: { live: boolean; uriTransports: string[] };
  netprefix?: string;
  /** undefined = no `<topology>`. */
  cells?: CapsNumaCell[];
  /** Host CPU caches; empty or undefined = no `<cache>`. */
  cacheBanks?: CapsCacheBank[];
  secModels: CapsSecModel[];
}

export interface CapsGuestMachine {
  name: string;
  canonical?: string;
  maxCpus?: number;
  deprecated?: boolean;
}

export interface CapsGuestDomain {
  type: string;
  emulator?: string;
  loader?: string;
  machines: CapsGuestMachine[];
}

export interface CapsGuestFeature {
  name: 'pae' | 'nonpae' | 'ia64_be' | 'acpi' | 'apic' | 'cpuselection' | 'deviceboot' | 'disksnapshot' | 'hap';
  default?: 'on' | 'off';
  toggle?: 'yes' | 'no';
}

export interface CapsGuest {
  osType: string;
  arch: string;
  wordsize: number;
  emulator?: string;
  loader?: string;
  machines: CapsGuestMachine[];
  domains: CapsGuestDomain[];
  features: CapsGuestFeature[];
}

export interface Capabilities {
  host: CapsHost;
  guests: CapsGuest[];
  /** Storage pool types (`<pool><enum name='type'>`); empty = element left out. */
  poolTypes: string[];
}

/** libvirt's fixed order of guest features. */
const GUEST_FEATURE_ORDER: readonly CapsGuestFeature['name'][] = ['pae', 'nonpae', 'ia64_be', 'acpi', 'apic', 'cpuselection', 'deviceboot', 'disksnapshot', 'hap'];
const POWER_ORDER: readonly PowerTarget[] = ['suspend_mem', 'suspend_disk', 'suspend_hybrid'];

function writeHostCpu(w: XmlWriter, cpu: CapsHostCpu): void {
  w.open('cpu');
  if (cpu.arch) w.text('arch', cpu.arch);
  if (cpu.flags.length) {
    w.open('features');
    for (const f of cpu.flags) w.empty(f);
    w.close('features');
  }
  if (cpu.model !== undefined) w.text('model', cpu.model);
  if (cpu.vendor !== undefined) w.text('vendor', cpu.vendor);
  if (cpu.microcodeVersion) w.empty('microcode', { version: cpu.microcodeVersion });
  if (cpu.signature?.family) w.empty('signature', { family: cpu.signature.family, model: cpu.signature.model, stepping: cpu.signature.stepping });
  if (cpu.counter) w.empty('counter', { name: 'tsc', frequency: cpu.counter.frequency, scaling: cpu.counter.scaling });
  const t = cpu.topology;
  if (t && t.sockets && t.dies && t.cores && t.threads) {
    w.empty('topology', { sockets: t.sockets, dies: t.dies, cores: t.cores, threads: t.threads });
  }
  if (cpu.maxphysaddr) w.line(`<maxphysaddr mode='${cpu.maxphysaddr.mode}'${cpu.maxphysaddr.bits !== undefined ? ` bits='${cpu.maxphysaddr.bits}'` : ''}/>`);
  for (const f of cpu.features) w.empty('feature', { name: f.name });
  for (const size of cpu.pageSizes) w.empty('pages', { unit: 'KiB', size });
  w.close('cpu');
}

function writeTopology(w: XmlWriter, cells: CapsNumaCell[]): void {
  w.open('topology');
  w.open('cells', { num: cells.length });
  for (const cell of cells) {
    w.open('cell', { id: cell.id });
    if (cell.memory) w.text('memory', cell.memory, { unit: 'KiB' });
    for (const p of cell.pages) w.text('pages', p.available, { unit: 'KiB', size: p.size });
    w.element('distances', undefined, (d) => {
      for (const s of cell.distances) if (s.value !== 0) d.empty('sibling', { id: s.cellId, value: s.value });
    }, true);
    w.element('cpus', { num: cell.cpus.length }, (c) => {
      for (const cpu of cell.cpus) {
        c.empty('cpu', cpu.siblings === undefined
          ? { id: cpu.id }
          : { id: cpu.id, socket_id: cpu.socketId ?? 0, die_id: cpu.dieId ?? 0, core_id: cpu.coreId ?? 0, siblings: cpu.siblings });
      }
    });
    w.close('cell');
  }
  w.close('cells');
  w.close('topology');
}

/** virFormatIntPretty: the largest of B, KiB, MiB, GiB, TiB that divides the size exactly. */
function prettySize(bytes: number): [number, string] {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let unit = 0;
  while (unit < units.length - 1 && bytes !== 0 && bytes % 1024 === 0) {
    bytes /= 1024;
    unit++;
  }
  return [bytes, units[unit]!];
}

function writeCache(w: XmlWriter, banks: CapsCacheBank[]): void {
  w.open('cache');
  for (const bank of banks) {
    const [size, unit] = prettySize(bank.size);
    w.empty('bank', { id: bank.id, level: bank.level, type: bank.type, size, unit, cpus: bank.cpus });
  }
  w.close('cache');
}

function writeHost(w: XmlWriter, host: CapsHost): void {
  w.open('host');
  if (host.uuid) w.text('uuid', host.uuid);
  writeHostCpu(w, host.cpu);
  if (host.powerManagement.length) {
    w.open('power_management');
    for (const t of POWER_ORDER) if (host.powerManagement.includes(t)) w.empty(t);
    w.close('power_management');
  } else {
    w.empty('power_management');
  }
  w.empty('iommu', { support: host.iommu ? 'yes' : 'no' });
  if (host.migration) {
    w.open('migration_features');
    if (host.migration.live) w.empty('live');
    if (host.migration.uriTransports.length) {
      w.open('uri_transports');
      for (const t of host.migration.uriTransports) w.text('uri_transport', t);
      w.close('uri_transports');
    }
    w.close('migration_features');
  }
  if (host.netprefix !== undefined) w.text('netprefix', host.netprefix);
  if (host.cells) writeTopology(w, host.cells);
  if (host.cacheBanks?.length) writeCache(w, host.cacheBanks);
  for (const sec of host.secModels) {
    w.open('secmodel');
    // libvirt prints these unescaped and keeps an empty doi as an open/close pair
    w.line(`<model>${sec.model}</model>`);
    w.line(`<doi>${sec.doi}</doi>`);
    for (const l of sec.baseLabels) w.line(`<baselabel type='${l.type}'>${l.label}</baselabel>`);
    w.close('secmodel');
  }
  w.close('host');
  w.raw('');
}

function writeMachine(w: XmlWriter, m: CapsGuestMachine, withDeprecated: boolean): void {
  w.line(`<machine${m.canonical ? ` canonical='${m.canonical}'` : ''}${m.maxCpus && m.maxCpus > 0 ? ` maxCpus='${m.maxCpus}'` : ''}` +
    `${withDeprecated && m.deprecated ? " deprecated='yes'" : ''}>${m.name}</machine>`);
}

function writeGuest(w: XmlWriter, guest: CapsGuest): void {
  w.open('guest');
  w.text('os_type', guest.osType);
  w.open('arch', { name: guest.arch });
  w.text('wordsize', guest.wordsize);
  if (guest.emulator) w.text('emulator', guest.emulator);
  if (guest.loader) w.text('loader', guest.loader);
  for (const m of guest.machines) writeMachine(w, m, true);
  for (const d of guest.domains) {
    if (!d.emulator && !d.loader && d.machines.length === 0) {
      w.empty('domain', { type: d.type });
      continue;
    }
    w.open('domain', { type: d.type });
    if (d.emulator) w.text('emulator', d.emulator);
    if (d.loader) w.text('loader', d.loader);
    for (const m of d.machines) writeMachine(w, m, false);
    w.close('domain');
  }
  w.close('arch');
  w.element('features', undefined, (f) => {
    for (const name of GUEST_FEATURE_ORDER) {
      const feature = guest.features.find((x) => x.name === name);
      if (feature) f.empty(name, { default: feature.default, toggle: feature.toggle });
    }
  }, true);
  w.close('guest');
  w.raw('');
}

/** The capabilities document, byte for byte as libvirt 9.0.0 writes it. */
export function formatCapabilitiesXML(caps: Capabilities): string {
  const w = new XmlWriter();
  w.line('<capabilities>');
  w.raw('');
  const inner = new XmlWriter(1);
  const host = caps.host;
  if (host.uuid || host.cpu.arch || host.powerManagement.length || host.iommu) writeHost(inner, host);
  for (const g of caps.guests) writeGuest(inner, g);
  if (caps.poolTypes.length) {
    inner.open('pool').open('enum', { name: 'type' });
    for (const t of caps.poolTypes) inner.text('value', t);
    inner.close('enum').close('pool');
    inner.raw('');
  }
  if (!inner.isEmpty()) w.raw(inner.toString().replace(/\n$/, ''));
  w.line('</capabilities>');
  return w.toString();
}
