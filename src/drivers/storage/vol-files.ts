/**
 * A directory pool's volumes as files: create (raw as a sparse file, other formats through
 * qemu-img), clone, delete, wipe and resize, as libvirt's local storage backend does them.
 */
import { constants as fsConstants } from 'node:fs';
import { chmod, chown, copyFile, mkdir, open, rm, stat, unlink } from 'node:fs/promises';
import * as C from '../../api/constants.js';
import type { StorageVolDef } from '../../conf/storage/index.js';
import { Command } from '../../util/command/index.js';
import { E, storageCheckFlags, storageError, storageSystemError } from './errors.js';

/** VIR_STORAGE_DEFAULT_VOL_PERM_MODE. */
const DEFAULT_VOL_MODE = 0o600;
const ZERO_CHUNK = 1024 * 1024;

const pathOf = (vol: StorageVolDef) => vol.target.path!;

async function runTool(binary: string, args: string[]): Promise<void> {
  await new Command(binary, args).addEnvPassCommon().setErrorBuffer().run();
}

/** Reserve `length` bytes from `offset` (posix_fallocate through util-linux's fallocate). */
async function allocate(path: string, offset: bigint, length: bigint): Promise<void> {
  if (length <= 0n) return;
  await runTool('fallocate', ['-o', offset.toString(), '-l', length.toString(), path]);
}

/** The mode and owner the volume's XML asked for, else libvirt's defaults. */
async function applyPerms(vol: StorageVolDef): Promise<void> {
  const perms = vol.target.perms ?? {};
  const path = pathOf(vol);
  try {
    await chmod(path, perms.mode ?? DEFAULT_VOL_MODE);
    if (perms.owner !== undefined || perms.group !== undefined) await chown(path, perms.owner ?? -1, perms.group ?? -1);
  } catch (err) {
    throw storageSystemError(err, `cannot set mode or owner of '${path}'`);
  }
}

/** storageBackendCreateRaw: a file of the capacity, holes except the first `allocation` bytes. */
async function createRaw(vol: StorageVolDef): Promise<void> {
  const path = pathOf(vol);
  let file;
  try {
    file = await open(path, 'wx', vol.target.perms?.mode ?? DEFAULT_VOL_MODE);
  } catch (err) {
    throw storageSystemError(err, `cannot create path '${path}'`);
  }
  try {
    await file.truncate(Number(vol.capacity));
  } catch (err) {
    throw storageSystemError(err, `cannot extend file '${path}'`);
  } finally {
    await file.close();
  }
  const allocation = vol.allocation < vol.capacity ? vol.allocation : vol.capacity;
  await allocate(path, 0n, allocation);
}

/** qemu-img's -o options for a new image (compat, cluster size, features, backing format). */
function imageOptions(vol: StorageVolDef, backingFormat?: string): string[] {
  const opts: string[] = [];
  if (backingFormat) opts.push(`backing_fmt=${backingFormat}`);
  if (vol.target.format === 'qcow2') {
    opts.push(`compat=${vol.target.compat ?? '1.1'}`);
    if (vol.target.clusterSize > 0n) opts.push(`cluster_size=${vol.target.clusterSize}`);
    if (vol.target.features?.includes('lazy_refcounts')) opts.push('lazy_refcounts');
    if (vol.target.features?.includes('extended_l2')) opts.push('extended_l2=on');
  }
  return opts.length ? ['-o', opts.join(',')] : [];
}

/** storageBackendCreateQemuImg: `qemu-img create -f FORMAT [-b BACKING] [-o ...] PATH SIZEK`. */
async function createImage(vol: StorageVolDef): Promise<void> {
  const backing = vol.backingStore?.path;
  const args = ['create', '-f', vol.target.format ?? 'raw'];
  if (backing) args.push('-b', backing);
  args.push(...imageOptions(vol, backing ? (vol.backingStore?.format ?? 'raw') : undefined));
  // qemu-img takes the size in KiB, rounded up, as libvirt passes it
  args.push(pathOf(vol), `${(vol.capacity + 1023n) / 1024n}K`);
  await runTool('qemu-img', args);
}

/** Create the volume's file (or directory) for a new volume definition. */
export async function buildVolFile(vol: StorageVolDef, flags: number): Promise<void> {
  storageCheckFlags('storageBackendVolBuildLocal', flags, C.VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA);
  const format = vol.target.format ?? 'raw';
  if ((flags & C.VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA) && format !== 'qcow2') {
    throw storageError(E.VIR_ERR_OPERATION_UNSUPPORTED, 'metadata preallocation only available with qcow2');
  }
  try {
    if (format === 'dir') {
      try {
        await mkdir(pathOf(vol), { mode: vol.target.perms?.mode ?? DEFAULT_VOL_MODE });
      } catch (err) {
        throw storageSystemError(err, `cannot create path '${pathOf(vol)}'`);
      }
    } else if (format === 'raw' && !vol.target.encryption) {
      await createRaw(vol);
    } else {
      await createImage(vol);
    }
    await applyPerms(vol);
  } catch (err) {
    // a half-made volume is removed, as libvirt's build functions do
    await rm(pathOf(vol), { recursive: format === 'dir', force: true }).catch(() => undefined);
    throw err;
  }
}

/**
 * A new volume from an existing one (virStorageBackendGetBuildVolFromFunction's local cases):
 * raw into raw is copied, other formats go through `qemu-img convert`; a raw copy is grown to
 * the new capacity and allocated when the XML asked for it.
 */
export async function buildVolFileFrom(vol: StorageVolDef, source: StorageVolDef, flags: number): Promise<void> {
  storageCheckFlags('storageBackendVolBuildLocal', flags, C.VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA | C.VIR_STORAGE_VOL_CREATE_REFLINK);
  const format = vol.target.format ?? 'raw';
  const path = pathOf(vol);
  try {
    const sourceFormat = source.target.format ?? 'raw';
    if (format === 'raw' && sourceFormat === 'raw') {
      // byte for byte, as libvirt copies raw into raw itself (qemu-img would round to sectors)
      await copyFile(pathOf(source), path, fsConstants.COPYFILE_EXCL | fsConstants.COPYFILE_FICLONE);
    } else {
      await runTool('qemu-img', ['convert', '-f', sourceFormat, '-O', format, ...imageOptions(vol), pathOf(source), path]);
    }
    if (format === 'raw') {
      const size = (await stat(path, { bigint: true })).size;
      if (vol.capacity > size) {
        const file = await open(path, 'r+');
        try { await file.truncate(Number(vol.capacity)); } finally { await file.close(); }
      }
      await allocate(path, 0n, vol.allocation < vol.capacity ? vol.allocation : vol.capacity);
    } else if (vol.capacity > source.capacity) {
      await runTool('qemu-img', ['resize', path, vol.capacity.toString()]);
    }
    await applyPerms(vol);
  } catch (err) {
    await rm(path, { force: true }).catch(() => undefined);
    throw err;
  }
}

/** virStorageBackendVolDeleteLocal: unlink the file (rmdir a directory); a file already gone is fine. */
export async function deleteVolFile(vol: StorageVolDef, flags: number): Promise<void> {
  storageCheckFlags('virStorageBackendVolDeleteLocal', flags, 0);
  const path = pathOf(vol);
  try {
    if (vol.type === 'dir') await rm(path, { recursive: false });
    else await unlink(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw storageSystemError(err, vol.type === 'dir' ? `cannot remove directory '${path}'` : `cannot unlink file '${path}'`);
  }
}

/**
 * storageBackendVolWipeLocalFile with the zero algorithm: a sparse file is emptied and grown
 * back (all holes); an allocated one is overwritten with zeros.
 */
export async function wipeVolFile(vol: StorageVolDef): Promise<void> {
  const path = pathOf(vol);
  let file;
  try {
    file = await open(path, 'r+');
  } catch (err) {
    throw storageSystemError(err, `Failed to open storage volume with path '${path}'`);
  }
  try {
    const st = await file.stat({ bigint: true });
    if (st.blocks * 512n < st.size) {
      await file.truncate(0);
      await file.truncate(Number(st.size));
      return;
    }
    const zeros = Buffer.alloc(ZERO_CHUNK);
    for (let at = 0n; at < st.size; at += BigInt(ZERO_CHUNK)) {
      const n = st.size - at < BigInt(ZERO_CHUNK) ? Number(st.size - at) : ZERO_CHUNK;
      await file.write(zeros, 0, n, Number(at));
    }
    await file.sync();
  } catch (err) {
    throw storageSystemError(err, `Failed to wipe vol '${path}'`);
  } finally {
    await file.close();
  }
}

/**
 * virStorageBackendFileSystemVolResize: a raw file is truncated to the new size (and the new
 * part allocated with VIR_STORAGE_VOL_RESIZE_ALLOCATE); an image goes through `qemu-img resize`.
 */
export async function resizeVolFile(vol: StorageVolDef, capacity: bigint, flags: number): Promise<void> {
  storageCheckFlags('virStorageBackendFileSystemVolResize', flags, C.VIR_STORAGE_VOL_RESIZE_ALLOCATE | C.VIR_STORAGE_VOL_RESIZE_SHRINK);
  const path = pathOf(vol);
  const preallocate = Boolean(flags & C.VIR_STORAGE_VOL_RESIZE_ALLOCATE);
  if ((vol.target.format ?? 'raw') === 'raw' && !vol.target.encryption) {
    let file;
    try {
      file = await open(path, 'r+');
    } catch (err) {
      throw storageSystemError(err, `Unable to open '${path}'`);
    }
    try {
      const size = (await file.stat({ bigint: true })).size;
      if (preallocate && capacity > size) await allocate(path, size, capacity - size);
      await file.truncate(Number(capacity));
    } catch (err) {
      throw storageSystemError(err, `Failed to truncate file '${path}'`);
    } finally {
      await file.close();
    }
    return;
  }
  if (preallocate) throw storageError(E.VIR_ERR_OPERATION_UNSUPPORTED, 'preallocate is only supported for raw type volume');
  const args = ['resize'];
  if (flags & C.VIR_STORAGE_VOL_RESIZE_SHRINK) args.push('--shrink');
  args.push(path, capacity.toString());
  await runTool('qemu-img', args);
}
