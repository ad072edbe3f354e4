/** The volume entry points of the storage driver (libvirt's storage_driver.c, volume half). */
import { access } from 'node:fs/promises';
import type { Duplex } from 'node:stream';
import * as C from '../../api/constants.js';
import { VOLUME_DOCUMENT, VOLUME_TYPES, formatVolXML, parseVolXML } from '../../conf/storage/index.js';
import { sanitizePath } from '../../conf/storage/perms.js';
import { validateAgainstSchema } from '../../conf/schema.js';
import { ErrorDomain, checkFlags } from '../../errors/index.js';
import type { StoragePoolRef, StorageVolInfo, StorageVolRef } from '../types.js';
import type { StorageDriverState } from './driver-state.js';
import { E, quotedPath, storageCheckFlags, storageError } from './errors.js';
import { activePool, poolFromRef } from './pool-ops.js';
import type { StoragePoolObj, VolObj } from './pool-obj.js';
import { updateVolFromFile } from './probe.js';
import { buildVolFile, buildVolFileFrom, deleteVolFile, resizeVolFile, wipeVolFile } from './vol-files.js';
import { openDownloadStream, openUploadStream } from './vol-stream.js';

interface Found { pool: StoragePoolObj; vol: VolObj }

/** virStorageVolDefFromVol: the running pool by name, then the volume. */
function volFromRef(state: StorageDriverState, ref: StorageVolRef): Found {
  const pool = state.byName(ref.pool);
  if (!pool) throw storageError(E.VIR_ERR_NO_STORAGE_POOL, `no storage pool with matching name '${ref.pool}'`);
  if (!pool.active) throw storageError(E.VIR_ERR_OPERATION_INVALID, `storage pool '${pool.def.name}' is not active`);
  const vol = pool.volByName(ref.name);
  if (!vol) throw storageError(E.VIR_ERR_NO_STORAGE_VOL, `no storage vol with matching name '${ref.name}'`);
  return { pool, vol };
}

function notBusy(vol: VolObj, checkInUse = true): void {
  if (checkInUse && vol.inUse > 0) throw storageError(E.VIR_ERR_OPERATION_INVALID, `volume '${vol.def.name}' is still in use.`);
  if (vol.building) throw storageError(E.VIR_ERR_OPERATION_INVALID, `volume '${vol.def.name}' is still being allocated.`);
}

/** The volume's file facts again (libvirt's refreshVol before info and XML). */
async function refreshVol(vol: VolObj): Promise<void> {
  await updateVolFromFile(vol.def, false);
}

export function listVolumes(state: StorageDriverState, ref: StoragePoolRef): StorageVolRef[] {
  const pool = activePool(state, ref);
  return pool.volumes.map((v) => pool.volRef(v));
}

export function listAllVolumes(state: StorageDriverState, ref: StoragePoolRef, flags: number): StorageVolRef[] {
  storageCheckFlags('storagePoolListAllVolumes', flags, 0);
  return listVolumes(state, ref);
}

export function lookupByName(state: StorageDriverState, ref: StoragePoolRef, name: string): StorageVolRef {
  const pool = activePool(state, ref);
  const vol = pool.volByName(name);
  if (!vol) throw storageError(E.VIR_ERR_NO_STORAGE_VOL, `no storage vol with matching name '${name}'`);
  return pool.volRef(vol);
}

function search(state: StorageDriverState, match: (v: VolObj) => boolean): StorageVolRef | undefined {
  for (const pool of state.pools) {
    if (!pool.active) continue;
    const vol = pool.volumes.find(match);
    if (vol) return pool.volRef(vol);
  }
  return undefined;
}

export function lookupByKey(state: StorageDriverState, key: string): StorageVolRef {
  const found = search(state, (v) => v.def.key === key);
  if (!found) throw storageError(E.VIR_ERR_NO_STORAGE_VOL, `no storage vol with matching key ${key}`);
  return found;
}

export function lookupByPath(state: StorageDriverState, path: string): StorageVolRef {
  const clean = sanitizePath(path);
  const found = search(state, (v) => v.def.target.path === clean);
  if (!found) throw storageError(E.VIR_ERR_NO_STORAGE_VOL, `no storage vol with matching path ${quotedPath(path, clean)}`);
  return found;
}

export function poolLookupByVolume(state: StorageDriverState, ref: StorageVolRef): StoragePoolRef {
  const pool = state.byName(ref.pool);
  if (!pool) throw storageError(E.VIR_ERR_NO_STORAGE_POOL, `no storage pool with matching name '${ref.pool}'`);
  return pool.ref();
}

const CREATE_FLAGS = C.VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA | C.VIR_STORAGE_VOL_CREATE_VALIDATE;

async function validateVolXML(xml: string, flags: number): Promise<void> {
  if (!(flags & C.VIR_STORAGE_VOL_CREATE_VALIDATE)) return;
  await validateAgainstSchema(xml, VOLUME_DOCUMENT);
  // libvirt 9.0.0 hands its VIR_VOL_XML_PARSE_VALIDATE (1 << 2) on to virStorageVolDefParseXML,
  // which accepts only NO_CAPACITY | OPT_CAPACITY: a volume that passes the schema is refused.
  checkFlags(ErrorDomain.VIR_FROM_STORAGE, 'virStorageVolDefParseXML', 1 << 2, (1 << 0) | (1 << 1));
}

/**
 * Add the new volume to the pool (marked building), make its file, refresh it and account its
 * allocation to the pool; on failure it is gone again (virStorageBackendVolCreateLocal + build).
 */
async function addAndBuild(pool: StoragePoolObj, def: VolObj['def'], build: () => Promise<void>): Promise<StorageVolRef> {
  if (def.name.includes('/')) throw storageError(E.VIR_ERR_OPERATION_INVALID, `volume name '${def.name}' cannot contain '/'`);
  def.type = def.target.format === 'dir' ? 'dir' : 'file';
  def.target.path = `${pool.def.target.path}/${def.name}`;
  def.key = def.target.path;
  if (await access(def.target.path).then(() => true, () => false)) {
    throw storageError(E.VIR_ERR_OPERATION_INVALID, `volume target path '${def.target.path}' already exists`);
  }
  const vol: VolObj = { def, building: true, inUse: 0 };
  pool.addVolume(vol);
  pool.asyncJobs += 1;
  try {
    await build();
    await refreshVol(vol);
  } catch (err) {
    pool.removeVolume(vol);
    throw err;
  } finally {
    vol.building = false;
    pool.asyncJobs -= 1;
  }
  pool.def.allocation += def.allocation;
  pool.def.available -= def.allocation;
  return pool.volRef(vol);
}

export async function createXML(state: StorageDriverState, ref: StoragePoolRef, xml: string, flags: number): Promise<StorageVolRef> {
  storageCheckFlags('storageVolCreateXML', flags, CREATE_FLAGS);
  await validateVolXML(xml, flags);
  const pool = activePool(state, ref);
  const def = parseVolXML(xml, pool.def, { optCapacity: true });
  if (pool.volByName(def.name)) throw storageError(E.VIR_ERR_STORAGE_VOL_EXIST, `'${def.name}'`);
  return addAndBuild(pool, def, () => buildVolFile(def, flags & ~C.VIR_STORAGE_VOL_CREATE_VALIDATE));
}

export async function createXMLFrom(state: StorageDriverState, ref: StoragePoolRef, xml: string, clone: StorageVolRef, flags: number): Promise<StorageVolRef> {
  storageCheckFlags('storageVolCreateXMLFrom', flags, CREATE_FLAGS | C.VIR_STORAGE_VOL_CREATE_REFLINK);
  await validateVolXML(xml, flags);
  const pool = poolFromRef(state, ref);
  const sourcePool = clone.pool === pool.def.name ? pool : state.byName(clone.pool);
  if (!sourcePool) throw storageError(E.VIR_ERR_NO_STORAGE_POOL, `no storage pool with matching name '${clone.pool}'`);
  for (const p of [pool, sourcePool]) {
    if (!p.active) throw storageError(E.VIR_ERR_OPERATION_INVALID, `storage pool '${p.def.name}' is not active`);
  }
  const source = sourcePool.volByName(clone.name);
  if (!source) throw storageError(E.VIR_ERR_NO_STORAGE_VOL, `no storage vol with matching name '${clone.name}'`);
  const def = parseVolXML(xml, pool.def, { noCapacity: true });
  if (pool.volByName(def.name)) throw storageError(E.VIR_ERR_INTERNAL_ERROR, `storage volume name '${def.name}' already in use.`);
  // the copy is at least as large as its source; without <allocation> it is fully allocated
  if (def.capacity < source.def.capacity) def.capacity = source.def.capacity;
  if (!def.hasAllocation) def.allocation = def.capacity;
  notBusy(source, false);
  await refreshVol(source);
  source.inUse += 1;
  try {
    return await addAndBuild(pool, def, () => buildVolFileFrom(def, source.def, flags & ~C.VIR_STORAGE_VOL_CREATE_VALIDATE));
  } finally {
    source.inUse -= 1;
  }
}

export async function deleteVol(state: StorageDriverState, ref: StorageVolRef, flags: number): Promise<void> {
  storageCheckFlags('storageVolDelete', flags, C.VIR_STORAGE_VOL_DELETE_ZEROED | C.VIR_STORAGE_VOL_DELETE_WITH_SNAPSHOTS);
  const { pool, vol } = volFromRef(state, ref);
  notBusy(vol);
  await deleteVolFile(vol.def, flags);
  pool.def.allocation -= vol.def.allocation;
  pool.def.available += vol.def.allocation;
  pool.removeVolume(vol);
}

/** virStorageVolWipePattern (virStorageVolWipe is its zero algorithm). */
export async function wipe(state: StorageDriverState, ref: StorageVolRef, algorithm: number, flags: number): Promise<void> {
  storageCheckFlags('storageVolWipePattern', flags, 0);
  if (algorithm >= C.VIR_STORAGE_VOL_WIPE_ALG_LAST) {
    throw storageError(E.VIR_ERR_INVALID_ARG, `wiping algorithm ${algorithm} not supported`);
  }
  const { vol } = volFromRef(state, ref);
  notBusy(vol);
  vol.inUse += 1;
  try {
    await wipeVolFile(vol.def, algorithm);
  } finally {
    vol.inUse -= 1;
  }
  await refreshVol(vol);
}

export async function resize(state: StorageDriverState, ref: StorageVolRef, capacity: bigint, flags: number): Promise<void> {
  storageCheckFlags('storageVolResize', flags,
    C.VIR_STORAGE_VOL_RESIZE_ALLOCATE | C.VIR_STORAGE_VOL_RESIZE_DELTA | C.VIR_STORAGE_VOL_RESIZE_SHRINK);
  const { pool, vol } = volFromRef(state, ref);
  notBusy(vol);
  const def = vol.def;
  let target = capacity;
  if (flags & C.VIR_STORAGE_VOL_RESIZE_DELTA) {
    target = flags & C.VIR_STORAGE_VOL_RESIZE_SHRINK
      ? def.capacity - (capacity < def.capacity ? capacity : def.capacity)
      : def.capacity + capacity;
    flags &= ~C.VIR_STORAGE_VOL_RESIZE_DELTA;
  }
  if (target < def.allocation) throw storageError(E.VIR_ERR_INVALID_ARG, "can't shrink capacity below existing allocation");
  if (target < def.capacity && !(flags & C.VIR_STORAGE_VOL_RESIZE_SHRINK)) {
    throw storageError(E.VIR_ERR_INVALID_ARG, "Can't shrink capacity below current capacity unless shrink flag explicitly specified");
  }
  const delta = flags & C.VIR_STORAGE_VOL_RESIZE_ALLOCATE ? target - def.allocation : 0n;
  if (delta > pool.def.available) throw storageError(E.VIR_ERR_OPERATION_FAILED, 'Not enough space left in storage pool');
  await resizeVolFile(def, target, flags);
  def.capacity = target;
  if (flags & C.VIR_STORAGE_VOL_RESIZE_ALLOCATE) {
    def.allocation = target;
    pool.def.allocation += delta;
    pool.def.available -= delta;
  }
}

export async function getInfo(state: StorageDriverState, ref: StorageVolRef, flags: number): Promise<StorageVolInfo> {
  storageCheckFlags('storageVolGetInfoFlags', flags, C.VIR_STORAGE_VOL_GET_PHYSICAL);
  const { vol } = volFromRef(state, ref);
  await refreshVol(vol);
  const allocation = flags & C.VIR_STORAGE_VOL_GET_PHYSICAL ? vol.def.physical : vol.def.allocation;
  return { type: VOLUME_TYPES.indexOf(vol.def.type), capacity: vol.def.capacity, allocation };
}

export async function getXMLDesc(state: StorageDriverState, ref: StorageVolRef, flags: number): Promise<string> {
  storageCheckFlags('storageVolGetXMLDesc', flags, 0);
  const { pool, vol } = volFromRef(state, ref);
  await refreshVol(vol);
  return formatVolXML(vol.def, pool.def);
}

export function getPath(state: StorageDriverState, ref: StorageVolRef): string {
  return volFromRef(state, ref).vol.def.target.path ?? '';
}

/** virStorageVolUpload: the file opened for writing; the pool is scanned again once the stream closes. */
export async function upload(state: StorageDriverState, ref: StorageVolRef, offset: bigint, length: bigint, flags: number): Promise<Duplex> {
  storageCheckFlags('storageVolUpload', flags, C.VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM);
  const { pool, vol } = volFromRef(state, ref);
  notBusy(vol);
  const sparse = (flags & C.VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM) !== 0;
  return openUploadStream(vol.def.target.path!, offset, length, sparse, async () => {
    if (state.pools.includes(pool) && pool.active) await state.refresh(pool).catch(() => undefined);
  });
}

export async function download(state: StorageDriverState, ref: StorageVolRef, offset: bigint, length: bigint, flags: number): Promise<Duplex> {
  storageCheckFlags('storageVolDownload', flags, C.VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM);
  const { vol } = volFromRef(state, ref);
  notBusy(vol, false);
  return openDownloadStream(vol.def.target.path!, offset, length, (flags & C.VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM) !== 0);
}
