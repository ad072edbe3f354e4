import * as C from '../../api/constants.js';
import { createLogger } from '../../log/index.js';
import type { QemuDomainObj } from './domain-obj.js';
import type { QemuDriverState } from './driver-state.js';
import { markShutOff } from './domain-stop.js';
import { watchMonitor } from './monitor-events.js';
import { QmpMonitor } from './qmp/index.js';
import { isOurQemu, signalPid } from './process/pid.js';
import { QemuProcess, removeRunFiles } from './process/qemu-process.js';
import type { DomainStatus } from './status-file.js';
import { reclaimGraphicsPorts } from './graphics-ports.js';
import { refreshChannelStates } from './guest-agent.js';
import { readLiveRuntime } from './live-runtime.js';

const log = createLogger('qemu.recovery');

/** QEMU's run states that mean the vCPUs are stopped. */
const PAUSED_STATUSES = new Set(['paused', 'prelaunch', 'inmigrate', 'postmigrate', 'finish-migrate', 'restore-vm', 'save-vm', 'suspended', 'io-error', 'watchdog', 'guest-panicked', 'internal-error', 'colo']);

/**
 * qemuProcessReconnect for one status file: take the domain back if its QEMU is still the one
 * recorded (alive, our monitor on its command line, answering QMP), leaving the guest as it is;
 * otherwise it is shut off with reason 'crashed' (and killed, if QEMU is there but mute).
 */
async function reconnect(state: QemuDriverState, name: string, status: DomainStatus): Promise<void> {
  let obj: QemuDomainObj;
  try {
    obj = state.adoptLiveDef(status.xml);
  } catch (err) {
    log.error(`cannot recover domain '${name}': ${(err as Error).message}`);
    await state.statuses.remove(name);
    return;
  }
  state.reserveId(status.id);
  reclaimGraphicsPorts(obj);
  obj.domId = status.id;
  obj.taint = status.taint ?? 0;
  obj.setState(status.state, status.reason);
  const alive = await isOurQemu(status.pid, status.monitor);
  let monitor: QmpMonitor | null = null;
  if (alive) {
    monitor = await QmpMonitor.connect(status.monitor, { vmName: name, timeoutMs: 5000 }).catch((err) => {
      log.warn(`cannot reconnect to monitor of '${name}': ${(err as Error).message}`);
      return null;
    });
  }
  if (!monitor) {
    // As libvirt with -no-shutdown: a QEMU we cannot reach again (gone, or not answering) crashed.
    if (alive) signalPid(status.pid, 'SIGKILL');
    await removeRunFiles(status.pidFile, status.domainDir);
    await markShutOff(state, obj, C.VIR_DOMAIN_SHUTOFF_CRASHED, null);
    return;
  }
  obj.proc = new QemuProcess({ pid: status.pid, monitorPath: status.monitor, pidFile: status.pidFile, logPath: status.log, logMark: { offset: 0 }, domainDir: status.domainDir, monitor });
  watchMonitor(state, obj);
  // the status file keeps the definition; the pty paths and VNC port are asked of QEMU again
  await readLiveRuntime(obj);
  await refreshChannelStates(state, obj, false);
  const run = await monitor.execute<{ status: string; running: boolean }>('query-status');
  if (run.running && obj.state === C.VIR_DOMAIN_PAUSED) obj.setState(C.VIR_DOMAIN_RUNNING, C.VIR_DOMAIN_RUNNING_UNPAUSED);
  else if (!run.running && obj.state === C.VIR_DOMAIN_RUNNING && PAUSED_STATUSES.has(run.status)) {
    obj.setState(C.VIR_DOMAIN_PAUSED, C.VIR_DOMAIN_PAUSED_UNKNOWN);
  }
  await state.writeStatus(obj);
}

/** Take back every domain a previous instance left running. */
export async function recoverDomains(state: QemuDriverState): Promise<void> {
  const statuses = await state.statuses.readAll();
  await Promise.all([...statuses].map(([name, status]) => reconnect(state, name, status).catch((err) => {
    log.error(`recovery of '${name}' failed: ${(err as Error).message}`);
  })));
}

/** Start every persistent, autostart domain that is not running (a failure is logged, not fatal). */
export async function autostartDomains(state: QemuDriverState, start: (obj: QemuDomainObj) => Promise<void>): Promise<void> {
  const due = state.domains.all().filter((o) => o.autostart && !o.isActive());
  await Promise.all(due.map((obj) => start(obj).catch((err) => {
    log.error(`Failed to autostart VM '${obj.def.name}': ${(err as Error).message}`);
  })));
}
