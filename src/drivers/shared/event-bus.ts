import type { DomainEventPayload, EventListener, NetworkEventPayload, NodeDeviceEventPayload, QemuMonitorEventPayload, StoragePoolEventPayload } from '../types.js';

interface Subscription<P> {
  owner: object;
  eventId: number;
  /** UUID (a node device's name) of the one object watched, or null for all. */
  uuid: string | null;
  listener: EventListener<P>;
  /** A last filter on the event itself (QEMU monitor events by name). */
  accepts?: (payload: P) => boolean;
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
  /** QEMU monitor events (libvirt-qemu), all under event ID 0. */
  readonly #qemuMonitor = new Map<number, Subscription<QemuMonitorEventPayload>>();

  subscribeDomain(sub: Subscription<DomainEventPayload>): number { return this.add(this.#domain, sub); }
  subscribeNetwork(sub: Subscription<NetworkEventPayload>): number { return this.add(this.#network, sub); }
  subscribePool(sub: Subscription<StoragePoolEventPayload>): number { return this.add(this.#pool, sub); }
  subscribeNodeDevice(sub: Subscription<NodeDeviceEventPayload>): number { return this.add(this.#nodeDevice, sub); }
  subscribeQemuMonitor(sub: Omit<Subscription<QemuMonitorEventPayload>, 'eventId'>): number { return this.add(this.#qemuMonitor, { ...sub, eventId: 0 }); }

  get #all(): Map<number, Subscription<unknown>>[] {
    return [this.#domain, this.#network, this.#pool, this.#nodeDevice, this.#qemuMonitor] as Map<number, Subscription<unknown>>[];
  }

  /** Remove a subscription of `owner`; false when it has no such id. */
  unsubscribe(owner: object, id: number): boolean {
    for (const map of this.#all) {
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
    for (const map of this.#all) {
      for (const [id, sub] of map) if (sub.owner === owner) map.delete(id);
    }
  }

  emitDomain(payload: DomainEventPayload): void { this.emit(this.#domain, payload, payload.eventId, payload.domain.uuid); }
  emitNetwork(payload: NetworkEventPayload): void { this.emit(this.#network, payload, payload.eventId, payload.network.uuid); }
  emitPool(payload: StoragePoolEventPayload): void { this.emit(this.#pool, payload, payload.eventId, payload.pool.uuid); }
  emitNodeDevice(payload: NodeDeviceEventPayload): void { this.emit(this.#nodeDevice, payload, payload.eventId, payload.dev.name); }
  emitQemuMonitor(payload: QemuMonitorEventPayload): void { this.emit(this.#qemuMonitor, payload, 0, payload.domain.uuid); }

  private add<P>(map: Map<number, Subscription<P>>, sub: Subscription<P>): number {
    const id = this.#nextId++;
    map.set(id, sub);
    return id;
  }

  private emit<P>(map: Map<number, Subscription<P>>, payload: P, eventId: number, uuid: string): void {
    const targets = [...map].filter(([, s]) => s.eventId === eventId && (s.uuid === null || s.uuid === uuid) && (s.accepts?.(payload) ?? true));
    if (targets.length === 0) return;
    setImmediate(() => {
      // A callback deregistered (or whose connection closed) meanwhile gets nothing, as in libvirt.
      for (const [id, s] of targets) if (map.get(id) === s) s.listener(payload);
    });
  }
}
