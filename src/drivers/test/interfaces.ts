/** Host interfaces of the test driver: libvirt's testInterface* entry points, with transactions. */
import * as C from '../../api/constants.js';
import type { InterfaceRef } from '../types.js';
import { INTERFACE_DOCUMENT, formatInterfaceXML, parseInterfaceXML, type InterfaceDef } from '../../conf/interface/index.js';
import { E, testCheckFlags, testError } from './errors.js';
import type { TestState } from './state.js';
import { validateAgainstSchema } from '../../conf/schema.js';

export interface IfaceObj {
  def: InterfaceDef;
  active: boolean;
}

const ref = (o: IfaceObj): InterfaceRef => ({ name: o.def.name, mac: o.def.mac ?? '' });

export const cloneIfaces = (list: readonly IfaceObj[]): IfaceObj[] =>
  list.map((o) => ({ def: structuredClone(o.def), active: o.active }));

function byName(state: TestState, name: string): IfaceObj {
  const obj = state.interfaces.find((i) => i.def.name === name);
  if (!obj) throw testError(E.VIR_ERR_NO_INTERFACE, `no interface with matching name '${name}'`);
  return obj;
}

export function numOf(state: TestState, active: boolean): number {
  return state.interfaces.filter((i) => i.active === active).length;
}

export function names(state: TestState, active: boolean, max: number): string[] {
  return state.interfaces.filter((i) => i.active === active).slice(0, max).map((i) => i.def.name);
}

export function listAll(state: TestState, flags: number): InterfaceRef[] {
  const FILTERS = C.VIR_CONNECT_LIST_INTERFACES_ACTIVE | C.VIR_CONNECT_LIST_INTERFACES_INACTIVE;
  testCheckFlags('testConnectListAllInterfaces', flags, FILTERS);
  const want = (o: IfaceObj) => !(flags & FILTERS) ||
    Boolean((flags & C.VIR_CONNECT_LIST_INTERFACES_ACTIVE && o.active) || (flags & C.VIR_CONNECT_LIST_INTERFACES_INACTIVE && !o.active));
  return state.interfaces.filter(want).map(ref);
}

export function lookupByName(state: TestState, name: string): InterfaceRef {
  return ref(byName(state, name));
}

export function lookupByMAC(state: TestState, mac: string): InterfaceRef {
  const found = state.interfaces.filter((i) => (i.def.mac ?? '').toLowerCase() === mac.toLowerCase());
  if (found.length === 0) throw testError(E.VIR_ERR_NO_INTERFACE, `no interface with matching mac '${mac}'`);
  if (found.length > 1) throw testError(E.VIR_ERR_MULTIPLE_INTERFACES);
  return { name: found[0]!.def.name, mac };
}

export function xmlDesc(state: TestState, iface: InterfaceRef, flags: number): string {
  testCheckFlags('testInterfaceGetXMLDesc', flags, 0); // libvirt 9.0.0's test driver takes no flags here
  return formatInterfaceXML(byName(state, iface.name).def);
}

/** virInterfaceObjListAssignDef: a known name gets the new definition, a new one starts inactive. */
export async function define(state: TestState, xml: string, flags: number): Promise<InterfaceRef> {
  testCheckFlags('testInterfaceDefineXML', flags, C.VIR_INTERFACE_DEFINE_VALIDATE);
  if (flags & C.VIR_INTERFACE_DEFINE_VALIDATE) await validateAgainstSchema(xml, INTERFACE_DOCUMENT);
  const def = parseInterfaceXML(xml);
  const existing = state.interfaces.find((i) => i.def.name === def.name);
  if (existing) existing.def = def;
  else state.interfaces.push({ def, active: false });
  return { name: def.name, mac: def.mac ?? '' };
}

export function undefine(state: TestState, iface: InterfaceRef): void {
  const obj = byName(state, iface.name);
  state.interfaces.splice(state.interfaces.indexOf(obj), 1);
}

export function setActive(state: TestState, iface: InterfaceRef, active: boolean, flags: number): void {
  testCheckFlags(active ? 'testInterfaceCreate' : 'testInterfaceDestroy', flags, 0);
  const obj = byName(state, iface.name);
  if (obj.active === active) throw testError(E.VIR_ERR_OPERATION_INVALID);
  obj.active = active;
}

export function isActive(state: TestState, iface: InterfaceRef): boolean {
  return byName(state, iface.name).active;
}

export function changeBegin(state: TestState, flags: number): void {
  testCheckFlags('testInterfaceChangeBegin', flags, 0);
  if (state.ifaceBackup) throw testError(E.VIR_ERR_OPERATION_INVALID, 'there is another transaction running.');
  // libvirt copies the list through XML into new objects, which start inactive: after a
  // rollback every interface is inactive, whatever it was before.
  state.ifaceBackup = cloneIfaces(state.interfaces).map((o) => ({ ...o, active: false }));
}

export function changeCommit(state: TestState, flags: number): void {
  testCheckFlags('testInterfaceChangeCommit', flags, 0);
  if (!state.ifaceBackup) throw testError(E.VIR_ERR_OPERATION_INVALID, 'no transaction running, nothing to be committed.');
  state.ifaceBackup = null;
}

export function changeRollback(state: TestState, flags: number): void {
  testCheckFlags('testInterfaceChangeRollback', flags, 0);
  if (!state.ifaceBackup) throw testError(E.VIR_ERR_OPERATION_INVALID, 'no transaction running, nothing to rollback.');
  state.interfaces.splice(0, state.interfaces.length, ...state.ifaceBackup);
  state.ifaceBackup = null;
}
