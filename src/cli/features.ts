/**
 * `tsvirsh -V`: virsh's version report in its layout, listing what this build of tsvirt really
 * has: the drivers registered in the library, not libvirt's compiled-in list.
 */
import type { Library } from './session.js';

/** How virsh names each hypervisor driver, in virsh's order; a driver missing here comes last by its own name. */
const HYPERVISOR_NAMES: [driver: string, shown: string][] = [['QEMU', 'QEMU/KVM'], ['Test', 'Test']];
function rank(name: string): number {
  const at = HYPERVISOR_NAMES.findIndex(([driver]) => driver === name);
  return at < 0 ? HYPERVISOR_NAMES.length : at;
}
/** The pool types each secondary driver builds. */
const STORAGE_BACKENDS: Record<string, string[]> = { storage: ['Dir'] };

/** libvirt's version encoding: major * 1,000,000 + minor * 1,000 + micro. */
export function versionString(v: number): string {
  return `${Math.floor(v / 1_000_000)}.${Math.floor((v % 1_000_000) / 1000)}.${v % 1000}`;
}

export function versionReport(lib: Library): string {
  const drivers = lib.registeredDrivers();
  const hypervisors = drivers.filter((d) => !d.remote).sort((a, b) => rank(a.name) - rank(b.name))
    .map((d) => HYPERVISOR_NAMES.find(([name]) => name === d.name)?.[1] ?? d.name);
  const networking = drivers.some((d) => d.remote) ? ['Remote'] : [];
  const storage = lib.secondaryDrivers().flatMap((d) => STORAGE_BACKENDS[d.name] ?? []);
  // The daemon (tsvirtd), LIBVIRT_DEBUG logging, and tsvirsh's own line editor with history.
  const misc = ['Daemon', 'Debug', 'Line-editing'];
  const line = (label: string, names: string[]): string => ` ${label}:${names.map((n) => ` ${n}`).join('')}\n`;
  return `tsvirsh command line tool of tsvirt, libvirt ${versionString(lib.LIB_VERSION)} API\n`
    + 'See the documentation in docs/tsvirsh.md of the tsvirt package\n\n'
    + 'Compiled with support for:\n'
    + line('Hypervisors', hypervisors) + line('Networking', networking) + line('Storage', storage) + line('Miscellaneous', misc);
}
