/**
 * The client side of tsvirtlogd, for the QEMU driver (virLogManager in libvirt):
 *
 *   const logd = await LogManagerClient.connect(socketPath);
 *   const { fd, pos } = await logd.openLogFile('qemu', dom, logPath, OPEN_LOG_FILE_TRUNCATE);
 *   cmd.setOutputFd(fd).setErrorFd(fd);            // QEMU writes into the daemon's pipe
 *   ...
 *   const end = await logd.getLogFilePosition(logPath);      // covers all QEMU wrote so far
 *   const text = await logd.readLogFile(logPath, pos, 1024n * 1024n);
 *
 * A daemon restart (SIGUSR1) closes client connections between calls; the next call connects
 * again, and a call whose connection closed before its reply is sent again: the daemon stops
 * running calls, answers every call it ran, then closes, and each connection carries one call
 * at a time, so a call without a reply was never carried out. Use several clients for
 * parallel calls.
 */
import { closeSync, constants, openSync } from 'node:fs';
import { createConnection } from 'node:net';
import { ErrorDomain } from '../errors/index.js';
import { systemError } from '../log/system-error.js';
import { RpcConnection } from '../rpc/connection.js';
import type { ProcedureInfo, Program } from '../rpc/program.js';
import type { DomainRef } from './log-handler.js';
import { logManagerProgram, logPipeProgram, logPipeProcedures, logProcedures } from './protocol.js';
import type { LogPosition } from './rotating-reader.js';

export { OPEN_LOG_FILE_TRUNCATE } from './log-handler.js';
export type { DomainRef, LogPosition };

/** How long a call keeps trying while a restarting daemon hands its socket over. */
const HANDOVER_PATIENCE_MS = 10_000;
const RETRY_DELAY_MS = 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface OpenedLog {
  /** Writing end of the log pipe (blocking, close-on-exec): give it to the guest, then close it. */
  fd: number;
  /** Where this run's output starts. */
  pos: LogPosition;
}

export interface LogClientOptions {
  /** Per-call timeout in ms (default 30 s; 0 = none). */
  timeoutMs?: number;
}

function connectSocket(path: string): Promise<RpcConnection> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(path);
    socket.once('connect', () => {
      socket.off('error', reject);
      // One call at a time: then a call whose connection closed without a reply was not run.
      // (With calls pipelined, a write failing on a closing socket discards replies unread.)
      resolve(new RpcConnection(socket, { callTimeoutMs: 0, maxCallsInFlight: 1 }));
    });
    socket.once('error', (err: NodeJS.ErrnoException) =>
      reject(systemError(ErrorDomain.VIR_FROM_RPC, err, `Failed to connect socket to '${path}'`)));
  });
}

/**
 * Opens the writing end of a FIFO the daemon holds open for reading. The first open is
 * non-blocking, so a FIFO with no reader fails (ENXIO) instead of hanging; the fd returned is a
 * second, blocking open of the same pipe through /proc, since the guest must not see EAGAIN.
 */
function openPipeWriter(path: string): number {
  let probe: number;
  try {
    probe = openSync(path, constants.O_WRONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (err) {
    throw systemError(ErrorDomain.VIR_FROM_LOGGING, err as NodeJS.ErrnoException, `Unable to open log pipe ${path}`);
  }
  try {
    return openSync(`/proc/self/fd/${probe}`, constants.O_WRONLY);
  } finally {
    closeSync(probe);
  }
}

export class LogManagerClient {
  readonly socketPath: string;
  readonly timeoutMs: number;
  #conn: RpcConnection | null;

  private constructor(socketPath: string, conn: RpcConnection, options: LogClientOptions) {
    this.socketPath = socketPath;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.#conn = conn;
  }

  static async connect(socketPath: string, options: LogClientOptions = {}): Promise<LogManagerClient> {
    return new LogManagerClient(socketPath, await connectSocket(socketPath), options);
  }

  /** Opens a guest's log file; the returned fd is the pipe's writing end. */
  async openLogFile(driver: string, dom: DomainRef, path: string, flags = 0): Promise<OpenedLog> {
    const ret = await this.#invoke(logPipeProgram, logPipeProcedures.DOMAIN_OPEN_LOG_PIPE, { driver, dom, path, flags });
    return { fd: openPipeWriter(ret.pipe), pos: ret.pos };
  }

  /** (inode, offset) after every byte written to the file's pipe before this call. */
  async getLogFilePosition(path: string, flags = 0): Promise<LogPosition> {
    return (await this.#invoke(logManagerProgram, logProcedures.DOMAIN_GET_LOG_FILE_POSITION, { path, flags })).pos;
  }

  /** Up to `maxLen` bytes (at most 4 MiB) of the log from `pos`. */
  async readLogFile(path: string, pos: LogPosition, maxLen: bigint, flags = 0): Promise<Buffer> {
    return (await this.#invoke(logManagerProgram, logProcedures.DOMAIN_READ_LOG_FILE, { path, pos, maxlen: maxLen, flags })).data;
  }

  /** Appends `message` to the log file (after what its pipe carried before the call). */
  async appendLogFile(driver: string, dom: DomainRef, path: string, message: string | Buffer, flags = 0): Promise<void> {
    const bytes = typeof message === 'string' ? Buffer.from(message) : message;
    await this.#invoke(logManagerProgram, logProcedures.DOMAIN_APPEND_LOG_FILE, { driver, dom, path, message: bytes, flags });
  }

  async close(): Promise<void> {
    const conn = this.#conn;
    this.#conn = null;
    await conn?.close();
  }

  async #connection(): Promise<RpcConnection> {
    if (this.#conn && !this.#conn.closed) return this.#conn;
    this.#conn = await connectSocket(this.socketPath);
    return this.#conn;
  }

  async #invoke<A, R>(program: Program, proc: ProcedureInfo<A, R, unknown>, args: A): Promise<R> {
    const deadline = Date.now() + HANDOVER_PATIENCE_MS;
    for (;;) {
      let conn: RpcConnection;
      try {
        conn = await this.#connection();
      } catch (err) {
        if (Date.now() > deadline) throw err;
        await sleep(RETRY_DELAY_MS); // the socket may be between two daemons
        continue;
      }
      try {
        return await conn.invoke(program, proc, args, { timeoutMs: this.timeoutMs });
      } catch (err) {
        // closed before the reply: the daemon never ran the call (see the module comment)
        if (!conn.closed || Date.now() > deadline) throw err;
        await sleep(RETRY_DELAY_MS);
      }
    }
  }
}
