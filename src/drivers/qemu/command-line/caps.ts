/**
 * What the command-line builder needs to know about the QEMU binary. A minimal view: the
 * capabilities probe (src/drivers/qemu/caps) can produce it from what it learns over QMP.
 */
export interface QemuArgvCaps {
  /** The emulator binary, used when the domain names none. */
  emulator: string;
  /** Guest architecture the binary emulates (x86_64). */
  arch: string;
  /** Machine-type aliases and their versioned targets, e.g. `pc` -> `pc-i440fx-7.2`. */
  machineAliases: Readonly<Record<string, string>>;
  /** The machine type used when the domain names none (an alias such as `pc`). */
  defaultMachine: string;
  /** Whether KVM can be used with this binary on this host. */
  kvm: boolean;
}
