/**
 * The x86 CPU models libvirt 9.0.0 knows by name, with the vendor it ties each to (none for
 * the generic ones). Domain capabilities list only QEMU's models that libvirt knows, in QEMU's
 * order, so this is the filter and the `vendor` attribute.
 */
const INTEL = 'Intel';
const AMD = 'AMD';

const X86_MODELS: ReadonlyMap<string, string | undefined> = new Map([
  ['486', undefined], ['pentium', undefined], ['pentium2', undefined], ['pentium3', undefined], ['pentiumpro', undefined],
  ['coreduo', INTEL], ['n270', INTEL], ['core2duo', INTEL], ['qemu32', undefined], ['kvm32', undefined],
  ['cpu64-rhel5', undefined], ['cpu64-rhel6', undefined], ['kvm64', undefined], ['qemu64', undefined],
  ['Conroe', INTEL], ['Penryn', INTEL], ['Nehalem', INTEL], ['Nehalem-IBRS', INTEL], ['Westmere', INTEL], ['Westmere-IBRS', INTEL],
  ['SandyBridge', INTEL], ['SandyBridge-IBRS', INTEL], ['IvyBridge', INTEL], ['IvyBridge-IBRS', INTEL],
  ['Haswell-noTSX', INTEL], ['Haswell-noTSX-IBRS', INTEL], ['Haswell', INTEL], ['Haswell-IBRS', INTEL],
  ['Broadwell-noTSX', INTEL], ['Broadwell-noTSX-IBRS', INTEL], ['Broadwell', INTEL], ['Broadwell-IBRS', INTEL],
  ['Skylake-Client', INTEL], ['Skylake-Client-IBRS', INTEL], ['Skylake-Client-noTSX-IBRS', INTEL],
  ['Skylake-Server', INTEL], ['Skylake-Server-IBRS', INTEL], ['Skylake-Server-noTSX-IBRS', INTEL],
  ['Cascadelake-Server', INTEL], ['Cascadelake-Server-noTSX', INTEL],
  ['Icelake-Client', INTEL], ['Icelake-Client-noTSX', INTEL], ['Icelake-Server', INTEL], ['Icelake-Server-noTSX', INTEL],
  ['Cooperlake', INTEL], ['Snowridge', INTEL],
  ['athlon', AMD], ['phenom', AMD], ['Opteron_G1', AMD], ['Opteron_G2', AMD], ['Opteron_G3', AMD], ['Opteron_G4', AMD], ['Opteron_G5', AMD],
  ['EPYC', AMD], ['EPYC-IBPB', AMD], ['EPYC-Rome', AMD], ['EPYC-Milan', AMD],
  ['Dhyana', 'Hygon'],
]);

/** Whether libvirt knows the model for `arch`; only x86 is described so far. */
export function libvirtKnowsCpuModel(arch: string, model: string): boolean {
  return (arch === 'x86_64' || arch === 'i686') && X86_MODELS.has(model);
}

export function cpuModelVendor(model: string): string | undefined {
  return X86_MODELS.get(model);
}
