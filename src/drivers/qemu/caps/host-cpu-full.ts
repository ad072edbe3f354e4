import { decodeX86, type DecodedCpu } from './cpu-decode.js';
import { cpuData, takeFeatures, updateFeature, type CpuFeature } from './cpu-def.js';
import type { X86CpuMap } from './cpu-map.js';
import type { X86Data } from './cpu-x86-data.js';
import { readHostCpuid } from './host-cpuid.js';
import { computeHostModel } from './host-model.js';
import type { QemuCaps, QemuVirtType } from './qemu-caps.js';

/** What guests are checked against: a feature list (with policies) and all the bits it stands for. */
export interface FullHostCpu {
  readonly vendor?: string;
  readonly features: readonly CpuFeature[];
  readonly data: X86Data;
}

/**
 * libvirt's "full" host CPU for a domain type: under KVM, the host's own CPUID decoded as a guest
 * CPU against every model, with every feature of QEMU's host model required on top; under TCG,
 * QEMU's host model itself. Null when host-model is not available.
 */
export async function fullHostCpu(caps: QemuCaps, type: QemuVirtType, map: X86CpuMap): Promise<FullHostCpu | null> {
  const reported = computeHostModel(caps, type, map, false);
  if (!reported) return null;
  let model = reported.model;
  let vendor = reported.vendor;
  let features: CpuFeature[] = [...reported.features];
  const cpuid = type === 'kvm' ? await readHostCpuid() : null;
  const host = cpuid && decodeX86(cpuid, map, { type: 'guest' });
  if (host) {
    model = host.model;
    vendor = host.vendor;
    features = [...host.features];
    for (const f of expandFeatures(reported, map)) if (f.policy === 'require') updateFeature(features, f.name, 'require');
    if (!caps.data.cpuUnavailableFeatures) features = features.filter((f) => !map.feature(f.name)?.data.hasMsr());
  }
  const data = cpuData(map, model, features);
  return data && { ...(vendor !== undefined && { vendor }), features, data };
}

/** A guest CPU spelled out: every feature of its model required, then its own policies, then removed ones disabled. */
function expandFeatures(cpu: DecodedCpu, map: X86CpuMap): CpuFeature[] {
  const model = map.model(cpu.model);
  const features: CpuFeature[] = [];
  if (!model) return features;
  takeFeatures(model.data.copy(), map, 'require', features);
  for (const f of cpu.features) if (f.policy === 'require' || f.policy === 'disable') updateFeature(features, f.name, f.policy);
  for (const name of model.removedFeatures) if (!features.some((f) => f.name === name)) features.push({ name, policy: 'disable' });
  return features;
}
