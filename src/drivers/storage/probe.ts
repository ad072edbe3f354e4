/**
 * What the files of a directory pool say about themselves: the image format from the header
 * (libvirt's virStorageFileProbeFormat, for the formats a dir pool meets), the guest-visible
 * capacity, allocation, ownership and times from stat. Reads at most one header per file.
 */
import { open, stat } from 'node:fs/promises';
import type { StorageVolDef, VolumeTimestamps } from '../../conf/storage/index.js';

/** Enough of the file to see every header below (the ISO signature sits at 32769). */
const HEADER_BYTES = 32774;

export interface ProbedImage {
  format: string;
  /** Guest-visible size from the header; undefined = the file's size. */
  capacity?: bigint;
  clusterSize?: bigint;
  backingPath?: string;
}

const startsWith = (buf: Buffer, at: number, magic: string) =>
  buf.length >= at + magic.length && buf.toString('latin1', at, at + magic.length) === magic;

/** The image format of a header; raw when nothing matches. */
export function probeHeader(buf: Buffer): ProbedImage {
  if (startsWith(buf, 0, 'QFI\xfb') && buf.length >= 32) {
    const version = buf.readUInt32BE(4);
    if (version === 1) return { format: 'qcow', capacity: buf.readBigUInt64BE(24) };
    const image: ProbedImage = { format: 'qcow2', capacity: buf.readBigUInt64BE(24), clusterSize: 1n << BigInt(buf.readUInt32BE(20)) };
    const backingOffset = Number(buf.readBigUInt64BE(8));
    const backingSize = buf.readUInt32BE(16);
    if (backingOffset > 0 && backingSize > 0 && backingOffset + backingSize <= buf.length) {
      image.backingPath = buf.toString('utf8', backingOffset, backingOffset + backingSize);
    }
    return image;
  }
  if (startsWith(buf, 0, 'QED\0') && buf.length >= 48) return { format: 'qed', capacity: buf.readBigUInt64LE(40) };
  if (startsWith(buf, 0, 'KDMV') && buf.length >= 20) return { format: 'vmdk', capacity: buf.readBigUInt64LE(12) * 512n };
  if (startsWith(buf, 0, 'conectix')) return { format: 'vpc' };
  if (buf.length >= 68 && buf.readUInt32LE(64) === 0xbeda107f) return { format: 'vdi' };
  if (startsWith(buf, 32769, 'CD001')) return { format: 'iso' };
  return { format: 'raw' };
}

export async function probeFile(path: string): Promise<ProbedImage> {
  const file = await open(path, 'r');
  try {
    const buf = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await file.read(buf, 0, HEADER_BYTES, 0);
    return probeHeader(buf.subarray(0, bytesRead));
  } finally {
    await file.close();
  }
}

/** libvirt prints a time as seconds, and nanoseconds only when there are some. */
function formatTime(ns: bigint): string {
  const sec = ns / 1_000_000_000n;
  const frac = ns % 1_000_000_000n;
  return frac === 0n ? sec.toString() : `${sec}.${frac.toString().padStart(9, '0')}`;
}

/**
 * Refresh a volume from its file (virStorageBackendUpdateVolTargetInfo): sizes, permissions,
 * times; the format and header capacity too when `probeFormat` (a pool refresh). A directory
 * is a 'dir' volume.
 */
export async function updateVolFromFile(vol: StorageVolDef, probeFormat: boolean): Promise<void> {
  const path = vol.target.path!;
  const st = await stat(path, { bigint: true });
  const isDir = st.isDirectory();
  let capacity = st.size;
  const format = isDir ? 'dir' : vol.target.format;
  if (isDir) {
    vol.type = 'dir';
    vol.target.format = 'dir';
  } else if (probeFormat || (format !== 'raw' && format !== undefined)) {
    const image = await probeFile(path);
    if (probeFormat) {
      vol.target.format = image.format;
      if (image.clusterSize !== undefined) vol.target.clusterSize = image.clusterSize;
      if (image.backingPath !== undefined) {
        vol.backingStore = { path: image.backingPath, format: 'raw', perms: {}, clusterSize: 0n, nocow: false };
      }
    }
    if (image.format === vol.target.format && image.capacity !== undefined) capacity = image.capacity;
  }
  vol.capacity = capacity;
  vol.allocation = st.blocks * 512n;
  vol.physical = st.size;
  vol.target.perms = { mode: Number(st.mode) & 0o777, owner: Number(st.uid), group: Number(st.gid) };
  const times: VolumeTimestamps = {
    atime: formatTime(st.atimeNs), mtime: formatTime(st.mtimeNs), ctime: formatTime(st.ctimeNs), btime: '0',
  };
  vol.target.timestamps = times;
}
