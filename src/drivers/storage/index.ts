import type { ConnectionDriver, ConnectTarget, SecondaryDriverFactory } from '../types.js';
import { StorageConnection } from './connection.js';
import { StorageDriverState } from './driver-state.js';
import { storagePathsFor } from './paths.js';

/** Driver instances of this process by directory tree, shared while any connection is open. */
const instances = new Map<string, { ready: Promise<StorageDriverState>; users: number }>();

async function initialize(target: ConnectTarget): Promise<StorageDriverState> {
  const state = new StorageDriverState(storagePathsFor(target));
  await state.initialize();
  return state;
}

/**
 * The storage driver (directory pools with real files) the QEMU driver's connections share:
 * qemu:///system, qemu:///session and qemu:///embed?root=DIR each have their own pools.
 */
export const storageDriverFactory: SecondaryDriverFactory = {
  name: 'storage',
  async open(target: ConnectTarget): Promise<ConnectionDriver> {
    const key = storagePathsFor(target).key;
    let entry = instances.get(key);
    if (!entry) {
      entry = { ready: initialize(target), users: 0 };
      instances.set(key, entry);
      entry.ready.catch(() => instances.delete(key));
    }
    entry.users += 1;
    const held = entry;
    let state: StorageDriverState;
    try {
      state = await held.ready;
    } catch (err) {
      held.users -= 1;
      throw err;
    }
    return new StorageConnection(state, async () => {
      held.users -= 1;
      if (held.users === 0 && instances.get(key) === held) instances.delete(key);
    });
  },
};
