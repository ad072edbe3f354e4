/**
 * The ssh transport: the system `ssh` client (so ~/.ssh/config, agents and known_hosts apply)
 * runs a proxy on the far side whose stdio is joined to the daemon's Unix socket: `nc -U SOCKET`
 * (proxy=netcat, the default; `netcat=` names the binary) or libvirt's `virt-ssh-helper URI`
 * (proxy=native, for a host running libvirtd).
 */
import { Duplex } from 'node:stream';
import type { RemoteParams } from '../../uri/index.js';
import { Command } from '../../util/command/index.js';
import type { ConnectTarget } from '../types.js';
import type { Channel } from './transport.js';

/** The ssh command line for a target, as libvirt builds it (no tty, no escape character). */
export function sshArgs(target: ConnectTarget, params: RemoteParams, remoteCommand: string[]): string[] {
  const args: string[] = [];
  if (target.port) args.push('-p', String(target.port));
  if (target.user) args.push('-l', target.user);
  if (params.keyfile) args.push('-i', params.keyfile);
  if (params.knownHosts) args.push('-o', `UserKnownHostsFile=${params.knownHosts}`);
  if (params.noTty) args.push('-o', 'BatchMode=yes');
  args.push('-T', '-e', 'none', '--', target.server ?? 'localhost', ...remoteCommand);
  return args;
}

export function proxyCommand(params: RemoteParams, socketPath: string, daemonURI: string): string[] {
  if (params.proxy === 'native') return ['virt-ssh-helper', daemonURI];
  return [params.netcat ?? 'nc', '-U', socketPath];
}

export async function openSsh(target: ConnectTarget, params: RemoteParams, socketPath: string, daemonURI = ''): Promise<Channel> {
  const cmd = new Command('ssh', sshArgs(target, params, proxyCommand(params, socketPath, daemonURI)))
    .setInputPipe()
    .setOutputPipe()
    .setErrorBuffer();
  await cmd.runAsync();
  const socket = Duplex.from({ readable: cmd.stdout!, writable: cmd.stdin! });
  const exited = cmd.wait().then(() => undefined, () => undefined);
  return {
    socket,
    encrypted: true,
    secure: true,
    dispose: async () => { await cmd.abort(); },
    // ssh failing (unknown host, refused key) just ends stdout: its stderr says why.
    diagnostics: async () => {
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2000).unref())]);
      return (cmd.capturedError ?? '').trim();
    },
  };
}
