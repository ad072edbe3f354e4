/** Bindings of the domain tunables: scheduler, memory, blkio, NUMA, perf, interface, block I/O and cpu statistics. */
import type { DomainCPUStats, TypedParam } from '../../drivers/types.js';
import { VIR_TYPED_PARAM_STRING, VIR_TYPED_PARAM_STRING_OKAY } from '../../api/constants.js';
import {
  REMOTE_DOMAIN_BLOCK_IO_TUNE_PARAMETERS_MAX, REMOTE_DOMAIN_GET_CPU_STATS_NCPUS_MAX, REMOTE_NODE_CPU_STATS_MAX, REMOTE_DOMAIN_INTERFACE_PARAMETERS_MAX, REMOTE_DOMAIN_MEMORY_PARAMETERS_MAX, REMOTE_DOMAIN_SCHEDULER_PARAMETERS_MAX,
  procedures as P,
} from '../../rpc/protocol/remote.js';
import { bind, withLimits, type Binding } from './binding.js';
import { ErrorDomain, ErrorNumber, virError } from '../../errors/index.js';
import { domain, list, same, typedParam } from './convert.js';

const dom = ['dom', domain] as const;
const rpcError = (detail: string) => virError(ErrorDomain.VIR_FROM_REMOTE, ErrorNumber.VIR_ERR_RPC, detail);
const internalError = (detail: string) => virError(ErrorDomain.VIR_FROM_RPC, ErrorNumber.VIR_ERR_INTERNAL_ERROR, detail);
const flags = ['flags', same] as const;
const params = ['params', list(typedParam)] as const;

/** A reply's parameters: up to the `nparams` asked for, strings only to a client that said it takes them. */
function wireParams(all: TypedParam[], nparams: number, callFlags: number) {
  const shown = callFlags & VIR_TYPED_PARAM_STRING_OKAY ? all : all.filter((p) => p.type !== VIR_TYPED_PARAM_STRING);
  return shown.slice(0, Math.max(0, nparams)).map(typedParam.toWire);
}

/** The scheduler getters: the caller learned nparams from DOMAIN_GET_SCHEDULER_TYPE. */
const schedulerParams = {
  toWire: (all: TypedParam[], a: { nparams: number; flags?: number }) => ({ params: wireParams(all, a.nparams, VIR_TYPED_PARAM_STRING_OKAY) }),
  toDriver: (r: { params: Parameters<typeof typedParam.toDriver>[0][] }) => r.params.map(typedParam.toDriver),
};

/** The other getters: nparams 0 asks how many there are; otherwise up to nparams come back. */
export const countedParams = {
  toWire: (all: TypedParam[] | number, a: { nparams: number; flags: number }) => {
    if (typeof all === 'number') return { params: [], nparams: all };
    return a.nparams === 0
      ? { params: [], nparams: all.length }
      : { params: wireParams(all, a.nparams, a.flags), nparams: Math.min(a.nparams, all.length) };
  },
  toDriver: (r: { params: Parameters<typeof typedParam.toDriver>[0][] }) => r.params.map(typedParam.toDriver),
};

/**
 * The `nparams` of a counted getter: a daemon tells the driver when its client only asks how many
 * (0); a client asks for as many as the protocol allows, in one call.
 */
export const countRequest = (max: number) => ['nparams', { toDriver: (n: number) => n === 0, toWire: () => max }] as const;
const ASK = countRequest(REMOTE_DOMAIN_MEMORY_PARAMETERS_MAX);

export const domainTunableBindings: Binding[] = [
  bind(P.DOMAIN_GET_SCHEDULER_TYPE, 'domainGetSchedulerType', [dom], {
    toWire: (r: { type: string; nparams: number }) => ({ type: r.type, nparams: r.nparams }),
    toDriver: (r) => ({ type: r.type, nparams: r.nparams }),
  }),
  bind(P.DOMAIN_GET_SCHEDULER_PARAMETERS_FLAGS, 'domainGetSchedulerParametersFlags', [dom, flags], schedulerParams,
    { wireConst: { nparams: REMOTE_DOMAIN_SCHEDULER_PARAMETERS_MAX } }),
  bind(P.DOMAIN_GET_SCHEDULER_PARAMETERS, 'domainGetSchedulerParametersFlags', [dom], schedulerParams,
    { legacy: true, api: 'virDomainGetSchedulerParameters', driverTail: [0] }),
  bind(P.DOMAIN_SET_SCHEDULER_PARAMETERS_FLAGS, 'domainSetSchedulerParametersFlags', [dom, params, flags], null),
  bind(P.DOMAIN_SET_SCHEDULER_PARAMETERS, 'domainSetSchedulerParametersFlags', [dom, params], null,
    { legacy: true, api: 'virDomainSetSchedulerParameters', driverTail: [0] }),
  bind(P.DOMAIN_GET_MEMORY_PARAMETERS, 'domainGetMemoryParameters', [dom, flags, ASK], countedParams),
  bind(P.DOMAIN_SET_MEMORY_PARAMETERS, 'domainSetMemoryParameters', [dom, params, flags], null),
  bind(P.DOMAIN_GET_BLKIO_PARAMETERS, 'domainGetBlkioParameters', [dom, flags, ASK], countedParams),
  bind(P.DOMAIN_SET_BLKIO_PARAMETERS, 'domainSetBlkioParameters', [dom, params, flags], null),
  bind(P.DOMAIN_GET_NUMA_PARAMETERS, 'domainGetNumaParameters', [dom, flags, ASK], countedParams),
  bind(P.DOMAIN_SET_NUMA_PARAMETERS, 'domainSetNumaParameters', [dom, params, flags], null),
  bind(P.DOMAIN_GET_PERF_EVENTS, 'domainGetPerfEvents', [dom, flags], ['params', list(typedParam)]),
  bind(P.DOMAIN_SET_PERF_EVENTS, 'domainSetPerfEvents', [dom, params, flags], null),
  bind(P.DOMAIN_GET_INTERFACE_PARAMETERS, 'domainGetInterfaceParameters', [dom, ['device', same], flags, countRequest(REMOTE_DOMAIN_INTERFACE_PARAMETERS_MAX)],
    countedParams),
  bind(P.DOMAIN_SET_INTERFACE_PARAMETERS, 'domainSetInterfaceParameters', [dom, ['device', same], params, flags], null),
  bind(P.DOMAIN_GET_BLOCK_IO_TUNE, 'domainGetBlockIoTune', [dom, ['disk', same], flags, countRequest(REMOTE_DOMAIN_BLOCK_IO_TUNE_PARAMETERS_MAX)],
    countedParams),
  bind(P.DOMAIN_SET_BLOCK_IO_TUNE, 'domainSetBlockIoTune', [dom, ['disk', same], params, flags], null),
  withLimits(bind(P.DOMAIN_GET_CPU_STATS, 'domainGetCPUStats', [dom, ['nparams', same], ['start_cpu', same], ['ncpus', same], flags], {
    // The statistics go end to end, each cpu's as many as `nparams` says (strings only to clients that take them).
    toWire: (r: DomainCPUStats, a: { flags: number }) => ({ params: r.stats.flatMap((s) => wireParams(s, s.length, a.flags)), nparams: r.nparams }),
    toDriver: (r, [, nparams, , ncpus]): DomainCPUStats => {
      const asked = (nparams as number) * (ncpus as number);
      if (r.params.length > asked || (r.params.length > 0 && (r.params.length % r.nparams !== 0 || r.nparams > (nparams as number)))) {
        throw rpcError('remoteDomainGetCPUStats: returned number of stats exceeds limit');
      }
      const all = r.params.map(typedParam.toDriver);
      const stats = r.nparams > 0 ? Array.from({ length: all.length / r.nparams }, (_, i) => all.slice(i * r.nparams, (i + 1) * r.nparams)) : [];
      return { nparams: r.nparams, stats };
    },
  }), {
    client: ([, nparams, , ncpus]) => {
      if ((nparams as number) > REMOTE_NODE_CPU_STATS_MAX) throw rpcError(`nparams count exceeds maximum: ${nparams} > ${REMOTE_NODE_CPU_STATS_MAX}`);
      if ((ncpus as number) > REMOTE_DOMAIN_GET_CPU_STATS_NCPUS_MAX) throw rpcError(`ncpus count exceeds maximum: ${ncpus} > ${REMOTE_DOMAIN_GET_CPU_STATS_NCPUS_MAX}`);
    },
    daemon: (a) => {
      if (a.nparams > REMOTE_NODE_CPU_STATS_MAX) throw internalError('nparams too large');
      if (a.ncpus > REMOTE_DOMAIN_GET_CPU_STATS_NCPUS_MAX) throw internalError('ncpus too large');
    },
  }),
  bind(P.DOMAIN_SET_LIFECYCLE_ACTION, 'domainSetLifecycleAction', [dom, ['type', same], ['action', same], flags], null),
];
