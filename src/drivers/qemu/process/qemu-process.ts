import { rm, unlink } from 'node:fs/promises';
import type { Duplex } from 'node:stream';
import { VIR_DOMAIN_RUNNING_UNPAUSED } from '../../../api/constants.js';
import type { GuestAgent } from '../agent/client.js';
import type { QmpMonitor } from '../qmp/index.js';
import type { LogMark } from './guest-log.js';
import { signalPid, waitForExit } from './pid.js';

/** What the driver knows of one running QEMU (libvirt's qemuDomainObjPrivate, the process part). */
export class QemuProcess {
  readonly pid: number;
  readonly monitorPath: string;
  readonly pidFile: string;
  readonly logPath: string;
  /** Where this run's part of the log starts (after our header). */
  readonly logMark: LogMark;
  /** The domain's private directory (QEMU's HOME, master key, monitor socket). */
  readonly domainDir: string;
  readonly monitor: QmpMonitor;
  /** QEMU announced SHUTDOWN: its exit is a shutdown, not a crash. */
  gotShutdown = false;
  /** We are killing it: its exit is ours, not the guest's doing. */
  beingDestroyed = false;
  /** A reboot asked through ACPI: the SHUTDOWN that follows resets the guest instead. */
  fakeReboot = false;
  /** QEMU stopped the vCPUs after the guest's power-off during a reboot: not a pause to report. */
  pausedShutdown = false;
  /** Why QEMU will stop the vCPUs next (a STOP event we caused ourselves). */
  pausedReason: number | null = null;
  /** Why QEMU will run the vCPUs next (the RESUME event after our `cont`). */
  runningReason: number = VIR_DOMAIN_RUNNING_UNPAUSED;
  /** The guest agent client while the guest has the agent's channel open. */
  agent: GuestAgent | null = null;
  /** Open console streams by pty path (libvirt's virChrdevs: one session per device). */
  readonly consoles = new Map<string, Duplex>();

  constructor(init: { pid: number; monitorPath: string; pidFile: string; logPath: string; logMark: LogMark; domainDir: string; monitor: QmpMonitor }) {
    this.pid = init.pid;
    this.monitorPath = init.monitorPath;
    this.pidFile = init.pidFile;
    this.logPath = init.logPath;
    this.logMark = init.logMark;
    this.domainDir = init.domainDir;
    this.monitor = init.monitor;
  }

  /**
   * Stop QEMU: SIGTERM, then SIGKILL if it is still there after `graceMs` (with `force`).
   * Resolves true once it is gone.
   */
  async kill(graceMs: number, force = true): Promise<boolean> {
    this.beingDestroyed = true;
    signalPid(this.pid, 'SIGTERM');
    if (await waitForExit(this.pid, graceMs)) return true;
    if (!force) return false;
    signalPid(this.pid, 'SIGKILL');
    return waitForExit(this.pid, 5000);
  }

  /** Drop the monitor and the files of this run (QEMU is gone). */
  async cleanup(): Promise<void> {
    this.monitor.destroy();
    this.agent?.close();
    this.agent = null;
    for (const stream of this.consoles.values()) stream.destroy();
    await removeRunFiles(this.pidFile, this.domainDir);
  }
}

/** Remove a run's pid file and private directory (monitor socket and master key with it). */
export async function removeRunFiles(pidFile: string, domainDir: string): Promise<void> {
  await unlink(pidFile).catch(() => undefined);
  await rm(domainDir, { recursive: true, force: true });
}
