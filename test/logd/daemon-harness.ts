/**
 * Starts a real tsvirtlogd process in a temporary directory and stops it (by the pid in its pid
 * file, since a restart replaces the process) when the test is done.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { Command } from '../../src/util/command/index.js';
import { LogManagerClient } from '../../src/logd/client.js';

export const MAIN = fileURLToPath(new URL('../../src/logd/main.js', import.meta.url));

export interface DaemonOptions {
  config?: string;
  env?: Record<string, string>;
  /** Defaults: run/ and log/ in a fresh temporary directory. */
  runDir?: string;
  logDir?: string;
}

export class TestDaemon {
  readonly root = mkdtempSync(join(tmpdir(), 'tsvirtlogd-'));
  readonly runDir: string;
  readonly logDir: string;
  readonly socketPath: string;
  readonly pidFile: string;
  readonly configFile = join(this.root, 'tsvirtlogd.conf');
  #command: Command | null = null;

  private constructor(runDir?: string, logDir?: string) {
    this.runDir = runDir ?? join(this.root, 'run');
    this.logDir = logDir ?? join(this.root, 'log');
    this.socketPath = join(this.runDir, 'tsvirtlogd-sock');
    this.pidFile = join(this.runDir, 'tsvirtlogd.pid');
  }

  static async start(options: DaemonOptions = {}): Promise<TestDaemon> {
    const d = new TestDaemon(options.runDir, options.logDir);
    mkdirSync(d.logDir, { recursive: true });
    writeFileSync(d.configFile, options.config ?? '');
    const cmd = new Command(process.execPath, [MAIN, '-f', d.configFile, '--run-dir', d.runDir, '--log-dir', d.logDir])
      .addEnvPassCommon().setErrorFd(2);
    for (const [k, v] of Object.entries(options.env ?? {})) cmd.addEnvPair(k, v);
    await cmd.runAsync();
    d.#command = cmd;
    await d.waitForPid((pid) => pid === cmd.pid);
    return d;
  }

  /** The pid in the pid file, or null. */
  get pid(): number | null {
    try {
      return Number(readFileSync(this.pidFile, 'latin1'));
    } catch {
      return null;
    }
  }

  /** Generous: the machine may be loaded (2 cores, every test suite at once). */
  async waitForPid(accept: (pid: number) => boolean): Promise<number> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const pid = this.pid;
      if (pid !== null && accept(pid) && existsSync(this.socketPath)) return pid;
      await sleep(10);
    }
    throw new Error('tsvirtlogd did not come up');
  }

  /** SIGUSR1, then the new daemon's pid once it has taken over. */
  async restart(): Promise<number> {
    const old = this.pid!;
    process.kill(old, 'SIGUSR1');
    const pid = await this.waitForPid((p) => p !== old);
    await waitGone(old);
    return pid;
  }

  client(): Promise<LogManagerClient> {
    return LogManagerClient.connect(this.socketPath);
  }

  logPath(name: string): string {
    return join(this.logDir, name);
  }

  async stop(): Promise<void> {
    const pid = this.pid;
    if (pid !== null && isAlive(pid)) {
      process.kill(pid, 'SIGTERM');
      await waitGone(pid);
    }
    if (this.#command) await this.#command.wait({ exitStatus: true }).catch(() => {});
    rmSync(this.root, { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return existsSync(`/proc/${pid}`) && !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'latin1'));
  } catch {
    return false;
  }
}

export async function waitGone(pid: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && isAlive(pid)) await sleep(10);
  if (isAlive(pid)) throw new Error(`pid ${pid} did not exit`);
}
