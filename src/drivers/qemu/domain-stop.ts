import { rm } from 'node:fs/promises';
import * as C from '../../api/constants.js';
import { formatTimestamp } from '../../log/index.js';
import type { QemuDomainObj } from './domain-obj.js';
import { logDomain } from './process/guest-log.js';
import { qemuDomainPathsUnder } from './command-line/index.js';
import type { QemuDriverState } from './driver-state.js';
import { releaseGraphicsPorts } from './graphics-ports.js';

/** How long QEMU gets to exit on SIGTERM before SIGKILL (libvirt waits 10 s in all). */
export const DESTROY_GRACE_MS = 10_000;

/** The words libvirt writes into the domain log for each shut-off reason. */
const SHUTOFF_REASONS: Record<number, string> = {
  [C.VIR_DOMAIN_SHUTOFF_UNKNOWN]: 'unknown', [C.VIR_DOMAIN_SHUTOFF_SHUTDOWN]: 'shutdown',
  [C.VIR_DOMAIN_SHUTOFF_DESTROYED]: 'destroyed', [C.VIR_DOMAIN_SHUTOFF_CRASHED]: 'crashed',
  [C.VIR_DOMAIN_SHUTOFF_SAVED]: 'saved', [C.VIR_DOMAIN_SHUTOFF_FAILED]: 'failed',
};

/**
 * The domain no longer runs: forget its status, shut it off with `reason`, tell watchers with a
 * STOPPED event of `detail` (none when null), and drop it if it was transient.
 */
export async function markShutOff(state: QemuDriverState, obj: QemuDomainObj, reason: number, detail: number | null): Promise<void> {
  obj.proc = null;
  // taints and deprecations belong to the run (qemuProcessStop)
  obj.taint = 0;
  obj.deprecations = [];
  releaseGraphicsPorts(obj);
  await obj.queueStatusWrite(() => state.statuses.remove(obj.def.name));
  obj.removeTransientDef();
  obj.setState(C.VIR_DOMAIN_SHUTOFF, reason);
  obj.domId = -1;
  if (detail !== null) state.lifecycleEvent(obj, C.VIR_DOMAIN_EVENT_STOPPED, detail);
  if (!obj.persistent) state.domains.remove(obj);
}

/** qemuProcessStop: make QEMU go (if it has not), remove the run's files, shut the domain off. */
export async function stopDomain(state: QemuDriverState, obj: QemuDomainObj, reason: number, detail: number | null): Promise<void> {
  const proc = obj.proc;
  if (!proc) return;
  await proc.kill(DESTROY_GRACE_MS);
  await proc.cleanup();
  // The channel sockets' directory (libvirt's channelTargetDir) goes with the run.
  await rm(qemuDomainPathsUnder(state.paths.libDir, obj.domId, obj.def.name).channelDir, { recursive: true, force: true });
  await state.guestLogs.append(proc.logPath, logDomain(obj.def),
    `${formatTimestamp(new Date())}: shutting down, reason=${SHUTOFF_REASONS[reason] ?? 'unknown'}\n`).catch(() => undefined);
  await markShutOff(state, obj, reason, detail);
}
