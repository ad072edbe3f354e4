/**
 * Reads a rolled-over log back from a position, as virtlogd's read procedure does: the files
 * are taken oldest first (PATH.N-1 ... PATH.0, PATH), the read starts in the file whose inode
 * matches the position and goes on through the newer files. A position whose file has been
 * rotated away starts at the beginning of the oldest file still there.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { ErrorDomain } from '../errors/index.js';
import { systemError } from '../log/system-error.js';
import { backupPath, checkMaxBackups } from './rotating-writer.js';

export interface LogPosition {
  inode: bigint;
  offset: bigint;
}

interface OpenFile {
  path: string;
  fd: number;
  inode: bigint;
}

function openIfPresent(path: string, mustExist = false): OpenFile | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && !mustExist) return null;
    throw systemError(ErrorDomain.VIR_FROM_NONE, err as NodeJS.ErrnoException, `Unable to open file: ${path}`);
  }
  return { path, fd, inode: fstatSync(fd, { bigint: true }).ino };
}

/** Up to `maxLen` bytes of the log at `path` from `pos`, across rotated files. */
export function readRotatedLog(path: string, maxBackups: number, pos: LogPosition, maxLen: number): Buffer {
  checkMaxBackups(maxBackups);
  const files: OpenFile[] = [];
  try {
    for (let i = maxBackups - 1; i >= 0; i--) {
      const file = openIfPresent(backupPath(path, i));
      if (file) files.push(file);
    }
    const current = openIfPresent(path, files.length === 0); // no file at all is an error
    if (current) files.push(current);

    let index = files.findIndex((f) => f.inode === pos.inode);
    let offset = Number(pos.offset);
    if (index < 0) {
      index = 0;
      offset = 0;
    }
    const out = Buffer.allocUnsafe(maxLen);
    let got = 0;
    while (got < maxLen && index < files.length) {
      const file = files[index]!;
      let n: number;
      try {
        n = readSync(file.fd, out, got, maxLen - got, offset);
      } catch (err) {
        throw systemError(ErrorDomain.VIR_FROM_NONE, err as NodeJS.ErrnoException, `Unable to read from file ${file.path}`);
      }
      if (n === 0) {
        index++;
        offset = 0;
        continue;
      }
      got += n;
      offset += n;
    }
    return out.subarray(0, got);
  } finally {
    for (const file of files) closeSync(file.fd);
  }
}
