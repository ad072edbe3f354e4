import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createLogger } from '../../log/index.js';
import type { ConnectAuth, ConnectionDriver, ConnectTarget, DriverFactory } from '../types.js';
import { QemuConnection } from './connection.js';
import { startDomain } from './domain-start.js';
import { QemuDriverState } from './driver-state.js';
import { QEMU_DRIVER_IDENTITY } from './identity.js';
import { pathsForTarget, type QemuPaths } from './paths.js';
import { loadQemuDriverConfig, qemuConfPath } from './qemu-conf.js';
import { autostartDomains, recoverDomains } from './recovery.js';
import { restoreManagedSave } from './save-ops.js';

const log = createLogger('qemu.driver');

/** Driver instances of this process by directory tree, shared while any connection is open. */
const instances = new Map<string, { ready: Promise<QemuDriverState>; users: number }>();

/** Autostart runs once per host boot and tree, as libvirt's marker file in its run directory ensures. */
async function autostartOnce(state: QemuDriverState): Promise<void> {
  try {
    await writeFile(join(state.paths.runDir, 'autostarted'), '', { flag: 'wx' });
  } catch {
    return;
  }
  await autostartDomains(state, (obj) => obj.withJob(() =>
    obj.hasManagedSave ? restoreManagedSave(state, obj, false) : startDomain(state, obj)));
}

/** qemuStateInitialize: load configs, take back running guests, autostart. */
async function initialize(paths: QemuPaths): Promise<QemuDriverState> {
  const state = new QemuDriverState(paths, loadQemuDriverConfig(qemuConfPath(paths)));
  await state.prepareDirs();
  await state.loadConfigs();
  await recoverDomains(state);
  await autostartOnce(state);
  return state;
}

/** The last connection gone: let go of the monitors; the guests keep running. */
async function shutdownInstance(key: string, state: QemuDriverState): Promise<void> {
  instances.delete(key);
  for (const obj of state.domains.all()) obj.proc?.monitor.destroy();
  await state.guestLogs.close();
  log.debug(`driver instance ${key} released`);
}

/** The QEMU driver: qemu:///system, qemu:///session, qemu:///embed?root=DIR. */
export const qemuDriverFactory: DriverFactory = {
  ...QEMU_DRIVER_IDENTITY,
  async open(target: ConnectTarget, _auth: ConnectAuth | null): Promise<ConnectionDriver> {
    const paths = pathsForTarget(target);
    let entry = instances.get(paths.key);
    if (!entry) {
      entry = { ready: initialize(paths), users: 0 };
      instances.set(paths.key, entry);
      entry.ready.catch(() => instances.delete(paths.key));
    }
    entry.users += 1;
    const held = entry;
    let state: QemuDriverState;
    try {
      state = await held.ready;
    } catch (err) {
      held.users -= 1;
      throw err;
    }
    return new QemuConnection(state, target.uri, async () => {
      held.users -= 1;
      if (held.users === 0 && instances.get(paths.key) === held) await shutdownInstance(paths.key, state);
    });
  },
};
