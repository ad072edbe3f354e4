/** Bindings of the domain entry points. */
import type { DomainStatsRecord, DomainInfo, VcpuInfo, DomainBlockStats, DomainInterfaceStats, MemoryStat, DomainRef, SecurityLabel } from '../../drivers/types.js';
import { REMOTE_DOMAIN_LIST_MAX, procedures as P } from '../../rpc/protocol/remote.js';
import { bind, type Binding } from './binding.js';
import { bool, capped, chars, cpumapBytes, cpumapsOf, domain, hyperNumber, listAll, same, typedParam, uuid } from './convert.js';

/** virConnectGetAllDomainStats sends no domains, virDomainListGetStats some. */
const domainListOrNull = {
  toWire: (d: DomainRef[] | null) => (d ?? []).map((x) => domain.toWire(x)),
  toDriver: (w: Parameters<typeof domain.toDriver>[0][]) => (w.length ? w.map((x) => domain.toDriver(x)) : null),
};

const VIR_DOMAIN_AFFECT_LIVE = 1;
/** What a client asks virDomainGetVcpuPinInfo for: up to 256 vcpus on up to 256 host cpus. */
const VCPU_PIN_MAPS = 256;
const VCPU_PIN_MAPLEN = 32;
const dom = ['dom', domain] as const;
const flags = ['flags', same] as const;
const label = chars();

export const domainBindings: Binding[] = [
  bind(P.CONNECT_NUM_OF_DOMAINS, 'connectNumOfDomains', [], ['num', same]),
  bind(P.CONNECT_LIST_DOMAINS, 'connectListDomains', [['maxids', capped(REMOTE_DOMAIN_LIST_MAX)]], ['ids', same]),
  bind(P.CONNECT_NUM_OF_DEFINED_DOMAINS, 'connectNumOfDefinedDomains', [], ['num', same]),
  bind(P.CONNECT_LIST_DEFINED_DOMAINS, 'connectListDefinedDomains', [['maxnames', capped(REMOTE_DOMAIN_LIST_MAX)]], ['names', same]),
  bind(P.CONNECT_LIST_ALL_DOMAINS, 'connectListAllDomains', [flags], listAll('domains', domain), { wireConst: { need_results: 1 } }),
  bind(P.CONNECT_GET_ALL_DOMAIN_STATS, 'connectGetAllDomainStats', [['doms', domainListOrNull], ['stats', same], flags], {
    toWire: (records: DomainStatsRecord[]) => ({ retStats: records.map((r) => ({ dom: domain.toWire(r.dom), params: r.params.map(typedParam.toWire) })) }),
    toDriver: (ret) => ret.retStats.map((r) => ({ dom: domain.toDriver(r.dom), params: r.params.map(typedParam.toDriver) })),
  }),
  bind(P.DOMAIN_LOOKUP_BY_ID, 'domainLookupByID', [['id', same]], dom),
  bind(P.DOMAIN_LOOKUP_BY_NAME, 'domainLookupByName', [['name', same]], dom),
  bind(P.DOMAIN_LOOKUP_BY_UUID, 'domainLookupByUUID', [['uuid', uuid]], dom),
  bind(P.DOMAIN_CREATE_XML, 'domainCreateXML', [['xml_desc', same], flags], dom),
  bind(P.DOMAIN_DEFINE_XML_FLAGS, 'domainDefineXMLFlags', [['xml', same], flags], dom),
  bind(P.DOMAIN_DEFINE_XML, 'domainDefineXMLFlags', [['xml', same]], dom, { legacy: true, api: 'virDomainDefineXML', driverTail: [0] }),
  bind(P.DOMAIN_UNDEFINE_FLAGS, 'domainUndefineFlags', [dom, flags], null),
  bind(P.DOMAIN_UNDEFINE, 'domainUndefineFlags', [dom], null, { legacy: true, api: 'virDomainUndefine', driverTail: [0] }),
  bind(P.DOMAIN_CREATE_WITH_FLAGS, 'domainCreateWithFlags', [dom, flags], dom),
  bind(P.DOMAIN_CREATE, 'domainCreateWithFlags', [dom], {
    toWire: () => undefined,
    toDriver: (_r, d) => d[0] as DomainRef,
  }, { legacy: true, api: 'virDomainCreate', driverTail: [0] }),
  bind(P.DOMAIN_SHUTDOWN_FLAGS, 'domainShutdownFlags', [dom, flags], null),
  bind(P.DOMAIN_SHUTDOWN, 'domainShutdownFlags', [dom], null, { legacy: true, api: 'virDomainShutdown', driverTail: [0] }),
  bind(P.DOMAIN_REBOOT, 'domainReboot', [dom, flags], null),
  bind(P.DOMAIN_RESET, 'domainReset', [dom, flags], null),
  bind(P.DOMAIN_DESTROY_FLAGS, 'domainDestroyFlags', [dom, flags], null),
  bind(P.DOMAIN_DESTROY, 'domainDestroyFlags', [dom], null, { legacy: true, api: 'virDomainDestroy', driverTail: [0] }),
  bind(P.DOMAIN_SUSPEND, 'domainSuspend', [dom], null),
  bind(P.DOMAIN_RESUME, 'domainResume', [dom], null),
  bind(P.DOMAIN_SAVE_FLAGS, 'domainSaveFlags', [dom, ['to', same], ['dxml', same], flags], null),
  bind(P.DOMAIN_SAVE, 'domainSaveFlags', [dom, ['to', same]], null, { legacy: true, api: 'virDomainSave', driverTail: [null, 0] }),
  bind(P.DOMAIN_RESTORE_FLAGS, 'domainRestoreFlags', [['from', same], ['dxml', same], flags], null),
  bind(P.DOMAIN_RESTORE, 'domainRestoreFlags', [['from', same]], null, { legacy: true, api: 'virDomainRestore', driverTail: [null, 0] }),
  bind(P.DOMAIN_SAVE_IMAGE_GET_XML_DESC, 'domainSaveImageGetXMLDesc', [['file', same], flags], ['xml', same]),
  bind(P.DOMAIN_SAVE_IMAGE_DEFINE_XML, 'domainSaveImageDefineXML', [['file', same], ['dxml', same], flags], null),
  bind(P.DOMAIN_MANAGED_SAVE, 'domainManagedSave', [dom, flags], null),
  bind(P.DOMAIN_HAS_MANAGED_SAVE_IMAGE, 'domainHasManagedSaveImage', [dom, flags], ['result', bool]),
  bind(P.DOMAIN_MANAGED_SAVE_REMOVE, 'domainManagedSaveRemove', [dom, flags], null),
  bind(P.DOMAIN_MANAGED_SAVE_GET_XML_DESC, 'domainManagedSaveGetXMLDesc', [dom, flags], ['xml', same]),
  bind(P.DOMAIN_MANAGED_SAVE_DEFINE_XML, 'domainManagedSaveDefineXML', [dom, ['dxml', same], flags], null),
  bind(P.DOMAIN_GET_AUTOSTART, 'domainGetAutostart', [dom], ['autostart', bool]),
  bind(P.DOMAIN_SET_AUTOSTART, 'domainSetAutostart', [dom, ['autostart', bool]], null),
  bind(P.DOMAIN_GET_MAX_MEMORY, 'domainGetMaxMemory', [dom], ['memory', hyperNumber]),
  bind(P.DOMAIN_SET_MAX_MEMORY, 'domainSetMaxMemory', [dom, ['memory', hyperNumber]], null),
  bind(P.DOMAIN_SET_MEMORY_FLAGS, 'domainSetMemoryFlags', [dom, ['memory', hyperNumber], flags], null),
  bind(P.DOMAIN_SET_MEMORY_STATS_PERIOD, 'domainSetMemoryStatsPeriod', [dom, ['period', same], flags], null),
  bind(P.DOMAIN_SET_MEMORY, 'domainSetMemoryFlags', [dom, ['memory', hyperNumber]], null, { legacy: true, api: 'virDomainSetMemory', driverTail: [VIR_DOMAIN_AFFECT_LIVE] }),
  bind(P.DOMAIN_SET_VCPUS_FLAGS, 'domainSetVcpusFlags', [dom, ['nvcpus', same], flags], null),
  bind(P.DOMAIN_SET_VCPUS, 'domainSetVcpusFlags', [dom, ['nvcpus', same]], null, { legacy: true, api: 'virDomainSetVcpus', driverTail: [VIR_DOMAIN_AFFECT_LIVE] }),
  bind(P.DOMAIN_GET_VCPUS_FLAGS, 'domainGetVcpusFlags', [dom, flags], ['num', same]),
  bind(P.DOMAIN_GET_MAX_VCPUS, 'domainGetMaxVcpus', [dom], ['num', same]),
  bind(P.DOMAIN_GET_VCPUS, 'domainGetVcpus', [dom], {
    // The caller's maxinfo caps the list; the cpumaps buffer has room for maxinfo maps, as libvirtd's.
    toWire: (v: VcpuInfo[], a: { maxinfo: number; maplen: number }) => {
      const info = v.slice(0, Math.max(0, a.maxinfo));
      return {
        info: info.map((x) => ({ number: x.number, state: x.state, cpu_time: x.cpuTime, cpu: x.cpu })),
        cpumaps: cpumapBytes(info.map((x) => x.cpumap ?? []), a.maplen, a.maxinfo),
      };
    },
    toDriver: (r) => {
      const maps = cpumapsOf(r.cpumaps, VCPU_PIN_MAPLEN, r.info.length);
      return r.info.map((x, i) => ({ number: x.number, state: x.state, cpuTime: x.cpu_time, cpu: x.cpu, cpumap: maps[i]! }));
    },
  }, { wireConst: { maxinfo: VCPU_PIN_MAPS, maplen: VCPU_PIN_MAPLEN } }),
  bind(P.DOMAIN_GET_VCPU_PIN_INFO, 'domainGetVcpuPinInfo', [dom, flags], {
    toWire: (maps: boolean[][], a: { ncpumaps: number; maplen: number }) => ({
      cpumaps: cpumapBytes(maps, a.maplen, a.ncpumaps), num: Math.min(maps.length, a.ncpumaps),
    }),
    toDriver: (r) => cpumapsOf(r.cpumaps, VCPU_PIN_MAPLEN, r.num),
  }, { wireConst: { ncpumaps: VCPU_PIN_MAPS, maplen: VCPU_PIN_MAPLEN } }),
  bind(P.DOMAIN_GET_INFO, 'domainGetInfo', [dom], {
    toWire: (i: DomainInfo) => ({ state: i.state, maxMem: BigInt(i.maxMem), memory: BigInt(i.memory), nrVirtCpu: i.nrVirtCpu, cpuTime: i.cpuTime }),
    toDriver: (r) => ({ state: r.state, maxMem: Number(r.maxMem), memory: Number(r.memory), nrVirtCpu: r.nrVirtCpu, cpuTime: r.cpuTime }),
  }),
  bind(P.DOMAIN_GET_STATE, 'domainGetState', [dom, flags], { toWire: (s) => ({ state: s.state, reason: s.reason }), toDriver: (r) => ({ state: r.state, reason: r.reason }) }),
  bind(P.DOMAIN_GET_XML_DESC, 'domainGetXMLDesc', [dom, flags], ['xml', same]),
  bind(P.DOMAIN_GET_OS_TYPE, 'domainGetOSType', [dom], ['type', same]),
  bind(P.DOMAIN_GET_METADATA, 'domainGetMetadata', [dom, ['type', same], ['uri', same], flags], ['metadata', same]),
  bind(P.DOMAIN_SET_METADATA, 'domainSetMetadata', [dom, ['type', same], ['metadata', same], ['key', same], ['uri', same], flags], null),
  bind(P.DOMAIN_RENAME, 'domainRename', [dom, ['new_name', same], flags], {
    toWire: () => ({ retcode: 0 }),
    toDriver: (_r, d) => ({ ...(d[0] as DomainRef), name: d[1] as string }),
  }),
  bind(P.DOMAIN_IS_ACTIVE, 'domainIsActive', [dom], ['active', bool]),
  bind(P.DOMAIN_IS_PERSISTENT, 'domainIsPersistent', [dom], ['persistent', bool]),
  bind(P.DOMAIN_GET_SECURITY_LABEL, 'domainGetSecurityLabel', [dom], {
    toWire: (l: SecurityLabel) => ({ label: label.toWire(l.label), enforcing: l.enforcing ? 1 : 0 }),
    toDriver: (r) => ({ label: label.toDriver(r.label), enforcing: r.enforcing !== 0 }),
  }),
  bind(P.DOMAIN_IS_UPDATED, 'domainIsUpdated', [dom], ['updated', bool]),
  bind(P.DOMAIN_BLOCK_STATS, 'domainBlockStats', [dom, ['path', same]], {
    toWire: (s: DomainBlockStats) => ({ rd_req: s.rdReq, rd_bytes: s.rdBytes, wr_req: s.wrReq, wr_bytes: s.wrBytes, errs: s.errs }),
    toDriver: (r) => ({ rdReq: r.rd_req, rdBytes: r.rd_bytes, wrReq: r.wr_req, wrBytes: r.wr_bytes, errs: r.errs }),
  }),
  bind(P.DOMAIN_INTERFACE_STATS, 'domainInterfaceStats', [dom, ['device', same]], {
    toWire: (s: DomainInterfaceStats) => ({
      rx_bytes: s.rxBytes, rx_packets: s.rxPackets, rx_errs: s.rxErrs, rx_drop: s.rxDrop,
      tx_bytes: s.txBytes, tx_packets: s.txPackets, tx_errs: s.txErrs, tx_drop: s.txDrop,
    }),
    toDriver: (r) => ({
      rxBytes: r.rx_bytes, rxPackets: r.rx_packets, rxErrs: r.rx_errs, rxDrop: r.rx_drop,
      txBytes: r.tx_bytes, txPackets: r.tx_packets, txErrs: r.tx_errs, txDrop: r.tx_drop,
    }),
  }),
  bind(P.DOMAIN_MEMORY_STATS, 'domainMemoryStats', [dom, ['maxStats', same], flags], {
    toWire: (s: MemoryStat[]) => ({ stats: s.map((x) => ({ tag: x.tag, val: x.val })) }),
    toDriver: (r) => r.stats.map((x: MemoryStat) => ({ tag: x.tag, val: x.val })),
  }),
];
