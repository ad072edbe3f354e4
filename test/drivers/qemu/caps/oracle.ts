import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from '../../../../src/util/command/index.js';

/**
 * Real libvirt 9.0.0's QEMU driver, embedded in virsh (no daemon), in a fresh root: the oracle
 * for capabilities and domain capabilities.
 */
export class EmbeddedLibvirt {
  private constructor(readonly root: string) {}

  static async create(): Promise<EmbeddedLibvirt> {
    const root = await mkdtemp(join(tmpdir(), 'tsvirt-embed-'));
    await mkdir(join(root, 'etc'), { recursive: true });
    await writeFile(join(root, 'etc', 'qemu.conf'), '');
    return new EmbeddedLibvirt(root);
  }

  /** virsh's output and error text; the blank lines virsh adds at the end are dropped. */
  async virsh(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
    const command = new Command('virsh', ['-c', `qemu:///embed?root=${this.root}`, ...args]).setOutputBuffer().setErrorBuffer();
    const status = await command.run({ exitStatus: true });
    return { status, stdout: (command.capturedOutput ?? '').replace(/\n+$/, '\n'), stderr: command.capturedError ?? '' };
  }

  async dispose(): Promise<void> {
    await rm(this.root, { recursive: true, force: true });
  }
}

export async function haveVirsh(): Promise<boolean> {
  return new Command('virsh', ['--version']).run().then(() => true, () => false);
}
