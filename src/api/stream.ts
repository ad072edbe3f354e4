import type { Duplex } from 'node:stream';
import { ErrorDomain, ErrorNumber, checkFlags, isVirError, virError } from '../errors/index.js';
import type { StreamHole } from '../drivers/types.js';
import type { Connect } from './connect.js';
import { VIR_STREAM_RECV_STOP_AT_HOLE } from './constants.js';
import { ConnectObject } from './object.js';

const FROM = ErrorDomain.VIR_FROM_STREAMS;
const RECV_ALL_CHUNK = 256 * 1024;
/** What virStreamRecvFlags returns with VIR_STREAM_RECV_STOP_AT_HOLE when a hole comes next. */
export const STREAM_AT_HOLE = -3;

type StreamState = 'new' | 'open' | 'finished' | 'aborted';

/** Where the stream stands for virStreamInData: in data or in a hole, and the bytes until that changes. */
export interface StreamSection { inData: boolean; length: bigint }

/** The callbacks of sparseSendAll, as libvirt-python's sparseSendAll takes them. */
export interface SparseSource {
  /** Up to `nbytes` of data at the current position; an empty result ends the stream. */
  read(nbytes: number): Uint8Array | Promise<Uint8Array>;
  /** The section at the current position (a hole of length 0 at the end). */
  inData(): StreamSection | Promise<StreamSection>;
  /** Move the current position past a hole of `length` bytes. */
  skip(length: bigint): void | Promise<void>;
}

/** The callbacks of sparseRecvAll: data to write at the current position, then holes to skip. */
export interface SparseSink {
  write(data: Buffer): void | Promise<void>;
  hole(length: bigint): void | Promise<void>;
}

/**
 * A data stream (virStream): created empty by `conn.newStream()`, then bound to a transfer by an
 * entry point that opens one (`dom.openConsole(null, st)`, `vol.upload(st, ...)`, ...). Drivers
 * hand the API layer a Node Duplex; this class gives it libvirt's shape (send, recv, finish,
 * abort) and Node's (async iteration, `duplex()` for pipeline()). VIR_STREAM_NONBLOCK is accepted
 * and changes nothing: no call here ever blocks the event loop.
 *
 * Sparse streams (a transfer opened with a *_SPARSE_STREAM flag; the driver's Duplex is then in
 * object mode and carries StreamHoles) also take sendHole, recvFlags with STOP_AT_HOLE, recvHole
 * and inData, with the rules of libvirt's remote client: a hole met by plain recv() reads as zeros,
 * and the hole calls on any other stream are refused.
 */
export class Stream extends ConnectObject {
  readonly flags: number;
  #duplex?: Duplex;
  #state: StreamState = 'new';
  #ended = false;
  #error?: Error;
  #chunks: (Buffer | StreamHole)[] = [];
  /** A hole taken off the queue and not yet read (virNetClientStream's holeLength). */
  #holeLength = 0n;
  #sparse = false;
  #waiter?: () => void;

  /** @internal Use conn.newStream(). */
  constructor(conn: Connect, flags = 0) {
    super(conn);
    this.flags = flags;
  }

  /**
   * @internal Bind the transfer an entry point opens; once only, as libvirt's streams. The
   * stream is checked before the driver opens anything, so a refused bind leaks nothing.
   */
  async bind(openTransfer: () => Promise<Duplex>): Promise<void> {
    if (this.#state !== 'new') {
      throw virError(FROM, ErrorNumber.VIR_ERR_OPERATION_INVALID, 'stream is already in use');
    }
    this.#state = 'open';
    let duplex: Duplex;
    try {
      duplex = await openTransfer();
    } catch (err) {
      this.#state = 'new';
      throw err;
    }
    this.#attach(duplex);
  }

  #attach(duplex: Duplex): void {
    this.#duplex = duplex;
    this.#sparse = duplex.readableObjectMode || duplex.writableObjectMode;
    duplex.on('data', (chunk: Buffer | StreamHole) => {
      if (this.#state !== 'open') return; // finished or aborted: what still arrives is dropped
      this.#chunks.push(chunk);
      // Back-pressure: stop reading from the driver until the caller drains what is buffered.
      duplex.pause();
      this.#wake();
    });
    duplex.on('end', () => {
      this.#ended = true;
      this.#wake();
    });
    duplex.on('error', (err) => {
      this.#error = err;
      this.#wake();
    });
    duplex.on('close', () => {
      this.#ended = true;
      this.#wake();
    });
    duplex.pause();
  }

  /** Send bytes; resolves with the number of bytes accepted (all of them, once the driver took them). */
  async send(data: Uint8Array): Promise<number> {
    await this.#write('virStreamSend', this.#open('virStreamSend'), data);
    return data.byteLength;
  }

  async #write(cName: string, d: Duplex, chunk: Uint8Array | StreamHole): Promise<void> {
    if (this.#error) throw this.#failure(cName, this.#error);
    try {
      await new Promise<void>((resolve, reject) => { d.write(chunk, (err) => (err ? reject(err) : resolve())); });
    } catch (err) {
      // A transfer the other side failed refuses later writes as "destroyed": report its cause,
      // which the 'error' event brings a tick later.
      await new Promise<void>((resolve) => setImmediate(resolve));
      throw this.#failure(cName, this.#error ?? (err as Error));
    }
  }

  #sparseOnly(why: string): void {
    if (!this.#sparse) throw virError(ErrorDomain.VIR_FROM_RPC, ErrorNumber.VIR_ERR_OPERATION_INVALID, why);
  }

  /**
   * Receive at most `nbytes`; resolves with an empty buffer at the end of the stream, as
   * virStreamRecv returns 0. A hole reads as zeros.
   */
  async recv(nbytes: number): Promise<Buffer> {
    return this.#recv('virStreamRecv', nbytes, false) as Promise<Buffer>;
  }

  /**
   * virStreamRecvFlags: as recv(), but with VIR_STREAM_RECV_STOP_AT_HOLE a hole coming next
   * resolves with STREAM_AT_HOLE (-3) instead of zeros; recvHole() then takes its length.
   */
  async recvFlags(nbytes: number, flags = 0): Promise<Buffer | typeof STREAM_AT_HOLE> {
    checkFlags(ErrorDomain.VIR_FROM_REMOTE, 'remoteStreamRecvFlags', flags, VIR_STREAM_RECV_STOP_AT_HOLE);
    return this.#recv('virStreamRecvFlags', nbytes, (flags & VIR_STREAM_RECV_STOP_AT_HOLE) !== 0);
  }

  async #recv(cName: string, nbytes: number, stopAtHole: boolean): Promise<Buffer | typeof STREAM_AT_HOLE> {
    const d = this.#open(cName);
    await this.#waitForChunk(d);
    if (this.#holeLength === 0n && this.#chunks.length > 0 && !(this.#chunks[0] instanceof Uint8Array)) {
      this.#holeLength = (this.#chunks.shift() as StreamHole).length;
    }
    if (this.#holeLength > 0n) {
      if (stopAtHole) return STREAM_AT_HOLE;
      const zeros = this.#holeLength < BigInt(nbytes) ? Number(this.#holeLength) : nbytes;
      this.#holeLength -= BigInt(zeros);
      return Buffer.alloc(zeros);
    }
    if (this.#chunks.length === 0) {
      if (this.#error) throw this.#failure(cName, this.#error);
      return Buffer.alloc(0);
    }
    const first = this.#chunks[0] as Buffer;
    if (first.length <= nbytes) {
      this.#chunks.shift();
      return first;
    }
    this.#chunks[0] = first.subarray(nbytes);
    return first.subarray(0, nbytes);
  }

  /** Wait until data, a hole, the end or a failure is there to read. */
  async #waitForChunk(d: Duplex): Promise<void> {
    while (this.#holeLength === 0n && this.#chunks.length === 0 && !this.#ended && !this.#error) {
      d.resume();
      await new Promise<void>((resolve) => { this.#waiter = resolve; });
    }
  }

  /** virStreamRecvHole: the length of the hole recvFlags stopped at (0 when none is pending). */
  async recvHole(flags = 0): Promise<bigint> {
    this.#open('virStreamRecvHole');
    checkFlags(ErrorDomain.VIR_FROM_REMOTE, 'remoteStreamRecvHole', flags, 0);
    this.#sparseOnly('Holes are not supported with this stream');
    if (this.#error) throw this.#failure('virStreamRecvHole', this.#error);
    const length = this.#holeLength;
    this.#holeLength = 0n;
    return length;
  }

  /**
   * virStreamSendHole: `length` bytes of empty space at the other end (the target seeks past
   * them instead of receiving zeros). The target checks the length and flags, as libvirt's does.
   */
  async sendHole(length: bigint | number, flags = 0): Promise<void> {
    const d = this.#open('virStreamSendHole');
    this.#sparseOnly('Skipping is not supported with this stream');
    await this.#write('virStreamSendHole', d, { length: BigInt(length), flags } satisfies StreamHole);
  }

  /**
   * virStreamInData for the incoming side: whether the next bytes are data or a hole, and how
   * many; { inData: false, length: 0 } at the end. A hole it reports is consumed, as libvirt's
   * client does (the position moved: skip it).
   */
  async inData(): Promise<StreamSection> {
    const d = this.#open('virStreamInData');
    this.#sparseOnly('Holes are not supported with this stream');
    await this.#waitForChunk(d);
    if (this.#error && this.#chunks.length === 0) throw this.#failure('virStreamInData', this.#error);
    const next = this.#chunks[0];
    if (this.#holeLength === 0n && next instanceof Uint8Array) return { inData: true, length: BigInt(next.length) };
    if (this.#holeLength === 0n && next) this.#holeLength = (this.#chunks.shift() as StreamHole).length;
    const length = this.#holeLength;
    this.#holeLength = 0n;
    return { inData: false, length };
  }

  /** Receive everything until the end, handing each chunk to `handler` (virStreamRecvAll). */
  async recvAll(handler: (data: Buffer) => void | Promise<void>): Promise<void> {
    for (;;) {
      const data = await this.recv(RECV_ALL_CHUNK);
      if (data.length === 0) return;
      await handler(data);
    }
  }

  /**
   * virStreamSparseRecvAll: data to `sink.write`, holes to `sink.hole`, until the end. A failure
   * (of the stream or of the sink) aborts the stream, then is thrown.
   */
  async sparseRecvAll(sink: SparseSink): Promise<void> {
    await this.#abortOnFailure(async () => {
      for (;;) {
        const got = await this.recvFlags(RECV_ALL_CHUNK, VIR_STREAM_RECV_STOP_AT_HOLE);
        if (got === STREAM_AT_HOLE) await sink.hole(await this.recvHole());
        else if (got.length === 0) return;
        else await sink.write(got);
      }
    });
  }

  /** Send everything `source` yields, then leave the stream open for finish() (virStreamSendAll). */
  async sendAll(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<void> {
    for await (const chunk of source) await this.send(chunk);
  }

  /**
   * virStreamSparseSendAll: the source's data and holes, as its inData() finds them, until its
   * read() comes back empty; the stream stays open for finish(). A failure aborts the stream,
   * then is thrown.
   */
  async sparseSendAll(source: SparseSource): Promise<void> {
    await this.#abortOnFailure(async () => {
      let dataLeft = 0n;
      for (;;) {
        if (dataLeft === 0n) {
          const section = await source.inData();
          if (!section.inData && section.length > 0n) {
            await this.sendHole(section.length);
            await source.skip(section.length);
            continue;
          }
          dataLeft = section.length;
        }
        const want = dataLeft < BigInt(RECV_ALL_CHUNK) ? Number(dataLeft) : RECV_ALL_CHUNK;
        const data = await source.read(want);
        if (data.length === 0) return;
        await this.send(data);
        dataLeft -= BigInt(data.length) > dataLeft ? dataLeft : BigInt(data.length);
      }
    });
  }

  async #abortOnFailure(run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (err) {
      if (this.#state === 'open') await this.abort();
      throw err;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Buffer> {
    for (;;) {
      const data = await this.recv(RECV_ALL_CHUNK);
      if (data.length === 0) return;
      yield data;
    }
  }

  /** The driver's Duplex, for stream.pipeline() and friends. */
  duplex(): Duplex {
    return this.#open('virStreamDuplex');
  }

  /** Complete the transfer: our side ends, and we wait for the other side to confirm. */
  async finish(): Promise<void> {
    const d = this.#open('virStreamFinish');
    this.#state = 'finished';
    this.#chunks = [];
    this.#holeLength = 0n;
    d.resume(); // let the other side's end arrive so the transport can close
    await new Promise<void>((resolve, reject) => {
      if (d.writableFinished || d.destroyed) return resolve();
      d.once('finish', resolve);
      d.once('error', (err) => reject(this.#failure('virStreamFinish', err)));
      d.end();
    });
    if (this.#error) throw this.#failure('virStreamFinish', this.#error);
  }

  /** Stop the transfer at once, discarding what is in flight. */
  async abort(): Promise<void> {
    const d = this.#open('virStreamAbort');
    this.#state = 'aborted';
    this.#chunks = [];
    this.#holeLength = 0n;
    d.destroy();
  }

  /** Release the stream; one still open is aborted first, as virStreamFree does. */
  override free(): void {
    if (this.#state === 'open') {
      this.#state = 'aborted';
      this.#duplex?.destroy();
    }
    super.free();
  }

  #open(cName: string): Duplex {
    if (!this.#duplex || this.#state !== 'open') {
      const why = this.#state === 'new' || this.#state === 'open' ? 'stream is not open' : `stream is ${this.#state}`;
      throw virError(FROM, ErrorNumber.VIR_ERR_OPERATION_INVALID, `${cName}: ${why}`);
    }
    return this.#duplex;
  }

  #failure(cName: string, err: Error): Error {
    if (isVirError(err)) return err;
    return virError(FROM, ErrorNumber.VIR_ERR_RPC, `${cName}: ${err.message}`);
  }

  #wake(): void {
    const w = this.#waiter;
    this.#waiter = undefined;
    w?.();
  }
}
