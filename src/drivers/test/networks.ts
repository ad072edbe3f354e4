import {
  NETWORK_DOCUMENT, copyNetworkDefChecked, formatNetworkXML, parseNetworkXML, updateNetworkSection, type NetworkDef,
} from '../../conf/network/index.js';
import * as C from '../../api/constants.js';
import { ErrorDomain, virError } from '../../errors/index.js';
import type { NetworkRef } from '../types.js';
import { E, testCheckFlags, testError } from './errors.js';
import type { NetworkObj } from './objects.js';
import type { TestState } from './state.js';
import { flagPair } from '../shared/list-filter.js';
import { validateAgainstSchema } from '../../conf/schema.js';

const ref = (obj: NetworkObj): NetworkRef => ({ name: obj.def.name, uuid: obj.def.uuid });
/** virnetworkobj.c reports as VIR_FROM_NETWORK. */
const objError = (code: number, detail: string) => virError(ErrorDomain.VIR_FROM_NETWORK, code, detail);

export function byName(state: TestState, name: string): NetworkObj {
  const obj = state.networkByName(name);
  if (!obj) throw testError(E.VIR_ERR_NO_NETWORK, `no network with matching name '${name}'`);
  return obj;
}

function event(state: TestState, obj: NetworkObj, type: number): void {
  state.events.emitNetwork({ eventId: C.VIR_NETWORK_EVENT_ID_LIFECYCLE, network: ref(obj), event: type, detail: 0 });
}

/** virNetworkObjAssignDef: same UUID replaces (config or live), same name with another UUID is refused. */
export function assignDef(state: TestState, def: NetworkDef, live: boolean): NetworkObj {
  const existing = state.networkByUUID(def.uuid);
  if (existing) {
    if (existing.def.name !== def.name) {
      throw objError(E.VIR_ERR_OPERATION_FAILED, `network '${existing.def.name}' is already defined with uuid ${existing.def.uuid}`);
    }
    if (live && existing.active) throw objError(E.VIR_ERR_OPERATION_INVALID, `network is already active as '${existing.def.name}'`);
    if (live) {
      if (existing.persistent && !existing.newDef) existing.newDef = existing.def;
      existing.def = def;
    } else if (existing.active) {
      existing.newDef = def;
    } else {
      existing.newDef = null;
      existing.def = def;
    }
    return existing;
  }
  const sameName = state.networkByName(def.name);
  if (sameName) throw objError(E.VIR_ERR_OPERATION_FAILED, `network '${def.name}' already exists with uuid ${sameName.def.uuid}`);
  const obj: NetworkObj = { def, newDef: null, active: false, persistent: !live, autostart: false };
  state.networks.push(obj);
  return obj;
}

function removeNetwork(state: TestState, obj: NetworkObj): void {
  const at = state.networks.indexOf(obj);
  if (at >= 0) state.networks.splice(at, 1);
}

export function lookupByName(state: TestState, name: string): NetworkRef {
  return ref(byName(state, name));
}

function byUUID(state: TestState, uuid: string): NetworkObj {
  const obj = state.networkByUUID(uuid);
  if (!obj) throw testError(E.VIR_ERR_NO_NETWORK, `no network with matching uuid '${uuid}'`);
  return obj;
}

export function lookupByUUID(state: TestState, uuid: string): NetworkRef {
  return ref(byUUID(state, uuid));
}

export async function createXML(state: TestState, xml: string, flags: number): Promise<NetworkRef> {
  testCheckFlags('testNetworkCreateXMLFlags', flags, C.VIR_NETWORK_CREATE_VALIDATE);
  if (flags & C.VIR_NETWORK_CREATE_VALIDATE) await validateAgainstSchema(xml, NETWORK_DOCUMENT);
  const obj = assignDef(state, parseNetworkXML(xml), true);
  obj.active = true;
  event(state, obj, C.VIR_NETWORK_EVENT_STARTED);
  return ref(obj);
}

export async function defineXML(state: TestState, xml: string, flags: number): Promise<NetworkRef> {
  testCheckFlags('testNetworkDefineXMLFlags', flags, C.VIR_NETWORK_DEFINE_VALIDATE);
  if (flags & C.VIR_NETWORK_DEFINE_VALIDATE) await validateAgainstSchema(xml, NETWORK_DOCUMENT);
  const obj = assignDef(state, parseNetworkXML(xml), false);
  obj.persistent = true;
  event(state, obj, C.VIR_NETWORK_EVENT_DEFINED);
  return ref(obj);
}

export function undefine(state: TestState, net: NetworkRef): void {
  const obj = byName(state, net.name);
  if (obj.active) throw testError(E.VIR_ERR_OPERATION_INVALID, `Network '${net.name}' is still running`);
  event(state, obj, C.VIR_NETWORK_EVENT_UNDEFINED);
  removeNetwork(state, obj);
}

export function create(state: TestState, net: NetworkRef): void {
  const obj = byName(state, net.name);
  if (obj.active) throw testError(E.VIR_ERR_OPERATION_INVALID, `Network '${net.name}' is already running`);
  obj.active = true;
  event(state, obj, C.VIR_NETWORK_EVENT_STARTED);
}

export function destroy(state: TestState, net: NetworkRef): void {
  const obj = byName(state, net.name);
  // libvirt's test driver keeps the live definition (and any pending persistent one) as they are
  obj.active = false;
  event(state, obj, C.VIR_NETWORK_EVENT_STOPPED);
  if (!obj.persistent) removeNetwork(state, obj);
}

export function getXMLDesc(state: TestState, net: NetworkRef, flags: number): string {
  testCheckFlags('testNetworkGetXMLDesc', flags, 0);
  return formatNetworkXML(byName(state, net.name).def);
}

export function getBridgeName(state: TestState, net: NetworkRef): string {
  const obj = byName(state, net.name);
  if (!obj.def.bridge.name) throw testError(E.VIR_ERR_INTERNAL_ERROR, `network '${obj.def.name}' does not have a bridge name.`);
  return obj.def.bridge.name;
}

export function listAll(state: TestState, flags: number): NetworkRef[] {
  const g = (yes: number, no: number, value: boolean) => flagPair(flags, yes, no, value);
  return state.networks.filter((n) =>
    g(C.VIR_CONNECT_LIST_NETWORKS_ACTIVE, C.VIR_CONNECT_LIST_NETWORKS_INACTIVE, n.active) &&
    g(C.VIR_CONNECT_LIST_NETWORKS_PERSISTENT, C.VIR_CONNECT_LIST_NETWORKS_TRANSIENT, n.persistent) &&
    g(C.VIR_CONNECT_LIST_NETWORKS_AUTOSTART, C.VIR_CONNECT_LIST_NETWORKS_NO_AUTOSTART, n.autostart)).map(ref);
}

export function setAutostart(state: TestState, net: NetworkRef, autostart: boolean): void {
  // libvirt's test driver sets the flag even on a transient network (it has no config to mark).
  byName(state, net.name).autostart = autostart;
}

export function find(state: TestState, net: NetworkRef): NetworkObj {
  return byName(state, net.name);
}

/** The network as libvirt's isActive/isPersistent/update find it: by UUID. */
export function findByUUID(state: TestState, net: NetworkRef): NetworkObj {
  return byUUID(state, net.uuid);
}

/**
 * testNetworkUpdate with virNetworkObjUpdate: the live and/or persistent definition (the current
 * one when neither is named) is edited on a copy, checked by a format and parse, then kept.
 */
export function update(state: TestState, net: NetworkRef, command: number, section: number, parentIndex: number, xml: string, flags: number): void {
  const LIVE = C.VIR_NETWORK_UPDATE_AFFECT_LIVE;
  const CONFIG = C.VIR_NETWORK_UPDATE_AFFECT_CONFIG;
  testCheckFlags('testNetworkUpdate', flags, LIVE | CONFIG);
  const obj = byUUID(state, net.uuid);
  if (!(flags & (LIVE | CONFIG))) flags |= obj.active ? LIVE : CONFIG;
  if (!obj.active && flags & LIVE) throw objError(E.VIR_ERR_OPERATION_INVALID, 'network is not running');
  if (flags & CONFIG) {
    if (!obj.persistent) throw objError(E.VIR_ERR_OPERATION_INVALID, 'cannot change persistent config of a transient network');
    if (obj.active && !obj.newDef) obj.newDef = copyNetworkDefChecked(obj.def, true);
  }
  const edit = (def: NetworkDef, inactive: boolean): NetworkDef => {
    const copy = copyNetworkDefChecked(def, inactive);
    updateNetworkSection(copy, command, section, parentIndex, xml);
    copyNetworkDefChecked(copy, inactive);
    return copy;
  };
  const live = flags & LIVE ? edit(obj.def, false) : null;
  const config = flags & CONFIG ? edit(obj.newDef ?? obj.def, true) : null;
  if (config) {
    if (obj.active) obj.newDef = config;
    else obj.def = config;
  }
  if (live) obj.def = live;
}
