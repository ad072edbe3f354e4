/**
 * The byte channel to the daemon for each transport of a remote URI: unix (tsvirtd's socket by
 * default, `socket=` for any other, e.g. libvirtd's), tcp (16509), tls (16514, libvirt's PKI)
 * and ssh (the system ssh client running a proxy to the daemon's socket on the far side).
 */
import { connect as netConnect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { defaultSocketPath } from '../../daemon/paths.js';
import { ErrorDomain, ErrorNumber, virError } from '../../errors/index.js';
import type { RemoteParams, RemoteTransport } from '../../uri/index.js';
import type { ConnectTarget } from '../types.js';
import { openSsh } from './ssh.js';
import { openTls } from './tls.js';
import { fdPassingSocket } from '../../native/fd-socket.js';
import type { TransportInfo } from './connection.js';

export const DEFAULT_TCP_PORT = 16509;
export const DEFAULT_TLS_PORT = 16514;

export interface Channel extends TransportInfo {
  readonly socket: Duplex;
  /** A local unix socket: file descriptors may travel (with the native helper). */
  readonly unix?: boolean;
  /** Stops whatever runs the channel (the ssh process); the socket's end does the rest. */
  dispose(): Promise<void>;
  /** What the program behind the channel said on stderr before it ended (ssh), if anything. */
  diagnostics?(): Promise<string>;
}

/** The daemon socket a unix (or ssh) connection uses: `socket=`, else tsvirtd's default. */
export function unixSocketPath(target: ConnectTarget, params: RemoteParams, readOnly: boolean): string {
  if (params.socket) return params.socket;
  return defaultSocketPath(readOnly, !isSession(target));
}

/** A per-user daemon's URI, as libvirt tells them apart: `/session` when not root. */
function isSession(target: ConnectTarget): boolean {
  return process.geteuid?.() !== 0 && target.path === '/session';
}

export async function openChannel(
  transport: RemoteTransport, target: ConnectTarget, params: RemoteParams, readOnly: boolean,
): Promise<Channel> {
  const host = target.server ?? 'localhost';
  const none = async () => {};
  switch (transport) {
    case 'unix': {
      const path = unixSocketPath(target, params, readOnly);
      const socket = fdPassingSocket(await connectNet({ path }, `Failed to connect socket to '${path}'`));
      return { socket, unix: true, encrypted: false, secure: true, dispose: none };
    }
    case 'tcp': {
      const port = target.port || DEFAULT_TCP_PORT;
      return { socket: await connectNet({ host, port }, `unable to connect to server at '${host}:${port}'`), encrypted: false, secure: false, dispose: none };
    }
    case 'tls': {
      const socket = await openTls({ host, port: target.port || DEFAULT_TLS_PORT, pkipath: params.pkipath, noVerify: params.noVerify });
      return { socket, encrypted: true, secure: true, dispose: none };
    }
    case 'ssh':
      return openSsh(target, params, unixSocketPath(target, params, readOnly), isSession(target));
    default:
      throw virError(ErrorDomain.VIR_FROM_REMOTE, ErrorNumber.VIR_ERR_INVALID_ARG, `transport '${transport}' is not supported by this client`);
  }
}

function connectNet(where: { path: string } | { host: string; port: number }, what: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = 'path' in where ? netConnect(where.path) : netConnect(where.port, where.host);
    // Nothing is read before the caller starts reading (a unix socket may move to the native helper).
    s.pause();
    s.once('connect', () => { s.off('error', onError); s.setNoDelay?.(true); resolve(s); });
    const onError = (err: NodeJS.ErrnoException) => {
      // A name that does not resolve fails before any connect, with libvirt's own wording.
      const message = err.syscall === 'getaddrinfo' && 'host' in where
        ? `Unable to resolve address '${where.host}' service '${where.port}': ${describeGaiError(err)}`
        : `${what}: ${describeErrno(err)}`;
      reject(virError(ErrorDomain.VIR_FROM_RPC, ErrorNumber.VIR_ERR_SYSTEM_ERROR, message));
    };
    s.once('error', onError);
  });
}

/** gai_strerror wording for the name lookup failures Node reports. */
function describeGaiError(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'ENOTFOUND': return 'Name or service not known';
    case 'EAI_AGAIN': return 'Temporary failure in name resolution';
    case 'EAI_FAIL': return 'Non-recoverable failure in name resolution';
    default: return err.message;
  }
}

/** strerror wording for the errors a connect meets. */
function describeErrno(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'ENOENT': return 'No such file or directory';
    case 'ECONNREFUSED': return 'Connection refused';
    case 'EACCES': return 'Permission denied';
    case 'ETIMEDOUT': return 'Connection timed out';
    case 'EHOSTUNREACH': return 'No route to host';
    default: return err.message;
  }
}
