// A real sshd on loopback for the ssh transport tests: its own config, host key, an authorized
// client key and a stranger's key in a temporary directory; started here and stopped by PID.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../daemon/harness.js';

export const sshdSkip = (!existsSync('/usr/sbin/sshd') && 'needs openssh-server') || false;

export interface RunningSshd {
  readonly dir: string;
  readonly port: number;
  readonly knownHosts: string;
  readonly clientKey: string;
  readonly strangerKey: string;
  stop(): Promise<void>;
}

async function waitForLine(proc: ChildProcess, text: string, log: () => string): Promise<void> {
  for (let i = 0; i < 200 && !log().includes(text); i++) {
    if (proc.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  if (!log().includes(text)) throw new Error(`sshd did not start: ${log()}`);
}

/** `path`: the PATH of the sessions it runs (sshd's SetEnv), to put our own tsvirtd on it. */
export async function startSshd(options: { path?: string } = {}): Promise<RunningSshd> {
  const dir = mkdtempSync(join(tmpdir(), 'tsvirt-sshd-'));
  const port = await freePort();
  for (const key of ['host_key', 'client_key', 'stranger_key']) {
    if (spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, key)]).status !== 0) throw new Error('ssh-keygen failed');
  }
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'client_key.pub')));
  const hostKey = readFileSync(join(dir, 'host_key.pub'), 'utf8').split(' ').slice(0, 2).join(' ');
  writeFileSync(join(dir, 'known_hosts'), `[127.0.0.1]:${port} ${hostKey}\n`);
  writeFileSync(join(dir, 'sshd_config'), [
    `Port ${port}`, 'ListenAddress 127.0.0.1', `HostKey ${join(dir, 'host_key')}`, `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    'PermitRootLogin prohibit-password', 'StrictModes no', 'UsePAM no', 'PasswordAuthentication no',
    'KbdInteractiveAuthentication no', `PidFile ${join(dir, 'sshd.pid')}`, ...(options.path ? [`SetEnv PATH=${options.path}`] : []), '',
  ].join('\n'));
  mkdirSync('/run/sshd', { recursive: true }); // sshd's privilege separation directory
  let log = '';
  const sshd = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
  sshd.stderr!.on('data', (d) => { log += d; });
  await waitForLine(sshd, 'Server listening', () => log);
  return {
    dir, port, knownHosts: join(dir, 'known_hosts'), clientKey: join(dir, 'client_key'), strangerKey: join(dir, 'stranger_key'),
    stop: async () => {
      if (sshd.exitCode === null && sshd.signalCode === null) {
        const gone = new Promise((r) => sshd.once('exit', r));
        process.kill(sshd.pid!, 'SIGTERM');
        await gone;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
