/**
 * A client's event registrations. Each is made on the client's hypervisor connection through
 * the public API's driver entry point; events the driver raises are turned into MESSAGE packets
 * with the shared event bindings and sent to that client only.
 */
import type { Connect } from '../api/connect.js';
import { ErrorDomain, ErrorNumber, virError } from '../errors/index.js';
import type { ProcedureInfo, Program } from '../rpc/program.js';
import type { remote_nonnull_domain, remote_nonnull_network, remote_nonnull_node_device, remote_nonnull_storage_pool } from '../rpc/protocol/remote.js';
import { qemuProgram } from '../rpc/protocol/qemu.js';
import { DOMAIN_EVENTS, NETWORK_EVENTS, NODE_DEVICE_EVENTS, QEMU_MONITOR_EVENT, STORAGE_POOL_EVENTS, convert, type EventBinding } from '../remote/bindings/index.js';
import type { QemuMonitorEventPayload } from '../drivers/types.js';

/** `qemu`: QEMU monitor events (libvirt-qemu), registered with a name filter rather than an event ID. */
export type EventKind = 'domain' | 'network' | 'pool' | 'nodedev' | 'qemu';

interface Registration {
  kind: EventKind;
  eventId: number;
  filter: string;
}

interface Sink {
  requireConn(): Connect;
  sendEvent(proc: ProcedureInfo<unknown, unknown, any>, msg: unknown, program?: Program): void;
}

const FROM: Record<EventKind, number> = {
  domain: ErrorDomain.VIR_FROM_DOMAIN,
  network: ErrorDomain.VIR_FROM_NETWORK,
  pool: ErrorDomain.VIR_FROM_STORAGE,
  nodedev: ErrorDomain.VIR_FROM_NODEDEV,
  qemu: ErrorDomain.VIR_FROM_RPC,
};

export class EventRegistry {
  private readonly regs = new Map<string, Registration>(); // by `${kind}:${callbackID}`

  constructor(private readonly client: Sink) {}

  get size(): number {
    return this.regs.size;
  }

  async register(kind: EventKind, eventId: number, filter: remote_nonnull_domain | remote_nonnull_network | remote_nonnull_storage_pool | remote_nonnull_node_device | null): Promise<number> {
    const conn = this.client.requireConn();
    // a node device is known by name only
    const filterKey = filter ? ('uuid' in filter ? filter.uuid.toString('hex') : filter.name) : '*';
    for (const r of this.regs.values()) {
      if (r.kind === kind && r.eventId === eventId && r.filter === filterKey) {
        throw virError(ErrorDomain.VIR_FROM_NONE, ErrorNumber.VIR_ERR_INVALID_ARG, 'event callback already tracked');
      }
    }
    // The callback id is the driver's (libvirtd hands out the driver's ids too); it is known only
    // once registration returns, so events raised before that are dropped.
    let callbackID = -1;
    const forward = <P>(table: ReadonlyMap<number, EventBinding<P>>) => (payload: P & { eventId: number }) => {
      const b = table.get(payload.eventId);
      if (!b || callbackID < 0) return;
      this.client.sendEvent(b.proc, b.toWire(payload, callbackID));
    };
    if (kind === 'domain') {
      callbackID = await conn.invoke('connectDomainEventRegisterAny', filter ? convert.domain.toDriver(filter as remote_nonnull_domain) : null, eventId, forward(DOMAIN_EVENTS));
    } else if (kind === 'network') {
      callbackID = await conn.invoke('connectNetworkEventRegisterAny', filter ? convert.network.toDriver(filter as remote_nonnull_network) : null, eventId, forward(NETWORK_EVENTS));
    } else if (kind === 'nodedev') {
      callbackID = await conn.invoke('connectNodeDeviceEventRegisterAny', filter ? convert.nodeDevice.toDriver(filter as remote_nonnull_node_device) : null, eventId, forward(NODE_DEVICE_EVENTS));
    } else {
      callbackID = await conn.invoke('connectStoragePoolEventRegisterAny', filter ? convert.storagePool.toDriver(filter as remote_nonnull_storage_pool) : null, eventId, forward(STORAGE_POOL_EVENTS));
    }
    this.regs.set(`${kind}:${callbackID}`, { kind, eventId, filter: filterKey });
    return callbackID;
  }

  /**
   * QEMU monitor events: libvirtd keeps no one-per-filter rule here (the name filter makes every
   * registration distinct), so neither do we.
   */
  async registerQemuMonitor(dom: remote_nonnull_domain | null, event: string | null, flags: number): Promise<number> {
    const conn = this.client.requireConn();
    let callbackID = -1;
    const forward = (payload: QemuMonitorEventPayload) => {
      if (callbackID >= 0) this.client.sendEvent(QEMU_MONITOR_EVENT.proc, QEMU_MONITOR_EVENT.toWire(payload, callbackID), qemuProgram);
    };
    callbackID = await conn.invoke('connectDomainQemuMonitorEventRegister', dom ? convert.domain.toDriver(dom) : null, event, forward, flags);
    this.regs.set(`qemu:${callbackID}`, { kind: 'qemu', eventId: 0, filter: event ?? '*' });
    return callbackID;
  }

  async deregister(kind: EventKind, callbackID: number): Promise<void> {
    const conn = this.client.requireConn();
    const key = `${kind}:${callbackID}`;
    if (!this.regs.has(key)) {
      throw kind === 'qemu'
        ? virError(FROM[kind], ErrorNumber.VIR_ERR_INTERNAL_ERROR, `qemu monitor event callback ${callbackID} not registered`)
        : virError(FROM[kind], ErrorNumber.VIR_ERR_INVALID_ARG, `could not find event callback ${callbackID} for deregistration`);
    }
    this.regs.delete(key);
    await deregisterOn(conn, kind, callbackID);
  }

  /** Drop every registration (the client closed its connection or went away). */
  async clear(conn: Connect | null): Promise<void> {
    const all = [...this.regs.entries()];
    this.regs.clear();
    if (!conn || conn.closed) return;
    for (const [key, r] of all) {
      await deregisterOn(conn, r.kind, Number(key.split(':')[1])).catch(() => undefined);
    }
  }
}

function deregisterOn(conn: Connect, kind: EventKind, id: number): Promise<void> {
  if (kind === 'domain') return conn.invoke('connectDomainEventDeregisterAny', id);
  if (kind === 'network') return conn.invoke('connectNetworkEventDeregisterAny', id);
  if (kind === 'nodedev') return conn.invoke('connectNodeDeviceEventDeregisterAny', id);
  if (kind === 'qemu') return conn.invoke('connectDomainQemuMonitorEventDeregister', id);
  return conn.invoke('connectStoragePoolEventDeregisterAny', id);
}
