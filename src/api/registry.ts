import type { DriverFactory, SecondaryDriverFactory } from '../drivers/types.js';

const factories: DriverFactory[] = [];
const secondaries: SecondaryDriverFactory[] = [];

/** Make a driver reachable by URI. Later registrations of the same name replace earlier ones. */
export function registerDriver(factory: DriverFactory): void {
  const at = factories.findIndex((f) => f.name === factory.name);
  if (at >= 0) factories[at] = factory;
  else factories.push(factory);
}

/** The local driver serving `scheme`, if any: spelled exactly (libvirt compares case-sensitively; `TEST:` goes to a daemon). */
export function localDriverFor(scheme: string): DriverFactory | undefined {
  return factories.find((f) => !f.remote && f.schemes.includes(scheme));
}

/** The driver that reaches hosts over a transport (the remote driver), if registered. */
export function remoteDriver(): DriverFactory | undefined {
  return factories.find((f) => f.remote);
}

export function registeredDrivers(): readonly DriverFactory[] {
  return factories;
}

/** Make a secondary driver (storage) available to hypervisor drivers that share them. */
export function registerSecondaryDriver(factory: SecondaryDriverFactory): void {
  const at = secondaries.findIndex((f) => f.name === factory.name);
  if (at >= 0) secondaries[at] = factory;
  else secondaries.push(factory);
}

export function secondaryDrivers(): readonly SecondaryDriverFactory[] {
  return secondaries;
}
