/**
 * How events cross the wire: for each event ID, the MESSAGE procedure libvirtd sends (callback
 * style, feature 14) and the conversion between its payload and the driver's event payload.
 * Driver payload fields carry the wire names (`offset`, `devAlias`, `nsuri`...), the object as
 * `domain` / `network` / `pool`.
 */
import type {
  DomainEventPayload, DomainRef, NetworkEventPayload, NetworkRef, NodeDeviceEventPayload, NodeDeviceRef, StoragePoolEventPayload, StoragePoolRef,
} from '../../drivers/types.js';
import type { Codec } from '../../rpc/codec.js';
import type { ProcedureInfo, Program } from '../../rpc/program.js';
import { procedures as P, remoteProgram } from '../../rpc/protocol/remote.js';
import { domain, network, nodeDevice, storagePool } from './convert.js';

export interface EventBinding<P> {
  readonly proc: ProcedureInfo<unknown, unknown, any> & { readonly msg: Codec<any> };
  /** Daemon: the MESSAGE payload for one driver event delivered to `callbackID`. */
  toWire(payload: P, callbackID: number): any;
  /** Client: the callback ID and the driver event from a MESSAGE payload. */
  toDriver(msg: any, eventId: number): { callbackID: number; payload: P };
}

function proc(n: number): EventBinding<unknown>['proc'] {
  const p = remoteProgram.procedures.get(n);
  if (!p?.msg) throw new Error(`procedure ${n} is not an event`);
  return p as EventBinding<unknown>['proc'];
}

/** Payload without the object; `nested` msgs wrap `{dom, ...}` in `msg`, `reason` ones put a reason before it. */
type Shape = 'nested' | 'reason' | 'flat';

function domainEvent(n: number, shape: Shape): EventBinding<DomainEventPayload> {
  return {
    proc: proc(n),
    toWire: (p, callbackID) => {
      const { eventId: _e, domain: d, reason, ...rest } = p;
      const body = { dom: domain.toWire(d), ...rest };
      if (shape === 'flat') return { callbackID, ...body, ...(reason === undefined ? {} : { reason }) };
      if (shape === 'reason') return { callbackID, reason: reason ?? 0, msg: body };
      return { callbackID, msg: { ...body, ...(reason === undefined ? {} : { reason }) } };
    },
    toDriver: (m, eventId) => {
      const { callbackID, ...outer } = m;
      const inner = shape === 'flat' ? outer : { ...outer.msg, ...(shape === 'reason' ? { reason: outer.reason } : {}) };
      const { dom, ...rest } = inner;
      return { callbackID, payload: { eventId, domain: domain.toDriver(dom), ...rest } };
    },
  };
}

/** Domain events by VIR_DOMAIN_EVENT_ID_*. */
export const DOMAIN_EVENTS: ReadonlyMap<number, EventBinding<DomainEventPayload>> = new Map([
  [0, domainEvent(318, 'nested')], // LIFECYCLE
  [1, domainEvent(319, 'nested')], // REBOOT
  [2, domainEvent(320, 'nested')], // RTC_CHANGE
  [3, domainEvent(321, 'nested')], // WATCHDOG
  [4, domainEvent(322, 'nested')], // IO_ERROR
  [5, domainEvent(323, 'nested')], // GRAPHICS
  [6, domainEvent(324, 'nested')], // IO_ERROR_REASON
  [7, domainEvent(325, 'nested')], // CONTROL_ERROR
  [8, domainEvent(326, 'nested')], // BLOCK_JOB
  [9, domainEvent(327, 'nested')], // DISK_CHANGE
  [10, domainEvent(328, 'nested')], // TRAY_CHANGE
  [11, domainEvent(329, 'reason')], // PMWAKEUP
  [12, domainEvent(330, 'reason')], // PMSUSPEND
  [13, domainEvent(331, 'nested')], // BALLOON_CHANGE
  [14, domainEvent(332, 'reason')], // PMSUSPEND_DISK
  [15, domainEvent(333, 'nested')], // DEVICE_REMOVED
  [16, domainEvent(339, 'flat')], // BLOCK_JOB_2
  [17, domainEvent(346, 'flat')], // TUNABLE
  [18, domainEvent(348, 'flat')], // AGENT_LIFECYCLE
  [19, domainEvent(354, 'flat')], // DEVICE_ADDED
  [20, domainEvent(359, 'flat')], // MIGRATION_ITERATION
  [21, domainEvent(363, 'flat')], // JOB_COMPLETED
  [22, domainEvent(367, 'flat')], // DEVICE_REMOVAL_FAILED
  [23, domainEvent(379, 'flat')], // METADATA_CHANGE
  [24, domainEvent(385, 'flat')], // BLOCK_THRESHOLD
  [25, domainEvent(423, 'flat')], // MEMORY_FAILURE
  [26, domainEvent(438, 'flat')], // MEMORY_DEVICE_SIZE_CHANGE
]);

/** Network events by VIR_NETWORK_EVENT_ID_*. */
export const NETWORK_EVENTS: ReadonlyMap<number, EventBinding<NetworkEventPayload>> = new Map([
  [0, {
    proc: proc(315),
    toWire: (p: NetworkEventPayload, callbackID: number) => ({ callbackID, net: network.toWire(p.network), event: p.event, detail: p.detail }),
    toDriver: (m: any, eventId: number) => ({ callbackID: m.callbackID, payload: { eventId, network: network.toDriver(m.net), event: m.event, detail: m.detail } }),
  }],
]);

/** Storage pool events by VIR_STORAGE_POOL_EVENT_ID_*. */
export const STORAGE_POOL_EVENTS: ReadonlyMap<number, EventBinding<StoragePoolEventPayload>> = new Map([
  [0, {
    proc: proc(370),
    toWire: (p: StoragePoolEventPayload, callbackID: number) => ({ callbackID, pool: storagePool.toWire(p.pool), event: p.event, detail: p.detail }),
    toDriver: (m: any, eventId: number) => ({ callbackID: m.callbackID, payload: { eventId, pool: storagePool.toDriver(m.pool), event: m.event, detail: m.detail } }),
  }],
  [1, {
    proc: proc(373),
    toWire: (p: StoragePoolEventPayload, callbackID: number) => ({ callbackID, pool: storagePool.toWire(p.pool) }),
    toDriver: (m: any, eventId: number) => ({ callbackID: m.callbackID, payload: { eventId, pool: storagePool.toDriver(m.pool), event: 0, detail: 0 } }),
  }],
]);

/** Node device events by VIR_NODE_DEVICE_EVENT_ID_*: lifecycle, and update (no event or detail). */
export const NODE_DEVICE_EVENTS: ReadonlyMap<number, EventBinding<NodeDeviceEventPayload>> = new Map([
  [0, {
    proc: proc(P.NODE_DEVICE_EVENT_LIFECYCLE.number),
    toWire: (p: NodeDeviceEventPayload, callbackID: number) => ({ callbackID, dev: nodeDevice.toWire(p.dev), event: p.event, detail: p.detail }),
    toDriver: (m: any, eventId: number) => ({ callbackID: m.callbackID, payload: { eventId, dev: nodeDevice.toDriver(m.dev), event: m.event, detail: m.detail } }),
  }],
  [1, {
    proc: proc(P.NODE_DEVICE_EVENT_UPDATE.number),
    toWire: (p: NodeDeviceEventPayload, callbackID: number) => ({ callbackID, dev: nodeDevice.toWire(p.dev) }),
    toDriver: (m: any, eventId: number) => ({ callbackID: m.callbackID, payload: { eventId, dev: nodeDevice.toDriver(m.dev), event: 0, detail: 0 } }),
  }],
]);

/**
 * One family of events as the client registers it: the REGISTER/DEREGISTER procedures, the
 * filter field of the register args (null = every object), and the events by ID. libvirtd keeps
 * one registration per (event ID, filter) and client, so a client fans one out to its listeners.
 */
export interface EventFamily<R, P> {
  /** The program of its procedures when it is not REMOTE. */
  readonly program?: Program;
  readonly register: ProcedureInfo<any, { callbackID: number }, unknown>;
  readonly deregister: ProcedureInfo<{ callbackID: number }, unknown, unknown>;
  /** The register args for an event ID and an optional filter object. */
  registerArgs(eventId: number, filter: R | null): unknown;
  /** What tells two filters apart, when not the object's UUID or name. */
  filterKey?(filter: R): string;
  readonly events: ReadonlyMap<number, EventBinding<P>>;
}

export const DOMAIN_EVENT_FAMILY: EventFamily<DomainRef, DomainEventPayload> = {
  register: P.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY,
  deregister: P.CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY,
  registerArgs: (eventID, d) => ({ eventID, dom: d && domain.toWire(d) }),
  events: DOMAIN_EVENTS,
};

export const NETWORK_EVENT_FAMILY: EventFamily<NetworkRef, NetworkEventPayload> = {
  register: P.CONNECT_NETWORK_EVENT_REGISTER_ANY,
  deregister: P.CONNECT_NETWORK_EVENT_DEREGISTER_ANY,
  registerArgs: (eventID, n) => ({ eventID, net: n && network.toWire(n) }),
  events: NETWORK_EVENTS,
};

export const STORAGE_POOL_EVENT_FAMILY: EventFamily<StoragePoolRef, StoragePoolEventPayload> = {
  register: P.CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY,
  deregister: P.CONNECT_STORAGE_POOL_EVENT_DEREGISTER_ANY,
  registerArgs: (eventID, p) => ({ eventID, pool: p && storagePool.toWire(p) }),
  events: STORAGE_POOL_EVENTS,
};

export const NODE_DEVICE_EVENT_FAMILY: EventFamily<NodeDeviceRef, NodeDeviceEventPayload> = {
  register: P.CONNECT_NODE_DEVICE_EVENT_REGISTER_ANY,
  deregister: P.CONNECT_NODE_DEVICE_EVENT_DEREGISTER_ANY,
  registerArgs: (eventID, d) => ({ eventID, dev: d && nodeDevice.toWire(d) }),
  events: NODE_DEVICE_EVENTS,
};
