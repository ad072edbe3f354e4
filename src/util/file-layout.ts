/**
 * Where a file's data and holes lie, as libvirt's virFileInData reads them with lseek(SEEK_DATA)
 * and lseek(SEEK_HOLE). Node has no call for either; the optional native helper provides them.
 * Without it the honest answer is that everything up to the end of the file is data: a sparse
 * transfer then still carries the right bytes, only without holes (never holes guessed from zeros).
 */
import { fstat } from 'node:fs';
import { promisify } from 'node:util';
import { nativeHelper } from '../native/index.js';

/** The section of a file at a position: data or a hole, and the bytes left until it changes. */
export interface FileSection {
  readonly inData: boolean;
  /** 0 with `inData` false: the position is at (or past) the end of the file. */
  readonly length: bigint;
}

const fstatAsync = promisify(fstat);

/** Whether holes can be found (the native helper, which has SEEK_DATA/SEEK_HOLE, is built). */
export function canFindHoles(): boolean {
  return nativeHelper() !== null;
}

async function fileSize(fd: number): Promise<bigint> {
  return (await fstatAsync(fd, { bigint: true })).size;
}

/**
 * virFileInData for the open file `fd` at `position`: data with the bytes up to the next hole,
 * a hole with the bytes up to the next data (or the end), or { inData: false, length: 0 } at the end.
 */
export async function fileSection(fd: number, position: bigint): Promise<FileSection> {
  const seeker = nativeHelper();
  if (!seeker) {
    const size = await fileSize(fd);
    return position < size ? { inData: true, length: size - position } : { inData: false, length: 0n };
  }
  const data = BigInt(seeker.lseekData(fd, Number(position)));
  if (data < 0n) {
    // a trailing hole, or the end itself
    const size = await fileSize(fd);
    return { inData: false, length: size > position ? size - position : 0n };
  }
  if (data > position) return { inData: false, length: data - position };
  const hole = BigInt(seeker.lseekHole(fd, Number(data)));
  // every file ends in an implicit hole, so a data position always has one after it
  return { inData: true, length: (hole < 0n ? await fileSize(fd) : hole) - data };
}
