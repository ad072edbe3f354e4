import type { X86CpuMap } from './cpu-map.js';
import { X86Data } from './cpu-x86-data.js';

/** A CPU as libvirt's CPU driver passes it around: a model of the map and feature policies. */
export type CpuFeaturePolicy = 'force' | 'require' | 'optional' | 'disable' | 'forbid';

export interface CpuFeature {
  readonly name: string;
  readonly policy: CpuFeaturePolicy;
}

/** Moves every map feature fully present in `data` to `out` with `policy`, in map order. */
export function takeFeatures(data: X86Data, map: X86CpuMap, policy: CpuFeaturePolicy, out: CpuFeature[]): void {
  for (const feature of map.features) {
    if (data.contains(feature.data)) {
      data.subtract(feature.data);
      out.push({ name: feature.name, policy });
    }
  }
}

/** Sets the policy of `name` in `features`, appending it when absent (virCPUDefUpdateFeature). */
export function updateFeature(features: CpuFeature[], name: string, policy: CpuFeaturePolicy): void {
  const i = features.findIndex((f) => f.name === name);
  if (i >= 0) features[i] = { name, policy };
  else features.push({ name, policy });
}

/** Features QEMU is not told about (libvirt filters them off guest CPUs). */
const NOT_FOR_QEMU: ReadonlySet<string> = new Set(['cmt', 'mbm_total', 'mbm_local', 'osxsave', 'ospke']);

export function isFeatureForQemu(name: string): boolean {
  return !NOT_FOR_QEMU.has(name);
}

/** Names of the map features whose bits are all in `data`, in map order, joined as libvirt lists them. */
export function featureNames(map: X86CpuMap, data: X86Data): string {
  return map.features.filter((f) => data.contains(f.data)).map((f) => f.name).join(', ');
}

/** The bits of a feature; an unknown name is null (the caller reports it). */
export function featureData(map: X86CpuMap, name: string): X86Data | null {
  return map.feature(name)?.data ?? null;
}

/**
 * Everything a CPU has: its model's bits, plus the required and forced features, minus the
 * disabled and forbidden ones (in list order). Null when a name is unknown.
 */
export function cpuData(map: X86CpuMap, model: string | undefined, features: readonly CpuFeature[]): X86Data | null {
  const data = model !== undefined ? map.model(model)?.data.copy() : new X86Data();
  if (!data) return null;
  for (const f of features) {
    if (f.policy === 'optional') continue;
    const bits = featureData(map, f.name);
    if (!bits) return null;
    if (f.policy === 'require' || f.policy === 'force') data.add(bits);
    else data.subtract(bits);
  }
  return data;
}

/** The bits of the features having `policy`. Null when a name is unknown. */
export function policyData(map: X86CpuMap, features: readonly CpuFeature[], policy: CpuFeaturePolicy): X86Data | null {
  const data = new X86Data();
  for (const f of features.filter((f) => f.policy === policy)) {
    const bits = featureData(map, f.name);
    if (!bits) return null;
    data.add(bits);
  }
  return data;
}
