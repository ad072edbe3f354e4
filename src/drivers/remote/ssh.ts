/**
 * The ssh transport: the system `ssh` client (so ~/.ssh/config, agents and known_hosts apply)
 * runs a proxy on the far side whose stdio carries the RPC stream, chosen as libvirt 9.0 chooses
 * between virt-ssh-helper and netcat (`proxy=`):
 *  - `netcat`: `nc -U SOCKET` joins the daemon's Unix socket (`netcat=` names the binary); the
 *    default when the URI names a `socket=`, e.g. a real libvirtd's;
 *  - `native`: `tsvirtd --stdio` serves the connection itself, as virt-ssh-helper would; the
 *    default for a non-root `/session` URI, whose socket path depends on the far side's environment;
 *  - `auto` (otherwise): the running daemon's socket through nc when both are there, else `tsvirtd --stdio`.
 */
import { Duplex } from 'node:stream';
import { ErrorDomain, ErrorNumber, virError } from '../../errors/index.js';
import type { RemoteParams, RemoteProxy } from '../../uri/index.js';
import { Command } from '../../util/command/index.js';
import type { ConnectTarget } from '../types.js';
import type { Channel } from './transport.js';

/** The ssh command line for a target, as libvirt builds it (no tty, no escape character). */
export function sshArgs(target: ConnectTarget, params: RemoteParams, remoteCommand: string): string[] {
  const args: string[] = [];
  if (target.port) args.push('-p', String(target.port));
  if (target.user) args.push('-l', target.user);
  if (params.keyfile) args.push('-i', params.keyfile);
  if (params.knownHosts) args.push('-o', `UserKnownHostsFile=${params.knownHosts}`);
  if (params.noTty) args.push('-o', 'BatchMode=yes');
  args.push('-T', '-e', 'none', '--', target.server ?? 'localhost', remoteCommand);
  return args;
}

/** Which proxy runs on the far side: `proxy=`, else as libvirt picks it. */
export function chooseProxy(params: RemoteParams, session: boolean): RemoteProxy {
  if (params.proxy === 'native' && params.netcat) {
    throw virError(ErrorDomain.VIR_FROM_REMOTE, ErrorNumber.VIR_ERR_INVALID_ARG, 'netcat path not valid with native proxy mode');
  }
  if (params.proxy === 'auto' && params.netcat) return 'netcat'; // naming nc means wanting it
  if (params.proxy) return params.proxy;
  if (params.socket) return 'netcat';
  return session ? 'native' : 'auto';
}

/** One word for the remote shell. */
function shQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The remote command: one `sh -c` string, since ssh hands its command to the far side's shell. */
export function proxyCommand(proxy: RemoteProxy, params: RemoteParams, socketPath: string): string {
  const nc = `${shQuote(params.netcat ?? 'nc')} -U ${shQuote(socketPath)}`;
  const native = 'tsvirtd --stdio';
  const script = proxy === 'native' ? `exec ${native}`
    : proxy === 'netcat' ? `exec ${nc}`
      : `if test -S ${shQuote(socketPath)} && command -v ${shQuote(params.netcat ?? 'nc')} >/dev/null 2>&1; then exec ${nc}; else exec ${native}; fi`;
  return `sh -c ${shQuote(script)}`;
}

export async function openSsh(target: ConnectTarget, params: RemoteParams, socketPath: string, session: boolean): Promise<Channel> {
  const cmd = new Command('ssh', sshArgs(target, params, proxyCommand(chooseProxy(params, session), params, socketPath)))
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
