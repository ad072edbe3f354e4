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

  /**
   * `qemuConf` is the driver's qemu.conf. With the default `libvirt-qemu` user and a root-only
   * /dev/kvm, libvirt finds its cached capabilities invalid at every lookup and probes again
   * (seconds each); `user = "root"` avoids that where the user does not matter.
   */
  static async create(qemuConf = ''): Promise<EmbeddedLibvirt> {
    const root = await mkdtemp(join(tmpdir(), 'tsvirt-embed-'));
    await mkdir(join(root, 'etc'), { recursive: true });
    await writeFile(join(root, 'etc', 'qemu.conf'), qemuConf);
    return new EmbeddedLibvirt(root);
  }

  /** virsh's output and error text; the blank lines virsh adds at the end are dropped. */
  async virsh(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
    const command = new Command('virsh', ['-c', `qemu:///embed?root=${this.root}`, ...args]).setOutputBuffer().setErrorBuffer();
    const status = await command.run({ exitStatus: true });
    return { status, stdout: (command.capturedOutput ?? '').replace(/\n+$/, '\n'), stderr: command.capturedError ?? '' };
  }

  /**
   * virConnectGetDomainCapabilities through libvirt-python, many queries in one process (each
   * virsh run would start the embedded driver anew): the XML, or libvirt's error message.
   */
  async domainCapabilities(queries: readonly object[]): Promise<Array<{ xml?: string; error?: string }>> {
    const script = [
      'import json, sys, libvirt',
      'libvirt.registerErrorHandler(lambda ctx, err: None, None)',
      'libvirt.virEventRegisterDefaultImpl()',
      `conn = libvirt.open(${JSON.stringify(`qemu:///embed?root=${this.root}`)})`,
      'out = []',
      'for q in json.load(sys.stdin):',
      '    try:',
      "        out.append({'xml': conn.getDomainCapabilities(q.get('emulatorbin'), q.get('arch'), q.get('machine'), q.get('virttype'), 0)})",
      '    except libvirt.libvirtError as e:',
      "        out.append({'error': e.get_error_message()})",
      'print(json.dumps(out))',
    ].join('\n');
    const command = new Command('/usr/bin/python3', ['-c', script]).setInputBuffer(JSON.stringify(queries)).setOutputBuffer();
    await command.run();
    return JSON.parse(command.capturedOutput ?? '[]') as Array<{ xml?: string; error?: string }>;
  }

  async dispose(): Promise<void> {
    await rm(this.root, { recursive: true, force: true });
  }
}

export async function haveVirsh(): Promise<boolean> {
  return new Command('virsh', ['--version']).run().then(() => true, () => false);
}
