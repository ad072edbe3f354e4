/**
 * The test driver's per-device tunables, as libvirt 9.0.0's: an interface's bandwidth
 * (<bandwidth> in <interface>) and a disk's I/O throttling (<iotune> in <disk>).
 */
import type { DomainDef } from '../../conf/domain/index.js';
import { DISK_CHILD_ORDER } from '../../conf/domain/devices/disk.js';
import { NET_CHILD_ORDER } from '../../conf/domain/devices/interface.js';
import { getAttr, getChild, newXNode, orderChildren, type XNode } from '../../conf/domain/xnode.js';
import * as C from '../../api/constants.js';
import type { DomainRef, TypedParam } from '../types.js';
import { validateTypedParams } from '../shared/typed-params.js';
import { domainFromRef } from './domains.js';
import { domainConfError, E, testCheckFlags, testError } from './errors.js';
import type { TestState } from './state.js';

const AFFECT = C.VIR_DOMAIN_AFFECT_LIVE | C.VIR_DOMAIN_AFFECT_CONFIG;

// Interface bandwidth ---------------------------------------------------------------------------

/** The parameters in the getter's order: [direction, attribute]. */
const BANDWIDTH_PARAMS: [string, 'inbound' | 'outbound', string][] = [
  ['inbound.average', 'inbound', 'average'], ['inbound.peak', 'inbound', 'peak'], ['inbound.burst', 'inbound', 'burst'],
  ['inbound.floor', 'inbound', 'floor'], ['outbound.average', 'outbound', 'average'], ['outbound.peak', 'outbound', 'peak'],
  ['outbound.burst', 'outbound', 'burst'],
];
const RATE_ATTR_ORDER = ['average', 'peak', 'floor', 'burst'];

const MAC = /^[0-9a-f]{1,2}(:[0-9a-f]{1,2}){5}$/i;
const macBytes = (mac: string) => mac.split(':').map((x) => parseInt(x, 16)).join(':');

/** virDomainNetFind: by MAC address when `device` is one, else by target name. */
function findInterface(def: DomainDef, device: string): XNode {
  const byMac = MAC.test(device);
  const net = def.devices.lists.interface.find((n) => (byMac
    ? macBytes(getAttr(getChild(n, 'mac'), 'address') ?? '') === macBytes(device)
    : getAttr(getChild(n, 'target'), 'dev') === device));
  if (!net) throw domainConfError(E.VIR_ERR_INVALID_ARG, `'${device}' is not a known interface`);
  return net;
}

type Rate = Record<string, number>;

function readRate(net: XNode, direction: string): Rate | null {
  const bandwidth = getChild(net, 'bandwidth');
  const el = bandwidth && getChild(bandwidth, direction);
  return el ? Object.fromEntries(RATE_ATTR_ORDER.map((a) => [a, Number(getAttr(el, a) ?? 0)])) : null;
}

/** virNetDevBandwidthRateFormat: a rate is written only with an average or a floor, zero attributes left out. */
function rateNode(direction: string, rate: Rate | null): XNode[] {
  if (!rate || !(rate.average || rate.floor)) return [];
  return [newXNode(direction, RATE_ATTR_ORDER.filter((a) => rate[a]).map((a) => [a, String(rate[a])]))];
}

export function getInterfaceParameters(state: TestState, ref: DomainRef, device: string, flags: number, countOnly = false): TypedParam[] | number {
  testCheckFlags('testDomainGetInterfaceParameters', flags, AFFECT | C.VIR_TYPED_PARAM_STRING_OKAY);
  if (countOnly) return BANDWIDTH_PARAMS.length;
  const { def } = domainFromRef(state, ref).getOneDef('testDomainGetInterfaceParameters', flags);
  const net = findInterface(def, device);
  const rates = { inbound: readRate(net, 'inbound'), outbound: readRate(net, 'outbound') };
  return BANDWIDTH_PARAMS.map(([field, dir, attr]) => ({ field, type: C.VIR_TYPED_PARAM_UINT, value: rates[dir]?.[attr] ?? 0 }));
}

/**
 * testDomainSetInterfaceParameters: a direction given an average (or an inbound floor) replaces
 * that direction; one given only zeros clears it; peaks and bursts alone change nothing.
 */
export function setInterfaceParameters(state: TestState, ref: DomainRef, device: string, params: TypedParam[], flags: number): void {
  testCheckFlags('testDomainSetInterfaceParameters', flags, AFFECT);
  validateTypedParams(params, Object.fromEntries(BANDWIDTH_PARAMS.map(([f]) => [f, C.VIR_TYPED_PARAM_UINT])));
  const { def } = domainFromRef(state, ref).getOneDef('testDomainSetInterfaceParameters', flags);
  const net = findInterface(def, device);
  const given: Record<'inbound' | 'outbound', Rate> = { inbound: {}, outbound: {} };
  const specified = { inbound: false, outbound: false };
  for (const p of params) {
    const [, dir, attr] = BANDWIDTH_PARAMS.find(([f]) => f === p.field)!;
    given[dir][attr] = p.value as number;
    if (attr === 'average' || (dir === 'inbound' && attr === 'floor')) specified[dir] = true;
  }
  const had = getChild(net, 'bandwidth');
  const next = (dir: 'inbound' | 'outbound'): Rate | null => {
    const rate = given[dir];
    if (rate.average || (dir === 'inbound' && rate.floor)) return rate;
    return had && !specified[dir] ? readRate(net, dir) : null;
  };
  const bandwidth = newXNode('bandwidth', [], [...rateNode('inbound', next('inbound')), ...rateNode('outbound', next('outbound'))]);
  // libvirt keeps an empty bandwidth once set, written as an open and a close tag.
  bandwidth.neverEmpty = true;
  net.children = [...net.children.filter((c) => c.name !== 'bandwidth'), bandwidth];
  orderChildren(net, NET_CHILD_ORDER);
}

// Block I/O throttling --------------------------------------------------------------------------

/** The <iotune> children in libvirt's order, which is also the getter's. */
const IOTUNE_FIELDS = ['total_bytes_sec', 'read_bytes_sec', 'write_bytes_sec', 'total_iops_sec', 'read_iops_sec', 'write_iops_sec',
  'total_bytes_sec_max', 'read_bytes_sec_max', 'write_bytes_sec_max', 'total_iops_sec_max', 'read_iops_sec_max', 'write_iops_sec_max',
  'size_iops_sec', 'group_name', 'total_bytes_sec_max_length', 'read_bytes_sec_max_length', 'write_bytes_sec_max_length',
  'total_iops_sec_max_length', 'read_iops_sec_max_length', 'write_iops_sec_max_length'];
const IOTUNE_MAX = 1000000000000000n;

/** virDomainDiskByName: a target name, or a source path when it starts with '/'. */
function findDisk(def: DomainDef, path: string): XNode | undefined {
  return def.devices.lists.disk.find((d) => (path.startsWith('/')
    ? (getAttr(getChild(d, 'source'), 'file') ?? getAttr(getChild(d, 'source'), 'dev')) === path
    : getAttr(getChild(d, 'target'), 'dev') === path));
}

type Iotune = Map<string, bigint | string>;

function readIotune(disk: XNode): Iotune {
  const iotune = getChild(disk, 'iotune');
  return new Map((iotune?.children ?? []).filter((c) => IOTUNE_FIELDS.includes(c.name))
    .map((c) => [c.name, c.name === 'group_name' ? c.text ?? '' : BigInt(c.text ?? 0)]));
}

export function getBlockIoTune(state: TestState, ref: DomainRef, path: string | null, flags: number, countOnly = false): TypedParam[] | number {
  testCheckFlags('testDomainGetBlockIoTune', flags, AFFECT | C.VIR_TYPED_PARAM_STRING_OKAY);
  if (countOnly) return IOTUNE_FIELDS.length;
  const { def } = domainFromRef(state, ref).getOneDef('testDomainGetBlockIoTune', flags & ~C.VIR_TYPED_PARAM_STRING_OKAY);
  const disk = path === null ? undefined : findDisk(def, path);
  if (!disk) throw testError(E.VIR_ERR_INVALID_ARG, `disk '${path}' was not found in the domain config`);
  const info = readIotune(disk);
  return IOTUNE_FIELDS.map((field) => (field === 'group_name'
    ? { field, type: C.VIR_TYPED_PARAM_STRING, value: (info.get(field) as string | undefined) ?? '' }
    : { field, type: C.VIR_TYPED_PARAM_ULLONG, value: (info.get(field) as bigint | undefined) ?? 0n }));
}

/** testDomainSetBlockIoTune: the given limits replace the disk's, checked together as libvirt does. */
export function setBlockIoTune(state: TestState, ref: DomainRef, path: string, params: TypedParam[], flags: number): void {
  testCheckFlags('testDomainSetBlockIoTune', flags, AFFECT);
  validateTypedParams(params, Object.fromEntries(IOTUNE_FIELDS.map((f) => [f, f === 'group_name' ? C.VIR_TYPED_PARAM_STRING : C.VIR_TYPED_PARAM_ULLONG])));
  const { def } = domainFromRef(state, ref).getOneDef('testDomainSetBlockIoTune', flags);
  const disk = findDisk(def, path);
  if (!disk) throw testError(E.VIR_ERR_INVALID_ARG, `missing persistent configuration for disk '${path}'`);
  const info = readIotune(disk);
  for (const p of params) {
    if (typeof p.value === 'bigint' && p.value > IOTUNE_MAX) {
      throw testError(E.VIR_ERR_ARGUMENT_UNSUPPORTED, `block I/O throttle limit value must be no more than ${IOTUNE_MAX}`);
    }
    info.set(p.field, p.value as bigint | string);
  }
  const n = (field: string) => (info.get(field) as bigint | undefined) ?? 0n;
  for (const kind of ['bytes_sec', 'iops_sec', 'bytes_sec_max', 'iops_sec_max']) {
    if (n(`total_${kind}`) && (n(`read_${kind}`) || n(`write_${kind}`))) {
      throw testError(E.VIR_ERR_INVALID_ARG, `total and read/write of ${kind} cannot be set at the same time`);
    }
  }
  for (const field of ['total_bytes_sec', 'read_bytes_sec', 'write_bytes_sec', 'total_iops_sec', 'read_iops_sec', 'write_iops_sec']) {
    if (n(field) > n(`${field}_max`)) throw testError(E.VIR_ERR_INVALID_ARG, `${field} cannot be set higher than ${field}_max `);
  }
  const children = IOTUNE_FIELDS.filter((f) => (f === 'group_name' ? info.get(f) !== undefined : n(f) !== 0n))
    .map((f) => ({ name: f, attrs: [], children: [], text: String(info.get(f)) }));
  disk.children = disk.children.filter((c) => c.name !== 'iotune');
  if (children.length) disk.children.push(newXNode('iotune', [], children));
  orderChildren(disk, DISK_CHILD_ORDER);
}
