import { archFromTarget, archInfo } from './arch.js';
import type { ProbedAccel, ProbedCpuExpansion, ProbedCpuModel, ProbedMachine, ProbedVersion, QemuProbeData } from './probe-data.js';

/** The two domain types a QEMU binary can serve. */
export type QemuVirtType = 'qemu' | 'kvm';

export type QemuMachineType = ProbedMachine;

export interface QemuCpuModel extends ProbedCpuModel {
  /** The accelerator can give this model on this host (no unavailable feature). */
  readonly usable: boolean;
}

/**
 * What one QEMU binary can do, read from a probe (see QemuCapsCache): the facts the argv
 * builder and the driver decide with. Machines and CPU models are per domain type, since
 * QEMU reports them per accelerator.
 */
export class QemuCaps {
  readonly binary: string;
  /** libvirt's name of the guest architecture (`x86_64`, `i686`...). */
  readonly arch: string;
  readonly version: ProbedVersion;
  /** libvirt's encoding: major * 1,000,000 + minor * 1,000 + micro (7.2.22 -> 7002022). */
  readonly versionNumber: number;
  readonly package: string;
  /** KVM works for this binary on this host (the driver decides whether to use it). */
  readonly kvmAvailable: boolean;
  readonly tpmModels: readonly string[];
  readonly tpmTypes: readonly string[];
  readonly sev: boolean;
  readonly sgx: boolean;
  readonly #types: ReadonlySet<string>;
  readonly #commands: ReadonlySet<string>;
  readonly #accels: Readonly<Record<QemuVirtType, AccelView | null>>;

  constructor(binary: string, readonly data: QemuProbeData) {
    this.binary = binary;
    this.arch = archFromTarget(data.target);
    this.version = data.version;
    this.versionNumber = data.version.major * 1_000_000 + data.version.minor * 1_000 + data.version.micro;
    this.package = data.package;
    this.kvmAvailable = data.kvmAccel !== null;
    this.tpmModels = data.tpmModels;
    this.tpmTypes = data.tpmTypes;
    this.sev = data.sev;
    this.sgx = data.sgx;
    this.#types = new Set(data.types);
    this.#commands = new Set(data.commands);
    const preferred = archInfo(this.arch)?.preferredMachine;
    this.#accels = {
      qemu: new AccelView(data.tcg, preferred),
      kvm: data.kvmAccel ? new AccelView(data.kvmAccel, preferred) : null,
    };
  }

  /** Domain types this binary serves: always `qemu` (TCG), `kvm` when KVM is available. */
  get virtTypes(): readonly QemuVirtType[] {
    return this.kvmAvailable ? ['qemu', 'kvm'] : ['qemu'];
  }

  supportsVirtType(type: QemuVirtType): boolean {
    return this.#accels[type] !== null;
  }

  /** Machine types in libvirt's order: the default first, then QEMU's order; `none` left out. */
  machines(type: QemuVirtType): readonly QemuMachineType[] {
    return this.#accels[type]?.machines ?? [];
  }

  /** The machine used when a domain names none: libvirt's preferred (`pc` on x86), else QEMU's default. */
  defaultMachine(type: QemuVirtType): QemuMachineType | undefined {
    return this.machines(type).find((m) => m.isDefault);
  }

  /** The machine named `name` directly or by its alias (`q35` -> `pc-q35-7.2`). */
  machine(type: QemuVirtType, name: string): QemuMachineType | undefined {
    return this.machines(type).find((m) => m.name === name) ?? this.machines(type).find((m) => m.alias === name);
  }

  /** The canonical name of a machine or its alias; undefined when QEMU has no such machine. */
  canonicalMachine(type: QemuVirtType, name: string): string | undefined {
    return this.machine(type, name)?.name;
  }

  cpuModels(type: QemuVirtType): readonly QemuCpuModel[] {
    return this.#accels[type]?.cpuModels ?? [];
  }

  cpuModel(type: QemuVirtType, name: string): QemuCpuModel | undefined {
    return this.cpuModels(type).find((m) => m.name === name);
  }

  /** QEMU's full expansion of `host` (KVM) or `max` (TCG); null when QEMU gave none. */
  hostCpu(type: QemuVirtType): ProbedCpuExpansion | null {
    return this.#accels[type]?.hostCpu ?? null;
  }

  /** A QOM type (device, object, backend) is built into this binary: `virtio-net-pci`, `pvpanic`... */
  hasType(name: string): boolean {
    return this.#types.has(name);
  }

  hasCommand(name: string): boolean {
    return this.#commands.has(name);
  }
}

class AccelView {
  readonly machines: readonly QemuMachineType[];
  readonly cpuModels: readonly QemuCpuModel[];
  readonly hostCpu: ProbedCpuExpansion | null;

  constructor(accel: ProbedAccel, preferredMachine: string | undefined) {
    this.machines = libvirtMachineOrder(accel.machines, preferredMachine);
    this.cpuModels = accel.cpuModels.map((m) => ({ ...m, usable: m.unavailableFeatures.length === 0 }));
    this.hostCpu = accel.hostCpu;
  }
}

/**
 * As libvirt: drop `none`, move the preferred machine (by name or alias; else QEMU's default)
 * to the front keeping the others in QEMU's order, and make it the only default.
 */
function libvirtMachineOrder(machines: readonly ProbedMachine[], preferred: string | undefined): QemuMachineType[] {
  const list = machines.filter((m) => m.name !== 'none');
  let index = preferred === undefined ? -1 : list.findIndex((m) => m.name === preferred || m.alias === preferred);
  if (index < 0) index = list.findIndex((m) => m.isDefault);
  if (index < 0) return list.map((m) => ({ ...m, isDefault: false }));
  const chosen = list[index]!;
  return [chosen, ...list.slice(0, index), ...list.slice(index + 1)].map((m) => ({ ...m, isDefault: m === chosen }));
}
