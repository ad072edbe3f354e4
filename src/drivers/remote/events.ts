/**
 * Event registrations of one remote connection. libvirtd accepts one registration per
 * (event ID, filter) and client, so as libvirt's remote driver we register each such key once on
 * the daemon and fan its MESSAGE packets out to every local listener; the daemon registration is
 * dropped with its last listener. Local callback IDs are our own.
 */
import { ErrorDomain, ErrorNumber, virError } from '../../errors/index.js';
import { decodeValue } from '../../rpc/codec.js';
import type { Packet } from '../../rpc/packet.js';
import type { RpcConnection } from '../../rpc/connection.js';
import type { Program } from '../../rpc/program.js';
import { remoteProgram } from '../../rpc/protocol/remote.js';
import type { EventBinding, EventFamily } from '../../remote/bindings/index.js';
import { remoteCall } from './call.js';
import type { RemoteLink } from './link.js';

interface DaemonRegistration {
  remoteId: Promise<number>;
  listeners: Set<number>;
  family: EventFamily<any, any>;
  /** The REGISTER call's arguments, sent again after a reconnect. */
  args: unknown;
}

interface Local {
  key: string;
  family: EventFamily<any, any>;
  listener: (payload: any) => void;
}

export class RemoteEvents {
  readonly #link: RemoteLink;
  readonly #byKey = new Map<string, DaemonRegistration>();
  /** `program:register procedure:remoteId` -> key, for routing MESSAGE packets. */
  readonly #byRemote = new Map<string, string>();
  readonly #locals = new Map<number, Local>();
  /** `program:MESSAGE procedure` -> its family, event ID and binding. */
  readonly #routes = new Map<string, { family: EventFamily<any, any>; eventId: number; binding: EventBinding<any> }>();
  #nextId = 1;

  constructor(link: RemoteLink, families: readonly EventFamily<any, any>[]) {
    this.#link = link;
    for (const family of families) {
      for (const [eventId, binding] of family.events) this.#routes.set(`${programOf(family).number}:${binding.proc.number}`, { family, eventId, binding });
    }
    this.#listen(link.rpc);
    link.onRestore((rpc) => this.#reregister(rpc));
  }

  #listen(rpc: RpcConnection): void {
    rpc.on('message', (p: Packet) => this.#onMessage(p));
  }

  /** A new connection after a drop: every daemon registration again, under the IDs it now gives. */
  async #reregister(rpc: RpcConnection): Promise<void> {
    this.#listen(rpc);
    this.#byRemote.clear();
    await Promise.all([...this.#byKey].map(async ([key, reg]) => {
      const { callbackID } = await remoteCall(rpc, reg.family.register, reg.args, undefined, programOf(reg.family));
      this.#byRemote.set(remoteKey(reg.family, callbackID), key);
      reg.remoteId = Promise.resolve(callbackID);
    }));
  }

  async register<R, P>(
    family: EventFamily<R, P>, filter: R | null, eventId: number, listener: (payload: P) => void,
  ): Promise<number> {
    if (![...family.events.keys()].includes(eventId)) {
      throw virError(ErrorDomain.VIR_FROM_REMOTE, ErrorNumber.VIR_ERR_INVALID_ARG, `unsupported event ID ${eventId}`);
    }
    const object = filter as { uuid?: string; name: string } | null;
    const filterKey = filter === null ? '' : family.filterKey?.(filter) ?? object!.uuid ?? object!.name;
    const key = `${programOf(family).number}:${family.register.number}:${eventId}:${filterKey}`;
    let reg = this.#byKey.get(key);
    if (!reg) {
      const args = family.registerArgs(eventId, filter);
      const remoteId = this.#link.get().then((rpc) => remoteCall(rpc, family.register, args, undefined, programOf(family))).then((r) => {
        this.#byRemote.set(remoteKey(family, r.callbackID), key);
        return r.callbackID;
      });
      reg = { remoteId, listeners: new Set(), family, args };
      this.#byKey.set(key, reg);
      remoteId.catch(() => { if (this.#byKey.get(key) === reg) this.#byKey.delete(key); });
    }
    await reg.remoteId;
    const id = this.#nextId++;
    reg.listeners.add(id);
    this.#locals.set(id, { key, family, listener: listener as (p: unknown) => void });
    return id;
  }

  async deregister(family: EventFamily<any, any>, callbackId: number): Promise<void> {
    const local = this.#locals.get(callbackId);
    if (!local || local.family !== family) {
      throw virError(ErrorDomain.VIR_FROM_REMOTE, ErrorNumber.VIR_ERR_INVALID_ARG, `callback ID ${callbackId} not registered`);
    }
    this.#locals.delete(callbackId);
    const reg = this.#byKey.get(local.key)!;
    reg.listeners.delete(callbackId);
    if (reg.listeners.size > 0) return;
    this.#byKey.delete(local.key);
    const remoteId = await reg.remoteId;
    this.#byRemote.delete(remoteKey(family, remoteId));
    const rpc = this.#link.rpc;
    if (!rpc.closed) await remoteCall(rpc, family.deregister, { callbackID: remoteId }, undefined, programOf(family));
  }

  #onMessage(p: Packet): void {
    const route = this.#routes.get(`${p.header.prog >>> 0}:${p.header.proc}`);
    if (!route?.binding.proc.msg) return;
    let event: { callbackID: number; payload: unknown };
    try {
      event = route.binding.toDriver(decodeValue(route.binding.proc.msg, p.payload), route.eventId);
    } catch {
      return; // an undecodable event is dropped, as libvirt's client does
    }
    const key = this.#byRemote.get(remoteKey(route.family, event.callbackID));
    const reg = key === undefined ? undefined : this.#byKey.get(key);
    for (const id of reg?.listeners ?? []) this.#locals.get(id)?.listener(event.payload);
  }
}

function programOf(family: EventFamily<any, any>): Program {
  return family.program ?? remoteProgram;
}

/** A daemon callback ID is unique per register procedure (libvirtd counts each family apart). */
function remoteKey(family: EventFamily<any, any>, callbackID: number): string {
  return `${programOf(family).number}:${family.register.number}:${callbackID}`;
}
