/**
 * One data stream multiplexed on an RPC connection, keyed by the (prog, proc, serial) of the call
 * that created it. Both ends use the same class: what differs is which packets each sends.
 *
 *   data        STREAM/CONTINUE with raw bytes         write()
 *   hole        STREAM_HOLE/CONTINUE {length, flags}   writeHole()
 *   end of data STREAM/CONTINUE with no bytes          end()      (the daemon, on a read stream)
 *   finish      STREAM/OK                              finish()   (and its confirmation)
 *   abort       STREAM/ERROR, empty                    abort()    (the client)
 *   failure     STREAM/ERROR with remote_error         fail(err)  (the daemon)
 *   refused     REPLY (status ERROR) for the stream     the daemon refused a hole: taken as finish
 */
import { EventEmitter } from 'node:events';
import type { VirError } from '../errors/index.js';
import { hyper, struct, uint, encodeValue, decodeValue } from './codec.js';
import { MESSAGE_LEGACY_PAYLOAD_MAX, MessageStatus, MessageType, decodeError, encodeError, rpcError, type Header, type Packet } from './packet.js';

export const streamHoleCodec = struct({ length: hyper, flags: uint });

/** What a stream needs from its connection. */
export interface StreamTransport {
  sendPacket(header: Header, payload?: Uint8Array): boolean;
  forgetStream(stream: RpcStream): void;
  /** End the whole connection: the peer broke the protocol. */
  destroy(err: VirError): void;
}

export type StreamEvent =
  | { kind: 'data'; data: Buffer }
  | { kind: 'hole'; length: bigint; flags: number };

/**
 * Events: `data` (Buffer), `hole` (length: bigint, flags), `eof` (the peer's empty CONTINUE),
 * `finish` (the peer's STREAM/OK), `abort` (the peer's empty STREAM/ERROR), `error` (VirError from
 * the peer's STREAM/ERROR, or the connection's end).
 */
export class RpcStream extends EventEmitter {
  private closedLocally = false;
  private done = false;
  /** The daemon forgot the stream (its REPLY): our own finish or abort closes it here too. */
  private peerGone = false;

  constructor(
    private readonly transport: StreamTransport,
    readonly prog: number,
    readonly vers: number,
    readonly proc: number,
    readonly serial: number,
    /** Largest data payload per packet (libvirtd sends at most 262120 bytes). */
    readonly chunkSize = MESSAGE_LEGACY_PAYLOAD_MAX,
  ) {
    super();
  }

  get key(): string {
    return streamKey(this.prog, this.proc, this.serial);
  }

  /** True once a final packet was seen or sent in both directions, or the connection ended. */
  get finished(): boolean {
    return this.done;
  }

  private header(type: MessageType, status: MessageStatus): Header {
    return { prog: this.prog, vers: this.vers, proc: this.proc, type, serial: this.serial, status };
  }

  private send(type: MessageType, status: MessageStatus, payload?: Uint8Array): boolean {
    if (this.closedLocally) throw rpcError('stream is closed');
    return this.transport.sendPacket(this.header(type, status), payload);
  }

  /** Send data, cut into packets of at most `chunkSize`. False means: wait for the connection's drain. */
  write(data: Uint8Array): boolean {
    let ok = true;
    for (let at = 0; at < data.length; at += this.chunkSize) {
      ok = this.send(MessageType.STREAM, MessageStatus.CONTINUE, data.subarray(at, at + this.chunkSize));
    }
    return ok;
  }

  writeHole(length: bigint, flags = 0): boolean {
    return this.send(MessageType.STREAM_HOLE, MessageStatus.CONTINUE, encodeValue(streamHoleCodec, { length, flags }));
  }

  /** End of data on a read stream (the daemon's empty CONTINUE). */
  end(): void {
    this.send(MessageType.STREAM, MessageStatus.CONTINUE);
  }

  /** STREAM/OK: this side is done (or confirms the peer's finish/abort). */
  finish(): void {
    this.send(MessageType.STREAM, MessageStatus.OK);
    this.closedLocally = true;
    if (this.peerGone) this.close();
  }

  /** The client's abort: an empty STREAM/ERROR. */
  abort(): void {
    this.send(MessageType.STREAM, MessageStatus.ERROR);
    this.closedLocally = true;
    if (this.peerGone) this.close();
  }

  /** The daemon's failure report: STREAM/ERROR carrying the error. */
  fail(err: unknown): void {
    this.send(MessageType.STREAM, MessageStatus.ERROR, encodeError(err));
    this.closedLocally = true;
    this.close();
  }

  /** Forget the stream on this side (no packet sent). */
  close(): void {
    this.closedLocally = true;
    if (!this.done) {
      this.done = true;
      this.transport.forgetStream(this);
    }
  }

  /** Called by the connection for each STREAM / STREAM_HOLE packet of this stream. */
  receive(packet: Packet): void {
    const { type, status } = packet.header;
    if (type === MessageType.REPLY) {
      // The daemon refused a packet of ours and forgot the stream: libvirt's client takes this
      // REPLY as the confirmation of its finish, whatever it carries.
      this.peerGone = true;
      this.deliver({ kind: 'finish' });
      return;
    }
    if (type === MessageType.STREAM_HOLE) {
      let hole: { length: bigint; flags: number };
      try {
        hole = decodeValue(streamHoleCodec, packet.payload);
      } catch {
        // A hole that does not decode ends the connection, not just the stream (as libvirt's
        // daemon and client both do); the stream fails with the connection.
        this.transport.destroy(rpcError('Unable to decode message payload'));
        return;
      }
      this.deliver({ kind: 'hole', length: hole.length, flags: hole.flags });
      return;
    }
    switch (status) {
      case MessageStatus.CONTINUE:
        this.deliver(packet.payload.length === 0 ? { kind: 'eof' } : { kind: 'data', data: Buffer.from(packet.payload) });
        break;
      case MessageStatus.OK:
        this.deliver({ kind: 'finish' });
        if (this.closedLocally) this.close();
        break;
      case MessageStatus.ERROR:
        if (packet.payload.length === 0) {
          this.deliver({ kind: 'abort' });
        } else {
          this.close();
          this.deliver({ kind: 'error', error: decodeError(packet.payload) });
        }
        break;
      default:
        this.deliver({ kind: 'error', error: rpcError(`Unexpected message status ${status}`) });
    }
  }

  /** The connection ended under the stream. */
  connectionLost(err: VirError): void {
    if (this.done) return;
    this.done = true;
    this.closedLocally = true;
    this.deliver({ kind: 'error', error: err });
  }

  /**
   * Incoming events go to listeners when there are any for their kind; otherwise they wait in a
   * queue for the async iterator (so data arriving before iteration starts is not lost).
   */
  private deliver(item: Incoming): void {
    if (this.iterating || this.listenerCount(item.kind) === 0) {
      this.queue.push(item);
      this.wake?.();
      return;
    }
    switch (item.kind) {
      case 'data': this.emit('data', item.data); break;
      case 'hole': this.emit('hole', item.length, item.flags); break;
      case 'error': this.emit('error', item.error); break;
      default: this.emit(item.kind);
    }
  }

  private queue: Incoming[] = [];
  private wake: (() => void) | null = null;
  private iterating = false;

  /**
   * The incoming side as an async iterator of data and holes, ending at the peer's end of data or
   * finish; a peer failure or abort is thrown.
   */
  async *[Symbol.asyncIterator](): AsyncGenerator<StreamEvent> {
    this.iterating = true;
    try {
      for (;;) {
        while (this.queue.length === 0) await new Promise<void>((r) => (this.wake = r));
        this.wake = null;
        const e = this.queue.shift()!;
        if (e.kind === 'eof' || e.kind === 'finish') return;
        if (e.kind === 'error') throw e.error;
        if (e.kind === 'abort') throw rpcError('stream aborted by the peer');
        yield e;
      }
    } finally {
      this.iterating = false;
    }
  }
}

type Incoming = StreamEvent | { kind: 'eof' } | { kind: 'finish' } | { kind: 'abort' } | { kind: 'error'; error: unknown };

export function streamKey(prog: number, proc: number, serial: number): string {
  return `${prog >>> 0}:${proc}:${serial >>> 0}`;
}
