import { hostname } from 'node:os';
import * as C from '../../api/constants.js';
import type { InterfaceRef, NodeDeviceRef, NodeInfo } from '../types.js';
import { dumpNode } from '../../conf/xml.js';
import { E, testCheckFlags, testError } from './errors.js';
import type { HostObj } from './objects.js';
import type { TestState } from './state.js';

/** The sysinfo every test connection reports (libvirt's fixed test value). */
const TEST_SYSINFO = `<sysinfo type='smbios'>
  <bios>
    <entry name='vendor'>LENOVO</entry>
    <entry name='version'>G4ETA1WW (2.61 )</entry>
    <entry name='date'>05/07/2014</entry>
    <entry name='release'>2.61</entry>
  </bios>
</sysinfo>
`;

export function getSysinfo(flags: number): string {
  testCheckFlags('testConnectGetSysinfo', flags, 0);
  return TEST_SYSINFO;
}

export function getHostname(): string {
  return hostname();
}

export function nodeInfo(state: TestState): NodeInfo {
  return { ...state.nodeInfo };
}

/**
 * testNodeGetFreeMemory: the sum of the cells' free memory. libvirt's test driver returns the
 * cells' KiB figures unscaled although the API speaks of bytes; we answer the same number.
 */
export function freeMemory(state: TestState): bigint {
  return state.cells.reduce((sum, c) => sum + BigInt(c.freeMem), 0n);
}

export function cellsFreeMemory(state: TestState, start: number, max: number): bigint[] {
  if (start >= state.cells.length) throw testError(E.VIR_ERR_INVALID_ARG, 'Range exceeds available cells');
  return state.cells.slice(start, start + max).map((c) => BigInt(c.mem));
}

// Host interfaces and node devices --------------------------------------------------------------

const ifaceRef = (o: HostObj): InterfaceRef => ({ name: o.name, mac: o.mac });

export function listInterfaces(state: TestState, flags: number): InterfaceRef[] {
  testCheckFlags('testConnectListAllInterfaces', flags,
    C.VIR_CONNECT_LIST_INTERFACES_ACTIVE | C.VIR_CONNECT_LIST_INTERFACES_INACTIVE);
  const want = (o: HostObj) => !(flags & (C.VIR_CONNECT_LIST_INTERFACES_ACTIVE | C.VIR_CONNECT_LIST_INTERFACES_INACTIVE)) ||
    Boolean((flags & C.VIR_CONNECT_LIST_INTERFACES_ACTIVE && o.active) || (flags & C.VIR_CONNECT_LIST_INTERFACES_INACTIVE && !o.active));
  return state.interfaces.filter(want).map(ifaceRef);
}

function interfaceByName(state: TestState, name: string): HostObj {
  const obj = state.interfaces.find((i) => i.name === name);
  if (!obj) throw testError(E.VIR_ERR_NO_INTERFACE, `no interface with matching name '${name}'`);
  return obj;
}

export function interfaceLookupByName(state: TestState, name: string): InterfaceRef {
  return ifaceRef(interfaceByName(state, name));
}

export function interfaceXML(state: TestState, iface: InterfaceRef, flags: number): string {
  testCheckFlags('testInterfaceGetXMLDesc', flags, C.VIR_INTERFACE_XML_INACTIVE);
  return dumpNode(interfaceByName(state, iface.name).element, 0) + '\n';
}

export function listDevices(state: TestState, flags: number): NodeDeviceRef[] {
  if (flags) testCheckFlags('testConnectListAllNodeDevices', flags, 0);
  return state.devices.map((d) => ({ name: d.name }));
}

function deviceByName(state: TestState, name: string): HostObj {
  const obj = state.devices.find((d) => d.name === name);
  if (!obj) throw testError(E.VIR_ERR_NO_NODE_DEVICE, `no node device with matching name '${name}'`);
  return obj;
}

export function deviceLookupByName(state: TestState, name: string): NodeDeviceRef {
  return { name: deviceByName(state, name).name };
}

export function deviceXML(state: TestState, dev: NodeDeviceRef, flags: number): string {
  testCheckFlags('testNodeDeviceGetXMLDesc', flags, 0);
  return dumpNode(deviceByName(state, dev.name).element, 0) + '\n';
}
