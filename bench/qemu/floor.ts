/** The floor of the QEMU lifecycle benchmark: bare QEMU started to QMP `running`, then killed. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TestGuest } from '../../test/drivers/qemu/guest/test-guest.js';

async function connectRetry(path: string) {
  for (;;) {
    try {
      const sock = connect(path);
      await once(sock, 'connect');
      sock.on('error', () => undefined); // QEMU resets it when killed
      return sock;
    } catch {
      await sleep(1);
    }
  }
}

/** Send QMP lines and resolve when as many `return` replies have arrived. */
function qmp(sock: ReturnType<typeof connect>, commands: string[]): Promise<void> {
  return new Promise((resolve) => {
    let buf = '';
    let replies = 0;
    let greeted = false;
    const onData = (chunk: Buffer) => {
      buf += chunk.toString();
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (!greeted && line.includes('"QMP"')) {
          greeted = true;
          sock.write(commands.map((c) => `{"execute":"${c}"}\n`).join(''));
        } else if (line.includes('"return"') && ++replies === commands.length) {
          sock.off('data', onData);
          resolve();
        }
      }
    };
    sock.on('data', onData);
  });
}

export interface BareQemu { kill(): Promise<void> }

/** Start QEMU paused, connect QMP, `cont`: resolves once it runs. */
export async function startBareQemu(guest: TestGuest, dir: string, name: string, memoryMiB: number): Promise<BareQemu> {
  const sockPath = `${dir}/${name}.qmp`;
  const child = spawn('/usr/bin/qemu-system-x86_64', [
    '-name', `guest=${name}`, '-S', '-machine', 'pc,accel=tcg', '-m', String(memoryMiB), '-nodefaults', '-no-user-config',
    '-display', 'none', '-no-shutdown', '-kernel', guest.kernel, '-initrd', guest.initrd, '-append', guest.cmdline,
    '-serial', `file:${dir}/${name}.serial`, '-qmp', `unix:${sockPath},server=on,wait=off`,
  ], { stdio: 'ignore', detached: true });
  const exited = once(child, 'exit');
  const sock = await connectRetry(sockPath);
  await qmp(sock, ['qmp_capabilities', 'cont']);
  return {
    async kill() {
      child.kill('SIGTERM');
      await exited;
      sock.destroy();
    },
  };
}
