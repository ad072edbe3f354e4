/** The pool entry points of the storage driver (libvirt's storage_driver.c, pool half). */
import * as C from '../../api/constants.js';
import { POOL_DOCUMENT, POOL_TYPES, formatPoolXML, parsePoolXML, type StoragePoolDef } from '../../conf/storage/index.js';
import { sanitizePath } from '../../conf/storage/perms.js';
import { validateAgainstSchema } from '../../conf/schema.js';
import { filterPools, findPoolForDef } from '../shared/storage-pools.js';
import type { StoragePoolInfo, StoragePoolRef } from '../types.js';
import { buildPoolDir, deletePoolDir } from './dir-pool.js';
import type { StorageDriverState } from './driver-state.js';
import { E, quotedPath, storageCheckFlags, storageError } from './errors.js';
import type { StoragePoolObj } from './pool-obj.js';

const BUILD_FLAGS = C.VIR_STORAGE_POOL_CREATE_WITH_BUILD | C.VIR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE |
  C.VIR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE;

/** The pool types this driver has a backend for (virStorageBackendForType). */
function checkBackend(def: StoragePoolDef): void {
  if (def.type !== 'dir') {
    throw storageError(E.VIR_ERR_INTERNAL_ERROR, `missing backend for pool type ${POOL_TYPES.indexOf(def.type)} (${def.type})`);
  }
}

function event(state: StorageDriverState, obj: StoragePoolObj, type: number, eventId = C.VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE): void {
  state.events.emitPool({ eventId, pool: obj.ref(), event: type, detail: 0 });
}

/** virStoragePoolObjFromStoragePool: by UUID, naming the pool when it is gone. */
export function poolFromRef(state: StorageDriverState, ref: StoragePoolRef): StoragePoolObj {
  const obj = state.byUUID(ref.uuid);
  if (!obj) throw storageError(E.VIR_ERR_NO_STORAGE_POOL, `no storage pool with matching uuid '${ref.uuid}' (${ref.name})`);
  return obj;
}

export function activePool(state: StorageDriverState, ref: StoragePoolRef): StoragePoolObj {
  const obj = poolFromRef(state, ref);
  if (!obj.active) throw storageError(E.VIR_ERR_OPERATION_INVALID, `storage pool '${obj.def.name}' is not active`);
  return obj;
}

function inactivePool(obj: StoragePoolObj, message: string): void {
  if (obj.active) throw storageError(E.VIR_ERR_OPERATION_INVALID, `storage pool '${obj.def.name}' ${message}`);
}

function noAsyncJobs(obj: StoragePoolObj): void {
  if (obj.asyncJobs > 0) throw storageError(E.VIR_ERR_OPERATION_INVALID, `pool '${obj.def.name}' has asynchronous jobs running.`);
}

export function lookupByName(state: StorageDriverState, name: string): StoragePoolRef {
  const obj = state.byName(name);
  if (!obj) throw storageError(E.VIR_ERR_NO_STORAGE_POOL, `no storage pool with matching name '${name}'`);
  return obj.ref();
}

export function lookupByUUID(state: StorageDriverState, uuid: string): StoragePoolRef {
  const obj = state.byUUID(uuid);
  if (!obj) throw storageError(E.VIR_ERR_NO_STORAGE_POOL, `no storage pool with matching uuid '${uuid}'`);
  return obj.ref();
}

export function lookupByTargetPath(state: StorageDriverState, path: string): StoragePoolRef {
  const clean = sanitizePath(path);
  const obj = state.pools.find((p) => p.active && p.def.target.path === clean);
  if (!obj) throw storageError(E.VIR_ERR_NO_STORAGE_POOL, `no storage pool with matching target path ${quotedPath(path, clean)}`);
  return obj.ref();
}

export function listAll(state: StorageDriverState, flags: number): StoragePoolRef[] {
  return filterPools(state.pools, flags).map((p) => p.ref());
}

/** Build (when asked), scan and mark running; a failed scan leaves the pool stopped. */
async function start(state: StorageDriverState, obj: StoragePoolObj, flags: number): Promise<void> {
  if (flags & BUILD_FLAGS) {
    const overwrite = flags & C.VIR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE ? C.VIR_STORAGE_POOL_BUILD_OVERWRITE : 0;
    const noOverwrite = flags & C.VIR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE ? C.VIR_STORAGE_POOL_BUILD_NO_OVERWRITE : 0;
    await buildPoolDir(obj.def, overwrite | noOverwrite);
  }
  obj.asyncJobs += 1;
  try {
    await state.store.saveState(obj.def);
    try {
      await state.refresh(obj);
    } catch (err) {
      await state.store.removeState(obj.def.name);
      throw err;
    }
  } finally {
    obj.asyncJobs -= 1;
  }
  obj.active = true;
  event(state, obj, C.VIR_STORAGE_POOL_EVENT_STARTED);
}

export async function createXML(state: StorageDriverState, xml: string, flags: number): Promise<StoragePoolRef> {
  storageCheckFlags('storagePoolCreateXML', flags, BUILD_FLAGS);
  const def = parsePoolXML(xml);
  checkBackend(def);
  // an inactive pool of the same name and UUID runs with this definition, its own kept for later
  const existing = findPoolForDef(state.pools, def, true);
  const obj = existing ?? state.add(def);
  const saved = { def: obj.def, newDef: obj.newDef };
  if (existing) {
    if (existing.persistent) existing.newDef = existing.def;
    existing.def = def;
  }
  try {
    await start(state, obj, flags);
  } catch (err) {
    if (existing) Object.assign(existing, saved);
    else state.remove(obj);
    throw err;
  }
  return obj.ref();
}

export async function defineXML(state: StorageDriverState, xml: string, flags: number): Promise<StoragePoolRef> {
  storageCheckFlags('storagePoolDefineXML', flags, C.VIR_STORAGE_POOL_DEFINE_VALIDATE);
  if (flags & C.VIR_STORAGE_POOL_DEFINE_VALIDATE) await validateAgainstSchema(xml, POOL_DOCUMENT);
  const def = parsePoolXML(xml);
  checkBackend(def);
  const existing = findPoolForDef(state.pools, def, false);
  await state.store.saveConfig(def);
  let obj: StoragePoolObj;
  if (existing) {
    obj = existing;
    if (obj.active) obj.newDef = def;
    else obj.def = def;
  } else {
    obj = state.add(def);
  }
  obj.persistent = true;
  event(state, obj, C.VIR_STORAGE_POOL_EVENT_DEFINED);
  return obj.ref();
}

export async function undefine(state: StorageDriverState, ref: StoragePoolRef): Promise<void> {
  const obj = poolFromRef(state, ref);
  inactivePool(obj, 'is still active');
  noAsyncJobs(obj);
  await state.store.removeConfig(obj.def.name);
  obj.autostart = false;
  obj.persistent = false;
  event(state, obj, C.VIR_STORAGE_POOL_EVENT_UNDEFINED);
  state.remove(obj);
}

export async function build(state: StorageDriverState, ref: StoragePoolRef, flags: number): Promise<void> {
  const obj = poolFromRef(state, ref);
  inactivePool(obj, 'is already active');
  await buildPoolDir(obj.def, flags);
  event(state, obj, C.VIR_STORAGE_POOL_EVENT_CREATED);
}

export async function create(state: StorageDriverState, ref: StoragePoolRef, flags: number): Promise<void> {
  storageCheckFlags('storagePoolCreate', flags, BUILD_FLAGS);
  const obj = poolFromRef(state, ref);
  inactivePool(obj, 'is already active');
  if (obj.asyncJobs > 0) throw storageError(E.VIR_ERR_OPERATION_INVALID, `storage pool '${obj.def.name}' is starting up`);
  await start(state, obj, flags);
}

export async function destroy(state: StorageDriverState, ref: StoragePoolRef): Promise<void> {
  const obj = activePool(state, ref);
  noAsyncJobs(obj);
  await state.store.removeState(obj.def.name);
  obj.volumes = [];
  obj.active = false;
  event(state, obj, C.VIR_STORAGE_POOL_EVENT_STOPPED);
  if (!obj.persistent) {
    state.remove(obj);
  } else if (obj.newDef) {
    obj.def = obj.newDef;
    obj.newDef = undefined;
  }
}

export async function del(state: StorageDriverState, ref: StoragePoolRef, flags: number): Promise<void> {
  const obj = poolFromRef(state, ref);
  inactivePool(obj, 'is still active');
  noAsyncJobs(obj);
  await deletePoolDir(obj.def, flags);
  event(state, obj, C.VIR_STORAGE_POOL_EVENT_DELETED);
}

export async function refresh(state: StorageDriverState, ref: StoragePoolRef, flags: number): Promise<void> {
  storageCheckFlags('storagePoolRefresh', flags, 0);
  const obj = activePool(state, ref);
  noAsyncJobs(obj);
  await state.refresh(obj);
  event(state, obj, 0, C.VIR_STORAGE_POOL_EVENT_ID_REFRESH);
}

export function getInfo(state: StorageDriverState, ref: StoragePoolRef): StoragePoolInfo {
  const obj = poolFromRef(state, ref);
  return {
    state: obj.active ? C.VIR_STORAGE_POOL_RUNNING : C.VIR_STORAGE_POOL_INACTIVE,
    capacity: obj.def.capacity, allocation: obj.def.allocation, available: obj.def.available,
  };
}

export function getXMLDesc(state: StorageDriverState, ref: StoragePoolRef, flags: number): string {
  storageCheckFlags('storagePoolGetXMLDesc', flags, C.VIR_STORAGE_XML_INACTIVE);
  const obj = poolFromRef(state, ref);
  return formatPoolXML(flags & C.VIR_STORAGE_XML_INACTIVE ? obj.persistentDef : obj.def);
}

export async function setAutostart(state: StorageDriverState, ref: StoragePoolRef, autostart: boolean): Promise<void> {
  const obj = poolFromRef(state, ref);
  if (!obj.persistent) throw storageError(E.VIR_ERR_INVALID_ARG, 'pool has no config file');
  if (obj.autostart === autostart) return;
  await state.store.setAutostart(obj.def.name, autostart);
  obj.autostart = autostart;
}
