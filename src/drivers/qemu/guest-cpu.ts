/**
 * The guest CPU before a start (and for domxml-to-native), as libvirt prepares it: feature names
 * are checked against the CPU map (qemuProcessStartValidate), then a host-model CPU is checked
 * against the host as its `check` asks and replaced by the CPU it stands for
 * (qemuProcessUpdateGuestCPU): the model, vendor and features of QEMU's migratable host model,
 * the domain's own feature policies on top, `mode='custom'` and `match='exact'`. The live XML
 * shows the result and the command line names the model. Other modes are left as they are.
 */
import type { DomainDef } from '../../conf/domain/index.js';
import { getAttr, newXNode } from '../../conf/domain/xnode.js';
import { virError } from '../../errors/vir-error.js';
import { ErrorDomain, ErrorNumber } from '../../errors/codes.js';
import { cpuData, featureNames, isFeatureForQemu, policyData, updateFeature, type CpuFeature, type CpuFeaturePolicy } from './caps/cpu-def.js';
import { loadX86CpuMap, type X86CpuMap } from './caps/cpu-map.js';
import { fullHostCpu, type FullHostCpu } from './caps/host-cpu-full.js';
import { computeHostModel } from './caps/host-model.js';
import { hostArch } from './caps/arch.js';
import type { QemuCaps } from './caps/qemu-caps.js';

const POLICIES: readonly CpuFeaturePolicy[] = ['force', 'require', 'optional', 'disable', 'forbid'];

export async function prepareGuestCpu(def: DomainDef, caps: QemuCaps): Promise<void> {
  const cpu = def.cpu;
  if (!cpu || (def.os.arch !== 'x86_64' && def.os.arch !== 'i686')) return;
  const map = await loadX86CpuMap();
  if (map) validateFeatures(cpu.features.map((f) => getAttr(f, 'name') ?? ''), caps, map);
  if (cpu.mode === 'host-model') await updateHostModel(def, caps, map);
}

/** Every feature must be one of the map; MSR features need a QEMU that reports unavailable features. */
function validateFeatures(names: readonly string[], caps: QemuCaps, map: X86CpuMap): void {
  const unknown = names.find((name) => !map.feature(name));
  if (unknown !== undefined) throw virError(ErrorDomain.VIR_FROM_CPU, ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED, `unknown CPU feature: ${unknown}`);
  const msr = names.filter((name) => map.feature(name)!.data.hasMsr());
  if (!caps.data.cpuUnavailableFeatures && msr.length > 0) {
    throw virError(ErrorDomain.VIR_FROM_QEMU, ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED, `Some features cannot be reliably used with this QEMU: ${msr.join(', ')}`);
  }
}

async function updateHostModel(def: DomainDef, caps: QemuCaps, map: X86CpuMap | null): Promise<void> {
  const cpu = def.cpu!;
  const type = def.type === 'kvm' ? 'kvm' : 'qemu';
  const host = map && computeHostModel(caps, type, map, true);
  if (!map || !host) {
    throw virError(ErrorDomain.VIR_FROM_QEMU, ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED,
      `CPU mode 'host-model' for ${def.os.arch} ${def.type} domain on ${hostArch()} host is not supported by hypervisor`);
  }
  const own: CpuFeature[] = cpu.features.map((f) => ({ name: getAttr(f, 'name') ?? '', policy: policyOf(getAttr(f, 'policy')) }));
  if (cpu.check !== 'none') {
    const full = await fullHostCpu(caps, type, map);
    if (full) {
      checkForbidden(own, full);
      if (cpu.check === 'partial') compareWithHost(own, full, map);
    }
  }
  // optional features become whatever the host model has
  const hostData = cpuData(map, host.model, host.features);
  const resolved = own.map((f): CpuFeature => {
    if (f.policy !== 'optional') return f;
    const bits = map.feature(f.name)!.data;
    return { name: f.name, policy: hostData?.contains(bits) ? 'require' : 'disable' };
  });
  const features = [...host.features];
  for (const f of resolved) updateFeature(features, f.name, f.policy);
  for (const name of map.model(host.model)?.removedFeatures ?? []) {
    if (!features.some((f) => f.name === name)) features.push({ name, policy: 'disable' });
  }
  def.cpu = {
    ...cpu,
    mode: 'custom',
    match: 'exact',
    model: { ...cpu.model, name: host.model, fallback: 'forbid' },
    vendor: host.vendor,
    features: features.filter((f) => isFeatureForQemu(f.name)).map((f) => newXNode('feature', [['policy', f.policy], ['name', f.name]])),
  };
}

function policyOf(text: string | undefined): CpuFeaturePolicy {
  return POLICIES.find((p) => p === text) ?? 'require';
}

function incompatible(message: string): Error {
  return virError(ErrorDomain.VIR_FROM_CPU, ErrorNumber.VIR_ERR_CPU_INCOMPATIBLE, message);
}

/** A forbidden feature the host's feature list has (in any policy but disable). */
function checkForbidden(own: readonly CpuFeature[], host: FullHostCpu): void {
  for (const f of own) {
    if (f.policy !== 'forbid') continue;
    const hostFeature = host.features.find((h) => h.name === f.name);
    if (hostFeature && hostFeature.policy !== 'disable') throw incompatible(`Host CPU provides forbidden feature '${f.name}'`);
  }
}

/** check='partial': the host must lack every forbidden feature and have every required one. */
function compareWithHost(own: readonly CpuFeature[], host: FullHostCpu, map: X86CpuMap): void {
  const data = (policy: CpuFeaturePolicy) => policyData(map, own, policy)!;
  const forbidden = data('forbid');
  forbidden.intersect(host.data);
  if (!forbidden.isEmpty()) throw incompatible(`Host CPU provides forbidden features: ${featureNames(map, forbidden)}`);
  const required = data('require');
  for (const policy of ['force', 'optional', 'disable'] as const) required.subtract(data(policy));
  if (!host.data.contains(required)) {
    required.subtract(host.data);
    throw incompatible(`Host CPU does not provide required features: ${featureNames(map, required)}`);
  }
}
