import { DOMAIN_DOCUMENT, assignDomainInterfaceNames, cloneDomainDef, parseDomainXML, type DomainDef } from '../../conf/domain/index.js';
import * as C from '../../api/constants.js';
import { ErrorDomain, virError } from '../../errors/index.js';
import type { DomainRef, DomainStateInfo } from '../types.js';
import type { DomainObj } from './domain-obj.js';
import { E, domainConfError, testCheckFlags, testError } from './errors.js';
import { dropIfTransient, lifecycleEvent, shutdownDomainState, startDomainState } from './lifecycle.js';
import type { TestState } from './state.js';
import { validateAgainstSchema } from '../../conf/schema.js';

/** testDomObjFromDomain: the object behind a handle, by UUID, or libvirt's not-found error. */
export function domainFromRef(state: TestState, ref: DomainRef): DomainObj {
  const obj = state.domains.byUUID(ref.uuid);
  if (!obj) throw testError(E.VIR_ERR_NO_DOMAIN, `no domain with matching uuid '${ref.uuid}' (${ref.name})`);
  return obj;
}

/** testDomainGenerateIfnames: interfaces without a target name get the first free `testnetN`. */
export function generateIfnames(def: DomainDef): void {
  assignDomainInterfaceNames(def.devices, 'testnet');
}

function checkName(def: DomainDef): void {
  if (def.name.includes('\n')) {
    throw virError(ErrorDomain.VIR_FROM_XML, E.VIR_ERR_XML_DETAIL, 'invalid char in name: \n');
  }
}

export function lookupByName(state: TestState, name: string): DomainRef {
  const obj = state.domains.byName(name);
  if (!obj) throw testError(E.VIR_ERR_NO_DOMAIN, null);
  return obj.ref();
}

export function lookupByUUID(state: TestState, uuid: string): DomainRef {
  const obj = state.domains.byUUID(uuid);
  if (!obj) throw testError(E.VIR_ERR_NO_DOMAIN, null);
  return obj.ref();
}

export function lookupByID(state: TestState, id: number): DomainRef {
  const obj = state.domains.byID(id);
  if (!obj) throw testError(E.VIR_ERR_NO_DOMAIN, null);
  return obj.ref();
}

export async function defineXML(state: TestState, xml: string, flags: number): Promise<DomainRef> {
  testCheckFlags('testDomainDefineXMLFlags', flags, C.VIR_DOMAIN_DEFINE_VALIDATE);
  if (flags & C.VIR_DOMAIN_DEFINE_VALIDATE) await validateAgainstSchema(xml, DOMAIN_DOCUMENT);
  const def = parseDomainXML(xml, { flags });
  checkName(def);
  generateIfnames(def);
  const { obj, oldDef } = state.domains.add(def);
  obj.persistent = true;
  lifecycleEvent(state, obj, C.VIR_DOMAIN_EVENT_DEFINED,
    oldDef ? C.VIR_DOMAIN_EVENT_DEFINED_UPDATED : C.VIR_DOMAIN_EVENT_DEFINED_ADDED);
  return obj.ref();
}

export async function createXML(state: TestState, xml: string, flags: number): Promise<DomainRef> {
  testCheckFlags('testDomainCreateXML', flags, C.VIR_DOMAIN_START_VALIDATE);
  if (flags & C.VIR_DOMAIN_START_VALIDATE) await validateAgainstSchema(xml, DOMAIN_DOCUMENT);
  const def = parseDomainXML(xml, { flags });
  generateIfnames(def);
  const { obj } = state.domains.add(def, { live: true });
  startDomainState(state, obj, C.VIR_DOMAIN_RUNNING_BOOTED);
  lifecycleEvent(state, obj, C.VIR_DOMAIN_EVENT_STARTED, C.VIR_DOMAIN_EVENT_STARTED_BOOTED);
  return obj.ref();
}

export function undefine(state: TestState, ref: DomainRef, flags: number): void {
  testCheckFlags('testDomainUndefineFlags', flags,
    C.VIR_DOMAIN_UNDEFINE_MANAGED_SAVE | C.VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA);
  const obj = domainFromRef(state, ref);
  if (obj.hasManagedSave && !(flags & C.VIR_DOMAIN_UNDEFINE_MANAGED_SAVE)) {
    throw testError(E.VIR_ERR_OPERATION_INVALID, 'Refusing to undefine while domain managed save image exists');
  }
  const nsnapshots = obj.snapshots?.count() ?? 0;
  if (!obj.isActive() && nsnapshots > 0 && !(flags & C.VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA)) {
    throw testError(E.VIR_ERR_OPERATION_INVALID, `cannot delete inactive domain with ${nsnapshots} snapshots`);
  }
  lifecycleEvent(state, obj, C.VIR_DOMAIN_EVENT_UNDEFINED, C.VIR_DOMAIN_EVENT_UNDEFINED_REMOVED);
  obj.hasManagedSave = false;
  // A running domain becomes transient; like libvirt's test driver, it keeps its last persistent
  // definition (newDef), which --inactive still shows.
  if (obj.isActive()) {
    obj.persistent = false;
  } else {
    state.domains.remove(obj);
  }
}

export function create(state: TestState, ref: DomainRef, flags: number): DomainRef {
  testCheckFlags('testDomainCreateWithFlags', flags, 0);
  const obj = domainFromRef(state, ref);
  if (obj.state !== C.VIR_DOMAIN_SHUTOFF) {
    throw testError(E.VIR_ERR_INTERNAL_ERROR, `Domain '${ref.name}' is already running`);
  }
  startDomainState(state, obj, C.VIR_DOMAIN_RUNNING_BOOTED);
  lifecycleEvent(state, obj, C.VIR_DOMAIN_EVENT_STARTED, C.VIR_DOMAIN_EVENT_STARTED_BOOTED);
  return obj.ref();
}

export function destroy(state: TestState, ref: DomainRef, flags: number): void {
  testCheckFlags('testDomainDestroyFlags', flags, C.VIR_DOMAIN_DESTROY_GRACEFUL);
  const obj = domainFromRef(state, ref);
  obj.checkActive();
  shutdownDomainState(obj, C.VIR_DOMAIN_SHUTOFF_DESTROYED);
  lifecycleEvent(state, obj, C.VIR_DOMAIN_EVENT_STOPPED, C.VIR_DOMAIN_EVENT_STOPPED_DESTROYED);
  dropIfTransient(state, obj);
}

export function suspend(state: TestState, ref: DomainRef): void {
  const obj = domainFromRef(state, ref);
  if (obj.state === C.VIR_DOMAIN_SHUTOFF || obj.state === C.VIR_DOMAIN_PAUSED) {
    throw testError(E.VIR_ERR_INTERNAL_ERROR, `domain '${ref.name}' not running`);
  }
  obj.setState(C.VIR_DOMAIN_PAUSED, C.VIR_DOMAIN_PAUSED_USER);
  lifecycleEvent(state, obj, C.VIR_DOMAIN_EVENT_SUSPENDED, C.VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
}

export function resume(state: TestState, ref: DomainRef): void {
  const obj = domainFromRef(state, ref);
  if (obj.state !== C.VIR_DOMAIN_PAUSED) {
    throw testError(E.VIR_ERR_INTERNAL_ERROR, `domain '${ref.name}' not paused`);
  }
  obj.setState(C.VIR_DOMAIN_RUNNING, C.VIR_DOMAIN_RUNNING_UNPAUSED);
  lifecycleEvent(state, obj, C.VIR_DOMAIN_EVENT_RESUMED, C.VIR_DOMAIN_EVENT_RESUMED_UNPAUSED);
}

/** testDomainActionSetState: what a guest-initiated stop leads to, by lifecycle action. */
function applyLifecycleAction(obj: DomainObj, action: string): void {
  if (action === 'restart' || action === 'rename-restart') obj.setState(C.VIR_DOMAIN_RUNNING, C.VIR_DOMAIN_RUNNING_BOOTED);
  else obj.setState(C.VIR_DOMAIN_SHUTOFF, C.VIR_DOMAIN_SHUTOFF_SHUTDOWN);
}

function stopAfterAction(state: TestState, obj: DomainObj): void {
  if (obj.state !== C.VIR_DOMAIN_SHUTOFF) return;
  shutdownDomainState(obj, C.VIR_DOMAIN_SHUTOFF_SHUTDOWN);
  lifecycleEvent(state, obj, C.VIR_DOMAIN_EVENT_STOPPED, C.VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN);
  dropIfTransient(state, obj);
}

export function shutdown(state: TestState, ref: DomainRef, flags: number): void {
  testCheckFlags('testDomainShutdownFlags', flags, 0);
  const obj = domainFromRef(state, ref);
  if (obj.state === C.VIR_DOMAIN_SHUTOFF) {
    throw testError(E.VIR_ERR_INTERNAL_ERROR, `domain '${ref.name}' not running`);
  }
  applyLifecycleAction(obj, obj.def.onPoweroff);
  stopAfterAction(state, obj);
}

export function reboot(state: TestState, ref: DomainRef, flags: number): void {
  testCheckFlags('testDomainReboot', flags, C.VIR_DOMAIN_REBOOT_DEFAULT | C.VIR_DOMAIN_REBOOT_ACPI_POWER_BTN |
    C.VIR_DOMAIN_REBOOT_GUEST_AGENT | C.VIR_DOMAIN_REBOOT_INITCTL | C.VIR_DOMAIN_REBOOT_SIGNAL | C.VIR_DOMAIN_REBOOT_PARAVIRT);
  const obj = domainFromRef(state, ref);
  obj.checkActive();
  applyLifecycleAction(obj, obj.def.onReboot);
  stopAfterAction(state, obj);
}

export function reset(state: TestState, ref: DomainRef, flags: number): void {
  testCheckFlags('testDomainReset', flags, 0);
  domainFromRef(state, ref).checkActive();
}

export function getState(state: TestState, ref: DomainRef, flags: number): DomainStateInfo {
  testCheckFlags('testDomainGetState', flags, 0);
  const obj = domainFromRef(state, ref);
  return { state: obj.state, reason: obj.reason };
}

export function getXMLDesc(state: TestState, ref: DomainRef, flags: number): string {
  // VIR_DOMAIN_XML_COMMON_FLAGS: no UPDATE_CPU on the test driver
  testCheckFlags('testDomainGetXMLDesc', flags, C.VIR_DOMAIN_XML_SECURE | C.VIR_DOMAIN_XML_INACTIVE | C.VIR_DOMAIN_XML_MIGRATABLE);
  return domainFromRef(state, ref).formatXML(flags);
}

export function rename(state: TestState, ref: DomainRef, newName: string, flags: number): DomainRef {
  testCheckFlags('testDomainRename', flags, 0);
  const obj = domainFromRef(state, ref);
  if (obj.isActive()) throw testError(E.VIR_ERR_OPERATION_INVALID, 'cannot rename active domain');
  if (!obj.persistent) throw testError(E.VIR_ERR_OPERATION_INVALID, 'cannot rename a transient domain');
  if (obj.def.name === newName) throw domainConfError(E.VIR_ERR_OPERATION_INVALID, "Can't rename domain to itself");
  const taken = state.domains.byName(newName);
  if (taken) throw domainConfError(E.VIR_ERR_OPERATION_INVALID, `domain with name '${newName}' already exists`);
  if (newName.includes('/')) throw testError(E.VIR_ERR_XML_ERROR, `name ${newName} cannot contain '/'`);
  lifecycleEvent(state, obj, C.VIR_DOMAIN_EVENT_UNDEFINED, C.VIR_DOMAIN_EVENT_UNDEFINED_RENAMED);
  const def = cloneDomainDef(obj.def);
  def.name = newName;
  obj.def = def;
  obj.listedName = newName;
  lifecycleEvent(state, obj, C.VIR_DOMAIN_EVENT_DEFINED, C.VIR_DOMAIN_EVENT_DEFINED_RENAMED);
  return obj.ref();
}
