/**
 * A transport-agnostic RPC endpoint over any Duplex (unix or TCP socket, TLS, a child's stdio).
 * The same class serves both ends:
 *  - a client calls `call()`/`invoke()`; replies are matched by (prog, serial), so any number of
 *    calls can be in flight; each call has an AbortSignal and a timeout;
 *  - a server listens to `call` events and answers with `reply()`/`replyError()`;
 *  - either end receives `message` events (MESSAGE packets other than keepalive) and sends them
 *    with `sendMessage()`; streams are opened with `openStream()` on both ends;
 *  - the keepalive program is handled here: PINGs are always answered; `startKeepAlive()` adds
 *    the timer that pings an idle peer and closes the connection when it stays silent.
 *  - file descriptors travel with CALL_WITH_FDS / REPLY_WITH_FDS on a socket that carries them
 *    (`FdCarrier`: a unix socket through the native helper); a `call` packet's `fds` belong to
 *    the listener, which closes them.
 * Events: `call` (Packet), `message` (Packet), `close` (VirError | null).
 */
import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import { ErrorDomain, ErrorNumber, virError, type VirError } from '../errors/index.js';
import { decodeValue, encodeValue } from './codec.js';
import {
  FrameDecoder, MessageStatus, MessageType, PACKET_MAX, decodeError, encodeError, encodePacket, rpcError,
  type Header, type Packet,
} from './packet.js';
import type { ProcedureInfo, Program } from './program.js';
import { XdrError } from './xdr.js';
import { closeFds, isFdCarrier, type FdCarrier } from './fd-carrier.js';
import { nativeMissing } from '../native/index.js';
import { RpcStream, streamKey } from './stream.js';
import { KEEPALIVE_PROGRAM, KEEPALIVE_PROTOCOL_VERSION, procedures as keepaliveProcs } from './protocol/keepalive.js';

export interface ConnectionOptions {
  /** Default timeout of each call in ms; 0 disables. Default 5 minutes. */
  callTimeoutMs?: number;
  /** Largest packet accepted from the peer, length word included. Default 32 MiB + 4. */
  maxPacket?: number;
  /** Calls allowed in flight at once; more wait in a queue. Default unlimited. */
  maxCallsInFlight?: number;
  /** First serial used by `call()`: libvirt's client starts at 0. */
  firstSerial?: number;
  /**
   * A unix socket that cannot carry descriptors (no native helper): the dummy bytes of a
   * WITH_FDS packet are still read (its descriptors are lost, `fds` is null) instead of the
   * packet ending the connection, as on TCP.
   */
  unixSocket?: boolean;
  /**
   * Stop reading the peer while what we send it is not being read (the socket's buffer is above
   * its high-water mark), until it drains: a server's guard against a client that sends calls or
   * PINGs and never reads the answers, which would otherwise pile up in memory without bound.
   */
  readOnlyWhenDrained?: boolean;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Overrides the connection's default timeout for this call (ms; 0 = none). */
  timeoutMs?: number;
  /** A stream opened for this call's serial (see `openStream`). */
  serial?: number;
  /** How errors name the call (`REMOTE_PROC_DOMAIN_GET_INFO`); default "call N of program P". */
  label?: string;
  /** Descriptors to pass with the call (CALL_WITH_FDS); they are duplicated, the caller keeps its own. */
  fds?: readonly number[];
  /** Takes the descriptors of a successful reply (the caller owns them); without it they are closed. */
  receiveFds?: (fds: number[]) => void;
}

/** One call awaiting its reply; settled once, by the reply, the close, an abort or the timeout. */
class Pending {
  timer: NodeJS.Timeout | undefined = undefined;
  onAbort: (() => void) | undefined = undefined;

  constructor(
    readonly owner: RpcConnection, readonly prog: number, readonly serial: number, readonly signal: AbortSignal | undefined,
    readonly receiveFds: ((fds: number[]) => void) | undefined,
    private readonly settle: (payload: Uint8Array) => void, private readonly fail: (err: unknown) => void,
  ) {}

  resolve(payload: Uint8Array): void {
    if (this.finish()) this.settle(payload);
  }

  reject(err: unknown): void {
    if (this.finish()) this.fail(err);
  }

  /** Forget the call; false when it was settled already. */
  private finish(): boolean {
    if (!this.owner.forgetCall(this)) return false;
    if (this.timer) clearTimeout(this.timer);
    if (this.onAbort) this.signal!.removeEventListener('abort', this.onAbort);
    return true;
  }
}

export const DEFAULT_CALL_TIMEOUT_MS = 5 * 60 * 1000;

/** The C library's words for the socket errors a peer causes, as libvirt prints them. */
function strerror(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'ECONNRESET': return 'Connection reset by peer';
    case 'EPIPE': return 'Broken pipe';
    default: return e.message;
  }
}

const NO_OPTIONS: CallOptions = Object.freeze({});

function callLabel(prog: number, proc: number, label: string | undefined): string {
  return label ?? `call ${proc} of program ${prog >>> 0}`;
}

/** An aborted call: VIR_ERR_OPERATION_TIMEOUT when the signal is a timeout (`AbortSignal.timeout`), else ABORTED. */
function abortError(signal: AbortSignal, what: string): VirError {
  const timedOut = (signal.reason as { name?: string } | undefined)?.name === 'TimeoutError';
  return virError(ErrorDomain.VIR_FROM_RPC, timedOut ? ErrorNumber.VIR_ERR_OPERATION_TIMEOUT : ErrorNumber.VIR_ERR_OPERATION_ABORTED, what);
}

export class RpcConnection extends EventEmitter {
  private readonly decoder: FrameDecoder;
  private readonly carrier: FdCarrier | null;
  /** Calls awaiting a reply, by serial (one counter for every program, as libvirt's client). */
  private readonly pending = new Map<number, Pending>();
  private readonly streams = new Map<string, RpcStream>();
  private readonly waiting: (() => void)[] = [];
  private inFlight = 0;
  private serial: number;
  private closeError: VirError | null = null;
  private isClosed = false;
  private lastReceived = Date.now();
  /** Reasons the peer is not read just now (nested pauseInput calls, a full output buffer). */
  private inputHolds = 0;
  /** Packets received and not yet dispatched (input is held). */
  private inbox: Packet[] = [];
  private backlogged = false;
  private readonly readOnlyWhenDrained: boolean;
  private keepAlive: { timer: NodeJS.Timeout; interval: number; count: number; missed: number } | null = null;
  readonly callTimeoutMs: number;
  readonly maxCallsInFlight: number;

  constructor(readonly socket: Duplex, options: ConnectionOptions = {}) {
    super();
    this.carrier = isFdCarrier(socket) ? socket : null;
    this.decoder = new FrameDecoder(options.maxPacket ?? PACKET_MAX, this.carrier || options.unixSocket ? 'read' : 'refuse');
    this.callTimeoutMs = options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    this.maxCallsInFlight = options.maxCallsInFlight ?? Infinity;
    this.serial = options.firstSerial ?? 0;
    this.readOnlyWhenDrained = options.readOnlyWhenDrained ?? false;
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('end', () => this.destroy(virError(ErrorDomain.VIR_FROM_RPC, ErrorNumber.VIR_ERR_SYSTEM_ERROR, 'End of file while reading data: Input/output error')));
    socket.on('error', (e: NodeJS.ErrnoException) => {
      // libvirt names the direction that failed: a write to a peer already gone is EPIPE.
      const what = e.syscall === 'write' ? 'Cannot write data' : 'Cannot recv data';
      this.destroy(virError(ErrorDomain.VIR_FROM_RPC, ErrorNumber.VIR_ERR_SYSTEM_ERROR, `${what}: ${strerror(e)}`));
    });
    socket.on('close', () => this.destroy(null));
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /** Why the connection ended (null while open or after a clean close). */
  get error(): VirError | null {
    return this.closeError;
  }

  /** Calls and streams currently open. */
  get activeCalls(): number {
    return this.pending.size;
  }

  get activeStreams(): number {
    return this.streams.size;
  }

  /** Allocate the next call serial (u32, wrapping, skipping serials still in use). */
  nextSerial(): number {
    for (;;) {
      const s = this.serial;
      this.serial = (this.serial + 1) >>> 0;
      if (!this.pending.has(s)) return s;
    }
  }

  /** Descriptors can travel on this connection. */
  get passesFds(): boolean {
    return this.carrier !== null;
  }

  /** Throws why descriptors cannot travel here, if they cannot. */
  checkFdPassing(): void {
    if (!this.carrier) throw this.fdsUnsupported();
  }

  /** Why descriptors cannot be sent here: no native helper on a unix socket, or not a unix socket. */
  private fdsUnsupported(): VirError {
    if (this.decoder.fdBytes === 'read') return nativeMissing('passing file descriptors');
    return virError(ErrorDomain.VIR_FROM_RPC, ErrorNumber.VIR_ERR_INTERNAL_ERROR, 'Sending file descriptors is not supported on this socket');
  }

  /**
   * Write one packet, then its descriptors if any (WITH_FDS types). False means the socket
   * buffer is full: wait for `drained()`.
   */
  sendPacket(header: Header, payload?: Uint8Array, fds?: readonly number[]): boolean {
    if (this.isClosed) throw socketClosed();
    // The first packet of a tick leaves at once (a lone reply waits for nothing); packets that
    // follow it in the same tick (concurrent callers woken by one read) are corked into one write.
    if (this.batching) {
      if (!this.corked) { this.corked = true; this.socket.cork(); }
    } else {
      this.batching = true;
      process.nextTick(this.endBatch);
    }
    let ok: boolean;
    if (!fds) {
      ok = this.socket.write(encodePacket(header, payload));
    } else {
      if (!this.carrier) throw this.fdsUnsupported();
      ok = this.socket.write(encodePacket(header, payload, fds.length));
      for (const fd of fds) this.carrier.writeFd(fd);
      ok &&= !(this.socket as { writableNeedDrain?: boolean }).writableNeedDrain;
    }
    if (!ok && this.readOnlyWhenDrained && !this.backlogged) this.holdUntilDrained();
    return ok;
  }

  /** The peer is not reading what we send: read no more from it until it has. */
  private holdUntilDrained(): void {
    this.backlogged = true;
    this.pauseInput();
    const drained = () => {
      this.socket.off('drain', drained);
      this.off('close', drained);
      this.backlogged = false;
      this.resumeInput();
    };
    this.socket.on('drain', drained);
    this.on('close', drained);
  }

  /** Stop reading the peer until the matching resumeInput(); holds nest (a call limit, a full stream, a backlog). */
  pauseInput(): void {
    if (this.inputHolds++ === 0) this.socket.pause();
  }

  resumeInput(): void {
    if (this.inputHolds === 0) return;
    if (--this.inputHolds > 0 || this.isClosed) return;
    this.socket.resume();
    // Later, not inside the caller that released the hold (a reply being sent, say).
    if (this.inbox.length > 0) process.nextTick(() => this.dispatchInbox());
  }

  private batching = false;
  private corked = false;
  private readonly endBatch = () => {
    this.batching = false;
    if (this.corked) { this.corked = false; this.socket.uncork(); }
  };

  /** Resolves when the socket can take more data. */
  drained(): Promise<void> {
    if (this.isClosed || !(this.socket as { writableNeedDrain?: boolean }).writableNeedDrain) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => { this.socket.off('drain', done); this.off('close', done); resolve(); };
      this.socket.on('drain', done);
      this.on('close', done);
    });
  }

  /**
   * Send a CALL and resolve with the payload of its REPLY (status OK); a REPLY with status ERROR
   * rejects with the VirError it carries. Aborting or timing out rejects the promise; a reply
   * arriving later is dropped.
   */
  call(prog: number, vers: number, proc: number, payload?: Uint8Array, options: CallOptions = NO_OPTIONS): Promise<Uint8Array> {
    return this.startCall(prog, vers, proc, payload, options, options.label);
  }

  private startCall(prog: number, vers: number, proc: number, payload: Uint8Array | undefined, options: CallOptions, label: string | undefined): Promise<Uint8Array> {
    if (this.isClosed) return Promise.reject(socketClosed());
    if (options.signal?.aborted) return Promise.reject(abortError(options.signal, callLabel(prog, proc, label)));
    if (this.maxCallsInFlight === Infinity) return this.callNow(prog, vers, proc, payload, options, label);
    return this.callLimited(prog, vers, proc, payload, options, label);
  }

  /** With `maxCallsInFlight`: wait for a free slot first. */
  private async callLimited(
    prog: number, vers: number, proc: number, payload: Uint8Array | undefined, options: CallOptions, label: string | undefined,
  ): Promise<Uint8Array> {
    if (this.inFlight >= this.maxCallsInFlight) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
      if (this.isClosed) throw this.closedError();
    }
    this.inFlight++;
    try {
      return await this.callNow(prog, vers, proc, payload, options, label);
    } finally {
      this.inFlight--;
      this.waiting.shift()?.();
    }
  }

  private callNow(
    prog: number, vers: number, proc: number, payload: Uint8Array | undefined, options: CallOptions, label: string | undefined,
  ): Promise<Uint8Array> {
    const serial = options.serial ?? this.nextSerial();
    const fds = options.fds?.length ? options.fds : undefined;
    if (fds && !this.carrier) return Promise.reject(this.fdsUnsupported());
    return new Promise<Uint8Array>((resolve, reject) => {
      const { signal } = options;
      const call = new Pending(this, prog >>> 0, serial, signal, options.receiveFds, resolve, reject);
      const timeoutMs = options.timeoutMs ?? this.callTimeoutMs;
      if (timeoutMs > 0) {
        call.timer = setTimeout(() => call.reject(virError(ErrorDomain.VIR_FROM_RPC, ErrorNumber.VIR_ERR_OPERATION_TIMEOUT,
          `no reply to ${callLabel(prog, proc, label)} within ${timeoutMs} ms`)), timeoutMs);
        call.timer.unref?.();
      }
      if (signal) {
        call.onAbort = () => call.reject(abortError(signal, callLabel(prog, proc, label)));
        signal.addEventListener('abort', call.onAbort, { once: true });
      }
      this.pending.set(serial, call);
      try {
        const type = fds ? MessageType.CALL_WITH_FDS : MessageType.CALL;
        this.sendPacket({ prog, vers, proc, type, serial, status: MessageStatus.OK }, payload, fds);
      } catch (e) {
        call.reject(e);
      }
    });
  }

  /** @internal A call settles: drop it from the table; false when it was no longer there. */
  forgetCall(call: Pending): boolean {
    if (this.pending.get(call.serial) !== call) return false;
    this.pending.delete(call.serial);
    return true;
  }

  /** A typed call: encode `args` with the procedure's codec, decode its reply. */
  async invoke<A, R>(program: Program, proc: ProcedureInfo<A, R, unknown>, args: A, options?: CallOptions): Promise<R> {
    const payload = encodeValue(proc.args, args);
    const reply = await this.startCall(program.number, program.version, proc.number, payload,
      options ?? NO_OPTIONS, options?.label ?? `${program.name}_PROC_${proc.name}`);
    try {
      return decodeValue(proc.ret, reply);
    } catch (e) {
      if (e instanceof XdrError) throw rpcError('Unable to decode message payload');
      throw e;
    }
  }

  /** Answer a CALL with status OK, with descriptors (REPLY_WITH_FDS) when `fds` has any. */
  reply(call: Header, payload?: Uint8Array, fds?: readonly number[]): void {
    if (this.isClosed) return;
    const withFds = fds !== undefined && fds.length > 0;
    this.sendPacket({ ...call, type: withFds ? MessageType.REPLY_WITH_FDS : MessageType.REPLY, status: MessageStatus.OK }, payload, withFds ? fds : undefined);
  }

  /** Answer a CALL with status ERROR and the error's wire form. */
  replyError(call: Header, err: unknown): void {
    if (this.isClosed) return;
    this.sendPacket({ ...call, type: MessageType.REPLY, status: MessageStatus.ERROR }, encodeError(err));
  }

  /** Send a MESSAGE (an event). libvirtd uses serial 1 for events, 0 for keepalive. */
  sendMessage(prog: number, vers: number, proc: number, payload?: Uint8Array, serial = 1): boolean {
    return this.sendPacket({ prog, vers, proc, type: MessageType.MESSAGE, serial, status: MessageStatus.OK }, payload);
  }

  /** A typed MESSAGE with the procedure's `msg` codec. */
  sendEvent<M>(program: Program, proc: ProcedureInfo<unknown, unknown, M>, msg: M): boolean {
    if (!proc.msg) throw new TypeError(`procedure ${proc.name} has no message payload`);
    return this.sendMessage(program.number, program.version, proc.number, encodeValue(proc.msg, msg));
  }

  /**
   * Register a stream for (prog, proc, serial) so its packets are routed to it. A client opens it
   * before sending the call (data may follow the reply at once) and passes `serial` in the call's
   * options; a server opens it from the CALL's header.
   */
  openStream(prog: number, vers: number, proc: number, serial?: number): RpcStream {
    if (this.isClosed) throw socketClosed();
    const s = new RpcStream(this, prog, vers, proc, serial ?? this.nextSerial());
    if (this.streams.has(s.key)) throw rpcError(`stream ${s.key} is already open`);
    this.streams.set(s.key, s);
    return s;
  }

  forgetStream(stream: RpcStream): void {
    if (this.streams.get(stream.key) === stream) this.streams.delete(stream.key);
  }

  /**
   * Ping the peer after `interval` seconds without receiving anything, then every `interval`
   * seconds; after `count` PINGs without any packet back, close with libvirt's keepalive error.
   */
  startKeepAlive(interval: number, count: number): void {
    if (!(interval > 0) || !Number.isInteger(count) || count < 0) throw new RangeError('keepalive needs interval > 0 and count >= 0');
    this.stopKeepAlive();
    const tick = Math.max(50, Math.min(interval * 1000, 1000) / 4);
    const ka = {
      interval, count, missed: 0,
      timer: setInterval(() => this.keepAliveTick(), tick),
    };
    ka.timer.unref?.();
    this.keepAlive = ka;
    this.lastPingAt = 0;
  }

  stopKeepAlive(): void {
    if (this.keepAlive) clearInterval(this.keepAlive.timer);
    this.keepAlive = null;
  }

  private lastPingAt = 0;

  private keepAliveTick(): void {
    const ka = this.keepAlive;
    if (!ka || this.isClosed) return;
    const now = Date.now();
    const ms = ka.interval * 1000;
    if (now - this.lastReceived < ms || now - this.lastPingAt < ms) return;
    if (ka.missed >= ka.count) {
      this.destroy(virError(ErrorDomain.VIR_FROM_RPC, ErrorNumber.VIR_ERR_INTERNAL_ERROR, 'connection closed due to keepalive timeout'));
      return;
    }
    ka.missed++;
    this.lastPingAt = now;
    this.sendKeepAlive(keepaliveProcs.PING.number);
  }

  private sendKeepAlive(proc: number): void {
    this.sendMessage(KEEPALIVE_PROGRAM, KEEPALIVE_PROTOCOL_VERSION, proc, undefined, 0);
  }

  private onData(chunk: Buffer): void {
    if (this.isClosed) return;
    let packets: Packet[];
    try {
      packets = this.decoder.push(chunk);
    } catch (e) {
      this.destroy(rpcError(e instanceof Error ? e.message : String(e)));
      return;
    }
    for (let i = 0; i < packets.length; i++) {
      const p = packets[i];
      if (p.nfds) this.claimFds(p);
      if (this.isClosed) {
        // Descriptors of packets nobody will see.
        for (const q of packets.slice(i)) closeFds(q.fds);
        return;
      }
      this.inbox.push(p);
    }
    if (this.carrier && this.carrier.queuedFds > 0) this.closeStrayFds();
    this.dispatchInbox();
  }

  /**
   * Dispatch received packets in order until a hold stops input: one chunk may carry thousands
   * of packets, and a call limit must stop at the call that reaches it, not at the chunk's end.
   */
  private dispatchInbox(): void {
    while (this.inbox.length > 0 && this.inputHolds === 0 && !this.isClosed) {
      this.lastReceived = Date.now();
      if (this.keepAlive) { this.keepAlive.missed = 0; this.lastPingAt = 0; }
      this.dispatch(this.inbox.shift()!);
    }
  }

  /**
   * Give a WITH_FDS packet the descriptors that came on its dummy bytes, one each; a dummy byte
   * without exactly one ends the connection, as libvirt's receiver does.
   */
  private claimFds(p: Packet): void {
    if (!this.carrier) {
      p.fds = null;
      return;
    }
    const start = p.fdsAt!;
    const fds: number[] = [];
    let misplaced = false;
    for (const r of this.carrier.takeFds(start + p.nfds!)) {
      if (r.at < start) closeFds([r.fd]);
      else if (r.at - start === fds.length) fds.push(r.fd);
      else { misplaced = true; closeFds([r.fd]); }
    }
    if (misplaced || fds.length !== p.nfds) {
      closeFds(fds);
      this.destroy(virError(ErrorDomain.VIR_FROM_RPC, ErrorNumber.VIR_ERR_SYSTEM_ERROR, 'Failed to recv file descriptor: Permission denied'));
      return;
    }
    p.fds = fds;
  }

  /** Descriptors that came with ordinary packet bytes belong to nothing (libvirt's reads drop them). */
  private closeStrayFds(): void {
    closeFds(this.carrier!.takeFds(this.decoder.settled).map((r) => r.fd));
  }

  private dispatch(p: Packet): void {
    const h = p.header;
    switch (h.type) {
      case MessageType.CALL:
      case MessageType.CALL_WITH_FDS:
        if (!this.emit('call', p)) closeFds(p.fds);
        break;
      case MessageType.REPLY:
      case MessageType.REPLY_WITH_FDS: {
        const pending = this.pending.get(h.serial);
        if (!pending || pending.prog !== h.prog >>> 0) {
          closeFds(p.fds);
          // libvirtd answers a stream packet it refused (a hole) with a REPLY: the stream's end
          this.streams.get(streamKey(h.prog, h.proc, h.serial))?.receive(p);
          return; // otherwise abandoned (aborted or timed out) or never ours: dropped
        }
        const payload = p.payload;
        if (p.nfds && h.status === MessageStatus.OK && pending.receiveFds) {
          if (!p.fds) { pending.reject(nativeMissing('receiving file descriptors')); return; }
          pending.receiveFds(p.fds);
        } else {
          closeFds(p.fds);
        }
        if (h.status === MessageStatus.OK) pending.resolve(payload);
        else if (h.status === MessageStatus.ERROR) pending.reject(decodeError(payload));
        else pending.reject(rpcError(`Unexpected message status ${h.status}`));
        break;
      }
      case MessageType.MESSAGE:
        if (h.prog === KEEPALIVE_PROGRAM) {
          if (h.proc === keepaliveProcs.PING.number) this.sendKeepAlive(keepaliveProcs.PONG.number);
          return;
        }
        this.emit('message', p);
        break;
      case MessageType.STREAM:
      case MessageType.STREAM_HOLE:
        // Packets for a stream that is gone are ignored, as libvirtd does.
        this.streams.get(streamKey(h.prog, h.proc, h.serial))?.receive(p);
        break;
      default:
        // Unknown types are ignored: libvirt's dispatcher logs and drops them.
        break;
    }
  }

  /** What calls caught by the end of the connection fail with: its cause when it had one. */
  private closedError(): VirError {
    return this.closeError ?? socketClosed();
  }

  /** Finish writing what is queued, then end the connection. Pending calls fail. */
  close(): Promise<void> {
    if (this.isClosed) return Promise.resolve();
    return new Promise((resolve) => {
      this.once('close', () => resolve());
      this.socket.end(() => this.destroy(null));
    });
  }

  /** End the connection now; pending calls and open streams fail with `err` (or "socket closed"). */
  destroy(err: VirError | null = null): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.closeError = err;
    this.stopKeepAlive();
    const reason = this.closedError();
    for (const p of [...this.pending.values()]) p.reject(reason);
    for (const s of [...this.streams.values()]) s.connectionLost(reason);
    for (const p of this.inbox.splice(0)) closeFds(p.fds);
    this.streams.clear();
    for (const w of this.waiting.splice(0)) w();
    this.socket.destroy();
    this.emit('close', err);
  }
}

/** Work started after the connection ended fails with this, whatever ended it (as libvirt's client). */
function socketClosed(): VirError {
  return virError(ErrorDomain.VIR_FROM_RPC, ErrorNumber.VIR_ERR_INTERNAL_ERROR, 'client socket is closed');
}
