/**
 * libvirt's architecture names against QEMU's target names (`qemu-system-TARGET`) and the
 * facts the capabilities need about each.
 */
import { LIBVIRT_ARCHES } from '../../../conf/cpu-models.js';

interface ArchInfo {
  readonly target: string;
  readonly wordsize: number;
  /** The machine libvirt prefers as default over QEMU's own (libvirt's preferredMachines). */
  readonly preferredMachine?: string;
}

const ARCHES: Readonly<Record<string, ArchInfo>> = {
  i686: { target: 'i386', wordsize: 32, preferredMachine: 'pc' },
  x86_64: { target: 'x86_64', wordsize: 64, preferredMachine: 'pc' },
  aarch64: { target: 'aarch64', wordsize: 64, preferredMachine: 'integratorcp' },
  armv7l: { target: 'arm', wordsize: 32, preferredMachine: 'integratorcp' },
  ppc64: { target: 'ppc64', wordsize: 64, preferredMachine: 'pseries' },
  ppc64le: { target: 'ppc64', wordsize: 64, preferredMachine: 'pseries' },
  riscv64: { target: 'riscv64', wordsize: 64, preferredMachine: 'spike_v1.10' },
  s390x: { target: 's390x', wordsize: 64, preferredMachine: 's390-ccw-virtio' },
  mips64: { target: 'mips64', wordsize: 64, preferredMachine: 'malta' },
};

/** The order libvirt lists guests in: its virArch enum order, not alphabetical. */
export const ARCH_ORDER: readonly string[] = ['armv7l', 'aarch64', 'i686', 'mips64', 'ppc64', 'ppc64le', 'riscv64', 's390x', 'x86_64'];

export function isKnownArch(arch: string): boolean {
  return LIBVIRT_ARCHES.has(arch);
}

/**
 * Can a binary for `binaryArch` run guests of `arch`? libvirt's virQEMUCapsIsArchSupported:
 * its own arch, and the older sibling of a 64-bit one.
 */
export function binaryServesArch(binaryArch: string, arch: string): boolean {
  return arch === binaryArch || (binaryArch === 'x86_64' && arch === 'i686') || (binaryArch === 'aarch64' && arch === 'armv7l') ||
    (binaryArch === 'armv7l' && arch === 'armv6l') || (binaryArch === 'ppc64' && arch === 'ppc64le');
}

/** Same family, for libvirt's first, coarser check of a given emulator against a given arch. */
export function sameArchFamily(a: string, b: string): boolean {
  const family = (arch: string): string => (arch === 'i686' || arch === 'x86_64' ? 'x86' : arch.startsWith('ppc') ? 'ppc'
    : arch.startsWith('arm') || arch === 'aarch64' ? 'arm' : arch.startsWith('s390') ? 's390' : arch);
  return family(a) === family(b);
}

export function archInfo(arch: string): ArchInfo | undefined {
  return ARCHES[arch];
}

/** QEMU's target (query-target) to libvirt's name: `i386` is `i686`, the rest mostly match. */
export function archFromTarget(target: string): string {
  if (target === 'i386') return 'i686';
  if (target === 'arm') return 'armv7l';
  return target;
}

/** The architecture of this machine, named as libvirt names it. */
export function hostArch(): string {
  switch (process.arch) {
    case 'x64': return 'x86_64';
    case 'ia32': return 'i686';
    case 'arm64': return 'aarch64';
    case 'arm': return 'armv7l';
    case 's390x': return 's390x';
    case 'riscv64': return 'riscv64';
    case 'ppc64': return 'ppc64le';
    default: return process.arch;
  }
}

/** Can a guest of `arch` use this host's KVM? Only the host's own arch (and i686 on x86_64). */
export function kvmServes(arch: string): boolean {
  const host = hostArch();
  return arch === host || (host === 'x86_64' && arch === 'i686');
}
