import type { Duplex } from 'node:stream';
import { ErrorDomain, ErrorNumber, isVirError, virError } from '../errors/index.js';
import type { Connect } from './connect.js';
import { ConnectObject } from './object.js';

const FROM = ErrorDomain.VIR_FROM_STREAMS;

type StreamState = 'new' | 'open' | 'finished' | 'aborted';

/**
 * A data stream (virStream): created empty by `conn.newStream()`, then bound to a transfer by an
 * entry point that opens one (`dom.openConsole(null, st)`, `vol.upload(st, ...)`, ...). Drivers
 * hand the API layer a Node Duplex; this class gives it libvirt's shape (send, recv, finish,
 * abort) and Node's (async iteration, `duplex()` for pipeline()). VIR_STREAM_NONBLOCK is accepted
 * and changes nothing: no call here ever blocks the event loop.
 */
export class Stream extends ConnectObject {
  readonly flags: number;
  #duplex?: Duplex;
  #state: StreamState = 'new';
  #ended = false;
  #error?: Error;
  #chunks: Buffer[] = [];
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
    duplex.on('data', (chunk: Buffer) => {
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
    const d = this.#open('virStreamSend');
    if (this.#error) throw this.#failure('virStreamSend', this.#error);
    try {
      await new Promise<void>((resolve, reject) => { d.write(data, (err) => (err ? reject(err) : resolve())); });
    } catch (err) {
      // A transfer the other side failed refuses later writes as "destroyed": report its cause,
      // which the 'error' event brings a tick later.
      await new Promise<void>((resolve) => setImmediate(resolve));
      throw this.#failure('virStreamSend', this.#error ?? (err as Error));
    }
    return data.byteLength;
  }

  /**
   * Receive at most `nbytes`; resolves with an empty buffer at the end of the stream, as
   * virStreamRecv returns 0.
   */
  async recv(nbytes: number): Promise<Buffer> {
    const d = this.#open('virStreamRecv');
    while (this.#chunks.length === 0 && !this.#ended && !this.#error) {
      d.resume();
      await new Promise<void>((resolve) => { this.#waiter = resolve; });
    }
    if (this.#chunks.length === 0) {
      if (this.#error) throw this.#failure('virStreamRecv', this.#error);
      return Buffer.alloc(0);
    }
    const first = this.#chunks[0]!;
    if (first.length <= nbytes) {
      this.#chunks.shift();
      return first;
    }
    this.#chunks[0] = first.subarray(nbytes);
    return first.subarray(0, nbytes);
  }

  /** Receive everything until the end, handing each chunk to `handler` (virStreamRecvAll). */
  async recvAll(handler: (data: Buffer) => void | Promise<void>): Promise<void> {
    for (;;) {
      const data = await this.recv(256 * 1024);
      if (data.length === 0) return;
      await handler(data);
    }
  }

  /** Send everything `source` yields, then leave the stream open for finish() (virStreamSendAll). */
  async sendAll(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<void> {
    for await (const chunk of source) await this.send(chunk);
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Buffer> {
    for (;;) {
      const data = await this.recv(256 * 1024);
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
