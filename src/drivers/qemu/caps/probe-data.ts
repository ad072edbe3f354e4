/**
 * What one probe of a QEMU binary learned, as plain JSON (it is what the cache file holds).
 * Per-accelerator parts come from a QEMU started with that accelerator.
 */
export interface ProbedVersion {
  readonly major: number;
  readonly minor: number;
  readonly micro: number;
}

/** One entry of query-machines. */
export interface ProbedMachine {
  readonly name: string;
  readonly alias?: string;
  readonly isDefault: boolean;
  readonly maxCpus: number;
  readonly hotplugCpus: boolean;
  readonly deprecated: boolean;
  readonly numaMemSupported: boolean;
  readonly defaultCpuType?: string;
  readonly defaultRamId?: string;
}

/** One entry of query-cpu-definitions. */
export interface ProbedCpuModel {
  readonly name: string;
  readonly typename: string;
  /** Features the accelerator cannot give this model on this host; empty = usable. */
  readonly unavailableFeatures: readonly string[];
  readonly static: boolean;
  readonly migrationSafe: boolean;
  readonly deprecated: boolean;
  readonly aliasOf?: string;
}

/** What QEMU expands its `host` (KVM) or `max` (TCG) CPU to: property name -> value. */
export interface ProbedCpuExpansion {
  readonly model: string;
  readonly props: Readonly<Record<string, boolean | number | string>>;
}

/** One property of QEMU's static expansion of its host CPU (`vendor`, `family`, features...). */
export interface ProbedCpuProperty {
  readonly name: string;
  readonly value: boolean | number | string;
  /** For features that are on: whether they survive migration (unset when QEMU did not say). */
  readonly migratable?: boolean;
}

/** The static expansion libvirt bases host-model on; `migratability` = QEMU told which features migrate. */
export interface ProbedHostCpuModel {
  readonly name: string;
  readonly migratability: boolean;
  readonly props: readonly ProbedCpuProperty[];
}

export interface ProbedAccel {
  readonly machines: readonly ProbedMachine[];
  readonly cpuModels: readonly ProbedCpuModel[];
  readonly hostCpu: ProbedCpuExpansion | null;
  /** x86 only. */
  readonly hostCpuModel: ProbedHostCpuModel | null;
}

export interface QemuProbeData {
  readonly version: ProbedVersion;
  readonly package: string;
  /** QEMU's target name (`x86_64`, `i386`, `aarch64`...). */
  readonly target: string;
  /** From query-kvm in the KVM run: KVM compiled in and usable on this host. */
  readonly kvm: { readonly present: boolean; readonly enabled: boolean };
  readonly commands: readonly string[];
  /** Every QOM type name (devices, objects, machines, accelerators). */
  readonly types: readonly string[];
  readonly tpmModels: readonly string[];
  readonly tpmTypes: readonly string[];
  readonly sev: boolean;
  readonly sgx: boolean;
  /** The display back ends QEMU was built with (`vnc`, `spice-app`, `egl-headless`, `dbus`...), from its QMP schema. */
  readonly displayTypes: readonly string[];
  /** Its x86 `max` CPU has the `migratable` property (libvirt asks `max-x86_64-cpu` only). */
  readonly cpuMigratable: boolean;
  /** ... and `unavailable-features`: QEMU reports blockers and canonical feature names (libvirt's CPU_UNAVAILABLE_FEATURES). */
  readonly cpuUnavailableFeatures: boolean;
  readonly tcg: ProbedAccel;
  /** Absent when KVM could not be used. */
  readonly kvmAccel: ProbedAccel | null;
}
