import { hostArch } from './arch.js';
import { decodeX86, type DecodedCpu } from './cpu-decode.js';
import { cpuFeatureFromQemu } from './cpu-feature-names.js';
import { hypervisorFeature, type X86CpuMap } from './cpu-map.js';
import { cpuidItem, encodeSignature, vendorItem, X86Data } from './cpu-x86-data.js';
import type { ProbedHostCpuModel } from './probe-data.js';
import type { QemuCaps, QemuVirtType } from './qemu-caps.js';

/**
 * The host-model CPU of a QEMU binary and domain type, as libvirt computes it: QEMU's static
 * expansion of its `host` (KVM) or `max` (TCG) CPU turned into CPUID data, then decoded as a
 * guest CPU against the models this QEMU offers for the type, with their blockers.
 * `migratable` leaves out what QEMU says does not migrate (what a started guest gets).
 * Null when libvirt would not offer host-model (another arch, no expansion, no CPU map).
 */
export function computeHostModel(caps: QemuCaps, type: QemuVirtType, map: X86CpuMap | null, migratable: boolean): DecodedCpu | null {
  const expansion = caps.data[type === 'kvm' ? 'kvmAccel' : 'tcg']?.hostCpuModel;
  if (!map || !expansion || !isNative(caps.arch)) return null;
  const data = expansionData(caps.arch, expansion, map, migratable && expansion.migratability);
  if (!data) return null;
  const allowed = new Map(caps.cpuModels(type).map((m) => [m.name, m.unavailableFeatures.map((f) => cpuFeatureFromQemu(caps.arch, f))]));
  const decoded = decodeX86(data, map, { type: 'guest', allowed });
  if (!decoded) return null;
  // QEMU did not say what migrates: the CPU map's non-migratable features go
  const dropUnmigratable = migratable && !expansion.migratability;
  // a QEMU that cannot report unavailable features cannot be trusted with MSR features either
  const dropMsr = !caps.data.cpuUnavailableFeatures;
  return {
    ...decoded,
    features: decoded.features.filter((f) => {
      const feature = map.feature(f.name);
      return !(dropUnmigratable && feature?.migratable === false) && !(dropMsr && feature?.data.hasMsr());
    }),
  };
}

/** x86 guests of an x86 host (an x86_64 host runs i686 guests natively too). */
function isNative(guestArch: string): boolean {
  const host = hostArch();
  return guestArch === host || (host === 'x86_64' && guestArch === 'i686');
}

function expansionData(arch: string, expansion: ProbedHostCpuModel, map: X86CpuMap, migratable: boolean): X86Data | null {
  const data = new X86Data();
  const signature = { family: 0, model: 0, stepping: 0 };
  for (const prop of expansion.props) {
    const name = cpuFeatureFromQemu(arch, prop.name);
    if (typeof prop.value === 'boolean') {
      if (!prop.value || (migratable && prop.migratable === false)) continue;
      const feature = map.feature(name)?.data ?? hypervisorFeature(name);
      if (feature) data.add(feature); // features libvirt does not know are ignored
    } else if (typeof prop.value === 'string') {
      if (name !== 'vendor') continue;
      const vendor = vendorItem(prop.value);
      if (!vendor) return null;
      data.addItem(vendor);
    } else if (name === 'family' || name === 'model' || name === 'stepping') {
      signature[name] = prop.value;
    }
  }
  data.addItem(cpuidItem(1, 0, encodeSignature(signature.family, signature.model, signature.stepping), 0, 0, 0));
  return data;
}
