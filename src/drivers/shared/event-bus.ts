import type { DomainEventPayload, EventListener, NetworkEventPayload, NodeDeviceEventPayload, StoragePoolEventPayload } from '../types.js';

interface Subscription<P> {
  owner: object;
  eventId: number;
  /** UUID (a node device's name) of the one object watched, or null for all. */
  uuid: string | null;
  listener: EventListener<P>;
}

/**
 * Events of one driver state. Every connection sharing the state sees every event, as
 * libvirt's drivers do; delivery is asynchronous, as from libvirt's event loop.
 */
export class EventBus {
  #nextId = 1;
  readonly #domain = new Map<number, Subscription<DomainEventPayload>>();
  readonly #network = new Map<number, Subscription<NetworkEventPayload>>();
  readonly #pool = new Map<number, Subscription<StoragePoolEventPayload>>();
  readonly #nodeDevice = new Map<number, Subscription<NodeDeviceEventPayload>>();

  subscribeDomain(sub: Subscription<DomainEventPayload>): number { return this.add(this.#domain, sub); }
  subscribeNetwork(sub: Subscription<NetworkEventPayload>): number { return this.add(this.#network, sub); }
  subscribePool(sub: Subscription<StoragePoolEventPayload>): number { return this.add(this.#pool, sub); }
  subscribeNodeDevice(sub: Subscription<NodeDeviceEventPayload>): number { return this.add(this.#nodeDevice, sub); }

  /** Remove a subscription of `owner`; false when it has no such id. */
  unsubscribe(owner: object, id: number): boolean {
    for (const map of [this.#domain, this.#network, this.#pool, this.#nodeDevice] as Map<number, Subscription<unknown>>[]) {
      const sub = map.get(id);
      if (sub && sub.owner === owner) {
        map.delete(id);
        return true;
      }
    }
    return false;
  }

  /** Drop everything `owner` subscribed (its connection closed). */
  unsubscribeAll(owner: object): void {
    for (const map of [this.#domain, this.#network, this.#pool, this.#nodeDevice] as Map<number, Subscription<unknown>>[]) {
      for (const [id, sub] of map) if (sub.owner === owner) map.delete(id);
    }
  }

  emitDomain(payload: DomainEventPayload): void { this.emit(this.#domain, payload, payload.domain.uuid); }
  emitNetwork(payload: NetworkEventPayload): void { this.emit(this.#network, payload, payload.network.uuid); }
  emitPool(payload: StoragePoolEventPayload): void { this.emit(this.#pool, payload, payload.pool.uuid); }
  emitNodeDevice(payload: NodeDeviceEventPayload): void { this.emit(this.#nodeDevice, payload, payload.dev.name); }

  private add<P>(map: Map<number, Subscription<P>>, sub: Subscription<P>): number {
    const id = this.#nextId++;
    map.set(id, sub);
    return id;
  }

  private emit<P extends { eventId: number }>(map: Map<number, Subscription<P>>, payload: P, uuid: string): void {
    const targets = [...map].filter(([, s]) => s.eventId === payload.eventId && (s.uuid === null || s.uuid === uuid));
    if (targets.length === 0) return;
    setImmediate(() => {
      // A callback deregistered (or whose connection closed) meanwhile gets nothing, as in libvirt.
      for (const [id, s] of targets) if (map.get(id) === s) s.listener(payload);
    });
  }
}
