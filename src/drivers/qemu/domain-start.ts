import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as C from '../../api/constants.js';
import { assignDomainInterfaceNames } from '../../conf/domain/index.js';
import { getAttr } from '../../conf/domain/xnode.js';
import { createLogger } from '../../log/index.js';
import { buildQemuArgv, masterKeyPath, monitorSocketPath, qemuDomainPathsUnder, type QemuDomainPaths } from './command-line/index.js';
import type { QemuDomainObj } from './domain-obj.js';
import { capsFor } from './domain-def.js';
import { prepareGuestCpu } from './guest-cpu.js';
import { updateLiveCpu } from './live-cpu.js';
import type { QemuDriverState } from './driver-state.js';
import { stopDomain } from './domain-stop.js';
import { E, qemuError, qemuSystemError } from './errors.js';
import { releaseGraphicsPorts, reserveGraphicsPorts } from './graphics-ports.js';
import { fillChannelPaths, refreshChannelStates } from './guest-agent.js';
import { recordAliases } from './live-aliases.js';
import { readLiveRuntime } from './live-runtime.js';
import { watchMonitor } from './monitor-events.js';
import { launchQemu } from './process/launch.js';
import { migrateFromFile } from './process/migrate-file.js';
import { waitForExit } from './process/pid.js';
import { removeRunFiles } from './process/qemu-process.js';
import { qemuMessage } from './process/qemu-log.js';
import { logDomain } from './process/guest-log.js';

const log = createLogger('qemu.start');

export interface StartOptions {
  /** Leave the CPUs paused (VIR_DOMAIN_START_PAUSED). */
  readonly paused?: boolean;
  /** Resume from a save image's stream instead of booting. */
  readonly restore?: { readonly path: string; readonly offset: number };
}

/** Interface types QEMU reaches through a tap device the driver creates. */
const TAP_BACKED = new Set(['ethernet', 'bridge', 'network']);

/** The domain's private directory with a fresh master key (QEMU reads it for its secrets), and its channel directory. */
async function prepareDomainDir(domainPaths: QemuDomainPaths): Promise<void> {
  const { libDir, channelDir } = domainPaths;
  const keyPath = masterKeyPath(domainPaths);
  try {
    await mkdir(libDir, { recursive: true, mode: 0o700 });
    await mkdir(channelDir, { recursive: true, mode: 0o700 });
    await writeFile(keyPath, randomBytes(32), { mode: 0o600 });
  } catch (err) {
    throw qemuSystemError(err, `Unable to create domain directory ${libDir}`);
  }
}

/** Launch QEMU for the live definition with the id just given; undoes its own files on failure. */
async function launchFor(state: QemuDriverState, obj: QemuDomainObj, id: number, incoming: boolean) {
  const def = obj.def;
  const caps = await capsFor(state, def);
  await prepareGuestCpu(def, caps);
  const domainPaths = qemuDomainPathsUnder(state.paths.libDir, id, def.name);
  const vncPort = await reserveGraphicsPorts(state, obj);
  fillChannelPaths(def, domainPaths.channelDir);
  const command = buildQemuArgv(def, caps, domainPaths, { vncPort });
  if (incoming) command.args.push('-incoming', 'defer');
  recordAliases(def);
  await prepareDomainDir(domainPaths);
  try {
    return await launchQemu({ paths: state.paths, logs: state.guestLogs, name: def.name, dom: logDomain(def), command, monitorPath: monitorSocketPath(domainPaths), domainDir: domainPaths.libDir });
  } catch (err) {
    await removeRunFiles(join(state.paths.runDir, `${def.name}.pid`), domainPaths.libDir);
    await rm(domainPaths.channelDir, { recursive: true, force: true });
    throw err;
  }
}

/**
 * qemuProcessStart: run QEMU for `obj` paused, bring it to the state asked for, record it for
 * recovery and announce it. Any failure leaves nothing behind: QEMU killed, files removed,
 * the domain shut off as before.
 */
export async function startDomain(state: QemuDriverState, obj: QemuDomainObj, options: StartOptions = {}): Promise<void> {
  obj.setDefTransient();
  // tap devices are named when they are made, at start: the live definition shows them, the persistent one never
  assignDomainInterfaceNames(obj.def.devices, 'vnet', (net) => TAP_BACKED.has(getAttr(net, 'type') ?? ''));
  const id = state.allocateId();
  let proc;
  try {
    proc = await launchFor(state, obj, id, options.restore !== undefined);
  } catch (err) {
    releaseGraphicsPorts(obj);
    obj.removeTransientDef();
    throw err;
  }
  obj.proc = proc;
  obj.domId = id;
  obj.setState(C.VIR_DOMAIN_PAUSED, C.VIR_DOMAIN_PAUSED_STARTING_UP);
  watchMonitor(state, obj);
  const restored = options.restore !== undefined;
  try {
    await updateLiveCpu(proc.monitor, obj.def, await capsFor(state, obj.def));
    if (options.restore) {
      await migrateFromFile(proc.monitor, join(state.paths.runDir, `${obj.def.name}.incoming`), options.restore.path, options.restore.offset);
    }
    await readLiveRuntime(obj);
    await refreshChannelStates(state, obj, true);
    if (!options.paused) {
      const reason = restored ? C.VIR_DOMAIN_RUNNING_RESTORED : C.VIR_DOMAIN_RUNNING_BOOTED;
      proc.runningReason = reason;
      await proc.monitor.execute('cont');
      obj.setState(C.VIR_DOMAIN_RUNNING, reason);
    } else {
      obj.setState(C.VIR_DOMAIN_PAUSED, C.VIR_DOMAIN_PAUSED_USER);
    }
    await state.writeStatus(obj);
  } catch (err) {
    log.debug(`start of '${obj.def.name}' failed: ${(err as Error).message}`);
    // A QEMU quitting by itself is gone within moments; one that merely refused a command is not.
    const gone = await waitForExit(proc.pid, 500);
    await stopDomain(state, obj, C.VIR_DOMAIN_SHUTOFF_FAILED, null);
    if (!gone) throw err;
    // QEMU quit on its own during start-up: its log says why.
    const said = await qemuMessage(state.guestLogs, proc.logPath, proc.logMark);
    throw qemuError(E.VIR_ERR_INTERNAL_ERROR, `qemu unexpectedly closed the monitor: ${said || (err as Error).message}`);
  }
  obj.hasManagedSave = false;
  state.lifecycleEvent(obj, C.VIR_DOMAIN_EVENT_STARTED, restored ? C.VIR_DOMAIN_EVENT_STARTED_RESTORED : C.VIR_DOMAIN_EVENT_STARTED_BOOTED);
  if (obj.state === C.VIR_DOMAIN_PAUSED) {
    state.lifecycleEvent(obj, C.VIR_DOMAIN_EVENT_SUSPENDED,
      restored ? C.VIR_DOMAIN_EVENT_SUSPENDED_RESTORED : C.VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
  }
}
