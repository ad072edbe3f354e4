/**
 * Bindings of the host services beyond domains: node device lifecycle, domain and pool
 * capabilities, CPU comparison and baselines, huge pages, host memory tuning and suspend, SEV,
 * secrets and network filters.
 */
import type { NWFilterBindingRef, NWFilterRef, SecretRef, TypedParam } from '../../drivers/types.js';
import {
  REMOTE_NODE_MEMORY_PARAMETERS_MAX, REMOTE_NWFILTER_LIST_MAX, REMOTE_SECRET_LIST_MAX, procedures as P,
  type remote_nonnull_nwfilter, type remote_nonnull_nwfilter_binding, type remote_nonnull_secret,
} from '../../rpc/protocol/remote.js';
import { bind, type Binding, type Conv } from './binding.js';
import { bool, capped, list, listAll, nodeDevice, nodeDeviceName, same, typedParam, uuid } from './convert.js';
import { countRequest, countedParams } from './domain-tunables.js';

const flags = ['flags', same] as const;
const dev = ['name', nodeDeviceName] as const;

const secret: Conv<remote_nonnull_secret, SecretRef> = {
  toDriver: (w) => ({ uuid: uuid.toDriver(w.uuid), usageType: w.usageType, usageID: w.usageID }),
  toWire: (d) => ({ uuid: uuid.toWire(d.uuid), usageType: d.usageType, usageID: d.usageID }),
};
const nwfilter: Conv<remote_nonnull_nwfilter, NWFilterRef> = {
  toDriver: (w) => ({ name: w.name, uuid: uuid.toDriver(w.uuid) }),
  toWire: (d) => ({ name: d.name, uuid: uuid.toWire(d.uuid) }),
};
const nwfilterBinding: Conv<remote_nonnull_nwfilter_binding, NWFilterBindingRef> = {
  toDriver: (w) => ({ portdev: w.portdev, filtername: w.filtername }),
  toWire: (d) => ({ portdev: d.portdev, filtername: d.filtername }),
};
const sec = ['secret', secret] as const;
const filter = ['nwfilter', nwfilter] as const;
const filterBinding = ['nwfilter', nwfilterBinding] as const;
/** The hypervisor selectors of the hypervisor-CPU calls. */
const hypervisor = [['emulator', same], ['arch', same], ['machine', same], ['virttype', same]] as const;
/** SEV parameters: every one the host has, whatever the caller's nparams. */
const allParams = {
  toWire: (params: TypedParam[]) => ({ params: params.map(typedParam.toWire), nparams: params.length }),
  toDriver: (r: { params: Parameters<typeof typedParam.toDriver>[0][] }) => r.params.map(typedParam.toDriver),
};

export const hostServiceBindings: Binding[] = [
  bind(P.NODE_DEVICE_LOOKUP_SCSI_HOST_BY_WWN, 'nodeDeviceLookupSCSIHostByWWN', [['wwnn', same], ['wwpn', same], flags], ['dev', nodeDevice]),
  bind(P.NODE_DEVICE_CREATE_XML, 'nodeDeviceCreateXML', [['xml_desc', same], flags], ['dev', nodeDevice]),
  bind(P.NODE_DEVICE_DEFINE_XML, 'nodeDeviceDefineXML', [['xml_desc', same], flags], ['dev', nodeDevice]),
  bind(P.NODE_DEVICE_UNDEFINE, 'nodeDeviceUndefine', [dev, flags], null),
  bind(P.NODE_DEVICE_CREATE, 'nodeDeviceCreate', [dev, flags], null),
  bind(P.NODE_DEVICE_GET_AUTOSTART, 'nodeDeviceGetAutostart', [dev], ['autostart', bool]),
  bind(P.NODE_DEVICE_SET_AUTOSTART, 'nodeDeviceSetAutostart', [dev, ['autostart', bool]], null),
  bind(P.NODE_DEVICE_IS_PERSISTENT, 'nodeDeviceIsPersistent', [dev], ['persistent', bool]),
  bind(P.NODE_DEVICE_IS_ACTIVE, 'nodeDeviceIsActive', [dev], ['active', bool]),
  bind(P.NODE_DEVICE_DETACH_FLAGS, 'nodeDeviceDetachFlags', [dev, ['driverName', same], flags], null),
  bind(P.NODE_DEVICE_DETTACH, 'nodeDeviceDetachFlags', [dev], null, { legacy: true, api: 'virNodeDeviceDettach', driverTail: [null, 0] }),
  bind(P.NODE_DEVICE_RE_ATTACH, 'nodeDeviceReAttach', [dev], null),
  bind(P.NODE_DEVICE_RESET, 'nodeDeviceReset', [dev], null),

  bind(P.CONNECT_GET_DOMAIN_CAPABILITIES, 'connectGetDomainCapabilities', [['emulatorbin', same], ['arch', same], ['machine', same], ['virttype', same], flags],
    ['capabilities', same]),
  bind(P.CONNECT_GET_STORAGE_POOL_CAPABILITIES, 'connectGetStoragePoolCapabilities', [flags], ['capabilities', same]),
  bind(P.CONNECT_COMPARE_CPU, 'connectCompareCPU', [['xml', same], flags], ['result', same]),
  bind(P.CONNECT_BASELINE_CPU, 'connectBaselineCPU', [['xmlCPUs', same], flags], ['cpu', same]),
  bind(P.CONNECT_COMPARE_HYPERVISOR_CPU, 'connectCompareHypervisorCPU', [...hypervisor, ['xmlCPU', same], flags], ['result', same]),
  bind(P.CONNECT_BASELINE_HYPERVISOR_CPU, 'connectBaselineHypervisorCPU', [...hypervisor, ['xmlCPUs', same], flags], ['cpu', same]),
  bind(P.NODE_ALLOC_PAGES, 'nodeAllocPages', [['pageSizes', same], ['pageCounts', same], ['startCell', same], ['cellCount', same], flags], ['ret', same]),
  bind(P.NODE_GET_MEMORY_PARAMETERS, 'nodeGetMemoryParameters', [flags, countRequest(REMOTE_NODE_MEMORY_PARAMETERS_MAX)], countedParams),
  bind(P.NODE_SET_MEMORY_PARAMETERS, 'nodeSetMemoryParameters', [['params', list(typedParam)], flags], null),
  bind(P.NODE_SUSPEND_FOR_DURATION, 'nodeSuspendForDuration', [['target', same], ['duration', same], flags], null),
  bind(P.NODE_GET_SEV_INFO, 'nodeGetSEVInfo', [flags], allParams, { wireConst: { nparams: 0 } }),

  bind(P.CONNECT_NUM_OF_SECRETS, 'connectNumOfSecrets', [], ['num', same]),
  bind(P.CONNECT_LIST_SECRETS, 'connectListSecrets', [['maxuuids', capped(REMOTE_SECRET_LIST_MAX)]], ['uuids', same]),
  bind(P.CONNECT_LIST_ALL_SECRETS, 'connectListAllSecrets', [flags], listAll('secrets', secret), { wireConst: { need_results: 1 } }),
  bind(P.SECRET_LOOKUP_BY_UUID, 'secretLookupByUUID', [['uuid', uuid]], sec),
  bind(P.SECRET_LOOKUP_BY_USAGE, 'secretLookupByUsage', [['usageType', same], ['usageID', same]], sec),
  bind(P.SECRET_DEFINE_XML, 'secretDefineXML', [['xml', same], flags], sec),
  bind(P.SECRET_GET_XML_DESC, 'secretGetXMLDesc', [sec, flags], ['xml', same]),
  bind(P.SECRET_SET_VALUE, 'secretSetValue', [sec, ['value', same], flags], null),
  bind(P.SECRET_GET_VALUE, 'secretGetValue', [sec, flags], ['value', same]),
  bind(P.SECRET_UNDEFINE, 'secretUndefine', [sec], null),

  bind(P.CONNECT_NUM_OF_NWFILTERS, 'connectNumOfNWFilters', [], ['num', same]),
  bind(P.CONNECT_LIST_NWFILTERS, 'connectListNWFilters', [['maxnames', capped(REMOTE_NWFILTER_LIST_MAX)]], ['names', same]),
  bind(P.CONNECT_LIST_ALL_NWFILTERS, 'connectListAllNWFilters', [flags], listAll('filters', nwfilter), { wireConst: { need_results: 1 } }),
  bind(P.NWFILTER_LOOKUP_BY_NAME, 'nwfilterLookupByName', [['name', same]], filter),
  bind(P.NWFILTER_LOOKUP_BY_UUID, 'nwfilterLookupByUUID', [['uuid', uuid]], filter),
  bind(P.NWFILTER_DEFINE_XML_FLAGS, 'nwfilterDefineXMLFlags', [['xml', same], flags], filter),
  bind(P.NWFILTER_DEFINE_XML, 'nwfilterDefineXMLFlags', [['xml', same]], filter, { legacy: true, api: 'virNWFilterDefineXML', driverTail: [0] }),
  bind(P.NWFILTER_GET_XML_DESC, 'nwfilterGetXMLDesc', [filter, flags], ['xml', same]),
  bind(P.NWFILTER_UNDEFINE, 'nwfilterUndefine', [filter], null),
  bind(P.CONNECT_LIST_ALL_NWFILTER_BINDINGS, 'connectListAllNWFilterBindings', [flags], listAll('bindings', nwfilterBinding), { wireConst: { need_results: 1 } }),
  bind(P.NWFILTER_BINDING_LOOKUP_BY_PORT_DEV, 'nwfilterBindingLookupByPortDev', [['name', same]], filterBinding),
  bind(P.NWFILTER_BINDING_CREATE_XML, 'nwfilterBindingCreateXML', [['xml', same], flags], filterBinding),
  bind(P.NWFILTER_BINDING_GET_XML_DESC, 'nwfilterBindingGetXMLDesc', [filterBinding, flags], ['xml', same]),
  bind(P.NWFILTER_BINDING_DELETE, 'nwfilterBindingDelete', [filterBinding], null),
];
