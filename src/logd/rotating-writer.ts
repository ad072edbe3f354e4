/**
 * A log file that rolls over by size, as virtlogd keeps guest logs: `PATH` is written, older
 * contents move to `PATH.0`, `PATH.1`, ... up to `maxBackups` files (the oldest is dropped).
 *
 * Every byte appended lands in exactly one file, in order, so reading the files oldest first
 * gives the stream back unchanged. A rollover happens after the last newline that still fits,
 * so a line is divided between two files only when the file filled up in the middle of it.
 * Writes are synchronous: once `append()` returns, `offset` covers the bytes it was given.
 */
import { closeSync, fstatSync, openSync, renameSync, unlinkSync, writeSync, constants } from 'node:fs';
import { ErrorDomain, ErrorNumber, virError } from '../errors/index.js';
import { systemError } from '../log/system-error.js';

/** libvirt's ceiling on kept files (VIR_MAX_MAX_BACKUP). */
export const MAX_BACKUPS_LIMIT = 32;
/** New log files are private to the daemon's user. */
export const LOG_FILE_MODE = 0o600;

export interface RotationLimits {
  /** Bytes per file before rolling over; 0 never rolls over. libvirt's default: 2 MiB. */
  maxSize: number;
  /** Older files kept as PATH.0 (newest) ... PATH.N-1; 0 just starts the file afresh. Default 3. */
  maxBackups: number;
}

export const DEFAULT_LIMITS: Readonly<RotationLimits> = { maxSize: 2 * 1024 * 1024, maxBackups: 3 };

const NEWLINE = 0x0a;

export function checkMaxBackups(maxBackups: number): void {
  if (maxBackups > MAX_BACKUPS_LIMIT) {
    throw virError(ErrorDomain.VIR_FROM_NONE, ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED,
      `Max backup ${maxBackups} must be less than or equal to ${MAX_BACKUPS_LIMIT}`);
  }
}

/** `PATH.i`: the i-th newest kept file. */
export function backupPath(path: string, i: number): string {
  return `${path}.${i}`;
}

/** One open file of the set: its fd, inode and our write offset in it. */
interface Entry {
  fd: number;
  inode: bigint;
  offset: number;
  /** Whether the last byte in the file is a newline (or the file is empty). */
  atLineStart: boolean;
}

function openEntry(path: string): Entry {
  let fd: number;
  try {
    fd = openSync(path, constants.O_CREAT | constants.O_APPEND | constants.O_WRONLY, LOG_FILE_MODE);
  } catch (err) {
    throw systemError(ErrorDomain.VIR_FROM_NONE, err as NodeJS.ErrnoException, `Unable to open file: ${path}`);
  }
  const st = fstatSync(fd, { bigint: true });
  // An existing file is taken as ending at a line start: its earlier writer's lines are its own.
  return { fd, inode: st.ino, offset: Number(st.size), atLineStart: true };
}

function unlinkIfPresent(path: string): void {
  try {
    unlinkSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw systemError(ErrorDomain.VIR_FROM_NONE, err as NodeJS.ErrnoException, `Unable to delete file ${path}`);
    }
  }
}

export class RotatingFileWriter {
  readonly path: string;
  readonly limits: Readonly<RotationLimits>;
  #entry: Entry;

  /** Opens (creating with mode 0600) `path` for appending; `truncate` first deletes it and its kept files. */
  constructor(path: string, limits: RotationLimits, truncate = false) {
    checkMaxBackups(limits.maxBackups);
    this.path = path;
    this.limits = { ...limits };
    if (truncate) {
      unlinkIfPresent(path);
      for (let i = 0; i < limits.maxBackups; i++) unlinkIfPresent(backupPath(path, i));
    }
    this.#entry = openEntry(path);
  }

  /** Inode of the file being written now. */
  get inode(): bigint {
    return this.#entry.inode;
  }

  /** Offset in that file at which the next byte goes. */
  get offset(): number {
    return this.#entry.offset;
  }

  /** Writes all of `data`, rolling over as needed. Throws a VirError if the disk refuses. */
  append(data: Uint8Array): void {
    const { maxSize } = this.limits;
    let rest = data;
    while (rest.length > 0) {
      const entry = this.#entry;
      if (maxSize === 0 || entry.offset + rest.length <= maxSize) {
        this.#write(rest);
        return;
      }
      const room = Math.max(0, maxSize - entry.offset);
      const lastNewline = room > 0 ? rest.subarray(0, room).lastIndexOf(NEWLINE) : -1;
      let take: number;
      if (lastNewline >= 0) take = lastNewline + 1;            // end this file at a line end
      else if (entry.atLineStart && entry.offset > 0) take = 0; // start the next line in a new file
      else take = room;                                         // a line longer than the room left
      if (take > 0) this.#write(rest.subarray(0, take));
      rest = rest.subarray(take);
      this.#rollover();
    }
  }

  close(): void {
    closeSync(this.#entry.fd);
  }

  #write(chunk: Uint8Array): void {
    const entry = this.#entry;
    let done = 0;
    try {
      while (done < chunk.length) done += writeSync(entry.fd, chunk, done, chunk.length - done);
    } catch (err) {
      entry.offset += done;
      throw systemError(ErrorDomain.VIR_FROM_NONE, err as NodeJS.ErrnoException, `Unable to write to file ${this.path}`);
    }
    entry.offset += chunk.length;
    entry.atLineStart = chunk[chunk.length - 1] === NEWLINE;
  }

  /** Shifts PATH.i to PATH.i+1 (dropping the oldest), PATH to PATH.0, and opens a fresh PATH. */
  #rollover(): void {
    const { maxBackups } = this.limits;
    if (maxBackups === 0) {
      unlinkIfPresent(this.path);
    } else {
      for (let i = maxBackups - 1; i >= 0; i--) {
        const from = i === 0 ? this.path : backupPath(this.path, i - 1);
        try {
          renameSync(from, backupPath(this.path, i));
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
            throw systemError(ErrorDomain.VIR_FROM_NONE, err as NodeJS.ErrnoException,
              `Unable to rename ${from} to ${backupPath(this.path, i)}`);
          }
        }
      }
    }
    const fresh = openEntry(this.path);
    closeSync(this.#entry.fd);
    this.#entry = fresh;
  }
}
