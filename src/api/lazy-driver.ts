import type { DriverFactory, SecondaryDriverFactory } from '../drivers/types.js';

/**
 * A registry entry that imports its driver's module on the first open that needs it, so a
 * program (tsvirsh on test:///, say) never loads the QEMU driver or the RPC tables it does not use.
 */
export function lazyDriver(
  identity: Pick<DriverFactory, 'name' | 'schemes' | 'remote' | 'sharesSecondaryDrivers'>,
  load: () => Promise<DriverFactory>,
): DriverFactory {
  let loaded: Promise<DriverFactory> | undefined;
  return {
    ...identity,
    async open(target, auth, flags) {
      loaded ??= load();
      return (await loaded).open(target, auth, flags);
    },
  };
}

/** The same for a secondary driver: its module is imported on the first connection that shares it. */
export function lazySecondaryDriver(name: string, load: () => Promise<SecondaryDriverFactory>): SecondaryDriverFactory {
  let loaded: Promise<SecondaryDriverFactory> | undefined;
  return {
    name,
    async open(target, flags) {
      loaded ??= load();
      return (await loaded).open(target, flags);
    },
  };
}
