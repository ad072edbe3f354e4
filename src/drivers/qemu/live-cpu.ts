/**
 * qemuProcessUpdateAndVerifyCPU: once QEMU runs (still paused), read back which features its
 * first vCPU really has and correct the live definition, as libvirt does: a feature the model
 * did not promise but QEMU enabled becomes required, one it promised but QEMU left out becomes
 * disabled, and the CPU is then marked `check='full'`. With `check='full'` already asked for,
 * any such difference fails the start instead.
 */
import type { DomainCpu } from '../../conf/domain/cpu.js';
import type { DomainDef } from '../../conf/domain/index.js';
import { getAttr, newXNode } from '../../conf/domain/xnode.js';
import { ErrorDomain, ErrorNumber } from '../../errors/codes.js';
import { virError } from '../../errors/vir-error.js';
import { cpuData, policyData, updateFeature, type CpuFeature, type CpuFeaturePolicy } from './caps/cpu-def.js';
import { cpuFeatureFromQemu } from './caps/cpu-feature-names.js';
import { hypervisorFeature, loadX86CpuMap, type X86CpuMap } from './caps/cpu-map.js';
import { cpuidItem, X86Data } from './caps/cpu-x86-data.js';
import type { QemuCaps } from './caps/qemu-caps.js';
import type { QmpMonitor } from './qmp/index.js';

/** libvirt asks the first vCPU, which QEMU always puts here for the machines we build. */
const FIRST_VCPU = '/machine/unattached/device[0]';

export async function updateLiveCpu(monitor: QmpMonitor, def: DomainDef, caps: QemuCaps): Promise<void> {
  const cpu = def.cpu;
  // only QEMUs that report unavailable features are read generically (the older x86 way is not done)
  if (!cpu || !caps.data.cpuUnavailableFeatures || (def.os.arch !== 'x86_64' && def.os.arch !== 'i686')) return;
  if ((cpu.mode ?? 'custom') === 'custom' && !cpu.model?.name) return;
  const map = await loadX86CpuMap();
  if (!map) return;
  const { enabled, disabled } = await readGuestCpu(monitor, def.os.arch, map, caps);
  const features = featuresOf(cpu);
  verifyInvtsc(cpu, features, enabled, map);
  if ((cpu.mode ?? 'custom') !== 'custom' && cpu.check !== 'full') return;
  updateFeatures(cpu, features, enabled, disabled, map);
  def.cpu = {
    ...cpu,
    check: 'full',
    features: features.map((f) => newXNode('feature', [['policy', f.policy], ['name', f.name]])),
  };
}

function featuresOf(cpu: DomainCpu): CpuFeature[] {
  return cpu.features.map((f) => ({ name: getAttr(f, 'name') ?? '', policy: (getAttr(f, 'policy') ?? 'require') as CpuFeaturePolicy }));
}

interface FeatureWord {
  'cpuid-input-eax': number;
  'cpuid-input-ecx'?: number;
  'cpuid-register': 'EAX' | 'EBX' | 'ECX' | 'EDX';
  features: number;
}

const REGISTERS = ['EAX', 'EBX', 'ECX', 'EDX'] as const;

/**
 * What the vCPU has (enabled) and what QEMU could not give it (disabled), as CPU data. libvirt
 * reads every boolean feature property one by one (about 450 round trips); the CPUID features
 * among them are exactly the bits of the vCPU's `feature-words`, so those come in one read, and
 * only the few MSR features of the map are read as properties.
 */
async function readGuestCpu(monitor: QmpMonitor, arch: string, map: X86CpuMap, caps: QemuCaps): Promise<{ enabled: X86Data; disabled: X86Data }> {
  const get = <T>(property: string): Promise<T> => monitor.execute<T>('qom-get', { path: FIRST_VCPU, property });
  const msrProps = await msrPropertiesOf(monitor, arch, map, caps);
  const [words, unavailable, ...msrValues] = await Promise.all([
    get<FeatureWord[]>('feature-words'), get<string[]>('unavailable-features'), ...msrProps.map((name) => get<boolean>(name)),
  ]);
  const enabled = new X86Data();
  for (const word of words as FeatureWord[]) {
    const regs = [0, 0, 0, 0];
    regs[REGISTERS.indexOf(word['cpuid-register'])] = word.features;
    enabled.addItem(cpuidItem(word['cpuid-input-eax'], word['cpuid-input-ecx'] ?? 0, regs[0]!, regs[1]!, regs[2]!, regs[3]!));
  }
  enabled.add(namesToData(msrProps.filter((_, i) => msrValues[i] === true), arch, map));
  return { enabled, disabled: namesToData(unavailable as string[], arch, map) };
}

/**
 * The vCPU's boolean properties that are MSR features of the map: the same for every x86 CPU of
 * one QEMU binary (they belong to the x86 CPU class), so listed once per binary and architecture.
 */
const msrPropertyCache = new WeakMap<QemuCaps, Map<string, string[]>>();

async function msrPropertiesOf(monitor: QmpMonitor, arch: string, map: X86CpuMap, caps: QemuCaps): Promise<string[]> {
  let byArch = msrPropertyCache.get(caps);
  if (!byArch) msrPropertyCache.set(caps, (byArch = new Map()));
  let names = byArch.get(arch);
  if (!names) {
    const props = await monitor.execute<Array<{ name: string; type: string }>>('qom-list', { path: FIRST_VCPU });
    names = props.filter((p) => p.type === 'bool' && map.feature(cpuFeatureFromQemu(arch, p.name))?.data.hasMsr()).map((p) => p.name);
    byArch.set(arch, names);
  }
  return names;
}

/** CPU data of features named as QEMU names them; names libvirt does not know are ignored. */
function namesToData(names: readonly string[], arch: string, map: X86CpuMap): X86Data {
  const data = new X86Data();
  for (const name of names) {
    const libvirtName = cpuFeatureFromQemu(arch, name);
    const bits = map.feature(libvirtName)?.data ?? hypervisorFeature(libvirtName);
    if (bits) data.add(bits);
  }
  return data;
}

/** A CPU that requires an invariant TSC needs a host that gives one. */
function verifyInvtsc(cpu: DomainCpu, features: readonly CpuFeature[], enabled: X86Data, map: X86CpuMap): void {
  const invtsc = map.feature('invtsc');
  const wanted = cpuData(map, cpu.model?.name, features.filter((f) => f.policy === 'require'));
  if (invtsc && wanted?.contains(invtsc.data) && !enabled.contains(invtsc.data)) {
    throw virError(ErrorDomain.VIR_FROM_QEMU, ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED, "host doesn't support invariant TSC");
  }
}

function mismatch(message: string): Error {
  return virError(ErrorDomain.VIR_FROM_CPU, ErrorNumber.VIR_ERR_OPERATION_FAILED, message);
}

/** virCPUx86UpdateLive: compare feature by feature what the definition expects with what QEMU did. */
function updateFeatures(cpu: DomainCpu, features: CpuFeature[], enabled: X86Data, disabled: X86Data, map: X86CpuMap): void {
  const passthrough = cpu.mode === 'host-passthrough' || cpu.mode === 'maximum';
  const model = cpuData(map, passthrough ? undefined : cpu.model?.name, features);
  const modelDisabled = policyData(map, features, 'disable');
  if (!model || !modelDisabled) return;
  const full = cpu.check === 'full';
  const added: string[] = [];
  const removed: string[] = [];
  for (const feature of map.features) {
    const expected = model.contains(feature.data) ? 'require'
      : !passthrough || modelDisabled.contains(feature.data) ? 'disable' : undefined;
    if (expected === 'disable' && enabled.contains(feature.data)) {
      if (full) added.push(feature.name);
      else updateFeature(features, feature.name, 'require');
    }
    if (disabled.contains(feature.data) || (expected === 'require' && !enabled.contains(feature.data))) {
      if (full) removed.push(feature.name);
      else updateFeature(features, feature.name, 'disable');
    }
  }
  for (const name of map.model(cpu.model?.name ?? '')?.removedFeatures ?? []) {
    if (!features.some((f) => f.name === name)) features.push({ name, policy: 'disable' });
  }
  if (added.length > 0 && removed.length > 0) throw mismatch(`guest CPU doesn't match specification: extra features: ${added.join(',')}, missing features: ${removed.join(',')}`);
  if (added.length > 0) throw mismatch(`guest CPU doesn't match specification: extra features: ${added.join(',')}`);
  if (removed.length > 0) throw mismatch(`guest CPU doesn't match specification: missing features: ${removed.join(',')}`);
  if (full && !disabled.isEmpty()) throw mismatch("guest CPU doesn't match specification");
}
