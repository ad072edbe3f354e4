/**
 * The guest CPU before a start (and for domxml-to-native), as libvirt prepares it: feature names
 * are checked against the CPU map (qemuProcessStartValidate), then the CPU is checked against
 * the host as its `check` asks and completed (qemuProcessUpdateGuestCPU). A host-model CPU
 * becomes the CPU it stands for: the model, vendor and features of QEMU's migratable host model,
 * the domain's own policies on top, `mode='custom'` and `match='exact'`. A named model gets the
 * features QEMU removed from it disabled and `fallback='forbid'`. The live XML shows the result
 * and the command line names the model.
 */
import type { DomainCpu } from '../../conf/domain/cpu.js';
import type { DomainDef } from '../../conf/domain/index.js';
import { getAttr, newXNode } from '../../conf/domain/xnode.js';
import { virError } from '../../errors/vir-error.js';
import { ErrorDomain, ErrorNumber } from '../../errors/codes.js';
import { hostArch } from './caps/arch.js';
import type { DecodedCpu } from './caps/cpu-decode.js';
import { cpuData, featureNames, isFeatureForQemu, policyData, updateFeature, type CpuFeature, type CpuFeaturePolicy } from './caps/cpu-def.js';
import { loadX86CpuMap, type X86CpuMap } from './caps/cpu-map.js';
import { fullHostCpu, type FullHostCpu } from './caps/host-cpu-full.js';
import { computeHostModel } from './caps/host-model.js';
import type { QemuCaps, QemuVirtType } from './caps/qemu-caps.js';

const POLICIES: readonly CpuFeaturePolicy[] = ['force', 'require', 'optional', 'disable', 'forbid'];

export async function prepareGuestCpu(def: DomainDef, caps: QemuCaps): Promise<void> {
  const cpu = def.cpu;
  if (!cpu || (def.os.arch !== 'x86_64' && def.os.arch !== 'i686')) return;
  const map = await loadX86CpuMap();
  if (!map) {
    if (cpu.mode === 'host-model') throw modeUnsupported(def);
    return;
  }
  const own = cpu.features.map((f): CpuFeature => ({ name: getAttr(f, 'name') ?? '', policy: policyOf(getAttr(f, 'policy')) }));
  validateFeatures(own.map((f) => f.name), caps, map);
  const mode = cpu.mode ?? 'custom';
  if (mode === 'custom' && !cpu.model?.name) return;
  const type: QemuVirtType = def.type === 'kvm' ? 'kvm' : 'qemu';
  const host = computeHostModel(caps, type, map, true);
  if (mode === 'host-model' && !host) throw modeUnsupported(def);
  const full = cpu.check !== 'none' ? await fullHostCpu(caps, type, map) : null;
  if (full) checkForbidden(own, full);
  let features = own;
  if (mode === 'custom' || mode === 'host-model') {
    if (full && cpu.check === 'partial') compareWithHost(cpu, own, full, map);
    features = completeFeatures(cpu, own, host, map);
    const model = mode === 'host-model' ? host!.model : cpu.model!.name!;
    if (!caps.cpuModel(type, model) && cpu.model?.fallback !== 'allow') {
      throw virError(ErrorDomain.VIR_FROM_CPU, ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED, `CPU model ${model} is not supported by hypervisor`);
    }
    def.cpu = {
      ...cpu,
      ...(mode === 'host-model' && { mode: 'custom', match: 'exact', vendor: host!.vendor }),
      model: { ...cpu.model, name: model, fallback: 'forbid' },
    };
  }
  def.cpu!.features = features.filter((f) => isFeatureForQemu(f.name)).map((f) => newXNode('feature', [['policy', f.policy], ['name', f.name]]));
}

function modeUnsupported(def: DomainDef): Error {
  return virError(ErrorDomain.VIR_FROM_QEMU, ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED,
    `CPU mode 'host-model' for ${def.os.arch} ${def.type} domain on ${hostArch()} host is not supported by hypervisor`);
}

function policyOf(text: string | undefined): CpuFeaturePolicy {
  return POLICIES.find((p) => p === text) ?? 'require';
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

/**
 * virCPUUpdate: optional features become what the host model has; a host-model (or
 * match='minimum') CPU takes the host model's features with its own policies on top; features
 * the model lost in newer QEMUs are disabled.
 */
function completeFeatures(cpu: DomainCpu, own: readonly CpuFeature[], host: DecodedCpu | null, map: X86CpuMap): CpuFeature[] {
  const relative = cpu.mode === 'host-model' || cpu.match === 'minimum' || own.some((f) => f.policy === 'optional');
  if (relative && !host) throw virError(ErrorDomain.VIR_FROM_CPU, ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED, 'unknown host CPU model');
  const hostData = host && cpuData(map, host.model, host.features);
  let features = own.map((f): CpuFeature => (f.policy === 'optional'
    ? { name: f.name, policy: hostData?.contains(map.feature(f.name)!.data) ? 'require' : 'disable' }
    : f));
  if (host && (cpu.mode === 'host-model' || cpu.match === 'minimum')) {
    const merged = [...host.features];
    for (const f of features) updateFeature(merged, f.name, f.policy);
    features = merged;
  }
  const modelName = cpu.mode === 'host-model' || cpu.match === 'minimum' ? host!.model : cpu.model!.name!;
  const model = map.model(modelName);
  if (!model) throw virError(ErrorDomain.VIR_FROM_CPU, ErrorNumber.VIR_ERR_INTERNAL_ERROR, `Unknown CPU model ${modelName}`);
  for (const name of model.removedFeatures) {
    if (!features.some((f) => f.name === name)) features.push({ name, policy: 'disable' });
  }
  return features;
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

/** check='partial' (x86Compute): the host's vendor, none of the forbidden features, all the required ones. */
function compareWithHost(cpu: DomainCpu, own: readonly CpuFeature[], host: FullHostCpu, map: X86CpuMap): void {
  if (cpu.vendor !== undefined && cpu.vendor !== host.vendor) throw incompatible(`host CPU vendor does not match required CPU vendor ${cpu.vendor}`);
  const data = (policy: CpuFeaturePolicy) => policyData(map, own, policy)!;
  const forbidden = data('forbid');
  forbidden.intersect(host.data);
  if (!forbidden.isEmpty()) throw incompatible(`Host CPU provides forbidden features: ${featureNames(map, forbidden)}`);
  const required = data('require');
  const model = cpu.mode !== 'host-model' && cpu.model?.name ? map.model(cpu.model.name) : undefined;
  if (model) required.add(model.data);
  for (const policy of ['force', 'optional', 'disable'] as const) required.subtract(data(policy));
  if (!host.data.contains(required)) {
    required.subtract(host.data);
    throw incompatible(`Host CPU does not provide required features: ${featureNames(map, required)}`);
  }
}
