/**
 * What libvirt 9.0.0's CPU drivers know per architecture: which driver serves an architecture
 * and the CPU model names its CPU map lists (in the map's order), as virConnectGetCPUModelNames
 * answers them. Facts read from libvirt's cpu_map; the ARM and s390 drivers list no models.
 */
import { ErrorDomain, ErrorNumber } from '../errors/codes.js';
import { virError } from '../errors/vir-error.js';

/** Every architecture name libvirt 9.0.0 parses (virArch). */
export const LIBVIRT_ARCHES: ReadonlySet<string> = new Set(['alpha', 'armv6l', 'armv7l', 'armv7b', 'aarch64', 'cris', 'i686', 'ia64',
  'lm32', 'm68k', 'microblaze', 'microblazeel', 'mips', 'mipsel', 'mips64', 'mips64el', 'openrisc', 'parisc', 'parisc64', 'ppc',
  'ppcle', 'ppc64', 'ppc64le', 'ppcemb', 'riscv32', 'riscv64', 's390', 's390x', 'sh4', 'sh4eb', 'sparc', 'sparc64', 'unicore32',
  'x86_64', 'xtensa', 'xtensaeb']);

const X86_MODELS = ['486', 'pentium', 'pentium2', 'pentium3', 'pentiumpro', 'coreduo', 'n270', 'core2duo', 'qemu32', 'kvm32',
  'cpu64-rhel5', 'cpu64-rhel6', 'qemu64', 'kvm64', 'Conroe', 'Penryn', 'Nehalem', 'Nehalem-IBRS', 'Westmere', 'Westmere-IBRS',
  'SandyBridge', 'SandyBridge-IBRS', 'IvyBridge', 'IvyBridge-IBRS', 'Haswell-noTSX', 'Haswell-noTSX-IBRS', 'Haswell', 'Haswell-IBRS',
  'Broadwell-noTSX', 'Broadwell-noTSX-IBRS', 'Broadwell', 'Broadwell-IBRS', 'Skylake-Client', 'Skylake-Client-IBRS',
  'Skylake-Client-noTSX-IBRS', 'Skylake-Server', 'Skylake-Server-IBRS', 'Skylake-Server-noTSX-IBRS', 'Cascadelake-Server',
  'Cascadelake-Server-noTSX', 'Icelake-Client', 'Icelake-Client-noTSX', 'Icelake-Server', 'Icelake-Server-noTSX', 'Cooperlake',
  'Snowridge', 'athlon', 'phenom', 'Opteron_G1', 'Opteron_G2', 'Opteron_G3', 'Opteron_G4', 'Opteron_G5', 'EPYC', 'EPYC-IBPB',
  'EPYC-Rome', 'EPYC-Milan', 'Dhyana'];
const PPC64_MODELS = ['POWER6', 'POWER7', 'POWER8', 'POWER9', 'POWER10', 'POWERPC_e5500', 'POWERPC_e6500'];

/** The CPU driver of each architecture that has one, as its model list. */
const MODELS_BY_ARCH: Readonly<Record<string, readonly string[]>> = {
  i686: X86_MODELS, x86_64: X86_MODELS,
  ppc64: PPC64_MODELS, ppc64le: PPC64_MODELS,
  s390: [], s390x: [],
  armv6l: [], armv7l: [], armv7b: [], aarch64: [],
};

/**
 * virCPUGetModels for `arch`: `from` is the caller's error domain for an unknown architecture
 * name (virArchFromString's failure is the driver's to report).
 */
export function cpuModelNames(from: number, arch: string): string[] {
  if (!LIBVIRT_ARCHES.has(arch)) throw virError(from, ErrorNumber.VIR_ERR_INVALID_ARG, `cannot find architecture ${arch}`);
  const models = MODELS_BY_ARCH[arch];
  if (!models) throw virError(ErrorDomain.VIR_FROM_CPU, ErrorNumber.VIR_ERR_NO_SUPPORT, `'${arch}' architecture is not supported by CPU driver`);
  return [...models];
}
