/**
 * virConnectGetAllDomainStats / virDomainListGetStats of the test driver: libvirt 9.0's test
 * driver reports the state group and, for running domains, the iothread group.
 */
import * as C from '../../api/constants.js';
import { getAttr } from '../../conf/domain/xnode.js';
import type { DomainDef } from '../../conf/domain/index.js';
import type { DomainRef, DomainStatsRecord, TypedParam } from '../types.js';
import type { DomainObj, IOThreadInfo } from './domain-obj.js';
import { E, testCheckFlags, testError } from './errors.js';
import type { TestState } from './state.js';

const SUPPORTED = C.VIR_DOMAIN_STATS_STATE | C.VIR_DOMAIN_STATS_IOTHREAD;
const LIST_FILTERS = C.VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE | C.VIR_CONNECT_GET_ALL_DOMAINS_STATS_INACTIVE |
  C.VIR_CONNECT_GET_ALL_DOMAINS_STATS_PERSISTENT | C.VIR_CONNECT_GET_ALL_DOMAINS_STATS_TRANSIENT |
  C.VIR_CONNECT_GET_ALL_DOMAINS_STATS_RUNNING | C.VIR_CONNECT_GET_ALL_DOMAINS_STATS_PAUSED |
  C.VIR_CONNECT_GET_ALL_DOMAINS_STATS_SHUTOFF | C.VIR_CONNECT_GET_ALL_DOMAINS_STATS_OTHER;

const int = (field: string, value: number): TypedParam => ({ field, type: C.VIR_TYPED_PARAM_INT, value });
const uint = (field: string, value: number): TypedParam => ({ field, type: C.VIR_TYPED_PARAM_UINT, value });
const ullong = (field: string, value: bigint): TypedParam => ({ field, type: C.VIR_TYPED_PARAM_ULLONG, value });

function stateGroup(obj: DomainObj): TypedParam[] {
  return [int('state.state', obj.state), int('state.reason', obj.reason)];
}

function iothreadGroup(obj: DomainObj): TypedParam[] {
  if (!obj.isActive() || obj.iothreads.length === 0) return [];
  return [uint('iothread.count', obj.iothreads.length), ...obj.iothreads.flatMap((t) => [
    ullong(`iothread.${t.id}.poll-max-ns`, t.pollMaxNs),
    uint(`iothread.${t.id}.poll-grow`, t.pollGrow),
    uint(`iothread.${t.id}.poll-shrink`, t.pollShrink),
  ])];
}

export function getAllDomainStats(state: TestState, refs: DomainRef[] | null, stats: number, flags: number): DomainStatsRecord[] {
  testCheckFlags('testConnectGetAllDomainStats', flags, LIST_FILTERS | C.VIR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT |
    C.VIR_CONNECT_GET_ALL_DOMAINS_STATS_BACKING | C.VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS);
  if (stats === 0) stats = SUPPORTED;
  else if (flags & C.VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS && stats & ~SUPPORTED) {
    throw testError(E.VIR_ERR_ARGUMENT_UNSUPPORTED, `Stats types bits 0x${(stats & ~SUPPORTED).toString(16)} are not supported by this daemon`);
  }
  return state.domains.statsTargets(refs, flags & LIST_FILTERS).map((obj) => ({
    dom: obj.ref(),
    params: [...(stats & C.VIR_DOMAIN_STATS_STATE ? stateGroup(obj) : []), ...(stats & C.VIR_DOMAIN_STATS_IOTHREAD ? iothreadGroup(obj) : [])],
  }));
}

/**
 * The IOThreads of a domain read from a node file (libvirt's test driver makes them only then):
 * the listed ids in order, then the lowest free ids up to the `<iothreads>` count.
 */
export function nodeFileIOThreads(def: DomainDef): IOThreadInfo[] {
  const listed = (def.passthrough.iothreadids?.[0]?.children ?? []).filter((n) => n.name === 'iothread').map((n) => Number(getAttr(n, 'id'))).filter((id) => Number.isInteger(id) && id > 0);
  const count = Math.max(Number(def.passthrough.iothreads?.[0]?.text ?? 0) || 0, listed.length);
  const ids = [...listed];
  for (let id = 1; ids.length < count; id++) if (!ids.includes(id)) ids.push(id);
  return ids.map((id) => ({ id, pollMaxNs: 32768n, pollGrow: 0, pollShrink: 0 }));
}
