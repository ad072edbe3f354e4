import type { DriverFactory } from '../drivers/types.js';

const factories: DriverFactory[] = [];

/** Make a driver reachable by URI. Later registrations of the same name replace earlier ones. */
export function registerDriver(factory: DriverFactory): void {
  const at = factories.findIndex((f) => f.name === factory.name);
  if (at >= 0) factories[at] = factory;
  else factories.push(factory);
}

/** The local driver serving `scheme`, if any. */
export function localDriverFor(scheme: string): DriverFactory | undefined {
  const s = scheme.toLowerCase();
  return factories.find((f) => !f.remote && f.schemes.includes(s));
}

/** The driver that reaches hosts over a transport (the remote driver), if registered. */
export function remoteDriver(): DriverFactory | undefined {
  return factories.find((f) => f.remote);
}

export function registeredDrivers(): readonly DriverFactory[] {
  return factories;
}
