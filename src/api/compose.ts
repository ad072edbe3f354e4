import type { ConnectionDriver, DriverMethod } from '../drivers/types.js';
import { ENTRY_POINTS } from './entry-points.js';

/**
 * One connection driver made of a hypervisor driver and the secondary drivers opened beside it
 * (libvirt's virConnect with its storageDriver): each entry point goes to the first secondary
 * that serves it, else to the hypervisor driver. Methods stay bound to their own driver.
 */
export function composeDrivers(primary: ConnectionDriver, secondaries: readonly ConnectionDriver[]): ConnectionDriver {
  const composed: Record<string, unknown> = {
    name: primary.name,
    stateful: primary.stateful,
    async close() {
      await Promise.all([primary, ...secondaries].map((d) => d.close()));
    },
  };
  if (primary.callAs) composed.callAs = primary.callAs.bind(primary);
  for (const method of Object.keys(ENTRY_POINTS) as DriverMethod[]) {
    const owner = secondaries.find((d) => typeof d[method] === 'function') ?? primary;
    const fn = owner[method] as ((...args: unknown[]) => unknown) | undefined;
    if (typeof fn === 'function') composed[method] = fn.bind(owner);
  }
  return composed as unknown as ConnectionDriver;
}
