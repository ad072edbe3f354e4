import { cloneDomainDef, formatDomainXML, parseDomainXML, type DomainDef } from '../../conf/domain/index.js';
import { domainDisks } from '../../conf/domain/query.js';
import { SNAPSHOT_DOCUMENT, alignSnapshotDisks, formatSnapshotXML, parseSnapshotElement, parseSnapshotXML, type SnapshotDef, type SnapshotState } from '../../conf/snapshot/index.js';
import { childText, type XmlElement } from '../../conf/xml.js';
import * as C from '../../api/constants.js';
import type { DomainRef, SnapshotRef } from '../types.js';
import { checkMomentCopy, type DomainObj } from './domain-obj.js';
import { domainFromRef } from './domains.js';
import { E, testCheckFlags, testError } from './errors.js';
import { lifecycleEvent, shutdownDomainState, startDomainState } from './lifecycle.js';
import { SnapshotList, type SnapshotObj } from './snapshot-list.js';
import type { TestState } from './state.js';
import { validateAgainstSchema } from '../../conf/schema.js';
import { ErrorDomain, virError } from '../../errors/index.js';

const LIST_FLAGS = C.VIR_DOMAIN_SNAPSHOT_LIST_ROOTS | C.VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL |
  C.VIR_DOMAIN_SNAPSHOT_LIST_LEAVES | C.VIR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES | C.VIR_DOMAIN_SNAPSHOT_LIST_METADATA |
  C.VIR_DOMAIN_SNAPSHOT_LIST_NO_METADATA | C.VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE | C.VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE |
  C.VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY | C.VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL | C.VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL;
const CHILD_FLAGS = (LIST_FLAGS & ~C.VIR_DOMAIN_SNAPSHOT_LIST_ROOTS) | C.VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS;

const STATE_NAMES: SnapshotState[] = ['nostate', 'running', 'blocked', 'paused', 'shutdown', 'shutoff', 'crashed', 'pmsuspended'];

function listOf(obj: DomainObj): SnapshotList {
  obj.snapshots ??= new SnapshotList();
  return obj.snapshots;
}

function snapFrom(obj: DomainObj, name: string): SnapshotObj {
  const snap = obj.snapshots?.get(name);
  if (!snap) throw testError(E.VIR_ERR_NO_DOMAIN_SNAPSHOT, `no domain snapshot with matching name '${name}'`);
  return snap;
}

const snapRef = (obj: DomainObj, name: string): SnapshotRef => ({ domain: obj.ref(), name });

function diskInfo(def: DomainDef) {
  return domainDisks(def).map((d) => ({ dst: d.dev, source: d.path }));
}

const online = (state: SnapshotState | undefined): boolean => state === 'running' || state === 'paused';
const isExternal = (def: SnapshotDef): boolean => def.memory === 'external' || def.disks.some((d) => d.snapshot === 'external');

/**
 * virDomainSnapshotRedefinePrep: a redefinition keeps its parent chain acyclic, its domain's
 * UUID, and the kind (online, disk-only) of the snapshot it replaces; its disks are aligned
 * with its own domain, else with the replaced snapshot's. Returns the domain to keep.
 */
function prepareRedefinition(obj: DomainObj, list: SnapshotList, def: SnapshotDef, flags: number): DomainDef | null {
  list.checkCycles(def);
  const other = list.get(def.name);
  if (flags & C.VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY && def.state !== 'disk-snapshot') {
    throw testError(E.VIR_ERR_INVALID_ARG, `disk-only flag for snapshot ${def.name} requires disk-snapshot state`);
  }
  const dom = def.domainXML ? parseDomainXML(def.domainXML) : null;
  if (dom && dom.uuid !== obj.def.uuid) throw testError(E.VIR_ERR_INVALID_ARG, `definition for snapshot ${def.name} must use uuid ${obj.def.uuid}`);
  if (other) {
    if (online(other.def.state) !== online(def.state)) {
      throw testError(E.VIR_ERR_INVALID_ARG, `cannot change between online and offline snapshot state in snapshot ${def.name}`);
    }
    if ((other.def.state === 'disk-snapshot') !== (def.state === 'disk-snapshot')) {
      throw testError(E.VIR_ERR_INVALID_ARG, `cannot change between disk only and full system in snapshot ${def.name}`);
    }
  }
  const alignWith = dom ?? other?.dom;
  // raised by the snapshot configuration code, in its error domain
  if (!alignWith) throw virError(ErrorDomain.VIR_FROM_DOMAIN_SNAPSHOT, E.VIR_ERR_INTERNAL_ERROR, 'missing domain in snapshot');
  alignSnapshotDisks(def, diskInfo(alignWith), def.state === 'disk-snapshot' || isExternal(def) ? 'external' : 'internal', true);
  // A redefinition without a domain keeps the one the snapshot had (virDomainSnapshotReplaceDef).
  return dom ?? other?.dom ?? null;
}

export async function create(state: TestState, ref: DomainRef, xml: string, flags: number): Promise<SnapshotRef> {
  testCheckFlags('testDomainSnapshotCreateXML', flags, C.VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE |
    C.VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT | C.VIR_DOMAIN_SNAPSHOT_CREATE_HALT | C.VIR_DOMAIN_SNAPSHOT_CREATE_QUIESCE |
    C.VIR_DOMAIN_SNAPSHOT_CREATE_ATOMIC | C.VIR_DOMAIN_SNAPSHOT_CREATE_LIVE | C.VIR_DOMAIN_SNAPSHOT_CREATE_VALIDATE);
  const redefine = Boolean(flags & C.VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE);
  const updateCurrent = !redefine || Boolean(flags & C.VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT);
  const obj = domainFromRef(state, ref);
  if (obj.checkpointCount() > 0) throw testError(E.VIR_ERR_OPERATION_UNSUPPORTED, 'cannot create snapshot while checkpoint exists');
  if (!obj.persistent && flags & C.VIR_DOMAIN_SNAPSHOT_CREATE_HALT) {
    throw testError(E.VIR_ERR_OPERATION_INVALID, 'cannot halt after transient domain snapshot');
  }
  if (flags & C.VIR_DOMAIN_SNAPSHOT_CREATE_VALIDATE) await validateAgainstSchema(xml, SNAPSHOT_DOCUMENT);
  const def = parseSnapshotXML(xml, { redefine });
  const list = listOf(obj);
  let dom = null;
  if (redefine) {
    dom = prepareRedefinition(obj, list, def, flags);
  } else {
    checkMomentCopy(obj.def);
    dom = cloneDomainDef(obj.def);
    // testDomainSnapshotAlignDisks: the test driver takes no 'manual' disk
    if (def.disks.some((d) => d.snapshot === 'manual')) {
      throw testError(E.VIR_ERR_OPERATION_UNSUPPORTED, "'manual' snapshot mode is not supported by the test driver");
    }
    def.state = STATE_NAMES[obj.state] ?? 'nostate';
    const location = def.memory === 'external' ? 'external' : 'internal';
    if (def.memory !== 'external') def.memory = def.state === 'shutoff' ? 'no' : 'internal';
    alignSnapshotDisks(def, diskInfo(obj.def), location, true);
    // virDomainMomentAssignDef's refusal, raised by libvirt's moment list in the domain's error domain
    if (list.get(def.name)) throw virError(ErrorDomain.VIR_FROM_DOMAIN, E.VIR_ERR_OPERATION_FAILED, `domain moment ${def.name} already exists`);
    def.parent = list.current ?? undefined;
  }
  list.add({ def, dom });
  if (!redefine && flags & C.VIR_DOMAIN_SNAPSHOT_CREATE_HALT && obj.isActive()) {
    shutdownDomainState(obj, C.VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT);
    lifecycleEvent(state, obj, C.VIR_DOMAIN_EVENT_STOPPED, C.VIR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT);
  }
  if (updateCurrent) list.current = def.name;
  return snapRef(obj, def.name);
}

export function getXMLDesc(state: TestState, snap: SnapshotRef, flags: number): string {
  testCheckFlags('testDomainSnapshotGetXMLDesc', flags, C.VIR_DOMAIN_SNAPSHOT_XML_SECURE);
  const obj = domainFromRef(state, snap.domain);
  const s = snapFrom(obj, snap.name);
  const secure = Boolean(flags & C.VIR_DOMAIN_SNAPSHOT_XML_SECURE);
  return formatSnapshotXML(s.def, {
    domainXML: s.dom ? formatDomainXML(s.dom, { inactive: true, secure }) : undefined,
    domainUuid: obj.def.uuid,
    secure,
  });
}

/** Names of the snapshots (children of `from`); `func` is the entry point named in flag errors. */
export function listNames(state: TestState, ref: DomainRef, flags: number, from: string | null = null,
  func = from === null ? 'testDomainSnapshotListNames' : 'testDomainSnapshotListChildrenNames'): string[] {
  testCheckFlags(func, flags, from === null ? LIST_FLAGS : CHILD_FLAGS);
  const obj = domainFromRef(state, ref);
  if (from !== null) snapFrom(obj, from);
  return (obj.snapshots?.select(from, flags) ?? []).map((s) => s.def.name);
}

export function listAll(state: TestState, ref: DomainRef, flags: number, from: string | null = null): SnapshotRef[] {
  const names = listNames(state, ref, flags, from, from === null ? 'testDomainListAllSnapshots' : 'testDomainSnapshotListAllChildren');
  const obj = domainFromRef(state, ref);
  return names.map((name) => snapRef(obj, name));
}

export function lookupByName(state: TestState, ref: DomainRef, name: string, flags: number): SnapshotRef {
  testCheckFlags('testDomainSnapshotLookupByName', flags, 0);
  const obj = domainFromRef(state, ref);
  return snapRef(obj, snapFrom(obj, name).def.name);
}

export function hasCurrent(state: TestState, ref: DomainRef, flags: number): boolean {
  testCheckFlags('testDomainHasCurrentSnapshot', flags, 0);
  return domainFromRef(state, ref).snapshots?.current != null;
}

export function current(state: TestState, ref: DomainRef, flags: number): SnapshotRef {
  testCheckFlags('testDomainSnapshotCurrent', flags, 0);
  const obj = domainFromRef(state, ref);
  const name = obj.snapshots?.current;
  if (!name) throw testError(E.VIR_ERR_NO_DOMAIN_SNAPSHOT, 'the domain does not have a current snapshot');
  return snapRef(obj, name);
}

export function getParent(state: TestState, snap: SnapshotRef, flags: number): SnapshotRef {
  testCheckFlags('testDomainSnapshotGetParent', flags, 0);
  const obj = domainFromRef(state, snap.domain);
  const s = snapFrom(obj, snap.name);
  if (!s.def.parent) throw testError(E.VIR_ERR_NO_DOMAIN_SNAPSHOT, `snapshot '${s.def.name}' does not have a parent`);
  return snapRef(obj, s.def.parent);
}

export function isCurrent(state: TestState, snap: SnapshotRef, flags: number): boolean {
  testCheckFlags('testDomainSnapshotIsCurrent', flags, 0);
  const obj = domainFromRef(state, snap.domain);
  snapFrom(obj, snap.name);
  return obj.snapshots?.current === snap.name;
}

export function hasMetadata(state: TestState, snap: SnapshotRef, flags: number): boolean {
  testCheckFlags('testDomainSnapshotHasMetadata', flags, 0);
  snapFrom(domainFromRef(state, snap.domain), snap.name);
  return true;
}

export function del(state: TestState, snap: SnapshotRef, flags: number): void {
  testCheckFlags('testDomainSnapshotDelete', flags,
    C.VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN | C.VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY);
  const obj = domainFromRef(state, snap.domain);
  const s = snapFrom(obj, snap.name);
  listOf(obj).deleteMoment(s.def.name, Boolean(flags & C.VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN),
    Boolean(flags & C.VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY));
}

export function revert(state: TestState, snap: SnapshotRef, flags: number): void {
  testCheckFlags('testDomainRevertToSnapshot', flags, C.VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING |
    C.VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED | C.VIR_DOMAIN_SNAPSHOT_REVERT_FORCE);
  const obj = domainFromRef(state, snap.domain);
  const s = snapFrom(obj, snap.name);
  const runFlags = C.VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING | C.VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED;
  const wasRunning = s.def.state === 'running' || s.def.state === 'paused';
  if (!obj.persistent && !wasRunning && !(flags & runFlags)) {
    throw testError(E.VIR_ERR_OPERATION_INVALID, 'transient domain needs to request run or pause to revert to inactive snapshot');
  }
  if (!s.dom) {
    throw testError(E.VIR_ERR_SNAPSHOT_REVERT_RISKY, `snapshot '${s.def.name}' lacks domain '${obj.def.name}' rollback info`);
  }
  const list = listOf(obj);
  list.current = null;
  const config = cloneDomainDef(s.dom);
  if (wasRunning) {
    if (obj.isActive()) {
      shutdownDomainState(obj, C.VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT);
      lifecycleEvent(state, obj, C.VIR_DOMAIN_EVENT_STOPPED, C.VIR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT);
    }
    obj.def = config;
    obj.newDef = null;
    startDomainState(state, obj, C.VIR_DOMAIN_RUNNING_FROM_SNAPSHOT);
    lifecycleEvent(state, obj, C.VIR_DOMAIN_EVENT_STARTED, C.VIR_DOMAIN_EVENT_STARTED_FROM_SNAPSHOT);
    if (!(flags & C.VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING) && (s.def.state === 'paused' || flags & C.VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED)) {
      obj.setState(C.VIR_DOMAIN_PAUSED, C.VIR_DOMAIN_PAUSED_FROM_SNAPSHOT);
      lifecycleEvent(state, obj, C.VIR_DOMAIN_EVENT_SUSPENDED, C.VIR_DOMAIN_EVENT_SUSPENDED_FROM_SNAPSHOT);
    }
  } else {
    if (obj.isActive()) obj.newDef = config;
    else obj.def = config;
    if (obj.isActive()) {
      shutdownDomainState(obj, C.VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT);
      lifecycleEvent(state, obj, C.VIR_DOMAIN_EVENT_STOPPED, C.VIR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT);
    }
  }
  list.current = s.def.name;
}


/** Snapshots listed in a custom node file (`<test:domainsnapshot>`), redefined as libvirt's test driver does. */
export function loadSnapshotsFromNode(state: TestState, obj: DomainObj, nodes: XmlElement[]): void {
  for (const node of nodes) {
    // The test:domainsnapshot element itself is the snapshot, whatever its name.
    const def = parseSnapshotElement(node, { redefine: true });
    const active = /^\s*[+-]?\d+$/.exec(childText(node, 'active') ?? '');
    if (!active) throw virError(ErrorDomain.VIR_FROM_DOMAIN_SNAPSHOT, E.VIR_ERR_INTERNAL_ERROR, "Could not find 'active' element");
    const dom = def.domainXML ? parseDomainXML(def.domainXML) : null;
    const list = listOf(obj);
    if (list.get(def.name)) throw virError(ErrorDomain.VIR_FROM_DOMAIN, E.VIR_ERR_OPERATION_FAILED, `domain moment ${def.name} already exists`);
    list.add({ def, dom });
    if (Number(active[0]) !== 0) {
      if (list.current) throw testError(E.VIR_ERR_INTERNAL_ERROR, 'more than one snapshot claims to be active');
      list.current = def.name;
    }
  }
  if (obj.snapshots && !relationsConsistent(obj.snapshots)) {
    throw testError(E.VIR_ERR_INTERNAL_ERROR, `Snapshots have inconsistent relations for domain ${obj.def.name}`);
  }
  obj.snapshots?.relinkAll();
  void state;
}

/** Every named parent exists and no chain of parents comes back to where it started. */
function relationsConsistent(list: SnapshotList): boolean {
  return list.all().every(({ def }) => {
    const seen = new Set([def.name]);
    for (let parent = def.parent; parent !== undefined; parent = list.get(parent)?.def.parent) {
      if (!list.get(parent) || seen.has(parent)) return false;
      seen.add(parent);
    }
    return true;
  });
}
