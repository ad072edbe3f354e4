/**
 * virsh runs polkit's text agent (pkttyagent) while it connects, whenever the process has a
 * controlling terminal, so a daemon that asks polkit can prompt the user there. The agent
 * writes to our terminal itself: where no polkit service runs, its "Authorization not
 * available..." line is what a virsh user sees first, and so does a tsvirsh user.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import { accessSync, closeSync, constants, openSync, statSync } from 'node:fs';

const PKTTYAGENT = '/usr/bin/pkttyagent';
/** The agent's fd that it closes once it is registered (or gone): virsh waits for that. */
const NOTIFY_FD = 3;

/** virPolkitAgentAvailable: the agent is installed and our controlling terminal opens. */
function agentAvailable(): boolean {
  try {
    if (!statSync(PKTTYAGENT).isFile()) return false;
    accessSync(PKTTYAGENT, constants.X_OK);
    closeSync(openSync('/dev/tty', constants.O_RDWR | constants.O_NOCTTY));
    return true;
  } catch {
    return false;
  }
}

export interface PolkitAgent {
  /** End the agent (SIGTERM when still running) and reap it. */
  stop(): Promise<void>;
}

/** Start the agent and wait until it is ready; null when it is unavailable or fails to start. */
export async function startPolkitAgent(): Promise<PolkitAgent | null> {
  if (!agentAvailable()) return null;
  // child_process rather than the Command API: the notify fd is a pipe made for the child at fd 3.
  const stdio: ('inherit' | 'pipe')[] = ['inherit', 'inherit', 'inherit', 'pipe'];
  let child: ChildProcess;
  try {
    child = spawn(PKTTYAGENT, ['--process', String(process.pid), '--notify-fd', String(NOTIFY_FD), '--fallback'], { stdio });
  } catch {
    return null;
  }
  const exited = new Promise<void>((resolve) => {
    child.once('close', () => resolve());
    child.once('error', () => resolve());
  });
  const notify = child.stdio[NOTIFY_FD] as Readable | null;
  await new Promise<void>((resolve) => {
    if (!notify) return resolve();
    notify.once('close', resolve);
    notify.once('error', resolve);
    notify.resume();
    child.once('error', () => resolve());
  });
  return {
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
