/**
 * The remote driver: URIs with a host or a transport (`qemu+ssh://root@host/system`,
 * `test+unix:///default?socket=/run/libvirt/libvirt-sock`) reach a daemon (tsvirtd or libvirtd)
 * over one multiplexed RPC connection. Opening follows libvirt's remote driver: channel,
 * authentication, keepalive negotiation, CONNECT_OPEN.
 */
import { ErrorDomain, ErrorNumber, isVirError, virError } from '../../errors/index.js';
import { RpcConnection } from '../../rpc/connection.js';
import { procedures as P } from '../../rpc/protocol/remote.js';
import { parseURI, remoteName, remoteParams, remoteTransport } from '../../uri/index.js';
import { loadClientConfig } from '../../util/conf/index.js';
import type { ConnectAuth, ConnectTarget, ConnectionDriver, DriverFactory } from '../types.js';
import { authenticate } from './auth.js';
import { REMOTE_DRIVER_IDENTITY } from './identity.js';
import { remoteCall } from './call.js';
import { RemoteConnection } from './connection.js';
import { RemoteLink, reconnectPolicy } from './link.js';
import { openChannel, type Channel } from './transport.js';

const VIR_CONNECT_RO = 1;
const FEATURE_PROGRAM_KEEPALIVE = 10;

/** libvirt.conf's keepalive_interval / keepalive_count, libvirt's defaults 5 and 5 (interval -1 = off). */
function keepAliveSettings(): { interval: number; count: number } {
  const conf = loadClientConfig();
  return { interval: conf?.getInt('keepalive_interval') ?? 5, count: conf?.getUInt('keepalive_count') ?? 5 };
}

/** An early end of file, with what ssh printed: libvirt's "End of file while reading data: WHY: Input/output error". */
async function withDiagnostics(err: unknown, channel: Channel): Promise<unknown> {
  const eof = 'End of file while reading data: Input/output error';
  if (!isVirError(err) || err.message !== eof || !channel.diagnostics) return err;
  const why = (await channel.diagnostics()).split('\n').filter(Boolean).pop();
  if (!why) return err;
  return virError(ErrorDomain.VIR_FROM_RPC, ErrorNumber.VIR_ERR_SYSTEM_ERROR, `End of file while reading data: ${why}: Input/output error`);
}

/** One connection to the daemon, ready for calls: channel, authentication, keepalive, CONNECT_OPEN. */
async function dial(target: ConnectTarget, auth: ConnectAuth | null, flags: number): Promise<{ rpc: RpcConnection; channel: Channel }> {
  const uri = parseURI(target.uri);
  const { transport } = remoteTransport(uri);
  const params = remoteParams(uri);
  const name = remoteName(uri);
  const readOnly = Boolean(flags & VIR_CONNECT_RO);
  const channel = await openChannel(transport, target, params, readOnly);
  const rpc = new RpcConnection(channel.socket, { callTimeoutMs: target.options?.callTimeoutMs, unixSocket: channel.unix });
  rpc.once('close', () => { void channel.dispose(); });
  channel.socket.resume(); // TLS read its confirmation byte in paused mode
  try {
    await authenticate(rpc, params.auth, auth, target);
    const keepalive = keepAliveSettings();
    if (keepalive.interval > 0) {
      const { supported } = await remoteCall(rpc, P.CONNECT_SUPPORTS_FEATURE, { feature: FEATURE_PROGRAM_KEEPALIVE });
      if (supported) rpc.startKeepAlive(keepalive.interval, keepalive.count);
    }
    await remoteCall(rpc, P.CONNECT_OPEN, { name: name === '' ? null : name, flags: flags & VIR_CONNECT_RO });
  } catch (err) {
    rpc.destroy(null);
    throw await withDiagnostics(err, channel);
  }
  return { rpc, channel };
}

export async function openRemote(target: ConnectTarget, auth: ConnectAuth | null, flags: number): Promise<ConnectionDriver> {
  const { rpc, channel } = await dial(target, auth, flags);
  const link = new RemoteLink(rpc, async () => (await dial(target, auth, flags)).rpc, reconnectPolicy(target.options?.reconnect));
  return new RemoteConnection(link, channel) as RemoteConnection & ConnectionDriver;
}

export const remoteDriverFactory: DriverFactory = {
  ...REMOTE_DRIVER_IDENTITY,
  open: (target, auth, flags) => {
    if (!target.uri) throw virError(ErrorDomain.VIR_FROM_REMOTE, ErrorNumber.VIR_ERR_INVALID_ARG, 'no URI');
    return openRemote(target, auth, flags);
  },
};
