/** Bindings of the host-level entry points (connection, node). */
import type { NodeInfo, NodeStat, SecurityModel } from '../../drivers/types.js';
import { REMOTE_NODE_CPU_STATS_MAX, REMOTE_NODE_MAX_CELLS, procedures as P } from '../../rpc/protocol/remote.js';
import { ErrorDomain, ErrorNumber, virError, virRawError } from '../../errors/index.js';
import { bind, withLimits, type Binding } from './binding.js';
import { bool, chars, cpumapBytes, cpumapsOf, hyperNumber, listAll, same } from './convert.js';

const model = chars(32);
const nulTerminated = chars();

/**
 * Free pages: both ends refuse more counts than a reply holds, each with its own words, and
 * libvirtd turns a driver that filled no counts (the test driver's answer) into an error that
 * names no cause.
 */
const freePages = withLimits(bind(P.NODE_GET_FREE_PAGES, 'nodeGetFreePages', [['pages', same], ['startCell', same], ['cellCount', same], ['flags', same]], {
  toWire: ({ counts, filled }: { counts: bigint[]; filled: number }) => {
    if (filled <= 0) {
      // libvirtd's error when a call fails with none recorded (virNetMessageSaveError: no numbers either)
      throw virRawError(ErrorDomain.VIR_FROM_RPC, ErrorNumber.VIR_ERR_INTERNAL_ERROR, 'Library function returned error but did not set virError', { int1: 0, int2: 0 });
    }
    return { counts: counts.slice(0, filled) };
  },
  toDriver: (r) => ({ counts: r.counts, filled: r.counts.length }),
}), {
  client: ([pages, , cellCount]) => {
    const cells = (pages as number[]).length * (cellCount as number);
    if (cells > REMOTE_NODE_MAX_CELLS) {
      throw virError(ErrorDomain.VIR_FROM_REMOTE, ErrorNumber.VIR_ERR_RPC, `too many NUMA cells: ${cells} > ${REMOTE_NODE_MAX_CELLS}`);
    }
  },
  daemon: (a) => {
    if (a.pages.length * a.cellCount > REMOTE_NODE_MAX_CELLS) {
      throw virError(ErrorDomain.VIR_FROM_RPC, ErrorNumber.VIR_ERR_INTERNAL_ERROR, "the result won't fit into REMOTE_NODE_MAX_CELLS");
    }
  },
});

export const hostBindings: Binding[] = [
  freePages,
  bind(P.CONNECT_GET_TYPE, 'connectGetType', [], ['type', same]),
  bind(P.CONNECT_GET_VERSION, 'connectGetVersion', [], ['hv_ver', hyperNumber]),
  bind(P.CONNECT_GET_HOSTNAME, 'connectGetHostname', [], ['hostname', same]),
  bind(P.CONNECT_GET_URI, 'connectGetURI', [], ['uri', same]),
  bind(P.CONNECT_GET_MAX_VCPUS, 'connectGetMaxVcpus', [['type', same]], ['max_vcpus', same]),
  bind(P.CONNECT_GET_CAPABILITIES, 'connectGetCapabilities', [], ['capabilities', same]),
  bind(P.CONNECT_GET_SYSINFO, 'connectGetSysinfo', [['flags', same]], ['sysinfo', same]),
  bind(P.CONNECT_GET_CPU_MODEL_NAMES, 'connectGetCPUModelNames', [['arch', same], ['flags', same]], listAll('models', same), { wireConst: { need_results: 1 } }),
  bind(P.CONNECT_DOMAIN_XML_TO_NATIVE, 'connectDomainXMLToNative', [['nativeFormat', same], ['domainXml', same], ['flags', same]],
    ['nativeConfig', same]),
  bind(P.CONNECT_DOMAIN_XML_FROM_NATIVE, 'connectDomainXMLFromNative', [['nativeFormat', same], ['nativeConfig', same], ['flags', same]],
    ['domainXml', same]),
  bind(P.CONNECT_IS_SECURE, 'connectIsSecure', [], ['secure', bool]),
  bind(P.NODE_GET_INFO, 'nodeGetInfo', [], {
    toWire: (i: NodeInfo) => ({ ...i, model: model.toWire(i.model), memory: BigInt(i.memory) }),
    toDriver: (r) => ({ ...r, model: model.toDriver(r.model), memory: Number(r.memory) }),
  }),
  bind(P.NODE_GET_SECURITY_MODEL, 'nodeGetSecurityModel', [], {
    toWire: (m: SecurityModel) => ({ model: nulTerminated.toWire(m.model), doi: nulTerminated.toWire(m.doi) }),
    toDriver: (r) => ({ model: nulTerminated.toDriver(r.model), doi: nulTerminated.toDriver(r.doi) }),
  }),
  bind(P.NODE_GET_FREE_MEMORY, 'nodeGetFreeMemory', [], ['freeMem', same]),
  // Our callers always want both the map and the online count, as libvirt-python and virsh do.
  bind(P.NODE_GET_CPU_MAP, 'nodeGetCPUMap', [['flags', same]], {
    toWire: (m: { cpus: number; online: boolean[] }, a: { need_map: number }) => ({
      cpumap: a.need_map ? cpumapBytes([m.online], Math.ceil(m.online.length / 8)) : Buffer.alloc(0), online: m.online.filter(Boolean).length, ret: m.cpus,
    }),
    toDriver: (r) => ({ cpus: r.ret, online: cpumapsOf(r.cpumap, Math.ceil(r.ret / 8), 1)[0]!.slice(0, r.ret) }),
  }, { wireConst: { need_map: 1, need_online: 1 }, api: 'virNodeGetCPUMap' }),
  // A caller sending nparams 0 learns how many counters there are; otherwise it gets up to nparams of them.
  bind(P.NODE_GET_CPU_STATS, 'nodeGetCPUStats', [['cpuNum', same], ['flags', same]], {
    toWire: (stats: NodeStat[], a: { nparams: number }) => ({
      params: a.nparams === 0 ? [] : stats.slice(0, a.nparams), nparams: a.nparams === 0 ? stats.length : Math.min(a.nparams, stats.length),
    }),
    toDriver: (r) => r.params.map((p: NodeStat) => ({ field: p.field, value: p.value })),
  }, { wireConst: { nparams: REMOTE_NODE_CPU_STATS_MAX } }),
  bind(P.NODE_GET_CELLS_FREE_MEMORY, 'nodeGetCellsFreeMemory', [['startCell', same], ['maxcells', same]], ['cells', same]),
];
