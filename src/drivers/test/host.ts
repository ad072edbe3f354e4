import { hostname } from 'node:os';
import type { NodeDeviceRef, NodeInfo } from '../types.js';
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
