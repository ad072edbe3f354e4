import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ErrorDomain } from '../../../errors/index.js';
import { attr, childElements, firstChild, parseXmlDocument, type XmlElement } from '../../../conf/xml.js';
import { cpuidItem, msrItem, vendorItem, X86Data, type X86DataItem } from './cpu-x86-data.js';
import { parseCpuList } from './host.js';

/**
 * libvirt's x86 CPU map: vendors, features and named models, read from the data files libvirt
 * installs (`/usr/share/libvirt/cpu_map`, shipped by Debian's libvirt0). Models keep the map's
 * order, which the decoder walks newest first.
 */
export const DEFAULT_CPU_MAP_DIR = '/usr/share/libvirt/cpu_map';

export interface X86Vendor {
  readonly name: string;
  readonly data: X86DataItem;
}

export interface X86Feature {
  readonly name: string;
  readonly data: X86Data;
  readonly migratable: boolean;
}

export interface X86ModelSignature {
  readonly family: number;
  readonly model: number;
  /** Steppings the signature covers; undefined = any. */
  readonly steppings?: ReadonlySet<number>;
}

export interface X86Model {
  readonly name: string;
  readonly decodeHost: boolean;
  readonly decodeGuest: boolean;
  readonly vendor?: X86Vendor;
  readonly signatures: readonly X86ModelSignature[];
  readonly data: X86Data;
  /** Features QEMU dropped from the model later; guests list them as disabled. */
  readonly removedFeatures: readonly string[];
}

export interface X86CpuMap {
  readonly vendors: readonly X86Vendor[];
  readonly features: readonly X86Feature[];
  readonly models: readonly X86Model[];
  feature(name: string): X86Feature | undefined;
  model(name: string): X86Model | undefined;
}

/** Features libvirt knows outside the map (KVM and Hyper-V leaves), needed to read QEMU's CPU properties. */
const HYPERVISOR_FEATURES: ReadonlyArray<readonly [string, number, number, number]> = [
  ['kvm_pv_unhalt', 0x40000001, 0x80, 0],
  ['hv-runtime', 0x40000003, 0x1, 0], ['hv-synic', 0x40000003, 0x4, 0], ['hv-stimer', 0x40000003, 0x8, 0],
  ['hv-relaxed', 0x40000003, 0x20, 0], ['hv-vapic', 0x40000003, 0x30, 0], ['hv-vpindex', 0x40000003, 0x40, 0],
  ['hv-reset', 0x40000003, 0x80, 0], ['hv-frequencies', 0x40000003, 0x800, 0], ['hv-reenlightenment', 0x40000003, 0x2000, 0],
  ['hv-tlbflush', 0x40000004, 0x4, 0], ['hv-avic', 0x40000004, 0x200, 0], ['hv-ipi', 0x40000004, 0x400, 0],
  ['hv-evmcs', 0x40000004, 0x4000, 0], ['hv-stimer-direct', 0x40000003, 0, 0x80000],
];

export function hypervisorFeature(name: string): X86Data | undefined {
  const def = HYPERVISOR_FEATURES.find(([n]) => n === name);
  return def && X86Data.of([cpuidItem(def[1], 0, def[2], 0, 0, def[3])]);
}

const cache = new Map<string, Promise<X86CpuMap | null>>();

/** The map in `dir`, loaded once; null when the files are missing or unreadable. */
export function loadX86CpuMap(dir = DEFAULT_CPU_MAP_DIR): Promise<X86CpuMap | null> {
  let pending = cache.get(dir);
  if (!pending) {
    pending = readX86CpuMap(dir).catch(() => null);
    cache.set(dir, pending);
  }
  return pending;
}

async function readX86CpuMap(dir: string): Promise<X86CpuMap> {
  const builder = new MapBuilder();
  const index = await parseFile(dir, 'index.xml');
  const arch = childElements(index, 'arch').find((el) => attr(el, 'name') === 'x86');
  if (!arch) throw new Error('no x86 CPU map');
  builder.load(arch);
  for (const include of childElements(arch, 'include')) {
    const file = attr(include, 'filename');
    if (!file) throw new Error('CPU map include without a filename');
    builder.load(await parseFile(dir, file));
  }
  return builder.build();
}

async function parseFile(dir: string, name: string): Promise<XmlElement> {
  return parseXmlDocument(await readFile(join(dir, name), 'utf8'), { url: name, errorDomain: ErrorDomain.VIR_FROM_CPU });
}

/** Numbers as strtoul with base 0 reads them: `0x` hex, leading-zero octal, else decimal. */
function number(text: string | undefined): number {
  if (text === undefined) return 0;
  const value = /^0x/i.test(text) ? parseInt(text.slice(2), 16) : /^0[0-7]+$/.test(text) ? parseInt(text, 8) : Number(text);
  if (!Number.isInteger(value) || value < 0) throw new Error(`bad number '${text}' in the CPU map`);
  return value;
}

class MapBuilder {
  readonly vendors: X86Vendor[] = [];
  readonly features: X86Feature[] = [];
  readonly models: X86Model[] = [];
  readonly #features = new Map<string, X86Feature>();
  readonly #models = new Map<string, X86Model>();

  /** One file's (or the index's) vendors, then features, then models, as libvirt reads them. */
  load(root: XmlElement): void {
    for (const el of childElements(root, 'vendor')) this.#vendor(el);
    for (const el of childElements(root, 'feature')) this.#feature(el);
    for (const el of childElements(root, 'model')) this.#model(el);
  }

  build(): X86CpuMap {
    const features = this.#features;
    const models = this.#models;
    return {
      vendors: this.vendors,
      features: this.features,
      models: this.models,
      feature: (name) => features.get(name),
      model: (name) => models.get(name),
    };
  }

  #vendor(el: XmlElement): void {
    const data = vendorItem(attr(el, 'string') ?? '');
    if (!data) throw new Error(`bad vendor string in the CPU map`);
    this.vendors.push({ name: required(el, 'name'), data });
  }

  #feature(el: XmlElement): void {
    const name = required(el, 'name');
    const data = new X86Data();
    for (const item of childElements(el)) {
      if (item.nodeName === 'cpuid') {
        data.addItem(cpuidItem(number(attr(item, 'eax_in')), number(attr(item, 'ecx_in')), number(attr(item, 'eax')),
          number(attr(item, 'ebx')), number(attr(item, 'ecx')), number(attr(item, 'edx'))));
      } else if (item.nodeName === 'msr') {
        data.addItem(msrItem(number(attr(item, 'index')), number(attr(item, 'eax')), number(attr(item, 'edx'))));
      }
    }
    const feature = { name, data, migratable: attr(el, 'migratable') !== 'no' };
    this.features.push(feature);
    this.#features.set(name, feature);
  }

  #model(el: XmlElement): void {
    const name = required(el, 'name');
    const decode = firstChild(el, 'decode');
    const ancestor = this.#models.get(attr(firstChild(el, 'model'), 'name') ?? '');
    const vendorName = attr(firstChild(el, 'vendor'), 'name');
    const signatures = childElements(el, 'signature').map((sig): X86ModelSignature => {
      const stepping = attr(sig, 'stepping');
      return { family: number(attr(sig, 'family')), model: number(attr(sig, 'model')), ...(stepping !== undefined && { steppings: new Set(parseCpuList(stepping)) }) };
    });
    const data = ancestor ? ancestor.data.copy() : new X86Data();
    const removedFeatures: string[] = [];
    for (const f of childElements(el, 'feature')) {
      const feature = this.#features.get(required(f, 'name'));
      if (!feature) throw new Error(`unknown feature in CPU model ${name}`);
      if (attr(f, 'removed') === 'yes') removedFeatures.push(feature.name);
      else data.add(feature.data);
    }
    const vendor = vendorName !== undefined ? this.vendors.find((v) => v.name === vendorName) : ancestor?.vendor;
    const model: X86Model = {
      name,
      decodeHost: attr(decode, 'host') === 'on',
      decodeGuest: attr(decode, 'guest') === 'on',
      ...(vendor && { vendor }),
      signatures: signatures.length > 0 ? signatures : ancestor?.signatures ?? [],
      data,
      removedFeatures,
    };
    this.models.push(model);
    this.#models.set(name, model);
  }
}

function required(el: XmlElement, name: string): string {
  const value = attr(el, name);
  if (value === undefined) throw new Error(`<${el.nodeName}> without ${name} in the CPU map`);
  return value;
}
