/**
 * The directory pool's own work on the host (libvirt's fs backend for type 'dir'): build,
 * check, refresh and delete of the target directory.
 */
import { chmod, chown, mkdir, readdir, rmdir, stat, statfs } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as C from '../../api/constants.js';
import type { StoragePoolDef, StorageVolDef } from '../../conf/storage/index.js';
import { createLogger } from '../../log/index.js';
import { ErrorDomain, invalidArgError } from '../../errors/index.js';
import { storageCheckFlags, storageSystemError } from './errors.js';
import type { VolObj } from './pool-obj.js';
import { updateVolFromFile } from './probe.js';

const log = createLogger('storage.dir');

/** VIR_STORAGE_DEFAULT_POOL_PERM_MODE: a new pool directory anyone may traverse, only its owner list. */
const DEFAULT_POOL_MODE = 0o711;

const targetPath = (def: StoragePoolDef) => def.target.path ?? '';

/** virStorageBackendFileSystemBuild for a dir pool: the directory (and its parents), mode and owner. */
export async function buildPoolDir(def: StoragePoolDef, flags: number): Promise<void> {
  storageCheckFlags('virStorageBackendFileSystemBuild', flags, C.VIR_STORAGE_POOL_BUILD_OVERWRITE | C.VIR_STORAGE_POOL_BUILD_NO_OVERWRITE);
  if ((flags & C.VIR_STORAGE_POOL_BUILD_OVERWRITE) && (flags & C.VIR_STORAGE_POOL_BUILD_NO_OVERWRITE)) {
    throw invalidArgError(ErrorDomain.VIR_FROM_STORAGE, 'virStorageBackendFileSystemBuild', 'ctl',
      "Flags 'VIR_STORAGE_POOL_BUILD_OVERWRITE' and 'VIR_STORAGE_POOL_BUILD_NO_OVERWRITE' are mutually exclusive");
  }
  const path = targetPath(def);
  const perms = def.target.perms;
  try {
    await mkdir(dirname(path), { recursive: true, mode: 0o755 });
  } catch (err) {
    throw storageSystemError(err, `cannot create path '${dirname(path)}'`);
  }
  let existed = true;
  try {
    await mkdir(path, { mode: perms.mode ?? DEFAULT_POOL_MODE });
    existed = false;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw storageSystemError(err, `cannot create path '${path}'`);
  }
  try {
    // mkdir's mode passes through the umask; the pool's mode is what it asked for
    const mode = perms.mode ?? (existed ? undefined : DEFAULT_POOL_MODE);
    if (mode !== undefined) await chmod(path, mode);
    if (perms.owner !== undefined || perms.group !== undefined) await chown(path, perms.owner ?? -1, perms.group ?? -1);
  } catch (err) {
    throw storageSystemError(err, `cannot set mode or owner of '${path}'`);
  }
}

/** virStorageBackendFileSystemCheck: a dir pool can run when its directory exists. */
export async function poolDirExists(def: StoragePoolDef): Promise<boolean> {
  try {
    return (await stat(targetPath(def))).isDirectory();
  } catch {
    return false;
  }
}

/** A directory pool's size facts, from statvfs of its directory: libvirt counts root's free blocks as available. */
async function updatePoolSizes(def: StoragePoolDef): Promise<void> {
  const path = targetPath(def);
  let fs;
  try {
    fs = await statfs(path, { bigint: true });
  } catch (err) {
    throw storageSystemError(err, `cannot statvfs path '${path}'`);
  }
  def.capacity = fs.blocks * fs.bsize;
  def.allocation = (fs.blocks - fs.bfree) * fs.bsize;
  def.available = fs.bfree * fs.bsize;
}

/**
 * virStorageBackendFileSystemRefresh: every regular file and directory in the pool directory
 * becomes a volume (name = file name, key = path), probed for its format; the pool takes the
 * directory's permissions and the file system's sizes.
 */
export async function refreshPoolDir(def: StoragePoolDef): Promise<VolObj[]> {
  const path = targetPath(def);
  let names: string[];
  try {
    names = (await readdir(path)).sort();
  } catch (err) {
    throw storageSystemError(err, `cannot open directory '${path}'`);
  }
  const volumes: VolObj[] = [];
  for (const name of names) {
    const vol: StorageVolDef = {
      name, key: join(path, name), type: 'file', capacity: 0n, allocation: 0n, hasAllocation: false, physical: 0n,
      sourceExtents: [], target: { path: join(path, name), format: 'raw', clusterSize: 0n, nocow: false },
    };
    try {
      const st = await stat(vol.target.path!);
      if (!st.isFile() && !st.isDirectory()) continue; // sockets, fifos, devices: not volumes
      await updateVolFromFile(vol, true);
    } catch (err) {
      // a file gone meanwhile or a dangling link is skipped, as libvirt skips it
      log.debug(`skipping '${vol.target.path}': ${(err as Error).message}`);
      continue;
    }
    volumes.push({ def: vol, building: false, inUse: 0 });
  }
  const st = await stat(path);
  def.target.perms = { ...def.target.perms, mode: st.mode & 0o777, owner: st.uid, group: st.gid };
  await updatePoolSizes(def);
  return volumes;
}

/** virStorageBackendFileSystemDelete: remove the (empty) directory. */
export async function deletePoolDir(def: StoragePoolDef, flags: number): Promise<void> {
  storageCheckFlags('virStorageBackendFileSystemDelete', flags, 0);
  try {
    await rmdir(targetPath(def));
  } catch (err) {
    throw storageSystemError(err, `failed to remove pool '${targetPath(def)}'`);
  }
}
