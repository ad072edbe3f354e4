/**
 * The test driver's CPU pinning and IOThreads, as libvirt 9.0.0's: vcpu and emulator pins kept as
 * <vcpupin>/<emulatorpin> in <cputune>, IOThreads in <iothreads>/<iothreadids> with their pins
 * as <iothreadpin>, and each running IOThread's polling settings on the domain object.
 */
import type { DomainDef } from '../../conf/domain/index.js';
import { formatCpuset, parseCpuset } from '../../conf/domain/cpuset.js';
import { iothreadNodes, type IothreadId } from '../../conf/domain/iothreads.js';
import { CPUTUNE_ORDER } from '../../conf/domain/tuning.js';
import { getAttr, newXNode, orderChildren, type XNode } from '../../conf/domain/xnode.js';
import { domainDisks } from '../../conf/domain/query.js';
import * as C from '../../api/constants.js';
import { ErrorDomain, ErrorNumber, virRawError } from '../../errors/index.js';
import type { DomainIOThreadInfo, DomainRef, TypedParam } from '../types.js';
import { validateTypedParams } from '../shared/typed-params.js';
import { domainFromRef } from './domains.js';
import type { DomainObj } from './domain-obj.js';
import { domainConfError, E, testCheckFlags, testError } from './errors.js';
import type { TestState } from './state.js';

const AFFECT = C.VIR_DOMAIN_AFFECT_LIVE | C.VIR_DOMAIN_AFFECT_CONFIG;

/** A cpumap as libvirt's virBitmapFormat writes it ('' when empty). */
const cpusetOf = (map: readonly boolean[]) => formatCpuset(map.flatMap((on, cpu) => (on ? [cpu] : [])));

/** The <cputune> child `name` whose `key` attribute is `id` (the only one when no key). */
function pinNode(def: DomainDef, name: string, key?: [string, number]): XNode | undefined {
  return def.passthrough.cputune?.[0]?.children.find((c) => c.name === name && (!key || getAttr(c, key[0]) === String(key[1])));
}

/** The pinned cpus of a <cputune> child, or null when it is not there. */
export function pinnedCpus(def: DomainDef, name: string, key?: [string, number]): Set<number> | null {
  const cpuset = getAttr(pinNode(def, name, key), 'cpuset');
  return cpuset === undefined ? null : new Set(cpuset === '' ? [] : parseCpuset(cpuset));
}

/** Set (cpuset) or drop (null) a pin in <cputune>, keyed pins sorted by `sortKey(id)`. */
function setPin(def: DomainDef, name: string, key: [string, number] | undefined, cpuset: string | null, sortKey: (id: number) => number = (id) => id): void {
  const cputune = def.passthrough.cputune?.[0] ?? newXNode('cputune');
  const others = cputune.children.filter((c) => !(c.name === name && (!key || getAttr(c, key[0]) === String(key[1]))));
  const added = cpuset === null ? [] : [newXNode(name, [...(key ? [[key[0], String(key[1])] as [string, string]] : []), ['cpuset', cpuset]])];
  const pins = [...others.filter((c) => c.name === name), ...added];
  if (key) pins.sort((a, b) => sortKey(Number(getAttr(a, key[0]))) - sortKey(Number(getAttr(b, key[0]))));
  cputune.children = [...others.filter((c) => c.name !== name), ...pins];
  orderChildren(cputune, CPUTUNE_ORDER);
  if (cputune.children.length) def.passthrough.cputune = [cputune];
  else delete def.passthrough.cputune;
}

/** testDomainPinVcpuFlags: the running domain's vcpu takes the map as it is (an empty one too). */
export function pinVcpu(state: TestState, ref: DomainRef, vcpu: number, cpumap: boolean[], flags: number): void {
  testCheckFlags('testDomainPinVcpuFlags', flags, 0);
  const obj = domainFromRef(state, ref);
  if (!obj.isActive()) throw testError(E.VIR_ERR_OPERATION_INVALID, 'cannot pin vcpus on an inactive domain');
  if (vcpu >= obj.def.vcpus.current) throw testError(E.VIR_ERR_INVALID_ARG, `requested vcpu '${vcpu | 0}' is not present in the domain`);
  setPin(obj.def, 'vcpupin', ['vcpu', vcpu], cpusetOf(cpumap));
}

/** testDomainPinEmulator. */
export function pinEmulator(state: TestState, ref: DomainRef, cpumap: boolean[], flags: number): void {
  testCheckFlags('testDomainPinEmulator', flags, AFFECT);
  const { def } = domainFromRef(state, ref).getOneDef('testDomainPinEmulator', flags);
  if (!cpumap.includes(true)) throw testError(E.VIR_ERR_INVALID_ARG, 'Empty cpu list for pinning');
  setPin(def, 'emulatorpin', undefined, cpusetOf(cpumap));
}

// IOThreads -------------------------------------------------------------------------------------

/**
 * The definition's IOThread ids in libvirt's order: those listed in <iothreadids> (chosen by the
 * user), then the ones libvirt filled in up to the <iothreads> count.
 */
function iothreadIds(def: DomainDef): IothreadId[] {
  const listed: IothreadId[] = (def.passthrough.iothreadids?.[0]?.children ?? []).filter((n) => n.name === 'iothread').map((n) => {
    const min = getAttr(n, 'thread_pool_min');
    const max = getAttr(n, 'thread_pool_max');
    return { id: Number(getAttr(n, 'id')), autofill: false, poolMin: min === undefined ? undefined : Number(min), poolMax: max === undefined ? undefined : Number(max) };
  });
  const count = Math.max(Number(def.passthrough.iothreads?.[0]?.text ?? 0) || 0, listed.length);
  for (let id = 1; listed.length < count; id++) if (!listed.some((t) => t.id === id)) listed.push({ id, autofill: true });
  return listed;
}

function setIothreadIds(def: DomainDef, ids: IothreadId[]): void {
  delete def.passthrough.iothreads;
  delete def.passthrough.iothreadids;
  const nodes = iothreadNodes({ ids });
  if (nodes.iothreads) def.passthrough.iothreads = nodes.iothreads;
  if (nodes.iothreadids) def.passthrough.iothreadids = nodes.iothreadids;
}

/** virDomainDriverGetIOThreadsConfig: each IOThread's pin, else the vcpus' cpuset, else as many cpus as vcpus. */
export function getIOThreadInfo(state: TestState, ref: DomainRef, flags: number): DomainIOThreadInfo[] {
  testCheckFlags('testDomainGetIOThreadInfo', flags, AFFECT);
  const { def } = domainFromRef(state, ref).getOneDef('testDomainGetIOThreadInfo', flags);
  const fallback = def.vcpus.cpuset === undefined ? null : new Set(parseCpuset(def.vcpus.cpuset));
  return iothreadIds(def).map(({ id }) => {
    const cpus = pinnedCpus(def, 'iothreadpin', ['iothread', id]) ?? fallback;
    const cpumap = cpus === null ? Array<boolean>(def.vcpus.current).fill(true) : Array.from({ length: Math.max(0, ...cpus) + 1 }, (_, c) => cpus.has(c));
    return { iothreadId: id, cpumap };
  });
}

const newPoll = (id: number) => ({ id, pollMaxNs: 32768n, pollGrow: 0, pollShrink: 0 });

export function addIOThread(state: TestState, ref: DomainRef, id: number, flags: number): void {
  testCheckFlags('testDomainAddIOThread', flags, AFFECT);
  if (id === 0) throw testError(E.VIR_ERR_INVALID_ARG, 'invalid value of 0 for iothread_id');
  const obj = domainFromRef(state, ref);
  const { def } = obj.getOneDef('testDomainAddIOThread', flags);
  const ids = iothreadIds(def);
  if (ids.some((t) => t.id === id)) throw domainConfError(E.VIR_ERR_INVALID_ARG, `an IOThread is already using iothread_id '${id}'`);
  setIothreadIds(def, [...ids, { id, autofill: false }]);
  obj.iothreads.push(newPoll(id));
}

export function delIOThread(state: TestState, ref: DomainRef, id: number, flags: number): void {
  testCheckFlags('testDomainDelIOThread', flags, AFFECT);
  if (id === 0) throw testError(E.VIR_ERR_INVALID_ARG, 'invalid value of 0 for iothread_id');
  const obj = domainFromRef(state, ref);
  const { def } = obj.getOneDef('testDomainDelIOThread', flags);
  const ids = iothreadIds(def);
  if (!ids.some((t) => t.id === id)) throw domainConfError(E.VIR_ERR_INVALID_ARG, `cannot find IOThread '${id}' in iothreadids list`);
  checkIOThreadUnused(def, id);
  setIothreadIds(def, ids.filter((t) => t.id !== id));
  setPin(def, 'iothreadpin', ['iothread', id], null);
  const at = obj.iothreads.findIndex((t) => t.id === id);
  if (at >= 0) obj.iothreads.splice(at, 1);
}

/** virDomainDriverDelIOThreadCheck: no disk or controller may still use the IOThread. */
function checkIOThreadUnused(def: DomainDef, id: number): void {
  const usesIt = (n: XNode) => getAttr(n.children.find((c) => c.name === 'driver'), 'iothread') === String(id);
  const disk = def.devices.lists.disk.findIndex(usesIt);
  if (disk >= 0) throw domainConfError(E.VIR_ERR_INVALID_ARG, `cannot remove IOThread ${id} since it is being used by disk '${domainDisks(def)[disk]!.dev}'`);
  if (def.devices.lists.controller.some(usesIt)) throw domainConfError(E.VIR_ERR_INVALID_ARG, `cannot remove IOThread '${id}' since it is being used by controller`);
}

export function pinIOThread(state: TestState, ref: DomainRef, id: number, cpumap: boolean[], flags: number): void {
  testCheckFlags('testDomainPinIOThread', flags, AFFECT);
  const { def } = domainFromRef(state, ref).getOneDef('testDomainPinIOThread', flags);
  if (!cpumap.includes(true)) throw testError(E.VIR_ERR_INVALID_ARG, 'Empty iothread cpumap list for pinning');
  const ids = iothreadIds(def);
  const thread = ids.find((t) => t.id === id);
  if (!thread) throw testError(E.VIR_ERR_INVALID_ARG, `iothreadid ${id | 0} not found`);
  thread.autofill = false;
  setIothreadIds(def, ids);
  setPin(def, 'iothreadpin', ['iothread', id], cpusetOf(cpumap), (t) => ids.findIndex((x) => x.id === t));
}

/**
 * testDomainSetIOThreadParams: the polling settings of a live IOThread. An id in the definition
 * but without settings fails with no message, as libvirt's does.
 */
export function setIOThreadParams(state: TestState, ref: DomainRef, id: number, params: TypedParam[], flags: number): void {
  testCheckFlags('testDomainSetIOThreadParams', flags, C.VIR_DOMAIN_AFFECT_LIVE);
  if (id === 0) throw testError(E.VIR_ERR_INVALID_ARG, 'invalid value of 0 for iothread_id');
  const obj: DomainObj = domainFromRef(state, ref);
  const { def } = obj.getOneDef('testDomainSetIOThreadParams', flags);
  if (!iothreadIds(def).some((t) => t.id === id)) throw testError(E.VIR_ERR_INVALID_ARG, `cannot find IOThread '${id}' in iothreadids`);
  const poll = obj.iothreads.find((t) => t.id === id);
  if (!poll) throw virRawError(ErrorDomain.VIR_FROM_RPC, ErrorNumber.VIR_ERR_INTERNAL_ERROR, 'Library function returned error but did not set virError');
  validateTypedParams(params, { poll_max_ns: C.VIR_TYPED_PARAM_ULLONG, poll_grow: C.VIR_TYPED_PARAM_UINT, poll_shrink: C.VIR_TYPED_PARAM_UINT });
  for (const p of params) {
    if (p.field === 'poll_max_ns') poll.pollMaxNs = p.value as bigint;
    else if (p.field === 'poll_grow') poll.pollGrow = p.value as number;
    else poll.pollShrink = p.value as number;
  }
}
