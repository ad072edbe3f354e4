/**
 * The driver contract over RPC: every method with a binding (src/remote/bindings) becomes one
 * REMOTE call on a single multiplexed RpcConnection, so any number of concurrent callers share
 * one socket. Streams and events need more than a call and are wired here; connection-level
 * questions (alive, encrypted, secure, keepalive) are answered from the transport.
 */
import type { Duplex } from 'node:stream';
import type { ConnectionDriver, DriverMethod } from '../types.js';
import {
  BINDINGS, BINDING_BY_METHOD, DOMAIN_EVENT_FAMILY, NETWORK_EVENT_FAMILY, NODE_DEVICE_EVENT_FAMILY, QEMU_MONITOR_EVENT_FAMILY, STORAGE_POOL_EVENT_FAMILY, type Binding,
} from '../../remote/bindings/index.js';
import { isSparseCall } from '../../remote/bindings/streams.js';
import type { RpcConnection } from '../../rpc/connection.js';
import { procedures as P, remoteProgram } from '../../rpc/protocol/remote.js';
import { remoteCall } from './call.js';
import { ErrorDomain, ErrorNumber, virError } from '../../errors/index.js';
import { closeFds } from '../../rpc/fd-carrier.js';
import { RemoteEvents } from './events.js';
import { rpcStreamDuplex } from './stream-duplex.js';
import type { RemoteLink } from './link.js';

export interface TransportInfo {
  /** TLS, or SSH: nobody on the path can read the traffic. */
  readonly encrypted: boolean;
  /** Encrypted, or a local Unix socket. */
  readonly secure: boolean;
}

/**
 * Answered by the client itself, as libvirt's: the URI is the one the caller opened; secure and
 * encrypted combine the transport with the daemon's CONNECT_IS_SECURE.
 */
const CLIENT_SIDE: ReadonlySet<DriverMethod> = new Set(['connectGetURI', 'connectIsSecure']);

/** The legacy procedures by the public function they serve (DOMAIN_DESTROY for virDomainDestroy). */
const LEGACY_BY_API: ReadonlyMap<string, Binding> = new Map(
  BINDINGS.filter((b) => b.legacy && b.api).map((b) => [b.api!, b]),
);

export class RemoteConnection {
  readonly name = 'remote';
  readonly #link: RemoteLink;
  readonly #info: TransportInfo;
  readonly #events: RemoteEvents;
  /** What setKeepAlive asked for, applied again to a reconnected transport. */
  #keepAlive: { interval: number; count: number } | null = null;
  #closing: Promise<void> | null = null;

  constructor(link: RemoteLink, info: TransportInfo) {
    this.#link = link;
    this.#info = info;
    this.#events = new RemoteEvents(link, [DOMAIN_EVENT_FAMILY, NETWORK_EVENT_FAMILY, STORAGE_POOL_EVENT_FAMILY, NODE_DEVICE_EVENT_FAMILY, QEMU_MONITOR_EVENT_FAMILY]);
    link.onRestore(async (rpc) => { if (this.#keepAlive) this.#applyKeepAlive(rpc, this.#keepAlive); });
    const self = this as unknown as Record<string, unknown>;
    for (const [method, binding] of BINDING_BY_METHOD) {
      if (CLIENT_SIDE.has(method)) continue;
      self[method] = binding.proc.stream ? this.#streamMethod(binding) : this.#callMethod(binding);
    }
  }

  /** The current RPC connection (after a reconnect, the new one). */
  get rpc(): RpcConnection {
    return this.#link.rpc;
  }

  #callMethod(b: Binding) {
    if (b.fds) return this.#fdsMethod(b);
    return async (...args: unknown[]) => {
      const rpc = this.#link.live ?? await this.#link.get();
      return b.driverRet(await remoteCall(rpc, b.proc, b.wireArgs(args), undefined, b.program), args);
    };
  }

  /** A call whose descriptors travel beside it (the binding's fd argument) or come back with its reply (one, or a list: the result). */
  #fdsMethod(b: Binding) {
    const spec = b.fds!;
    return async (...args: unknown[]) => {
      const rpc = this.#link.live ?? await this.#link.get();
      if (typeof spec === 'object') {
        const fds = spec.one ? [args[spec.arg] as number] : (args[spec.arg] as number[]);
        return b.driverRet(await remoteCall(rpc, b.proc, b.wireArgs(args), { fds }, b.program), args);
      }
      let received: number[] = [];
      rpc.checkFdPassing();
      await remoteCall(rpc, b.proc, b.wireArgs(args), { receiveFds: (fds) => { received = fds; } }, b.program);
      if (spec === 'results') return received;
      if (received.length === 1) return received[0];
      closeFds(received);
      throw virError(ErrorDomain.VIR_FROM_REMOTE, ErrorNumber.VIR_ERR_INTERNAL_ERROR,
        received.length ? 'too many file descriptors received' : 'no file descriptor received');
    };
  }

  /**
   * The stream is opened for the call's serial first: data may follow the reply at once. A reply
   * with more than the stream (a screenshot's MIME type) gives `{ ...that, stream }`.
   */
  #streamMethod(b: Binding) {
    return async (...args: unknown[]): Promise<Duplex | object> => {
      const rpc = await this.#link.get();
      const serial = rpc.nextSerial();
      const stream = rpc.openStream(remoteProgram.number, remoteProgram.version, b.proc.number, serial);
      const wireArgs = b.wireArgs(args);
      const duplex = rpcStreamDuplex(rpc, stream, isSparseCall(b.proc, wireArgs));
      let ret: unknown;
      try {
        ret = await remoteCall(rpc, b.proc, wireArgs, { serial });
      } catch (err) {
        stream.close();
        duplex.destroy();
        throw err;
      }
      const more = b.driverRet(ret, args) as object | undefined;
      return more === undefined ? duplex : { ...more, stream: duplex };
    };
  }

  async connectIsAlive(): Promise<boolean> {
    return !this.rpc.closed;
  }

  async connectIsEncrypted(): Promise<boolean> {
    const { secure } = await remoteCall(await this.#link.get(), P.CONNECT_IS_SECURE, undefined);
    return this.#info.encrypted && secure !== 0;
  }

  /** Asked of the daemon, which asks its driver (the migration calls probe the features they need). */
  async connectSupportsFeature(feature: number): Promise<number> {
    const { supported } = await remoteCall(await this.#link.get(), P.CONNECT_SUPPORTS_FEATURE, { feature });
    return supported;
  }

  async connectIsSecure(): Promise<boolean> {
    const { secure } = await remoteCall(await this.#link.get(), P.CONNECT_IS_SECURE, undefined);
    return this.#info.secure && secure !== 0;
  }

  /** virDomainDestroy goes out as DOMAIN_DESTROY, not DOMAIN_DESTROY_FLAGS: old daemons know it, errors name it. */
  callAs(cName: string, method: DriverMethod, args: unknown[]): Promise<unknown> {
    const legacy = LEGACY_BY_API.get(cName);
    const b = legacy?.method === method ? legacy : BINDING_BY_METHOD.get(method);
    const self = this as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
    if (!b || CLIENT_SIDE.has(method) || b.proc.stream) return self[method]!(...args);
    return this.#callMethod(b)(...args);
  }

  async connectSetKeepAlive(interval: number, count: number): Promise<void> {
    this.#keepAlive = { interval, count };
    this.#applyKeepAlive(this.rpc, this.#keepAlive);
  }

  #applyKeepAlive(rpc: RpcConnection, { interval, count }: { interval: number; count: number }): void {
    if (interval <= 0) rpc.stopKeepAlive();
    else rpc.startKeepAlive(interval, count);
  }

  connectDomainEventRegisterAny: ConnectionDriver['connectDomainEventRegisterAny'] = (dom, eventId, listener) =>
    this.#events.register(DOMAIN_EVENT_FAMILY, dom, eventId, listener);

  connectDomainEventDeregisterAny: ConnectionDriver['connectDomainEventDeregisterAny'] = (id) =>
    this.#events.deregister(DOMAIN_EVENT_FAMILY, id);

  connectNetworkEventRegisterAny: ConnectionDriver['connectNetworkEventRegisterAny'] = (net, eventId, listener) =>
    this.#events.register(NETWORK_EVENT_FAMILY, net, eventId, listener);

  connectNetworkEventDeregisterAny: ConnectionDriver['connectNetworkEventDeregisterAny'] = (id) =>
    this.#events.deregister(NETWORK_EVENT_FAMILY, id);

  connectStoragePoolEventRegisterAny: ConnectionDriver['connectStoragePoolEventRegisterAny'] = (pool, eventId, listener) =>
    this.#events.register(STORAGE_POOL_EVENT_FAMILY, pool, eventId, listener);

  connectStoragePoolEventDeregisterAny: ConnectionDriver['connectStoragePoolEventDeregisterAny'] = (id) =>
    this.#events.deregister(STORAGE_POOL_EVENT_FAMILY, id);

  connectNodeDeviceEventRegisterAny: ConnectionDriver['connectNodeDeviceEventRegisterAny'] = (dev, eventId, listener) =>
    this.#events.register(NODE_DEVICE_EVENT_FAMILY, dev, eventId, listener);

  connectNodeDeviceEventDeregisterAny: ConnectionDriver['connectNodeDeviceEventDeregisterAny'] = (id) =>
    this.#events.deregister(NODE_DEVICE_EVENT_FAMILY, id);

  connectDomainQemuMonitorEventRegister: ConnectionDriver['connectDomainQemuMonitorEventRegister'] = (dom, event, listener, flags) =>
    this.#events.register(QEMU_MONITOR_EVENT_FAMILY, { dom, event, flags }, 0, listener);

  connectDomainQemuMonitorEventDeregister: ConnectionDriver['connectDomainQemuMonitorEventDeregister'] = (id) =>
    this.#events.deregister(QEMU_MONITOR_EVENT_FAMILY, id);

  /** CONNECT_CLOSE, then the socket; a dead peer is simply dropped. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#link.close();
      if (!this.rpc.closed) {
        try {
          await remoteCall(this.rpc, P.CONNECT_CLOSE, undefined, { timeoutMs: 10_000 });
        } catch { /* closing anyway */ }
      }
      await this.rpc.close();
    })();
    return this.#closing;
  }
}

/** The methods a RemoteConnection fills in: every bound one plus the connection-level ones. */
export type RemoteDriver = RemoteConnection & ConnectionDriver;

export const REMOTE_METHODS: readonly DriverMethod[] = [...BINDING_BY_METHOD.keys()].filter((m) => !CLIENT_SIDE.has(m));
