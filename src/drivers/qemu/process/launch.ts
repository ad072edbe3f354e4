import { closeSync } from 'node:fs';
import { mkdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Command } from '../../../util/command/index.js';
import type { QemuCommandLine } from '../command-line/index.js';
import { QmpMonitor } from '../qmp/index.js';
import { E, qemuError, qemuSystemError } from '../errors.js';
import type { QemuPaths } from '../paths.js';
import { pidAlive, signalPid, waitForExit } from './pid.js';
import { QemuProcess } from './qemu-process.js';
import { qemuMessage } from './qemu-log.js';
import type { DomainRef } from '../../../logd/client.js';
import type { GuestLogs, LogMark } from './guest-log.js';

export interface LaunchRequest {
  readonly paths: QemuPaths;
  readonly logs: GuestLogs;
  readonly name: string;
  readonly dom: DomainRef;
  readonly command: QemuCommandLine;
  readonly monitorPath: string;
  /** The domain's private directory (QEMU's HOME, master key, monitor socket), removed at the end. */
  readonly domainDir: string;
}

class QemuExitedError extends Error {}

/** Connect to the monitor, giving up at once if QEMU exits meanwhile. */
async function connectMonitor(name: string, monitorPath: string, pid: number): Promise<QmpMonitor> {
  const watch = new AbortController();
  let died = false;
  const watcher = (async () => {
    while (!watch.signal.aborted) {
      if (!(await pidAlive(pid))) {
        died = true;
        watch.abort();
        return;
      }
      await sleep(10);
    }
  })();
  try {
    return await QmpMonitor.connect(monitorPath, { vmName: name, signal: watch.signal });
  } catch (err) {
    if (died) throw new QemuExitedError();
    throw err;
  } finally {
    if (!watch.signal.aborted) watch.abort();
    await watcher;
  }
}

function buildCommand(req: LaunchRequest, pidFile: string): Command {
  const cmd = new Command(req.command.binary, req.command.args).daemonize().setPidFile(pidFile);
  for (const [name, value] of req.command.env) cmd.addEnvPair(name, value);
  return cmd;
}

/**
 * Start QEMU for one domain: detached in its own session (it outlives us), stdout and stderr
 * appended to the domain's log, CPUs paused (-S), connected over QMP. On any failure QEMU is
 * killed, the run's files removed, and the error carries QEMU's own message from this attempt.
 */
export async function launchQemu(req: LaunchRequest): Promise<QemuProcess> {
  const pidFile = join(req.paths.runDir, `${req.name}.pid`);
  const logPath = join(req.paths.logDir, `${req.name}.log`);
  await unlink(pidFile).catch(() => undefined);
  const cmd = buildCommand(req, pidFile);
  let log: { fd: number; mark: LogMark };
  try {
    await mkdir(req.paths.logDir, { recursive: true, mode: 0o700 });
    log = await req.logs.start(logPath, req.dom, cmd);
  } catch (err) {
    throw qemuSystemError(err, `failed to create logfile ${logPath}`);
  }
  const proc = (pid: number, monitor: QmpMonitor) =>
    new QemuProcess({ pid, monitorPath: req.monitorPath, pidFile, logPath, logMark: log.mark, domainDir: req.domainDir, monitor });
  let pid: number;
  try {
    cmd.setOutputFd(log.fd).setErrorFd(log.fd);
    await cmd.run();
    pid = cmd.pid!;
  } catch (err) {
    const said = await qemuMessage(req.logs, logPath, log.mark);
    throw said ? qemuError(E.VIR_ERR_INTERNAL_ERROR, `qemu unexpectedly failed to start: ${said}`) : err;
  } finally {
    closeSync(log.fd); // QEMU holds its own copy now
  }
  try {
    return proc(pid, await connectMonitor(req.name, req.monitorPath, pid));
  } catch (err) {
    // QEMU quitting by itself (bad arguments, a missing disk) is gone within moments.
    const gone = err instanceof QemuExitedError || await waitForExit(pid, 500);
    signalPid(pid, 'SIGKILL');
    await waitForExit(pid, 5000);
    if (!gone) throw err;
    const said = await qemuMessage(req.logs, logPath, log.mark);
    throw qemuError(E.VIR_ERR_INTERNAL_ERROR, `process exited while connecting to monitor: ${said || (err as Error).message}`);
  }
}
