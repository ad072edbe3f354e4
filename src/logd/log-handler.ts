/**
 * The log daemon's state: one entry per guest log file that has a pipe, as virtlogd's log
 * handler keeps them. Each entry joins a pipe (read by us) to a rotating file (written by us).
 *
 * The ordering guarantee (seed 004): a position reported for a file covers every byte written
 * to its pipe before the position was asked for, because the pipe is drained (without
 * blocking) first; see log-pipe.ts for why that is exact. Reads and appends drain too, so a
 * read after a write sees it and an appended line lands after what the guest wrote before it.
 */
import { closeSync, fstatSync, readdirSync, unlinkSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { ErrorDomain, ErrorNumber, checkFlags, virError } from '../errors/index.js';
import { createLogger } from '../log/index.js';
import { systemError } from '../log/system-error.js';
import { createFifoReader } from './fifo.js';
import { LogDirs } from './log-dirs.js';
import { LogPipe } from './log-pipe.js';
import { readRotatedLog, type LogPosition } from './rotating-reader.js';
import { RotatingFileWriter, type RotationLimits } from './rotating-writer.js';

const log = createLogger('logging.log_handler');

/** virLogManagerProtocolDomainOpenLogFileFlags */
export const OPEN_LOG_FILE_TRUNCATE = 1;
/** How long an open waits for the previous pipe of the same file to lose its last writer. */
const BUSY_GRACE_MS = 2000;
/** VIR_LOG_MANAGER_PROTOCOL_STRING_MAX: the most one read may ask for. */
export const READ_MAX = 4194304;

export interface DomainRef {
  uuid: Buffer;
  name: string;
}

export interface OpenedLogFile {
  pos: LogPosition;
  /** The FIFO to open for writing; give that fd to the guest as stdout and stderr. */
  pipePath: string;
}

export interface LogHandlerOptions {
  limits: RotationLimits;
  logDirs: LogDirs;
  /** Private directory (mode 0700) for the FIFOs. */
  pipeDir: string;
  /** A FIFO nobody opened for writing within this time is closed again (ms). */
  pipeOpenTimeoutMs?: number;
  /**
   * Test switch: `false` answers positions without draining the pipe first (virtlogd before
   * seed 004's fix), so the ordering stress test can show the bug it guards against.
   */
  drainBeforePosition?: boolean;
}

/** One file's record in the restart state. */
export interface LogFileState {
  fd: number;
  path: string;
  pipePath: string | null;
  driver: string;
  domName: string;
  domUuid: string;
  writerSeen: boolean;
}

interface LogFile {
  path: string;
  driver: string;
  dom: DomainRef;
  writer: RotatingFileWriter;
  pipe: LogPipe;
  /** Still linked until a writer shows up; unlinked then, so no one else can open it. */
  pipePath: string | null;
  openedAt: number;
}

function flagsError(func: string, flags: number, supported: number): void {
  checkFlags(ErrorDomain.VIR_FROM_LOGGING, func, flags, supported);
}

export class LogHandler {
  readonly options: Required<LogHandlerOptions>;
  #files = new Map<string, LogFile>();
  #sweeper: NodeJS.Timeout | null = null;

  constructor(options: LogHandlerOptions) {
    this.options = { pipeOpenTimeoutMs: 30_000, drainBeforePosition: true, ...options };
    this.#startSweeper();
  }

  /** Removes FIFOs a daemon that died left behind (call on a fresh start, not on a restart). */
  removeStalePipes(): void {
    for (const name of readdirSync(this.options.pipeDir)) {
      if (name.endsWith('.fifo')) unlinkQuietly(join(this.options.pipeDir, name));
    }
  }

  /** Paths of the log files with a live pipe. */
  get openPaths(): string[] {
    return [...this.#files.keys()];
  }

  /** Opens (truncating with OPEN_LOG_FILE_TRUNCATE) a guest's log file and makes its pipe. */
  async openLogFile(driver: string, dom: DomainRef, path: string, flags: number): Promise<OpenedLogFile> {
    flagsError('virLogHandlerDomainOpenLogFile', flags, OPEN_LOG_FILE_TRUNCATE);
    this.options.logDirs.check(path);
    await this.#waitForPreviousWriter(path);
    this.#refuseIfBusy(path);
    const pipePath = join(this.options.pipeDir, `${randomUUID()}.fifo`);
    const fd = await createFifoReader(pipePath);
    let writer: RotatingFileWriter;
    try {
      this.#refuseIfBusy(path); // another open may have won while the FIFO was made
      writer = new RotatingFileWriter(path, this.options.limits, (flags & OPEN_LOG_FILE_TRUNCATE) !== 0);
    } catch (err) {
      unlinkQuietly(pipePath);
      closeSync(fd);
      throw err;
    }
    this.#adopt({ path, driver, dom, writer, pipePath, openedAt: Date.now() }, fd, false);
    return { pos: { inode: writer.inode, offset: BigInt(writer.offset) }, pipePath };
  }

  /** Where the next byte written to the file's pipe will land; exact (see the module comment). */
  getLogFilePosition(path: string, flags: number): LogPosition {
    flagsError('virLogHandlerDomainGetLogFilePosition', flags, 0);
    const file = this.#files.get(path);
    if (!file) throw virError(ErrorDomain.VIR_FROM_LOGGING, ErrorNumber.VIR_ERR_INTERNAL_ERROR, `No open log file ${path}`);
    if (this.options.drainBeforePosition) file.pipe.drain();
    // The drain may have met the pipe's end and closed the entry; the writer still knows its place.
    return { inode: file.writer.inode, offset: BigInt(file.writer.offset) };
  }

  /** Up to `maxLen` bytes of the log from `pos`, across rotated files. */
  readLogFile(path: string, pos: LogPosition, maxLen: bigint, flags: number): Buffer {
    flagsError('virLogHandlerDomainReadLogFile', flags, 0);
    if (maxLen > BigInt(READ_MAX)) {
      throw virError(ErrorDomain.VIR_FROM_LOGGING, ErrorNumber.VIR_ERR_INTERNAL_ERROR,
        `Requested data len ${maxLen} is larger than maximum ${READ_MAX}`);
    }
    this.options.logDirs.check(path);
    this.#files.get(path)?.pipe.drain();
    return readRotatedLog(path, this.options.limits.maxBackups, pos, Number(maxLen));
  }

  /** Appends `message` to the log, after whatever its pipe carried before the call. */
  appendLogFile(path: string, message: Buffer, flags: number): void {
    flagsError('virLogHandlerDomainAppendLogFile', flags, 0);
    this.options.logDirs.check(path);
    const file = this.#files.get(path);
    if (file) {
      file.pipe.drain();
      if (!file.pipe.ended) {
        file.writer.append(message);
        return;
      }
    }
    const writer = new RotatingFileWriter(path, this.options.limits);
    try {
      writer.append(message);
    } finally {
      writer.close();
    }
  }

  /**
   * For a restart: stops reading every pipe, moves what they hold into the files, and returns
   * the state the next daemon needs. The pipes stay open here until this process exits.
   */
  suspendForRestart(): LogFileState[] {
    this.#stopSweeper();
    const states: LogFileState[] = [];
    for (const file of [...this.#files.values()]) {
      file.pipe.pause();
      file.pipe.drain();
      if (file.pipe.ended) continue;
      states.push({
        fd: file.pipe.fd, path: file.path, pipePath: file.pipePath, driver: file.driver,
        domName: file.dom.name, domUuid: file.dom.uuid.toString('hex'), writerSeen: file.pipe.writerSeen,
      });
    }
    return states;
  }

  /** Undoes `suspendForRestart` when the next daemon could not be started. */
  resumeAfterFailedRestart(): void {
    for (const file of this.#files.values()) file.pipe.resume();
    this.#startSweeper();
  }

  /** Takes over the pipes a previous daemon handed down (their fds are inherited). */
  restore(states: LogFileState[]): void {
    for (const s of states) {
      const st = fstatSync(s.fd);
      if (!st.isFIFO()) {
        throw virError(ErrorDomain.VIR_FROM_LOGGING, ErrorNumber.VIR_ERR_INTERNAL_ERROR,
          `restart state names fd ${s.fd} for ${s.path}, which is not a pipe`);
      }
      const writer = new RotatingFileWriter(s.path, this.options.limits);
      const dom = { name: s.domName, uuid: Buffer.from(s.domUuid, 'hex') };
      this.#adopt({ path: s.path, driver: s.driver, dom, writer, pipePath: s.pipePath, openedAt: Date.now() },
        s.fd, s.writerSeen);
    }
  }

  /** Closes a just-opened entry whose client vanished before it could open the FIFO. */
  closeUnopened(path: string): void {
    const file = this.#files.get(path);
    if (!file || file.pipe.writerSeen) return;
    file.pipe.drain();
    if (!file.pipe.writerSeen) this.#closeFile(file);
  }

  /** Closes every pipe and file (writers then get EPIPE). */
  close(): void {
    this.#stopSweeper();
    for (const file of [...this.#files.values()]) this.#closeFile(file);
  }

  #startSweeper(): void {
    const period = Math.max(50, Math.floor(this.options.pipeOpenTimeoutMs / 4));
    this.#sweeper = setInterval(() => this.#sweepUnopened(), period).unref();
  }

  #stopSweeper(): void {
    if (this.#sweeper) clearInterval(this.#sweeper);
    this.#sweeper = null;
  }

  /**
   * A guest that just failed may still be exiting, its end of the previous pipe not yet closed:
   * give it a moment before the open is refused as busy.
   */
  async #waitForPreviousWriter(path: string): Promise<void> {
    for (let waited = 0; waited < BUSY_GRACE_MS; waited += 10) {
      const existing = this.#files.get(path);
      if (!existing) return;
      existing.pipe.drain();
      if (!this.#files.has(path)) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  #refuseIfBusy(path: string): void {
    const existing = this.#files.get(path);
    if (!existing) return;
    existing.pipe.drain(); // a guest that just exited leaves an end we may not have seen yet
    if (this.#files.has(path)) {
      throw systemError(ErrorDomain.VIR_FROM_LOGGING, errnoException('EBUSY', -16), `Cannot open log file: '${path}'`);
    }
  }

  #adopt(base: Omit<LogFile, 'pipe'>, fd: number, writerSeen: boolean): void {
    const file = base as LogFile;
    file.pipe = new LogPipe(fd, {
      data: (chunk) => {
        file.writer.append(chunk);
        if (file.pipePath !== null) this.#unlinkPipe(file);
      },
      end: (err) => {
        if (err) log.error('log pipe for %s failed: %s', file.path, err.message);
        this.#closeFile(file);
      },
    }, writerSeen);
    this.#files.set(file.path, file);
    if (writerSeen && file.pipePath !== null) this.#unlinkPipe(file);
  }

  #closeFile(file: LogFile): void {
    if (this.#files.get(file.path) === file) this.#files.delete(file.path);
    file.pipe.close();
    file.writer.close();
    if (file.pipePath !== null) this.#unlinkPipe(file);
  }

  #unlinkPipe(file: LogFile): void {
    unlinkQuietly(file.pipePath!);
    file.pipePath = null;
  }

  /** Closes pipes that no client opened in time (a client that vanished after opening). */
  #sweepUnopened(): void {
    const now = Date.now();
    for (const file of [...this.#files.values()]) {
      if (file.pipe.writerSeen) continue;
      file.pipe.drain();
      if (!file.pipe.writerSeen && !file.pipe.ended && now - file.openedAt > this.options.pipeOpenTimeoutMs) {
        log.warn('closing log pipe for %s: no writer opened it', file.path);
        this.#closeFile(file);
      } else if (file.pipe.writerSeen && file.pipePath !== null) {
        this.#unlinkPipe(file);
      }
    }
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}


function errnoException(code: string, errno: number): NodeJS.ErrnoException {
  return Object.assign(new Error(code), { code, errno });
}
