/**
 * x86 CPU features libvirt spells differently from QEMU's canonical names: libvirt's name on
 * the left. Everything else is spelled the same on both sides.
 */
const X86_RENAMED: ReadonlyArray<readonly [string, string]> = [
  ['cmp_legacy', 'cmp-legacy'], ['ds_cpl', 'ds-cpl'], ['fxsr_opt', 'fxsr-opt'], ['kvm_pv_eoi', 'kvm-pv-eoi'],
  ['kvm_pv_unhalt', 'kvm-pv-unhalt'], ['lahf_lm', 'lahf-lm'], ['nodeid_msr', 'nodeid-msr'], ['pclmuldq', 'pclmulqdq'],
  ['perfctr_core', 'perfctr-core'], ['perfctr_nb', 'perfctr-nb'], ['tsc_adjust', 'tsc-adjust'],
];
const TO_QEMU = new Map(X86_RENAMED);
const FROM_QEMU = new Map(X86_RENAMED.map(([libvirt, qemu]) => [qemu, libvirt]));

function isX86(arch: string): boolean {
  return arch === 'x86_64' || arch === 'i686';
}

export function cpuFeatureToQemu(arch: string, name: string): string {
  return (isX86(arch) && TO_QEMU.get(name)) || name;
}

export function cpuFeatureFromQemu(arch: string, name: string): string {
  return (isX86(arch) && FROM_QEMU.get(name)) || name;
}
