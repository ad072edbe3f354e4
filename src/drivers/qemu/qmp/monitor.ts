import { EventEmitter } from 'node:events';
import { connect as netConnect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { ErrorDomain, type VirError } from '../../../errors/index.js';
import { createLogger, systemError } from '../../../log/index.js';
import {
  abortedError, badJsonError, commandError, connectError, endOfFileError, monitorClosedError, MAX_REPLY_BYTES,
  notAnObjectError, pathTooLongError, replyTooLargeError, timeoutError, unexpectedReplyError,
} from './errors.js';
import { TYPED_EVENTS, type QmpEvent, type QmpMonitorEvents } from './events.js';
import { fdPassingSocket } from '../../../native/fd-socket.js';
import { isFdCarrier } from '../../../rpc/fd-carrier.js';
import { nativeMissing } from '../../../native/index.js';

const log = createLogger('qemu.qmp');

/** sockaddr_un holds 108 bytes including the terminating NUL. */
const MAX_SOCKET_PATH_BYTES = 107;
const CONNECT_RETRY_MS = 20;
export const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;

/** What QEMU says first: its version and the optional capabilities it offers. */
export interface QmpGreeting {
  readonly version: { readonly qemu: { readonly major: number; readonly minor: number; readonly micro: number }; readonly package: string };
  readonly capabilities: readonly string[];
}

export interface QmpConnectOptions {
  /** How long to wait for the socket to accept and QEMU to greet us (default 30 s). */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /** The domain name used in error messages (libvirt's `vm='NAME'`). */
  readonly vmName?: string;
  /** Time limit for each command unless the call gives its own; none by default, as in libvirt. */
  readonly commandTimeoutMs?: number;
}

export interface QmpCommandOptions {
  /** Reject with VIR_ERR_OPERATION_TIMEOUT if QEMU has not replied in time (0: no limit). */
  readonly timeoutMs?: number;
  /** Reject with VIR_ERR_OPERATION_ABORTED when aborted. */
  readonly signal?: AbortSignal;
}

interface PendingCommand {
  readonly command: string;
  /** Settles with the whole reply object, error replies too. */
  readonly raw: boolean;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: VirError) => void;
}

/**
 * A client of QEMU's machine protocol on a unix socket. `connect()` resolves once the greeting
 * has arrived and capabilities are negotiated; `execute()` sends a command with its own id and
 * resolves with QEMU's `return` value. Replies are matched by id, so commands may overlap; a
 * command that timed out or was aborted may still run in QEMU (its late reply is dropped).
 *
 * `close()` refuses new commands, lets the ones in flight finish and ends the connection;
 * `destroy()` drops it at once, failing whatever is in flight with `QEMU monitor was closed`.
 */
export class QmpMonitor extends EventEmitter<QmpMonitorEvents> {
  readonly #socket: Duplex;
  readonly #vmName: string;
  readonly #commandTimeoutMs: number;
  readonly #pending = new Map<string, PendingCommand>();
  readonly #inFlight = new Set<Promise<unknown>>();
  #partial = '';
  #nextId = 0;
  #greeting: QmpGreeting | null = null;
  #onGreeting: (() => void) | null = null;
  /** Set once the monitor is unusable: EOF, a read error, a protocol error. */
  #fatal: VirError | null = null;
  #closing = false;
  #closed: Promise<void>;

  private constructor(socket: Duplex, options: QmpConnectOptions) {
    super();
    this.#socket = socket;
    this.#vmName = options.vmName ?? '';
    this.#commandTimeoutMs = options.commandTimeoutMs ?? 0;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.#receive(chunk));
    socket.on('end', () => this.#fail(endOfFileError(this.#vmName), 'eof'));
    socket.on('error', (err: NodeJS.ErrnoException) => this.#onSocketError(err));
    socket.resume(); // connected paused (see tryConnect)
    this.#closed = new Promise((resolve) => socket.once('close', () => {
      this.#failPending(this.#fatal ?? monitorClosedError());
      this.emit('close');
      resolve();
    }));
  }

  /** Connect to QEMU's monitor at `path` (retrying while QEMU has not created it yet) and negotiate. */
  static async connect(path: string, options: QmpConnectOptions = {}): Promise<QmpMonitor> {
    if (Buffer.byteLength(path) > MAX_SOCKET_PATH_BYTES) throw pathTooLongError(path);
    const timeoutMs = options.timeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    const limit = AbortSignal.any([AbortSignal.timeout(timeoutMs), ...(options.signal ? [options.signal] : [])]);
    const socket = await openSocket(path, limit, options.signal);
    const monitor = new QmpMonitor(socket, options);
    try {
      await monitor.#waitGreeting(limit, options.signal, timeoutMs);
      await monitor.execute('qmp_capabilities', undefined, { signal: limit });
    } catch (err) {
      monitor.destroy();
      throw limit.aborted ? limitError(options.signal, timeoutMs) : err;
    }
    return monitor;
  }

  /** QEMU's greeting (version and offered capabilities). */
  get greeting(): QmpGreeting {
    return this.#greeting!;
  }

  /** True once the monitor can no longer carry commands. */
  get closed(): boolean {
    return this.#closing || this.#fatal !== null || this.#socket.destroyed;
  }

  /**
   * Run `command` with `args`; resolves with QEMU's `return` value. `fd` travels with the
   * command's bytes (SCM_RIGHTS, as `getfd` wants it); the caller keeps its own descriptor.
   */
  execute<T = unknown>(command: string, args?: Record<string, unknown>, options: QmpCommandOptions = {}, fd?: number): Promise<T> {
    const message = args === undefined ? { execute: command } : { execute: command, arguments: args };
    return this.#send(command, message, false, options, fd) as Promise<T>;
  }

  /**
   * Send a command as the caller wrote it (virDomainQemuMonitorCommand): our id is added when it
   * has `execute`, and QEMU's whole reply comes back, an error reply included.
   */
  executeRaw(message: unknown, options: QmpCommandOptions = {}, fd?: number): Promise<Record<string, unknown>> {
    const execute = (message as { execute?: unknown } | null)?.execute;
    const command = typeof execute === 'string' ? execute : 'unknown';
    return this.#send(command, message, true, options, fd) as Promise<Record<string, unknown>>;
  }

  #send(command: string, message: unknown, raw: boolean, options: QmpCommandOptions, fd: number | undefined): Promise<unknown> {
    if (this.#fatal) return Promise.reject(this.#fatal);
    if (this.#closing || this.#socket.destroyed) return Promise.reject(monitorClosedError());
    const socket = this.#socket;
    if (fd !== undefined && !isFdCarrier(socket)) return Promise.reject(nativeMissing(`QEMU monitor command '${command}' with a file descriptor`));
    const id = `tsvirt-${++this.#nextId}`;
    // Only an object that names a command gets our id (and only then can its reply be told apart).
    const named = typeof message === 'object' && message !== null && !Array.isArray(message) && 'execute' in message;
    const text = JSON.stringify(named ? { ...message, id } : message);
    const timeoutMs = options.timeoutMs ?? this.#commandTimeoutMs;
    const reply = new Promise<unknown>((resolve, reject) => {
      const what = `QEMU monitor command '${command}'`;
      let timer: NodeJS.Timeout | undefined;
      const onAbort = (): void => settle(() => reject(abortedError(what)));
      const settle = (finish: () => void): void => {
        this.#pending.delete(id);
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        finish();
      };
      if (options.signal?.aborted) return reject(abortedError(what));
      this.#pending.set(id, {
        command,
        raw,
        resolve: (value) => settle(() => resolve(value)),
        reject: (error) => settle(() => reject(error)),
      });
      options.signal?.addEventListener('abort', onAbort, { once: true });
      if (timeoutMs > 0) timer = setTimeout(() => settle(() => reject(timeoutError(what, timeoutMs))), timeoutMs);
      log.debug('Send command %s', text);
      if (fd === undefined) socket.write(`${text}\r\n`);
      else (socket as Duplex & { writeFd(fd: number, data: Buffer): void }).writeFd(fd, Buffer.from(`${text}\r\n`));
    });
    const tracked = reply.catch(() => undefined).finally(() => this.#inFlight.delete(tracked));
    this.#inFlight.add(tracked);
    return reply;
  }

  /** Refuse new commands, wait for the ones in flight, then close the connection. */
  async close(): Promise<void> {
    this.#closing = true;
    await Promise.all(this.#inFlight);
    this.#socket.end();
    await this.#closed;
  }

  /** Drop the connection now; commands in flight fail with `QEMU monitor was closed`. */
  destroy(): void {
    this.#closing = true;
    this.#failPending(monitorClosedError());
    this.#socket.destroy();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  #waitGreeting(limit: AbortSignal, signal: AbortSignal | undefined, timeoutMs: number): Promise<void> {
    if (this.#greeting) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const done = (error?: VirError): void => {
        this.#onGreeting = null;
        limit.removeEventListener('abort', onLimit);
        this.off('eof', done);
        this.off('failure', done);
        if (error) reject(error);
        else resolve();
      };
      const onLimit = (): void => done(limitError(signal, timeoutMs));
      this.#onGreeting = () => done();
      this.once('eof', done);
      this.once('failure', done);
      limit.addEventListener('abort', onLimit, { once: true });
    });
  }

  #receive(chunk: string): void {
    if (this.#fatal) return;
    this.#partial += chunk;
    let end: number;
    while ((end = this.#partial.indexOf('\n')) >= 0 && !this.#fatal) {
      const line = this.#partial.slice(0, end).trim();
      this.#partial = this.#partial.slice(end + 1);
      if (line !== '') this.#handleLine(line);
    }
    if (this.#partial.length >= MAX_REPLY_BYTES) this.#fail(replyTooLargeError(), 'failure');
  }

  #handleLine(line: string): void {
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch (err) {
      return this.#fail(badJsonError(line, (err as Error).message), 'failure');
    }
    if (typeof message !== 'object' || message === null || Array.isArray(message)) return this.#fail(notAnObjectError(line), 'failure');
    const obj = message as Record<string, unknown>;
    if ('QMP' in obj) return this.#handleGreeting(obj.QMP as QmpGreeting);
    if ('event' in obj) return this.#handleEvent(obj as unknown as QmpEvent);
    if ('return' in obj || 'error' in obj) return this.#handleReply(obj, line);
    this.#fail(unexpectedReplyError(line), 'failure');
  }

  #handleGreeting(greeting: QmpGreeting): void {
    this.#greeting = greeting;
    this.#onGreeting?.();
  }

  #handleEvent(raw: QmpEvent): void {
    const event: QmpEvent = { event: raw.event, data: raw.data ?? {}, hasData: raw.data !== undefined, timestamp: raw.timestamp };
    log.debug('Event %s', event.event);
    this.emit('event', event);
    if (TYPED_EVENTS.has(event.event)) {
      (this.emit as (name: string, ...args: unknown[]) => boolean)(event.event, event.data, event.timestamp);
    }
  }

  /** A reply without an id (QEMU could not parse the command) belongs to the oldest command. */
  #handleReply(reply: Record<string, unknown>, line: string): void {
    const id = typeof reply.id === 'string' ? reply.id : this.#pending.keys().next().value;
    const pending = id === undefined ? undefined : this.#pending.get(id);
    if (!pending) {
      log.debug('Dropping reply to a command nobody waits for: %s', line);
      return;
    }
    if (pending.raw) pending.resolve(reply);
    else if ('error' in reply) pending.reject(commandError(pending.command, reply.error));
    else pending.resolve(reply.return);
  }

  #onSocketError(err: NodeJS.ErrnoException): void {
    if (err.code === 'ECONNRESET' || err.code === 'EPIPE') this.#fail(endOfFileError(this.#vmName), 'eof');
    else this.#fail(systemError(ErrorDomain.VIR_FROM_QEMU, err, 'Unable to read from monitor'), 'failure');
  }

  /** The monitor is unusable from now on: fail everything with `error` and tell listeners once. */
  #fail(error: VirError, kind: 'eof' | 'failure'): void {
    if (this.#fatal || this.#closing) {
      this.#socket.destroy();
      return;
    }
    this.#fatal = error;
    this.#failPending(error);
    this.#socket.destroy();
    this.emit(kind, error);
  }

  #failPending(error: VirError): void {
    for (const pending of [...this.#pending.values()]) pending.reject(error);
  }
}

/** Connect, retrying while the socket is missing or not yet listening (QEMU still starting). */
async function openSocket(path: string, limit: AbortSignal, signal: AbortSignal | undefined): Promise<Duplex> {
  for (;;) {
    try {
      // Through the native helper when built: descriptors can go with commands (getfd).
      return fdPassingSocket(await tryConnect(path));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ECONNREFUSED') throw connectError(err as NodeJS.ErrnoException);
      if (limit.aborted) {
        if (signal?.aborted) throw limitError(signal, 0);
        throw connectError(err as NodeJS.ErrnoException);
      }
      await sleep(CONNECT_RETRY_MS, undefined, { signal: limit }).catch(() => undefined);
    }
  }
}

function tryConnect(path: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = netConnect(path);
    socket.pause(); // QEMU greets at once: nothing is read before the socket is ours
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/** The connect time limit fired: say whether the caller aborted or the time ran out. */
function limitError(signal: AbortSignal | undefined, timeoutMs: number): VirError {
  const what = 'connecting to the QEMU monitor';
  return signal?.aborted ? abortedError(what) : timeoutError(what, timeoutMs);
}
