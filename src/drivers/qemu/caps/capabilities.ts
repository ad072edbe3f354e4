import type { Capabilities, CapsGuest, CapsGuestFeature, CapsGuestMachine, CapsHost } from '../../../conf/capabilities.js';
import { archInfo } from './arch.js';
import type { QemuCapsCache } from './cache.js';
import type { QemuCaps, QemuMachineType } from './qemu-caps.js';

/**
 * virConnectGetCapabilities of the QEMU driver: the host, then one guest per installed
 * emulator. Format it with formatCapabilitiesXML from src/conf/capabilities.ts.
 */
export async function buildQemuCapabilities(cache: QemuCapsCache, host: CapsHost): Promise<Capabilities> {
  const guests: CapsGuest[] = [];
  for (const { binary } of await cache.installed()) {
    guests.push(guestOf(await cache.lookup(binary)));
  }
  return { host, guests, poolTypes: [] };
}

function guestOf(caps: QemuCaps): CapsGuest {
  // guests do not tell machines per accelerator: libvirt takes KVM's list when it probed one
  const machines = guestMachines(caps.machines(caps.kvmAvailable ? 'kvm' : 'qemu'));
  const features: CapsGuestFeature[] = [
    { name: 'cpuselection' },
    { name: 'deviceboot' },
    { name: 'disksnapshot', default: 'on', toggle: 'no' },
  ];
  if (caps.arch === 'i686' || caps.arch === 'x86_64' || caps.arch === 'aarch64') features.push({ name: 'acpi', default: 'on', toggle: 'yes' });
  if (caps.arch === 'i686' || caps.arch === 'x86_64') features.push({ name: 'apic', default: 'on', toggle: 'no' });
  if (caps.arch === 'i686') features.push({ name: 'pae' }, { name: 'nonpae' });
  return {
    osType: 'hvm',
    arch: caps.arch,
    wordsize: archInfo(caps.arch)?.wordsize ?? 64,
    emulator: caps.binary,
    machines,
    domains: caps.virtTypes.map((type) => ({ type, machines: [] })),
    features,
  };
}

/** An alias is listed under its own name with its canonical machine, which also gets its own entry just before it. */
function guestMachines(machines: readonly QemuMachineType[]): CapsGuestMachine[] {
  const list: CapsGuestMachine[] = machines.map((m) => (m.alias
    ? { name: m.alias, canonical: m.name, maxCpus: m.maxCpus, deprecated: m.deprecated }
    : { name: m.name, maxCpus: m.maxCpus, deprecated: m.deprecated }));
  const names = new Set(list.map((m) => m.name));
  return list.flatMap((m) => (m.canonical && !names.has(m.canonical)
    ? [{ name: m.canonical, maxCpus: m.maxCpus, deprecated: m.deprecated }, m]
    : [m]));
}
