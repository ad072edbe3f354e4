/**
 * A directory pool's volumes as files: create (raw as a sparse file, other formats through
 * qemu-img), clone, delete, wipe and resize, as libvirt's local storage backend does them.
 */
import { chmod, chown, mkdir, open, rm, unlink, type FileHandle } from 'node:fs/promises';
import * as C from '../../api/constants.js';
import type { StorageVolDef } from '../../conf/storage/index.js';
import { isVirError } from '../../errors/index.js';
import { Command } from '../../util/command/index.js';
import { E, storageCheckFlags, storageError, storageSystemError } from './errors.js';

/** VIR_STORAGE_DEFAULT_VOL_PERM_MODE. */
const DEFAULT_VOL_MODE = 0o600;
const ZERO_CHUNK = 1024 * 1024;

const pathOf = (vol: StorageVolDef) => vol.target.path!;

async function runTool(binary: string, args: string[]): Promise<void> {
  await new Command(binary, args).addEnvPassCommon().setErrorBuffer().run();
}

/**
 * Reserve `length` bytes from `offset`: fallocate(2) through util-linux's fallocate; where the
 * file system has none, zeros are written, as libvirt's safezero falls back to.
 */
async function allocate(path: string, offset: bigint, length: bigint): Promise<void> {
  if (length <= 0n) return;
  try {
    await runTool('fallocate', ['-o', offset.toString(), '-l', length.toString(), path]);
  } catch (err) {
    if (!(isVirError(err) && /Operation not supported|Function not implemented/.test(err.message))) throw err;
    const file = await open(path, 'r+');
    try {
      await writeZeros(file, offset, length);
    } catch (e) {
      throw storageSystemError(e, `cannot fill file '${path}'`);
    } finally {
      await file.close();
    }
  }
}

/** Zeros over `length` bytes from `offset` of an open file, synced. */
async function writeZeros(file: FileHandle, offset: bigint, length: bigint): Promise<void> {
  const zeros = Buffer.alloc(ZERO_CHUNK);
  for (let at = 0n; at < length; at += BigInt(ZERO_CHUNK)) {
    const n = length - at < BigInt(ZERO_CHUNK) ? Number(length - at) : ZERO_CHUNK;
    await file.write(zeros, 0, n, Number(offset + at));
  }
  await file.sync();
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

/** The block size sparse copies look at: all-zero blocks of it are left as holes. */
const COPY_BLOCK = 4096;

/**
 * createRawFile with an input volume: the new file gets the capacity at once; it is allocated
 * and every byte copied when the allocation reaches the source's capacity, else only the
 * source's non-zero blocks are written (the copy stays sparse).
 */
async function copyRaw(vol: StorageVolDef, source: StorageVolDef): Promise<void> {
  const path = pathOf(vol);
  const sparse = vol.allocation < source.capacity;
  const out = await open(path, 'wx', vol.target.perms?.mode ?? DEFAULT_VOL_MODE).catch((err) => {
    throw storageSystemError(err, `cannot create path '${path}'`);
  });
  try {
    await out.truncate(Number(vol.capacity)).catch((err) => { throw storageSystemError(err, `cannot extend file '${path}'`); });
    if (!sparse) await allocate(path, 0n, vol.allocation);
    const input = await open(pathOf(source), 'r').catch((err) => {
      throw storageSystemError(err, `could not open input path '${pathOf(source)}'`);
    });
    try {
      const buf = Buffer.alloc(ZERO_CHUNK);
      for (let at = 0; at < Number(source.capacity);) {
        const { bytesRead } = await input.read(buf, 0, Math.min(ZERO_CHUNK, Number(source.capacity) - at), at);
        if (bytesRead === 0) break;
        for (let off = 0; off < bytesRead; off += COPY_BLOCK) {
          const block = buf.subarray(off, Math.min(off + COPY_BLOCK, bytesRead));
          if (sparse && block.every((b) => b === 0)) continue;
          await out.write(block, 0, block.length, at + off);
        }
        at += bytesRead;
      }
    } finally {
      await input.close();
    }
    await out.sync();
  } finally {
    await out.close();
  }
}

/**
 * A new volume from an existing one (virStorageBackendGetBuildVolFromFunction's local cases):
 * raw into raw is copied here (sparse when the new allocation is below the source's capacity),
 * other formats go through `qemu-img convert`, and an image grown to the new capacity.
 */
export async function buildVolFileFrom(vol: StorageVolDef, source: StorageVolDef, flags: number): Promise<void> {
  storageCheckFlags('storageBackendVolBuildLocal', flags, C.VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA | C.VIR_STORAGE_VOL_CREATE_REFLINK);
  const format = vol.target.format ?? 'raw';
  const sourceFormat = source.target.format ?? 'raw';
  const path = pathOf(vol);
  try {
    if (format === 'raw' && sourceFormat === 'raw') {
      await copyRaw(vol, source);
    } else {
      await runTool('qemu-img', ['convert', '-f', sourceFormat, '-O', format, ...imageOptions(vol), pathOf(source), path]);
      if (vol.capacity > source.capacity) await runTool('qemu-img', ['resize', '-f', format, path, vol.capacity.toString()]);
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

/** scrub's names of the wipe algorithms, by VIR_STORAGE_VOL_WIPE_ALG_* (zero and trim are ours). */
const SCRUB_PATTERNS = ['zero', 'nnsa', 'dod', 'bsi', 'gutmann', 'schneier', 'pfitzner7', 'pfitzner33', 'random'];

/**
 * storageBackendVolWipeLocalFile: the zero algorithm empties a sparse file and grows it back
 * (all holes) or overwrites the allocated bytes with zeros; the others run `scrub -f -p NAME`.
 */
export async function wipeVolFile(vol: StorageVolDef, algorithm: number): Promise<void> {
  const path = pathOf(vol);
  let file;
  try {
    file = await open(path, 'r+');
  } catch (err) {
    throw storageSystemError(err, `Failed to open storage volume with path '${path}'`);
  }
  try {
    if (algorithm === C.VIR_STORAGE_VOL_WIPE_ALG_TRIM) {
      throw storageError(E.VIR_ERR_ARGUMENT_UNSUPPORTED, "'trim' algorithm not supported");
    }
    if (algorithm !== C.VIR_STORAGE_VOL_WIPE_ALG_ZERO) {
      await runTool('scrub', ['-f', '-p', SCRUB_PATTERNS[algorithm]!, path]);
      return;
    }
    const st = await file.stat({ bigint: true });
    if (st.isFile() && st.blocks * 512n < st.size) {
      await file.truncate(0);
      await file.truncate(Number(st.size));
      return;
    }
    await writeZeros(file, 0n, vol.allocation);
  } catch (err) {
    if (isVirError(err)) throw err;
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
