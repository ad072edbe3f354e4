import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from '../../../../src/util/command/index.js';

/** A real QEMU with only a QMP socket, paused before it runs anything, stopped by its pid. */
export class QemuUnderTest {
  readonly socketPath: string;
  readonly #dir: string;
  readonly #command: Command;
  #pid = 0;
  #exit: Promise<number | null> | null = null;

  private constructor(dir: string, machine: string) {
    this.#dir = dir;
    this.socketPath = join(dir, 'qmp.sock');
    this.#command = new Command('qemu-system-x86_64', [
      '-machine', machine, '-accel', 'tcg', '-nodefaults', '-display', 'none', '-S',
      '-qmp', `unix:${this.socketPath},server=on,wait=off`,
    ]).setErrorBuffer();
  }

  static async start(machine = 'pc'): Promise<QemuUnderTest> {
    const qemu = new QemuUnderTest(await mkdtemp(join(tmpdir(), 'tsvirt-qmp-')), machine);
    qemu.#pid = await qemu.#command.runAsync();
    return qemu;
  }

  get pid(): number {
    return this.#pid;
  }

  signal(signal: NodeJS.Signals): void {
    process.kill(this.#pid, signal);
  }

  /** Resolves with how QEMU ended (exit code, or null after a signal). */
  exited(): Promise<number | null> {
    this.#exit ??= this.#command.wait({ exitStatus: true }).catch(() => null);
    return this.#exit;
  }

  async stop(): Promise<void> {
    try {
      process.kill(this.#pid, 'SIGKILL');
    } catch {
      // already gone
    }
    await this.exited();
    await rm(this.#dir, { recursive: true, force: true });
  }
}
