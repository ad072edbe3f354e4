import { takeFeatures, type CpuFeature } from './cpu-def.js';
import type { X86CpuMap, X86Model, X86Vendor } from './cpu-map.js';
import { decodeSignature, matchesMask, X86Data, type X86Signature } from './cpu-x86-data.js';

/**
 * libvirt's x86 decoder: name CPU data as the closest model of the CPU map plus the features
 * it adds and lacks. A `host` CPU only gets models it fully contains (its features carry no
 * policy); a `guest` CPU may get a model with some features disabled.
 */
export interface DecodedCpu {
  readonly model: string;
  readonly vendor?: string;
  readonly features: CpuFeature[];
  readonly signature: X86Signature;
}

export interface DecodeOptions {
  readonly type: 'host' | 'guest';
  /**
   * The models the hypervisor offers, each with the features it cannot give (its blockers,
   * in libvirt's names); undefined = every model of the map.
   */
  readonly allowed?: ReadonlyMap<string, readonly string[]>;
}

/** Features a disabled one costs beyond the first (libvirt's base penalty). */
const BASE_PENALTY = 2;

/** Intel family 6 models whose TSX is broken; libvirt drops hle and rtm from them. */
function hasBrokenTsx(vendor: X86Vendor | undefined, sig: X86Signature): boolean {
  if (vendor?.name !== 'Intel' || sig.family !== 6) return false;
  return (sig.model === 63 && sig.stepping < 4) || sig.model === 60 || sig.model === 69 || sig.model === 70;
}

/** Finds the vendor whose string `data` holds, and clears it from `data`. */
function takeVendor(data: X86Data, map: X86CpuMap): X86Vendor | undefined {
  for (const vendor of map.vendors) {
    const item = data.get(vendor.data);
    if (item && matchesMask(item, vendor.data)) {
      data.subtract(X86Data.of([vendor.data]));
      return vendor;
    }
  }
  return undefined;
}

/** `data` described as `model`: the features it adds (require) and lacks (disable). */
function describeAs(data: X86Data, model: X86Model, map: X86CpuMap, blockers: readonly string[], type: DecodeOptions['type']): CpuFeature[] {
  const extra = data.copy();
  const missing = model.data.copy();
  takeVendor(extra, map);
  extra.subtract(model.data);
  missing.subtract(data);
  // what the hypervisor cannot give of its version of the model must be disabled too
  for (const name of blockers) {
    const feature = map.feature(name);
    if (feature && !extra.contains(feature.data)) missing.add(feature.data);
  }
  const features: CpuFeature[] = [];
  takeFeatures(extra, map, 'require', features);
  takeFeatures(missing, map, 'disable', features);
  if (type === 'guest') {
    for (const name of model.removedFeatures) {
      if (!features.some((f) => f.name === name)) features.push({ name, policy: 'disable' });
    }
  }
  return features;
}

function signatureMatches(model: X86Model, signature: number): boolean {
  const sig = decodeSignature(signature);
  return model.signatures.some((s) => s.family === sig.family && s.model === sig.model && (!s.steppings || s.steppings.has(sig.stepping)));
}

/**
 * The weight of a candidate's feature list: each enabled feature counts one, the disabled ones
 * cost growing penalties. As libvirt, the scan's bound shrinks with each disabled feature found.
 */
function weigh(features: readonly CpuFeature[], type: DecodeOptions['type']): { total: number; disabled: number } {
  if (type === 'host') return { total: features.length, disabled: 0 };
  let enabled = features.length;
  let disabled = 0;
  let penalty = BASE_PENALTY;
  for (let i = 0; i < enabled; i++) {
    if (features[i]!.policy === 'disable') {
      enabled--;
      disabled += penalty;
      penalty++;
    }
  }
  return { total: enabled + disabled, disabled };
}

interface Candidate {
  readonly model: X86Model;
  readonly features: CpuFeature[];
}

function isBetter(current: Candidate | undefined, candidate: Candidate, signature: number, type: DecodeOptions['type']): boolean {
  if (!current) return true;
  // a model made for this very family/model wins over those that are not
  if (signature) {
    const currentMatches = signatureMatches(current.model, signature);
    const candidateMatches = signatureMatches(candidate.model, signature);
    if (currentMatches && !candidateMatches) return false;
    if (!currentMatches && candidateMatches) return true;
  }
  const a = weigh(current.features, type);
  const b = weigh(candidate.features, type);
  return b.total < a.total || (b.total === a.total && b.disabled < a.disabled);
}

/** The best model for `cpuData`; null when none fits (libvirt: "Cannot find suitable CPU model"). */
export function decodeX86(cpuData: X86Data, map: X86CpuMap, options: DecodeOptions): DecodedCpu | null {
  const data = cpuData.copy();
  const vendor = takeVendor(data, map);
  const signature = data.signature();
  const sig = decodeSignature(signature);
  if (hasBrokenTsx(vendor, sig)) {
    for (const name of ['hle', 'rtm']) {
      const feature = map.feature(name);
      if (feature) data.subtract(feature.data);
    }
  }
  let best: Candidate | undefined;
  // newest models come last in the map
  for (const model of [...map.models].reverse()) {
    const blockers = options.allowed ? options.allowed.get(model.name) : [];
    if (blockers === undefined) continue;
    if (vendor && model.vendor && vendor !== model.vendor) continue;
    if (options.type === 'host' ? !model.decodeHost : !model.decodeGuest) continue;
    const features = describeAs(data, model, map, blockers, options.type);
    if (options.type === 'host' && features.some((f) => f.policy === 'disable')) continue;
    const candidate = { model, features };
    if (isBetter(best, candidate, signature, options.type)) best = candidate;
  }
  if (!best) return null;
  return { model: best.model.name, ...(vendor && { vendor: vendor.name }), features: best.features, signature: sig };
}
