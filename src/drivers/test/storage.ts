import { POOL_DOCUMENT, VOLUME_DOCUMENT, formatPoolXML, formatVolXML, parsePoolXML, parseVolXML, type StoragePoolDef } from '../../conf/storage/index.js';
import * as C from '../../api/constants.js';
import { ErrorDomain, checkFlags } from '../../errors/index.js';
import type { StoragePoolInfo, StoragePoolRef, StorageVolInfo, StorageVolRef } from '../types.js';
import { E, testCheckFlags, testError } from './errors.js';
import { setPoolDefaults } from './node-file.js';
import type { PoolObj } from './objects.js';
import type { TestState } from './state.js';
import { VOL_TYPE_FOR_POOL, filterPools, findPoolForDef } from '../shared/storage-pools.js';
import { validateAgainstSchema } from '../../conf/schema.js';
import { createVport, destroyVport, isFcHostPool } from './vport.js';

const ref = (obj: PoolObj): StoragePoolRef => ({ name: obj.def.name, uuid: obj.def.uuid });

function byName(state: TestState, name: string): PoolObj {
  const obj = state.poolByName(name);
  if (!obj) throw testError(E.VIR_ERR_NO_STORAGE_POOL, `no storage pool with matching name '${name}'`);
  return obj;
}

function activeByName(state: TestState, name: string): PoolObj {
  const obj = byName(state, name);
  if (!obj.active) throw testError(E.VIR_ERR_OPERATION_INVALID, `storage pool '${name}' is not active`);
  return obj;
}

function inactiveByName(state: TestState, name: string): PoolObj {
  const obj = byName(state, name);
  if (obj.active) throw testError(E.VIR_ERR_OPERATION_INVALID, `storage pool '${name}' is active`);
  return obj;
}

function event(state: TestState, obj: PoolObj, type: number, eventId = C.VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE): void {
  state.events.emitPool({ eventId, pool: ref(obj), event: type, detail: 0 });
}

/** virStoragePoolObjListAdd: the shared checks, then a new entry or the existing one redefined. */
function add(state: TestState, def: StoragePoolDef, checkLive: boolean): PoolObj {
  const existing = findPoolForDef(state.pools, def, checkLive);
  if (existing) {
    existing.def = def;
    return existing;
  }
  const obj: PoolObj = { def, active: false, persistent: false, autostart: false, volumes: [] };
  state.pools.push(obj);
  return obj;
}

function removePool(state: TestState, obj: PoolObj): void {
  const at = state.pools.indexOf(obj);
  if (at >= 0) state.pools.splice(at, 1);
}

export function lookupByName(state: TestState, name: string): StoragePoolRef {
  return ref(byName(state, name));
}

function byUUID(state: TestState, uuid: string): PoolObj {
  const obj = state.poolByUUID(uuid);
  if (!obj) throw testError(E.VIR_ERR_NO_STORAGE_POOL, `no storage pool with matching uuid '${uuid}'`);
  return obj;
}

export function lookupByUUID(state: TestState, uuid: string): StoragePoolRef {
  return ref(byUUID(state, uuid));
}

export function createXML(state: TestState, xml: string, flags: number): StoragePoolRef {
  testCheckFlags('testStoragePoolCreateXML', flags, 0);
  const obj = add(state, parsePoolXML(xml), true);
  try {
    createVport(state, obj.def);
  } catch (err) {
    removePool(state, obj);
    throw err;
  }
  setPoolDefaults(obj.def);
  // libvirt's test driver drops the config file here, even of a defined pool it started over.
  obj.persistent = false;
  obj.active = true;
  event(state, obj, C.VIR_STORAGE_POOL_EVENT_STARTED);
  return ref(obj);
}

export async function defineXML(state: TestState, xml: string, flags: number): Promise<StoragePoolRef> {
  testCheckFlags('testStoragePoolDefineXML', flags, C.VIR_STORAGE_POOL_DEFINE_VALIDATE);
  if (flags & C.VIR_STORAGE_POOL_DEFINE_VALIDATE) await validateAgainstSchema(xml, POOL_DOCUMENT);
  const def = parsePoolXML(xml);
  setPoolDefaults(def);
  const obj = add(state, def, false);
  obj.persistent = true;
  event(state, obj, C.VIR_STORAGE_POOL_EVENT_DEFINED);
  return ref(obj);
}

export function undefine(state: TestState, pool: StoragePoolRef): void {
  const obj = inactiveByName(state, pool.name);
  event(state, obj, C.VIR_STORAGE_POOL_EVENT_UNDEFINED);
  removePool(state, obj);
}

export function build(state: TestState, pool: StoragePoolRef, flags: number): void {
  testCheckFlags('testStoragePoolBuild', flags, 0);
  event(state, inactiveByName(state, pool.name), C.VIR_STORAGE_POOL_EVENT_CREATED);
}

export function create(state: TestState, pool: StoragePoolRef, flags: number): void {
  testCheckFlags('testStoragePoolCreate', flags, 0);
  const obj = inactiveByName(state, pool.name);
  obj.active = true;
  event(state, obj, C.VIR_STORAGE_POOL_EVENT_STARTED);
}

export function destroy(state: TestState, pool: StoragePoolRef): void {
  const obj = activeByName(state, pool.name);
  obj.active = false;
  // as libvirt, a missing vHBA fails the call but leaves the pool stopped
  if (isFcHostPool(obj.def)) destroyVport(state);
  event(state, obj, C.VIR_STORAGE_POOL_EVENT_STOPPED);
  if (!obj.persistent) removePool(state, obj);
}

export function del(state: TestState, pool: StoragePoolRef, flags: number): void {
  testCheckFlags('testStoragePoolDelete', flags, 0);
  event(state, inactiveByName(state, pool.name), C.VIR_STORAGE_POOL_EVENT_DELETED);
}

export function refresh(state: TestState, pool: StoragePoolRef, flags: number): void {
  testCheckFlags('testStoragePoolRefresh', flags, 0);
  event(state, activeByName(state, pool.name), 0, C.VIR_STORAGE_POOL_EVENT_ID_REFRESH);
}

export function getInfo(state: TestState, pool: StoragePoolRef): StoragePoolInfo {
  const obj = byName(state, pool.name);
  return {
    state: obj.active ? C.VIR_STORAGE_POOL_RUNNING : C.VIR_STORAGE_POOL_INACTIVE,
    capacity: obj.def.capacity, allocation: obj.def.allocation, available: obj.def.available,
  };
}

export function getXMLDesc(state: TestState, pool: StoragePoolRef, flags: number): string {
  // libvirt's test driver accepts no flags here, not even VIR_STORAGE_XML_INACTIVE.
  testCheckFlags('testStoragePoolGetXMLDesc', flags, 0);
  return formatPoolXML(byName(state, pool.name).def);
}

export function setAutostart(state: TestState, pool: StoragePoolRef, autostart: boolean): void {
  const obj = byName(state, pool.name);
  if (!obj.persistent) throw testError(E.VIR_ERR_INVALID_ARG, 'pool has no config file');
  obj.autostart = autostart;
}

export function find(state: TestState, pool: StoragePoolRef): PoolObj {
  return byName(state, pool.name);
}

/** The pool as libvirt's isActive/isPersistent find it: by UUID. */
export function findByUUID(state: TestState, pool: StoragePoolRef): PoolObj {
  return byUUID(state, pool.uuid);
}

export function listAll(state: TestState, flags: number): StoragePoolRef[] {
  return filterPools(state.pools, flags).map(ref);
}

// Volumes ---------------------------------------------------------------------------------------

const volRef = (pool: PoolObj, vol: PoolObj['volumes'][number]): StorageVolRef => ({ pool: pool.def.name, name: vol.name, key: vol.key ?? '' });

function volByName(obj: PoolObj, name: string) {
  const vol = obj.volumes.find((v) => v.name === name);
  if (!vol) throw testError(E.VIR_ERR_NO_STORAGE_VOL, `no storage vol with matching name '${name}'`);
  return vol;
}

export function listVolumes(state: TestState, pool: StoragePoolRef): StorageVolRef[] {
  const obj = activeByName(state, pool.name);
  return obj.volumes.map((v) => volRef(obj, v));
}

/** testStoragePoolListAllVolumes finds the pool by UUID and words its inactive error without the name. */
export function listAllVolumes(state: TestState, pool: StoragePoolRef): StorageVolRef[] {
  const obj = state.poolByUUID(pool.uuid);
  if (!obj) throw testError(E.VIR_ERR_NO_STORAGE_POOL, `no storage pool with matching uuid '${pool.uuid}'`);
  if (!obj.active) throw testError(E.VIR_ERR_OPERATION_INVALID, 'storage pool is not active');
  return obj.volumes.map((v) => volRef(obj, v));
}

export function volLookupByName(state: TestState, pool: StoragePoolRef, name: string): StorageVolRef {
  const obj = activeByName(state, pool.name);
  return volRef(obj, volByName(obj, name));
}

function searchVolumes(state: TestState, match: (v: PoolObj['volumes'][number]) => boolean): StorageVolRef | undefined {
  for (const pool of state.pools) {
    if (!pool.active) continue;
    const vol = pool.volumes.find(match);
    if (vol) return volRef(pool, vol);
  }
  return undefined;
}

export function volLookupByKey(state: TestState, key: string): StorageVolRef {
  const found = searchVolumes(state, (v) => v.key === key);
  if (!found) throw testError(E.VIR_ERR_NO_STORAGE_VOL, `no storage vol with matching key '${key}'`);
  return found;
}

export function volLookupByPath(state: TestState, path: string): StorageVolRef {
  const found = searchVolumes(state, (v) => v.target.path === path);
  if (!found) throw testError(E.VIR_ERR_NO_STORAGE_VOL, `no storage vol with matching path '${path}'`);
  return found;
}

export async function volCreateXML(state: TestState, pool: StoragePoolRef, xml: string, flags: number, from?: StorageVolRef): Promise<StorageVolRef> {
  testCheckFlags(from ? 'testStorageVolCreateXMLFrom' : 'testStorageVolCreateXML', flags, C.VIR_STORAGE_VOL_CREATE_VALIDATE);
  activeByName(state, pool.name);
  if (flags & C.VIR_STORAGE_VOL_CREATE_VALIDATE) {
    await validateAgainstSchema(xml, VOLUME_DOCUMENT);
    // libvirt 9.0.0 hands its VIR_VOL_XML_PARSE_VALIDATE (1 << 2) on to virStorageVolDefParseXML,
    // which accepts only NO_CAPACITY | OPT_CAPACITY: a volume that passes the schema is refused.
    checkFlags(ErrorDomain.VIR_FROM_STORAGE, 'virStorageVolDefParseXML', 1 << 2, (1 << 0) | (1 << 1));
  }
  const obj = activeByName(state, pool.name);
  const vol = parseVolXML(xml, obj.def);
  if (obj.volumes.some((v) => v.name === vol.name)) throw testError(E.VIR_ERR_OPERATION_FAILED, 'storage vol already exists');
  // libvirt's test driver looks the source up by name in the target pool, so a clone across pools fails.
  if (from) volByName(obj, from.name);
  if (obj.def.allocation + vol.allocation > obj.def.capacity) {
    throw testError(E.VIR_ERR_INTERNAL_ERROR, `Not enough free space in pool for volume '${vol.name}'`);
  }
  // a pool without a target path (network pools) gives glibc's "(null)", as libvirt prints it
  vol.target.path = `${obj.def.target.path ?? '(null)'}/${vol.name}`;
  vol.key = vol.target.path;
  obj.volumes.push(vol);
  obj.def.allocation += vol.allocation;
  obj.def.available = obj.def.capacity - obj.def.allocation;
  return volRef(obj, vol);
}

export function volDelete(state: TestState, vol: StorageVolRef, flags: number): void {
  testCheckFlags('testStorageVolDelete', flags, 0);
  const obj = activeByName(state, vol.pool);
  const def = volByName(obj, vol.name);
  obj.def.allocation -= def.allocation;
  obj.def.available = obj.def.capacity - obj.def.allocation;
  obj.volumes.splice(obj.volumes.indexOf(def), 1);
}

export function volGetInfo(state: TestState, vol: StorageVolRef): StorageVolInfo {
  const obj = activeByName(state, vol.pool);
  const def = volByName(obj, vol.name);
  const type = VOL_TYPE_FOR_POOL[obj.def.type];
  if (type === undefined) throw testError(E.VIR_ERR_INTERNAL_ERROR, `pool type ${obj.def.type} not handled`);
  return { type, capacity: def.capacity, allocation: def.allocation };
}

export function volGetXMLDesc(state: TestState, vol: StorageVolRef, flags: number): string {
  testCheckFlags('testStorageVolGetXMLDesc', flags, 0);
  const obj = activeByName(state, vol.pool);
  return formatVolXML(volByName(obj, vol.name), obj.def);
}

export function volGetPath(state: TestState, vol: StorageVolRef): string {
  const obj = activeByName(state, vol.pool);
  return volByName(obj, vol.name).target.path ?? '';
}

export function poolLookupByVolume(state: TestState, vol: StorageVolRef): StoragePoolRef {
  const obj = state.poolByName(vol.pool);
  if (!obj) throw testError(E.VIR_ERR_NO_STORAGE_POOL, `no storage pool with matching name '${vol.pool}'`);
  return ref(obj);
}
