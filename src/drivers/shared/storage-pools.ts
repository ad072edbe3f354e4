/**
 * Pool-list logic every storage driver shares (libvirt's virstorageobj.c): adding a definition
 * with its duplicate and source-conflict checks, the virConnectListAllStoragePools filter, and
 * the volume type a pool type's volumes have.
 */
import * as C from '../../api/constants.js';
import type { StoragePoolDef } from '../../conf/storage/index.js';
import { ErrorDomain, ErrorNumber, virError } from '../../errors/index.js';
import { flagPair } from './list-filter.js';
import { findSourceConflict } from './pool-source-conflict.js';

/** What the shared code needs of a driver's pool object. */
export interface PoolEntry {
  def: StoragePoolDef;
  active: boolean;
  persistent: boolean;
  autostart: boolean;
}

/** virstorageobj.c reports as VIR_FROM_STORAGE. */
const objError = (code: number, detail: string) => virError(ErrorDomain.VIR_FROM_STORAGE, code, detail);

/**
 * virStoragePoolObjListAdd: refuse a source another pool uses, a UUID defined under another
 * name, a name defined under another UUID; an existing pool of the same name and UUID gets the
 * new definition (refused while it runs when `checkLive`). Returns the existing entry or null
 * when the caller is to add a new one.
 */
export function findPoolForDef<P extends PoolEntry>(pools: readonly P[], def: StoragePoolDef, checkLive: boolean): P | null {
  const clash = findSourceConflict(pools.map((p) => p.def), def);
  if (clash) throw objError(ErrorNumber.VIR_ERR_OPERATION_FAILED, `Storage source conflict with pool: '${clash.name}'`);
  const existing = pools.find((p) => p.def.uuid === def.uuid);
  if (existing) {
    if (existing.def.name !== def.name) {
      throw objError(ErrorNumber.VIR_ERR_OPERATION_FAILED, `pool '${existing.def.name}' is already defined with uuid ${existing.def.uuid}`);
    }
    if (checkLive && existing.active) throw objError(ErrorNumber.VIR_ERR_OPERATION_INVALID, `pool is already active as '${existing.def.name}'`);
    return existing;
  }
  const sameName = pools.find((p) => p.def.name === def.name);
  if (sameName) throw objError(ErrorNumber.VIR_ERR_OPERATION_FAILED, `pool '${def.name}' already exists with uuid ${sameName.def.uuid}`);
  return null;
}

const TYPE_FLAGS: Record<string, number> = {
  dir: C.VIR_CONNECT_LIST_STORAGE_POOLS_DIR, fs: C.VIR_CONNECT_LIST_STORAGE_POOLS_FS,
  netfs: C.VIR_CONNECT_LIST_STORAGE_POOLS_NETFS, logical: C.VIR_CONNECT_LIST_STORAGE_POOLS_LOGICAL,
  disk: C.VIR_CONNECT_LIST_STORAGE_POOLS_DISK, iscsi: C.VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI,
  scsi: C.VIR_CONNECT_LIST_STORAGE_POOLS_SCSI, mpath: C.VIR_CONNECT_LIST_STORAGE_POOLS_MPATH,
  rbd: C.VIR_CONNECT_LIST_STORAGE_POOLS_RBD, sheepdog: C.VIR_CONNECT_LIST_STORAGE_POOLS_SHEEPDOG,
  gluster: C.VIR_CONNECT_LIST_STORAGE_POOLS_GLUSTER, zfs: C.VIR_CONNECT_LIST_STORAGE_POOLS_ZFS,
  vstorage: C.VIR_CONNECT_LIST_STORAGE_POOLS_VSTORAGE, 'iscsi-direct': C.VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI_DIRECT,
};
const ANY_TYPE = Object.values(TYPE_FLAGS).reduce((a, b) => a | b, 0);

/** The pools virConnectListAllStoragePools returns for `flags`. */
export function filterPools<P extends PoolEntry>(pools: readonly P[], flags: number): P[] {
  const g = (yes: number, no: number, value: boolean) => flagPair(flags, yes, no, value);
  return pools.filter((p) =>
    g(C.VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE, C.VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE, p.active) &&
    g(C.VIR_CONNECT_LIST_STORAGE_POOLS_PERSISTENT, C.VIR_CONNECT_LIST_STORAGE_POOLS_TRANSIENT, p.persistent) &&
    g(C.VIR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART, C.VIR_CONNECT_LIST_STORAGE_POOLS_NO_AUTOSTART, p.autostart) &&
    (!(flags & ANY_TYPE) || Boolean(flags & (TYPE_FLAGS[p.def.type] ?? 0))));
}

/** The virStorageVolType of a pool type's volumes. */
export const VOL_TYPE_FOR_POOL: Record<string, number> = {
  dir: C.VIR_STORAGE_VOL_FILE, fs: C.VIR_STORAGE_VOL_FILE, netfs: C.VIR_STORAGE_VOL_FILE, vstorage: C.VIR_STORAGE_VOL_FILE,
  logical: C.VIR_STORAGE_VOL_BLOCK, disk: C.VIR_STORAGE_VOL_BLOCK, iscsi: C.VIR_STORAGE_VOL_BLOCK,
  scsi: C.VIR_STORAGE_VOL_BLOCK, mpath: C.VIR_STORAGE_VOL_BLOCK, zfs: C.VIR_STORAGE_VOL_BLOCK,
  rbd: C.VIR_STORAGE_VOL_NETWORK, sheepdog: C.VIR_STORAGE_VOL_NETWORK, gluster: C.VIR_STORAGE_VOL_NETWORK,
  'iscsi-direct': C.VIR_STORAGE_VOL_NETWORK,
};
