import type { DriverFactory } from '../drivers/types.js';

/**
 * A registry entry that imports its driver's module on the first open that needs it, so a
 * program (tsvirsh on test:///, say) never loads the QEMU driver or the RPC tables it does not use.
 */
export function lazyDriver(
  identity: Pick<DriverFactory, 'name' | 'schemes' | 'remote'>,
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
