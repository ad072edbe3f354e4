/** Bindings of the storage pool and volume entry points. */
import type { StoragePoolInfo, StorageVolInfo } from '../../drivers/types.js';
import { REMOTE_STORAGE_POOL_LIST_MAX, REMOTE_STORAGE_VOL_LIST_MAX, procedures as P } from '../../rpc/protocol/remote.js';
import { bind, type Binding } from './binding.js';
import { bool, capped, listAll, same, storagePool, storageVol, uuid } from './convert.js';

const pool = ['pool', storagePool] as const;
const vol = ['vol', storageVol] as const;
const flags = ['flags', same] as const;

export const storageBindings: Binding[] = [
  bind(P.CONNECT_NUM_OF_STORAGE_POOLS, 'connectNumOfStoragePools', [], ['num', same]),
  bind(P.CONNECT_LIST_STORAGE_POOLS, 'connectListStoragePools', [['maxnames', capped(REMOTE_STORAGE_POOL_LIST_MAX)]], ['names', same]),
  bind(P.CONNECT_NUM_OF_DEFINED_STORAGE_POOLS, 'connectNumOfDefinedStoragePools', [], ['num', same]),
  bind(P.CONNECT_LIST_DEFINED_STORAGE_POOLS, 'connectListDefinedStoragePools', [['maxnames', capped(REMOTE_STORAGE_POOL_LIST_MAX)]], ['names', same]),
  bind(P.CONNECT_LIST_ALL_STORAGE_POOLS, 'connectListAllStoragePools', [flags], listAll('pools', storagePool), { wireConst: { need_results: 1 } }),
  bind(P.CONNECT_FIND_STORAGE_POOL_SOURCES, 'connectFindStoragePoolSources', [['type', same], ['srcSpec', same], flags], ['xml', same]),
  bind(P.STORAGE_POOL_LOOKUP_BY_NAME, 'storagePoolLookupByName', [['name', same]], pool),
  bind(P.STORAGE_POOL_LOOKUP_BY_UUID, 'storagePoolLookupByUUID', [['uuid', uuid]], pool),
  bind(P.STORAGE_POOL_LOOKUP_BY_VOLUME, 'storagePoolLookupByVolume', [vol], pool),
  bind(P.STORAGE_POOL_LOOKUP_BY_TARGET_PATH, 'storagePoolLookupByTargetPath', [['path', same]], pool),
  bind(P.STORAGE_POOL_CREATE_XML, 'storagePoolCreateXML', [['xml', same], flags], pool),
  bind(P.STORAGE_POOL_DEFINE_XML, 'storagePoolDefineXML', [['xml', same], flags], pool),
  bind(P.STORAGE_POOL_BUILD, 'storagePoolBuild', [pool, flags], null),
  bind(P.STORAGE_POOL_UNDEFINE, 'storagePoolUndefine', [pool], null),
  bind(P.STORAGE_POOL_CREATE, 'storagePoolCreate', [pool, flags], null),
  bind(P.STORAGE_POOL_DESTROY, 'storagePoolDestroy', [pool], null),
  bind(P.STORAGE_POOL_DELETE, 'storagePoolDelete', [pool, flags], null),
  bind(P.STORAGE_POOL_REFRESH, 'storagePoolRefresh', [pool, flags], null),
  bind(P.STORAGE_POOL_GET_INFO, 'storagePoolGetInfo', [pool], {
    toWire: (i: StoragePoolInfo) => ({ state: i.state, capacity: i.capacity, allocation: i.allocation, available: i.available }),
    toDriver: (r) => ({ state: r.state, capacity: r.capacity, allocation: r.allocation, available: r.available }),
  }),
  bind(P.STORAGE_POOL_GET_XML_DESC, 'storagePoolGetXMLDesc', [pool, flags], ['xml', same]),
  bind(P.STORAGE_POOL_GET_AUTOSTART, 'storagePoolGetAutostart', [pool], ['autostart', bool]),
  bind(P.STORAGE_POOL_SET_AUTOSTART, 'storagePoolSetAutostart', [pool, ['autostart', bool]], null),
  bind(P.STORAGE_POOL_IS_ACTIVE, 'storagePoolIsActive', [pool], ['active', bool]),
  bind(P.STORAGE_POOL_IS_PERSISTENT, 'storagePoolIsPersistent', [pool], ['persistent', bool]),
  bind(P.STORAGE_POOL_NUM_OF_VOLUMES, 'storagePoolNumOfVolumes', [pool], ['num', same]),
  bind(P.STORAGE_POOL_LIST_VOLUMES, 'storagePoolListVolumes', [pool, ['maxnames', capped(REMOTE_STORAGE_VOL_LIST_MAX)]], ['names', same]),
  bind(P.STORAGE_POOL_LIST_ALL_VOLUMES, 'storagePoolListAllVolumes', [pool, flags], listAll('vols', storageVol), { wireConst: { need_results: 1 } }),
  bind(P.STORAGE_VOL_LOOKUP_BY_NAME, 'storageVolLookupByName', [pool, ['name', same]], vol),
  bind(P.STORAGE_VOL_LOOKUP_BY_KEY, 'storageVolLookupByKey', [['key', same]], vol),
  bind(P.STORAGE_VOL_LOOKUP_BY_PATH, 'storageVolLookupByPath', [['path', same]], vol),
  bind(P.STORAGE_VOL_CREATE_XML, 'storageVolCreateXML', [pool, ['xml', same], flags], vol),
  bind(P.STORAGE_VOL_CREATE_XML_FROM, 'storageVolCreateXMLFrom', [pool, ['xml', same], ['clonevol', storageVol], flags], vol),
  bind(P.STORAGE_VOL_DELETE, 'storageVolDelete', [vol, flags], null),
  bind(P.STORAGE_VOL_GET_INFO, 'storageVolGetInfo', [vol], {
    toWire: (i: StorageVolInfo) => ({ type: i.type, capacity: i.capacity, allocation: i.allocation }),
    toDriver: (r) => ({ type: r.type, capacity: r.capacity, allocation: r.allocation }),
  }),
  bind(P.STORAGE_VOL_GET_INFO_FLAGS, 'storageVolGetInfoFlags', [vol, flags], {
    toWire: (i: StorageVolInfo) => ({ type: i.type, capacity: i.capacity, allocation: i.allocation }),
    toDriver: (r) => ({ type: r.type, capacity: r.capacity, allocation: r.allocation }),
  }),
  bind(P.STORAGE_VOL_GET_XML_DESC, 'storageVolGetXMLDesc', [vol, flags], ['xml', same]),
  bind(P.STORAGE_VOL_GET_PATH, 'storageVolGetPath', [vol], ['name', same]),
  bind(P.STORAGE_VOL_WIPE, 'storageVolWipe', [vol, flags], null),
  bind(P.STORAGE_VOL_WIPE_PATTERN, 'storageVolWipePattern', [vol, ['algorithm', same], flags], null),
  bind(P.STORAGE_VOL_RESIZE, 'storageVolResize', [vol, ['capacity', same], flags], null),
];
