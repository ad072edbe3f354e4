import { XmlWriter } from '../../../conf/xml.js';
import type { DecodedCpu } from './cpu-decode.js';

/**
 * The domain capabilities document (virConnectGetDomainCapabilities): what one emulator,
 * machine and domain type accept, with each enum listing its values in libvirt's enum order.
 */
export interface DomainCapsEnum {
  readonly name: string;
  readonly values: readonly string[];
}

/** A `<NAME supported='yes|no'>` block holding enums (devices, memoryBacking, hyperv). */
export interface DomainCapsBlock {
  readonly name: string;
  readonly supported: boolean;
  readonly enums: readonly DomainCapsEnum[];
}

export interface DomainCapsCpuModel {
  readonly name: string;
  readonly usable: 'yes' | 'no' | 'unknown';
  readonly deprecated: boolean;
  readonly vendor?: string;
}

export interface DomainCaps {
  readonly path: string;
  readonly domain: string;
  readonly machine?: string;
  readonly arch: string;
  readonly maxVcpus?: number;
  readonly iothreads?: boolean;
  readonly os: {
    readonly firmware: readonly string[];
    readonly loader: { readonly values: readonly string[]; readonly enums: readonly DomainCapsEnum[] };
  };
  readonly cpu: {
    /** The migratable enum when the mode is supported; null = not supported. */
    readonly hostPassthrough: readonly string[] | null;
    readonly maximum: readonly string[] | null;
    /** The CPU host-model stands for; null = not supported. */
    readonly hostModel: DecodedCpu | null;
    readonly custom: readonly DomainCapsCpuModel[];
  };
  readonly memoryBacking: DomainCapsBlock;
  readonly devices: readonly DomainCapsBlock[];
  readonly features: {
    readonly gic: boolean;
    /** vmcoreinfo, genid, backingStoreInput, backup (and s390-pv on s390), in libvirt's order. */
    readonly simple: ReadonlyArray<readonly [string, boolean]>;
    readonly sev: boolean;
    readonly sgx: boolean;
    readonly hyperv: DomainCapsBlock | null;
  };
}

function writeEnum(w: XmlWriter, e: DomainCapsEnum): void {
  w.element('enum', { name: e.name }, (inner) => {
    for (const value of e.values) inner.text('value', value);
  });
}

function writeBlock(w: XmlWriter, block: DomainCapsBlock): void {
  if (!block.supported) {
    w.empty(block.name, { supported: 'no' });
    return;
  }
  w.open(block.name, { supported: 'yes' });
  for (const e of block.enums) writeEnum(w, e);
  w.close(block.name);
}

function writeMigratableMode(w: XmlWriter, name: string, enumName: string, values: readonly string[] | null): void {
  if (values === null) {
    w.empty('mode', { name, supported: 'no' });
    return;
  }
  w.open('mode', { name, supported: 'yes' });
  writeEnum(w, { name: enumName, values });
  w.close('mode');
}

function writeHostModel(w: XmlWriter, cpu: DecodedCpu | null): void {
  if (!cpu) {
    w.empty('mode', { name: 'host-model', supported: 'no' });
    return;
  }
  w.open('mode', { name: 'host-model', supported: 'yes' });
  w.text('model', cpu.model, { fallback: 'forbid' });
  if (cpu.vendor) w.text('vendor', cpu.vendor);
  for (const f of cpu.features) w.empty('feature', { policy: f.policy, name: f.name });
  w.close('mode');
}

function writeCpu(w: XmlWriter, cpu: DomainCaps['cpu']): void {
  w.open('cpu');
  writeMigratableMode(w, 'host-passthrough', 'hostPassthroughMigratable', cpu.hostPassthrough);
  writeMigratableMode(w, 'maximum', 'maximumMigratable', cpu.maximum);
  writeHostModel(w, cpu.hostModel);
  if (cpu.custom.length === 0) {
    w.empty('mode', { name: 'custom', supported: 'no' });
  } else {
    w.open('mode', { name: 'custom', supported: 'yes' });
    for (const model of cpu.custom) {
      w.text('model', model.name, { usable: model.usable, deprecated: model.deprecated ? 'yes' : undefined, vendor: model.vendor ?? 'unknown' });
    }
    w.close('mode');
  }
  w.close('cpu');
}

/** The document, laid out as libvirt 9.0.0's virDomainCapsFormat writes it. */
export function formatDomainCapsXML(caps: DomainCaps): string {
  const w = new XmlWriter();
  w.open('domainCapabilities');
  w.text('path', caps.path);
  w.line(`<domain>${caps.domain}</domain>`);
  if (caps.machine) w.line(`<machine>${caps.machine}</machine>`);
  w.line(`<arch>${caps.arch}</arch>`);
  if (caps.maxVcpus) w.empty('vcpu', { max: caps.maxVcpus });
  if (caps.iothreads !== undefined) w.empty('iothreads', { supported: caps.iothreads ? 'yes' : 'no' });
  w.open('os', { supported: 'yes' });
  writeEnum(w, { name: 'firmware', values: caps.os.firmware });
  w.open('loader', { supported: 'yes' });
  for (const value of caps.os.loader.values) w.text('value', value);
  for (const e of caps.os.loader.enums) writeEnum(w, e);
  w.close('loader');
  w.close('os');
  writeCpu(w, caps.cpu);
  writeBlock(w, caps.memoryBacking);
  w.open('devices');
  for (const device of caps.devices) writeBlock(w, device);
  w.close('devices');
  w.open('features');
  w.empty('gic', { supported: caps.features.gic ? 'yes' : 'no' });
  for (const [name, supported] of caps.features.simple) w.empty(name, { supported: supported ? 'yes' : 'no' });
  w.empty('sev', { supported: caps.features.sev ? 'yes' : 'no' });
  w.empty('sgx', { supported: caps.features.sgx ? 'yes' : 'no' });
  if (caps.features.hyperv) writeBlock(w, caps.features.hyperv);
  w.close('features');
  w.close('domainCapabilities');
  return w.toString();
}
