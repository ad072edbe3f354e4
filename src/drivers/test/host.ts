import { hostname } from 'node:os';
import type { NodeDeviceRef, NodeInfo, NodeStat } from '../types.js';
import { formatNodeDeviceXML } from '../../conf/nodedev.js';
import type { XmlElement } from '../../conf/xml.js';
import { E, FROM, testCheckFlags, testError } from './errors.js';
import { cpuModelNames } from '../../conf/cpu-models.js';
import type { HostObj } from './objects.js';
import type { TestState } from './state.js';
import { VIR_NODE_DEVICE_EVENT_DELETED, VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE } from '../../api/constants.js';

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

/** testConnectGetCPUModelNames: the models libvirt's CPU map lists for the architecture. */
export function getCPUModelNames(arch: string, flags: number): string[] {
  testCheckFlags('testConnectGetCPUModelNames', flags, 0);
  return cpuModelNames(FROM, arch);
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

/** testNodeGetFreePages: libvirt's test driver fills made-up counts (x -> 2x + 7 from 6) but reports none filled. */
export function freePages(pages: number, cellCount: number, flags: number): { counts: bigint[]; filled: number } {
  testCheckFlags('testNodeGetFreePages', flags, 0);
  const counts: bigint[] = [];
  let x = 6n;
  for (let i = 0; i < pages * cellCount; i++) counts.push((x = x * 2n + 7n));
  return { counts, filled: 0 };
}

/** testNodeGetCPUStats: libvirt's fixed counters (VIR_NODE_CPU_STATS_* field names), the same for every cpu. */
export function cpuStats(): NodeStat[] {
  return [
    { field: 'user', value: 9797400000n },
    { field: 'kernel', value: 34678723400000n },
    { field: 'idle', value: 87264900000n },
    { field: 'iowait', value: 763600000n },
  ];
}

/** testNodeGetCPUMap: libvirt's fixed answer, 8 cpus of which 0, 2 and 4 are online. */
export function cpuMap(flags: number): { cpus: number; online: boolean[] } {
  testCheckFlags('testNodeGetCPUMap', flags, 0);
  return { cpus: 8, online: Array.from({ length: 8 }, (_, i) => ((0x15 >> i) & 1) === 1) };
}

// Host interfaces and node devices --------------------------------------------------------------

/** virNodeDevCapType names; VIR_CONNECT_LIST_NODE_DEVICES_CAP_* is 1 << index. */
const DEVICE_CAPS = ['system', 'pci', 'usb_device', 'usb', 'net', 'scsi_host', 'scsi_target', 'scsi', 'storage', 'fc_host', 'vports',
  'scsi_generic', 'drm', 'mdev_types', 'mdev', 'ccw', 'css', 'vdpa', 'ap_card', 'ap_queue', 'ap_matrix', 'vpd'];
const FILTERS_CAP = 2 ** DEVICE_CAPS.length - 1;

/** testConnectListAllNodeDevices: capability filters only (no active/inactive filter). */
export function listDevices(state: TestState, flags: number): NodeDeviceRef[] {
  testCheckFlags('testConnectListAllNodeDevices', flags, FILTERS_CAP);
  // Nested capabilities count too (an fc_host or vport_ops inside a scsi_host, mdev_types inside a pci device).
  const hasCap = (d: HostObj): boolean => Array.from(d.element().getElementsByTagName('capability')).some((c) => {
    const type = (c as XmlElement).getAttribute('type') ?? '';
    return flags & 2 ** DEVICE_CAPS.indexOf(type === 'vport_ops' ? 'vports' : type);
  });
  return state.devices.filter((d) => !(flags & FILTERS_CAP) || hasCap(d)).map((d) => ({ name: d.name }));
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
  return formatNodeDeviceXML(deviceByName(state, dev.name).element());
}

/** Whether a device has capability `cap`, nested ones included (an fc_host inside a scsi_host); unknown names never match. */
function deviceHasCap(d: HostObj, cap: string): boolean {
  if (!DEVICE_CAPS.includes(cap)) return false;
  return Array.from(d.element().getElementsByTagName('capability')).some((c) => {
    const type = (c as XmlElement).getAttribute('type') ?? '';
    return (type === 'vport_ops' ? 'vports' : type) === cap;
  });
}

/** testNodeNumOfDevices / testNodeListDevices: names of the devices with a capability (all when null). */
export function deviceNames(state: TestState, cap: string | null, flags: number, func: string): string[] {
  testCheckFlags(func, flags, 0);
  return state.devices.filter((d) => cap === null || deviceHasCap(d, cap)).map((d) => d.name);
}

export function deviceParent(state: TestState, dev: NodeDeviceRef): string | null {
  return deviceByName(state, dev.name).parent;
}

/** A device's own capabilities (the <capability> children of <device>), in document order. */
export function deviceCaps(state: TestState, dev: NodeDeviceRef): string[] {
  return Array.from(deviceByName(state, dev.name).element().childNodes)
    .filter((n) => (n as XmlElement).tagName === 'capability')
    .map((c) => (c as XmlElement).getAttribute('type') ?? '');
}

/**
 * testNodeDeviceDestroy removes only a vHBA (a scsi_host with fc_host) whose parent exists; for
 * any other device libvirt's test driver reports an error yet returns success, so the call
 * succeeds and changes nothing.
 */
export function destroyDevice(state: TestState, dev: NodeDeviceRef): void {
  const obj = deviceByName(state, dev.name);
  const isVhba = Array.from(obj.element().childNodes).some((c) => (c as XmlElement).tagName === 'capability'
    && (c as XmlElement).getAttribute('type') === 'scsi_host'
    && Array.from((c as XmlElement).getElementsByTagName('capability')).some((n) => (n as XmlElement).getAttribute('type') === 'fc_host'));
  if (!isVhba || !state.devices.some((d) => d.name === obj.parent)) return;
  state.devices.splice(state.devices.indexOf(obj), 1);
  state.events.emitNodeDevice({ eventId: VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE, dev: { name: obj.name }, event: VIR_NODE_DEVICE_EVENT_DELETED, detail: 0 });
}
