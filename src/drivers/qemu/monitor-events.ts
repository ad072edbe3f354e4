import * as C from '../../api/constants.js';
import { createLogger } from '../../log/index.js';
import type { QemuDomainObj } from './domain-obj.js';
import type { QemuDriverState } from './driver-state.js';
import { stopDomain } from './domain-stop.js';
import { serialChanged } from './guest-agent.js';

const log = createLogger('qemu.events');

/** The SUSPENDED event detail for a pause reason (qemuDomainPausedReasonToSuspendedEvent). */
function suspendedDetail(reason: number): number {
  switch (reason) {
    case C.VIR_DOMAIN_PAUSED_MIGRATION: return C.VIR_DOMAIN_EVENT_SUSPENDED_MIGRATED;
    case C.VIR_DOMAIN_PAUSED_SNAPSHOT: return C.VIR_DOMAIN_EVENT_SUSPENDED_FROM_SNAPSHOT;
    case C.VIR_DOMAIN_PAUSED_IOERROR: return C.VIR_DOMAIN_EVENT_SUSPENDED_IOERROR;
    case C.VIR_DOMAIN_PAUSED_POSTCOPY: return C.VIR_DOMAIN_EVENT_SUSPENDED_POSTCOPY;
    default: return C.VIR_DOMAIN_EVENT_SUSPENDED_PAUSED;
  }
}

async function persist(state: QemuDriverState, obj: QemuDomainObj): Promise<void> {
  await state.writeStatus(obj).catch((err) => log.warn(`cannot save status of '${obj.def.name}': ${(err as Error).message}`));
}

/**
 * Drive a running domain's state from what QEMU reports, as libvirt's qemuProcessHandle*
 * callbacks do. Handlers that change more than a field run as a job of the domain.
 */
export function watchMonitor(state: QemuDriverState, obj: QemuDomainObj): void {
  const proc = obj.proc!;
  const mon = proc.monitor;
  const current = () => obj.proc === proc;

  mon.on('SHUTDOWN', (data) => {
    // a guest-shutdown sent through the agent gets no reply: this is its completion
    proc.agent?.notifyEvent('shutdown');
    if (!current() || obj.state === C.VIR_DOMAIN_SHUTDOWN) return;
    proc.gotShutdown = true;
    if (proc.fakeReboot) {
      // The guest's power-off is a step of our reboot: no state change, no event; reset and run it again.
      proc.fakeReboot = false;
      proc.pausedShutdown = true;
      void obj.withJob(async () => {
        if (!current()) return;
        await mon.execute('system_reset');
        proc.runningReason = C.VIR_DOMAIN_RUNNING_BOOTED;
        await mon.execute('cont');
        proc.pausedShutdown = false;
        obj.setState(C.VIR_DOMAIN_RUNNING, C.VIR_DOMAIN_RUNNING_BOOTED);
        await persist(state, obj);
      }).catch((err) => log.warn(`reboot of '${obj.def.name}' failed: ${(err as Error).message}`));
      return;
    }
    obj.setState(C.VIR_DOMAIN_SHUTDOWN, C.VIR_DOMAIN_SHUTDOWN_UNKNOWN);
    state.lifecycleEvent(obj, C.VIR_DOMAIN_EVENT_SHUTDOWN, data.guest ? C.VIR_DOMAIN_EVENT_SHUTDOWN_GUEST : C.VIR_DOMAIN_EVENT_SHUTDOWN_HOST);
    // -no-shutdown keeps QEMU around: end it, as on_poweroff='destroy' asks.
    void obj.withJob(async () => {
      if (current()) await stopDomain(state, obj, C.VIR_DOMAIN_SHUTOFF_SHUTDOWN, C.VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN);
    });
  });

  mon.on('STOP', () => {
    if (!current() || obj.state !== C.VIR_DOMAIN_RUNNING || proc.pausedShutdown) return;
    const reason = proc.pausedReason ?? C.VIR_DOMAIN_PAUSED_UNKNOWN;
    proc.pausedReason = null;
    obj.setState(C.VIR_DOMAIN_PAUSED, reason);
    state.lifecycleEvent(obj, C.VIR_DOMAIN_EVENT_SUSPENDED, suspendedDetail(reason));
    void persist(state, obj);
  });

  mon.on('RESUME', () => {
    if (!current() || obj.state !== C.VIR_DOMAIN_PAUSED) return;
    const reason = proc.runningReason;
    proc.runningReason = C.VIR_DOMAIN_RUNNING_UNPAUSED;
    obj.setState(C.VIR_DOMAIN_RUNNING, reason);
    state.lifecycleEvent(obj, C.VIR_DOMAIN_EVENT_RESUMED, C.VIR_DOMAIN_EVENT_RESUMED_UNPAUSED);
    void persist(state, obj);
  });

  mon.on('RESET', () => {
    proc.agent?.notifyEvent('reset');
    if (!current()) return;
    state.events.emitDomain({ eventId: C.VIR_DOMAIN_EVENT_ID_REBOOT, domain: obj.ref() });
  });

  mon.on('BALLOON_CHANGE', (data) => {
    if (!current()) return;
    const kib = Math.floor(data.actual / 1024);
    obj.def.memory.current = kib;
    state.events.emitDomain({ eventId: C.VIR_DOMAIN_EVENT_ID_BALLOON_CHANGE, domain: obj.ref(), actual: BigInt(kib) });
    void persist(state, obj);
  });

  mon.on('GUEST_PANICKED', () => {
    if (!current()) return;
    obj.setState(C.VIR_DOMAIN_CRASHED, C.VIR_DOMAIN_CRASHED_PANICKED);
    state.lifecycleEvent(obj, C.VIR_DOMAIN_EVENT_CRASHED, C.VIR_DOMAIN_EVENT_CRASHED_PANICKED);
    if (obj.def.onCrash === 'destroy') {
      void obj.withJob(async () => {
        if (current()) await stopDomain(state, obj, C.VIR_DOMAIN_SHUTOFF_CRASHED, C.VIR_DOMAIN_EVENT_STOPPED_CRASHED);
      });
    } else {
      void persist(state, obj);
    }
  });

  // Every event, as it came, for libvirt-qemu's monitor event callbacks (qemuProcessHandleEvent).
  mon.on('event', (e) => {
    if (!current()) return;
    state.events.emitQemuMonitor({
      domain: obj.ref(), event: e.event, seconds: BigInt(e.timestamp?.seconds ?? -1), micros: e.timestamp?.microseconds ?? 0,
      details: e.hasData === false ? null : JSON.stringify(e.data),
    });
  });

  mon.on('event', (e) => {
    if (e.event !== 'VSERPORT_CHANGE' || !current()) return;
    const { id, open } = e.data as { id?: unknown; open?: unknown };
    if (typeof id !== 'string' || typeof open !== 'boolean') return;
    void serialChanged(state, obj, id, open).catch((err) => log.warn(`channel ${id} of '${obj.def.name}': ${(err as Error).message}`));
  });

  // QEMU went away by itself: a shutdown if it said so first, a crash otherwise.
  const lost = () => {
    if (!current() || proc.beingDestroyed) return;
    void obj.withJob(async () => {
      if (!current() || proc.beingDestroyed) return;
      const [reason, detail] = proc.gotShutdown
        ? [C.VIR_DOMAIN_SHUTOFF_SHUTDOWN, C.VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN]
        : [C.VIR_DOMAIN_SHUTOFF_CRASHED, C.VIR_DOMAIN_EVENT_STOPPED_FAILED];
      await stopDomain(state, obj, reason, detail);
    });
  };
  mon.on('eof', lost);
  mon.on('failure', lost);
}
