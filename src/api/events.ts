import { ErrorDomain, ErrorNumber, virError } from '../errors/index.js';
import type { DomainEventPayload, NetworkEventPayload, NodeDeviceEventPayload, SecretEventPayload, StoragePoolEventPayload } from '../drivers/types.js';
import { VIR_DOMAIN_EVENT_ID_LIFECYCLE } from './constants.js';
import type { Connect, ConnectEvents } from './connect.js';
import { Domain } from './domain.js';
import { Network } from './network.js';
import { StoragePool } from './storage.js';
import { NodeDevice } from './host-objects.js';
import { Secret } from './secret.js';
import { checkEventDeregister, checkEventRegister } from './arg-checks.js';

export type DomainEvent = DomainEventPayload & { conn: Connect; dom: Domain };
export type NetworkEvent = NetworkEventPayload & { conn: Connect; net: Network };
export type StoragePoolEvent = Omit<StoragePoolEventPayload, 'pool'> & { conn: Connect; pool: StoragePool };
export type NodeDeviceEvent = Omit<NodeDeviceEventPayload, 'dev'> & { conn: Connect; dev: NodeDevice };
export type SecretEvent = Omit<SecretEventPayload, 'secret'> & { conn: Connect; secret: Secret };

export interface RegisterOptions {
  /** Deregisters the callback when aborted. */
  signal?: AbortSignal;
}

interface Registration {
  kind: 'domain' | 'network' | 'pool' | 'nodedev' | 'secret';
  driverId: number;
  detachAbort?: () => void;
}

/**
 * The events of one connection: libvirt's register/deregister calls with callback ids, an async
 * iterator over domain events, and re-emission of every delivered event on the Connect itself.
 */
export class EventHub {
  readonly #conn: Connect;
  readonly #regs = new Map<number, Registration>();
  #nextId = 0;

  constructor(conn: Connect) {
    this.#conn = conn;
  }

  /** virConnectDomainEventRegisterAny: resolves with the callback id. */
  domainEventRegisterAny = async (
    dom: Domain | null, eventId: number, callback: (event: DomainEvent, opaque?: unknown) => void,
    opaque?: unknown, options: RegisterOptions = {},
  ): Promise<number> => {
    const conn = this.#conn;
    await conn.guard(ErrorDomain.VIR_FROM_DOMAIN, () => checkEventRegister('domain', conn, dom, eventId));
    const send = this.sender(callback, opaque, 'domainEvent');
    const driverId = await conn.invoke('connectDomainEventRegisterAny', dom?.ref ?? null, eventId,
      (payload) => send({ ...payload, conn, dom: new Domain(conn, payload.domain) }));
    return this.remember('domain', driverId, options.signal);
  };

  domainEventDeregisterAny = (callbackId: number): Promise<void> => this.deregister('domain', callbackId);

  /** virConnectNetworkEventRegisterAny. */
  networkEventRegisterAny = async (
    net: Network | null, eventId: number, callback: (event: NetworkEvent, opaque?: unknown) => void,
    opaque?: unknown, options: RegisterOptions = {},
  ): Promise<number> => {
    const conn = this.#conn;
    await conn.guard(ErrorDomain.VIR_FROM_NETWORK, () => checkEventRegister('network', conn, net, eventId));
    const send = this.sender(callback, opaque, 'networkEvent');
    const driverId = await conn.invoke('connectNetworkEventRegisterAny', net?.ref ?? null, eventId,
      (payload) => send({ ...payload, conn, net: new Network(conn, payload.network) }));
    return this.remember('network', driverId, options.signal);
  };

  networkEventDeregisterAny = (callbackId: number): Promise<void> => this.deregister('network', callbackId);

  /** virConnectStoragePoolEventRegisterAny. */
  storagePoolEventRegisterAny = async (
    pool: StoragePool | null, eventId: number, callback: (event: StoragePoolEvent, opaque?: unknown) => void,
    opaque?: unknown, options: RegisterOptions = {},
  ): Promise<number> => {
    const conn = this.#conn;
    await conn.guard(ErrorDomain.VIR_FROM_STORAGE, () => checkEventRegister('pool', conn, pool, eventId));
    const send = this.sender(callback, opaque, 'storagePoolEvent');
    const driverId = await conn.invoke('connectStoragePoolEventRegisterAny', pool?.ref ?? null, eventId,
      (payload) => send({ ...payload, conn, pool: new StoragePool(conn, payload.pool) }));
    return this.remember('pool', driverId, options.signal);
  };

  storagePoolEventDeregisterAny = (callbackId: number): Promise<void> => this.deregister('pool', callbackId);

  /** virConnectNodeDeviceEventRegisterAny. */
  nodeDeviceEventRegisterAny = async (
    dev: NodeDevice | null, eventId: number, callback: (event: NodeDeviceEvent, opaque?: unknown) => void,
    opaque?: unknown, options: RegisterOptions = {},
  ): Promise<number> => {
    const conn = this.#conn;
    await conn.guard(ErrorDomain.VIR_FROM_NODEDEV, () => checkEventRegister('nodedev', conn, dev, eventId));
    const send = this.sender(callback, opaque, 'nodeDeviceEvent');
    const driverId = await conn.invoke('connectNodeDeviceEventRegisterAny', dev?.ref ?? null, eventId,
      (payload) => send({ ...payload, conn, dev: new NodeDevice(conn, payload.dev) }));
    return this.remember('nodedev', driverId, options.signal);
  };

  nodeDeviceEventDeregisterAny = (callbackId: number): Promise<void> => this.deregister('nodedev', callbackId);

  /** virConnectSecretEventRegisterAny. */
  secretEventRegisterAny = async (
    secret: Secret | null, eventId: number, callback: (event: SecretEvent, opaque?: unknown) => void,
    opaque?: unknown, options: RegisterOptions = {},
  ): Promise<number> => {
    const conn = this.#conn;
    const named = secret && { connect: () => secret.connect(), name: () => secret.UUIDString() };
    await conn.guard(ErrorDomain.VIR_FROM_SECRET, () => checkEventRegister('secret', conn, named, eventId));
    const send = this.sender(callback, opaque, 'secretEvent');
    const driverId = await conn.invoke('connectSecretEventRegisterAny', secret?.ref ?? null, eventId,
      (payload) => send({ ...payload, conn, secret: new Secret(conn, payload.secret) }));
    return this.remember('secret', driverId, options.signal);
  };

  secretEventDeregisterAny = (callbackId: number): Promise<void> => this.deregister('secret', callbackId);

  /**
   * Domain events as an async iterator. Registration starts at once; events are queued until
   * read. Breaking out of the loop or aborting `signal` deregisters.
   */
  domainEvents = (options: { eventId?: number; domain?: Domain | null; signal?: AbortSignal } = {}): AsyncIterableIterator<DomainEvent> => {
    const queue: DomainEvent[] = [];
    let wake: (() => void) | null = null;
    let done = false;
    const finish = () => { done = true; wake?.(); };
    const registered = this.domainEventRegisterAny(options.domain ?? null, options.eventId ?? VIR_DOMAIN_EVENT_ID_LIFECYCLE,
      (ev) => { queue.push(ev); wake?.(); });
    registered.catch(finish);
    options.signal?.addEventListener('abort', finish, { once: true });
    const hub = this;
    async function* iterate(): AsyncGenerator<DomainEvent> {
      const id = await registered;
      try {
        while (!done && !options.signal?.aborted) {
          if (queue.length > 0) { yield queue.shift()!; continue; }
          await new Promise<void>((resolve) => { wake = resolve; });
          wake = null;
        }
      } finally {
        options.signal?.removeEventListener('abort', finish);
        if (hub.#regs.has(id)) await hub.deregister('domain', id).catch(() => undefined);
      }
    }
    return iterate();
  };

  /** Deregister everything: the connection is going away. */
  dispose(): void {
    for (const reg of this.#regs.values()) reg.detachAbort?.();
    this.#regs.clear();
  }

  /** Delivery of one registration: its callback first, then the Connect's own event of that kind. */
  private sender<K extends 'domainEvent' | 'networkEvent' | 'storagePoolEvent' | 'nodeDeviceEvent' | 'secretEvent'>(
    callback: (event: ConnectEvents[K][0], opaque?: unknown) => void, opaque: unknown, kind: K,
  ): (event: ConnectEvents[K][0]) => void {
    return (event) => {
      deliver(() => callback(event, opaque));
      (this.#conn.emit as (k: K, e: ConnectEvents[K][0]) => boolean)(kind, event);
    };
  }

  private remember(kind: Registration['kind'], driverId: number, signal?: AbortSignal): number {
    const id = this.#nextId++;
    const reg: Registration = { kind, driverId };
    if (signal) {
      const onAbort = () => { this.deregister(kind, id).catch(() => undefined); };
      if (signal.aborted) queueMicrotask(onAbort);
      else signal.addEventListener('abort', onAbort, { once: true });
      reg.detachAbort = () => signal.removeEventListener('abort', onAbort);
    }
    this.#regs.set(id, reg);
    return id;
  }

  private async deregister(kind: Registration['kind'], callbackId: number): Promise<void> {
    const conn = this.#conn;
    const reg = this.#regs.get(callbackId);
    const from = EVENT_DOMAINS[kind];
    await conn.guard(from, () => checkEventDeregister(kind, callbackId));
    if (!reg || reg.kind !== kind) {
      throw conn.report(virError(from, ErrorNumber.VIR_ERR_INVALID_ARG,
        `could not find event callback ${callbackId} for deregistration`), from);
    }
    this.#regs.delete(callbackId);
    reg.detachAbort?.();
    await conn.invoke(DEREGISTER[kind], reg.driverId);
  }
}

/** Where each kind's registration errors come from, and the entry point that undoes it. */
const EVENT_DOMAINS: Record<Registration['kind'], number> = {
  domain: ErrorDomain.VIR_FROM_DOMAIN, network: ErrorDomain.VIR_FROM_NETWORK, pool: ErrorDomain.VIR_FROM_STORAGE,
  nodedev: ErrorDomain.VIR_FROM_NODEDEV, secret: ErrorDomain.VIR_FROM_SECRET,
};
const DEREGISTER = {
  domain: 'connectDomainEventDeregisterAny', network: 'connectNetworkEventDeregisterAny', pool: 'connectStoragePoolEventDeregisterAny',
  nodedev: 'connectNodeDeviceEventDeregisterAny', secret: 'connectSecretEventDeregisterAny',
} as const;

/** A callback only observes: its failure must not stop delivery to the others. */
function deliver(fn: () => void): void {
  try {
    fn();
  } catch (err) {
    process.emitWarning(`tsvirt event callback threw: ${err instanceof Error ? err.message : String(err)}`);
  }
}
