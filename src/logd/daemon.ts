/**
 * tsvirtlogd's server: a unix socket in the private run directory, virtlogd's program on it
 * (plus tsvirt's log pipe program), each call dispatched to the log handler.
 *
 * Calls that touch a pipe are answered synchronously in the socket's read callback: the drain
 * and the reply happen in one go, with nothing else of ours running in between.
 */
import { chmodSync, unlinkSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { ErrorDomain, ErrorNumber, virError } from '../errors/index.js';
import { createLogger } from '../log/index.js';
import { decodeValue, encodeValue } from '../rpc/codec.js';
import { RpcConnection } from '../rpc/connection.js';
import { MessageType, rpcError, type Packet } from '../rpc/packet.js';
import type { ProcedureInfo, Program } from '../rpc/program.js';
import { XdrError } from '../rpc/xdr.js';
import type { LogHandler } from './log-handler.js';
import { logManagerProgram, logPipeProgram, logPipeProcedures, logProcedures } from './protocol.js';

const log = createLogger('logging.log_daemon');

type Implementation = (args: any, conn: RpcConnection) => unknown;

interface Entry {
  proc: ProcedureInfo<any, any, any>;
  run: Implementation;
}

export interface LogServerOptions {
  maxClients: number;
}

export class LogServer {
  readonly handler: LogHandler;
  readonly server: Server;
  #table = new Map<string, Entry>();
  #programs: Program[] = [logManagerProgram, logPipeProgram];
  #connections = new Set<RpcConnection>();
  #calls = new Set<Promise<unknown>>();
  #accepting = true;

  constructor(handler: LogHandler, options: LogServerOptions) {
    this.handler = handler;
    this.#register(logManagerProgram, logProcedures.DOMAIN_OPEN_LOG_FILE, () => {
      throw virError(ErrorDomain.VIR_FROM_LOGGING, ErrorNumber.VIR_ERR_NO_SUPPORT,
        `tsvirtlogd cannot pass file descriptors; open the log pipe with program 0x${logPipeProgram.number.toString(16)} procedure 1`);
    });
    this.#register(logManagerProgram, logProcedures.DOMAIN_GET_LOG_FILE_POSITION, (a) =>
      ({ pos: handler.getLogFilePosition(a.path, a.flags) }));
    this.#register(logManagerProgram, logProcedures.DOMAIN_READ_LOG_FILE, (a) =>
      ({ data: handler.readLogFile(a.path, a.pos, a.maxlen, a.flags) }));
    this.#register(logManagerProgram, logProcedures.DOMAIN_APPEND_LOG_FILE, (a) => {
      handler.appendLogFile(a.path, a.message, a.flags);
      return { ret: 1 };
    });
    this.#register(logPipeProgram, logPipeProcedures.DOMAIN_OPEN_LOG_PIPE, async (a, conn) => {
      const opened = await handler.openLogFile(a.driver, a.dom, a.path, a.flags);
      // A client gone mid-call will never open the FIFO: let the entry go now.
      if (conn.closed) handler.closeUnopened(a.path);
      return { pos: opened.pos, pipe: opened.pipePath };
    });
    this.server = createServer((socket) => this.#accept(socket));
    this.server.maxConnections = options.maxClients;
  }

  /** Listens on `path` (mode 0600), replacing a stale socket but never a live daemon's. */
  async listen(path: string): Promise<void> {
    if (await socketIsLive(path)) {
      throw virError(ErrorDomain.VIR_FROM_LOGGING, ErrorNumber.VIR_ERR_OPERATION_FAILED, `another daemon is listening on ${path}`);
    }
    try {
      unlinkSync(path);
    } catch {
      // no stale socket
    }
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(path, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    chmodSync(path, 0o600);
  }

  /** Serves on a listening socket handed down by the previous daemon. */
  async adopt(fd: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen({ fd }, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
  }

  /** The listening socket's fd, to hand down across a restart. */
  get listenFd(): number {
    const fd = (this.server as unknown as { _handle?: { fd?: number } })._handle?.fd;
    if (typeof fd !== 'number' || fd < 0) throw virError(ErrorDomain.VIR_FROM_LOGGING, ErrorNumber.VIR_ERR_INTERNAL_ERROR, 'server is not listening');
    return fd;
  }

  /**
   * For a restart: stop taking clients and calls, let calls under way finish and their replies
   * flush, then close every connection. The listening socket stays open for the next daemon.
   */
  async quiesce(): Promise<void> {
    this.#accepting = false;
    for (const conn of this.#connections) conn.pauseInput();
    while (this.#calls.size > 0) await Promise.allSettled([...this.#calls]);
    await Promise.all([...this.#connections].map((c) => c.close()));
  }

  /** Takes clients again after a restart that did not happen. */
  resume(): void {
    this.#accepting = true;
  }

  async close(): Promise<void> {
    this.#accepting = false;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const conn of this.#connections) conn.destroy();
    await closed;
  }

  #register(program: Program, proc: ProcedureInfo<any, any, any>, run: Implementation): void {
    this.#table.set(`${program.number}:${program.version}:${proc.number}`, { proc, run });
  }

  #accept(socket: Socket): void {
    if (!this.#accepting) {
      socket.destroy(); // handing over to the next daemon: the client connects again
      return;
    }
    const conn = new RpcConnection(socket, { callTimeoutMs: 0, readOnlyWhenDrained: true });
    this.#connections.add(conn);
    conn.on('call', (packet: Packet) => this.#dispatch(conn, packet));
    conn.on('close', () => this.#connections.delete(conn));
  }

  #dispatch(conn: RpcConnection, packet: Packet): void {
    // Handing over: a call read now is not run and gets no reply; the connection closes and
    // the client sends it again to the next daemon (so "no reply" always means "not run").
    if (!this.#accepting) return;
    const h = packet.header;
    try {
      if (h.type !== MessageType.CALL) throw rpcError(`Unexpected message type ${h.type}`);
      const entry = this.#table.get(`${h.prog >>> 0}:${h.vers}:${h.proc}`);
      if (!entry) {
        if (!this.#programs.some((p) => p.number === h.prog >>> 0 && p.version === h.vers)) {
          throw rpcError(`Cannot find program ${h.prog >>> 0} version ${h.vers}`);
        }
        throw rpcError(`unknown procedure: ${h.proc}`);
      }
      let args: unknown;
      try {
        args = decodeValue(entry.proc.args, packet.payload);
      } catch (err) {
        if (err instanceof XdrError) throw rpcError('Unable to decode message payload');
        throw err;
      }
      const result = entry.run(args, conn);
      if (result instanceof Promise) {
        const call = result.then((ret) => this.#reply(conn, packet, entry, ret), (err) => this.#replyError(conn, packet, err));
        this.#calls.add(call);
        void call.finally(() => this.#calls.delete(call));
      } else {
        this.#reply(conn, packet, entry, result);
      }
    } catch (err) {
      this.#replyError(conn, packet, err);
    }
  }

  #reply(conn: RpcConnection, packet: Packet, entry: Entry, ret: unknown): void {
    if (conn.closed) return;
    let payload: Buffer;
    try {
      payload = encodeValue(entry.proc.ret, ret);
    } catch (err) {
      this.#replyError(conn, packet, err);
      return;
    }
    conn.reply(packet.header, payload);
  }

  #replyError(conn: RpcConnection, packet: Packet, err: unknown): void {
    log.debug('call %d of program %d failed: %s', packet.header.proc, packet.header.prog, (err as Error).message);
    if (conn.closed) return;
    try {
      conn.replyError(packet.header, err);
    } catch (encodeErr) {
      // a reply we cannot even encode: the client must not wait forever for it
      log.error('cannot send an error reply: %s', (encodeErr as Error).message);
      conn.destroy();
    }
  }
}

function socketIsLive(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createConnection(path);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
}
