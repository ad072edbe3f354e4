/**
 * libvirt RPC packets: a 4-byte length word (counting itself), a 24-byte header, a payload.
 * `FrameDecoder` cuts a byte stream into packets whatever the chunking, refusing a length word
 * outside libvirt's limits before buffering anything for it.
 */
import { ErrorDomain, ErrorNumber, VirError, virError } from '../errors/index.js';
import { XdrError, XdrReader, XdrWriter } from './xdr.js';
import { int, optional, string, struct, fixedOpaque, type Codec, type CodecType } from './codec.js';

/** Limits from virnetprotocol.x (libvirt 9.0). */
export const MESSAGE_MAX = 33554432; // packet bytes excluding the length word
export const MESSAGE_HEADER_MAX = 24;
export const MESSAGE_PAYLOAD_MAX = MESSAGE_MAX - MESSAGE_HEADER_MAX;
export const MESSAGE_LEN_MAX = 4;
export const MESSAGE_STRING_MAX = 4194304;
export const MESSAGE_LEGACY_PAYLOAD_MAX = 262120;
export const MESSAGE_NUM_FDS_MAX = 32;
/** The smallest legal packet: length word + header. */
export const PACKET_MIN = MESSAGE_LEN_MAX + MESSAGE_HEADER_MAX;
/** The largest legal packet, length word included. */
export const PACKET_MAX = MESSAGE_MAX + MESSAGE_LEN_MAX;

export enum MessageType {
  CALL = 0,
  REPLY = 1,
  MESSAGE = 2,
  STREAM = 3,
  CALL_WITH_FDS = 4,
  REPLY_WITH_FDS = 5,
  STREAM_HOLE = 6,
}

export enum MessageStatus {
  OK = 0,
  ERROR = 1,
  CONTINUE = 2,
}

export interface Header {
  prog: number;
  vers: number;
  proc: number;
  type: MessageType;
  serial: number;
  status: MessageStatus;
}

/** One decoded packet: its header and the payload bytes after it (a view into the packet). */
export interface Packet {
  header: Header;
  /** For CALL_WITH_FDS / REPLY_WITH_FDS: what follows the descriptor count. */
  payload: Uint8Array;
  /** WITH_FDS packets: how many descriptors follow the packet, one per dummy byte. */
  nfds?: number;
  /** WITH_FDS packets: the stream offset of the first dummy byte. */
  fdsAt?: number;
  /** WITH_FDS packets: the descriptors received (owned by whoever handles the packet); null when the transport cannot receive them. */
  fds?: number[] | null;
}

function hasFds(type: MessageType): boolean {
  return type === MessageType.CALL_WITH_FDS || type === MessageType.REPLY_WITH_FDS;
}

/** A packet that breaks the framing rules; the connection carrying it cannot continue. */
export class PacketError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PacketError';
  }
}

/**
 * Serialize a packet: the length word is computed here. `nfds` (WITH_FDS packets) is written
 * between header and payload; the descriptors themselves follow the packet, one per dummy byte.
 */
export function encodePacket(header: Header, payload: Uint8Array = new Uint8Array(0), nfds?: number): Buffer {
  const extra = nfds === undefined ? 0 : 4;
  const total = PACKET_MIN + extra + payload.length;
  if (total > PACKET_MAX) throw new PacketError(`packet of ${total} bytes exceeds the maximum of ${PACKET_MAX}`);
  if (nfds !== undefined && nfds > MESSAGE_NUM_FDS_MAX) throw new PacketError(`Too many FDs to send ${nfds}, expected ${MESSAGE_NUM_FDS_MAX} maximum`);
  const buf = Buffer.allocUnsafe(total);
  buf.writeUInt32BE(total, 0);
  buf.writeUInt32BE(header.prog >>> 0, 4);
  buf.writeUInt32BE(header.vers >>> 0, 8);
  buf.writeInt32BE(header.proc | 0, 12);
  buf.writeUInt32BE(header.type >>> 0, 16);
  buf.writeUInt32BE(header.serial >>> 0, 20);
  buf.writeUInt32BE(header.status >>> 0, 24);
  if (nfds !== undefined) buf.writeUInt32BE(nfds, PACKET_MIN);
  buf.set(payload, PACKET_MIN + extra);
  return buf;
}

/** Decode a whole packet (length word included), checking the length word against its size. */
export function decodePacket(bytes: Uint8Array): Packet {
  if (bytes.length < PACKET_MIN) throw new PacketError(`packet of ${bytes.length} bytes is shorter than a header`);
  const r = new XdrReader(bytes);
  const len = r.uint();
  if (len !== bytes.length) throw new PacketError(`length word ${len} does not match the packet size ${bytes.length}`);
  const header: Header = { prog: r.uint(), vers: r.uint(), proc: r.int(), type: r.uint(), serial: r.uint(), status: r.uint() };
  return { header, payload: bytes.subarray(PACKET_MIN) };
}

/** Check a length word as libvirt does, naming the problem. */
export function checkLength(len: number): void {
  if (len < PACKET_MIN) throw new PacketError(`packet ${len} bytes received too small, want at least ${PACKET_MIN}`);
  if (len > PACKET_MAX) throw new PacketError(`packet ${len - MESSAGE_LEN_MAX} bytes received too large, want at most ${MESSAGE_MAX}`);
}

/** How a decoder treats the dummy bytes that carry a WITH_FDS packet's descriptors. */
export type FdBytes =
  /** A unix socket: the bytes follow the packet and are taken out of the stream. */
  | 'read'
  /** Descriptors cannot travel here (TCP, TLS): a WITH_FDS packet announcing any is an error. */
  | 'refuse';

/**
 * Incremental packet cutter. Feed it socket chunks with `push`; it returns the complete packets
 * they finish. Memory held is at most one partial packet (≤ `maxPacket`) plus the last chunk.
 * A WITH_FDS packet is returned once the dummy bytes of its descriptors have passed too, with
 * their stream offset, so the transport's descriptors can be matched to them.
 */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private want = 0; // length of the packet being assembled, 0 while the length word is incomplete
  private offset = 0; // stream bytes consumed so far
  private waiting: { packet: Packet; left: number } | null = null; // a WITH_FDS packet awaiting its dummy bytes

  constructor(readonly maxPacket = PACKET_MAX, readonly fdBytes: FdBytes = 'refuse') {
    if (maxPacket < PACKET_MIN || maxPacket > PACKET_MAX) throw new RangeError(`maxPacket must be within ${PACKET_MIN}..${PACKET_MAX}`);
  }

  /** Bytes received but not yet part of a returned packet. */
  get pending(): number {
    return this.buffered;
  }

  /** Stream offset below which every byte belongs to a returned packet (descriptors there are strays). */
  get settled(): number {
    return this.waiting ? this.waiting.packet.fdsAt! : this.offset;
  }

  push(chunk: Uint8Array): Packet[] {
    const out: Packet[] = [];
    let data = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    this.offset += data.length;
    while (data.length > 0) {
      if (this.waiting) {
        const take = Math.min(this.waiting.left, data.length);
        data = data.subarray(take);
        if ((this.waiting.left -= take) === 0) {
          out.push(this.waiting.packet);
          this.waiting = null;
        }
        continue;
      }
      if (this.want === 0) {
        if (this.buffered === 0 && data.length >= 4) {
          this.want = this.validate(data.readUInt32BE(0));
        } else {
          const take = Math.min(4 - this.buffered, data.length);
          this.append(data.subarray(0, take));
          data = data.subarray(take);
          if (this.buffered < 4) break;
          this.want = this.validate(Buffer.concat(this.chunks, 4).readUInt32BE(0));
          continue;
        }
      }
      // Whole packet inside this chunk, nothing buffered: no copy of the chunk is needed.
      if (this.buffered === 0 && data.length >= this.want) {
        const p = decodePacket(Buffer.from(data.subarray(0, this.want)));
        data = data.subarray(this.want);
        this.want = 0;
        if (hasFds(p.header.type)) this.withFds(p, out, this.offset - data.length);
        else out.push(p);
        continue;
      }
      const take = Math.min(this.want - this.buffered, data.length);
      this.append(data.subarray(0, take));
      data = data.subarray(take);
      if (this.buffered === this.want) {
        const whole = Buffer.concat(this.chunks, this.buffered);
        this.chunks = [];
        this.buffered = 0;
        this.want = 0;
        const p = decodePacket(whole);
        if (hasFds(p.header.type)) this.withFds(p, out, this.offset - data.length);
        else out.push(p);
      }
    }
    return out;
  }

  /** Read the descriptor count (libvirt's checks and words); hold the packet until its dummy bytes pass. */
  private withFds(p: Packet, out: Packet[], at: number): void {
    if (p.payload.length < 4) throw new PacketError('Unable to decode number of FDs');
    const nfds = Buffer.from(p.payload.buffer, p.payload.byteOffset, 4).readUInt32BE(0);
    if (nfds > MESSAGE_NUM_FDS_MAX) throw new PacketError(`Received too many FDs ${nfds}, expected ${MESSAGE_NUM_FDS_MAX} maximum`);
    if (nfds > 0 && this.fdBytes === 'refuse') throw new PacketError('Receiving file descriptors is not supported on this socket');
    p.payload = p.payload.subarray(4);
    p.nfds = nfds;
    p.fdsAt = at;
    if (nfds === 0) out.push(p);
    else this.waiting = { packet: p, left: nfds };
  }

  private append(part: Buffer): void {
    // Copy: the caller may reuse its chunk buffer.
    this.chunks.push(Buffer.from(part));
    this.buffered += part.length;
  }

  private validate(len: number): number {
    checkLength(len);
    if (len > this.maxPacket) throw new PacketError(`packet of ${len} bytes exceeds this connection's limit of ${this.maxPacket}`);
    return len;
  }
}

// remote_error / virNetMessageError: the payload of every failed REPLY and STREAM.
const nonnullDomain = struct({ name: string(MESSAGE_STRING_MAX), uuid: fixedOpaque(16), id: int });
const nonnullNetwork = struct({ name: string(MESSAGE_STRING_MAX), uuid: fixedOpaque(16) });
const optString = optional(string(MESSAGE_STRING_MAX));

export const remoteErrorCodec = struct({
  code: int,
  domain: int,
  message: optString,
  level: int,
  dom: optional(nonnullDomain),
  str1: optString,
  str2: optString,
  str3: optString,
  int1: int,
  int2: int,
  net: optional(nonnullNetwork),
});
export type RemoteError = CodecType<typeof remoteErrorCodec>;

/** The wire form of an error, as libvirtd fills it (dom/net always NULL). */
export function errorToWire(err: unknown): RemoteError {
  const e = err instanceof VirError ? err : virError(ErrorDomain.VIR_FROM_RPC, ErrorNumber.VIR_ERR_INTERNAL_ERROR, err instanceof Error ? err.message : String(err));
  return {
    code: e.code, domain: e.domain, message: e.message, level: e.level, dom: null,
    str1: e.str1, str2: e.str2, str3: e.str3, int1: e.int1, int2: e.int2, net: null,
  };
}

/** A VirError from the wire form; a missing message gets the code's generic text. */
export function errorFromWire(e: RemoteError): VirError {
  return new VirError({
    code: e.code, domain: e.domain, level: e.level, message: e.message ?? formatUnknown(e.code),
    str1: e.str1, str2: e.str2, str3: e.str3, int1: e.int1, int2: e.int2,
  });
}

function formatUnknown(code: number): string {
  return virError(ErrorDomain.VIR_FROM_RPC, code).message;
}

export function encodeError(err: unknown): Buffer {
  const w = new XdrWriter(128);
  remoteErrorCodec.encode(w, errorToWire(err));
  return Buffer.from(w.finish());
}

export function decodeError(payload: Uint8Array): VirError {
  try {
    return errorFromWire(remoteErrorCodec.decode(new XdrReader(payload)));
  } catch (e) {
    if (e instanceof XdrError) return rpcError('Unable to decode message payload');
    throw e;
  }
}

/** VIR_ERR_RPC in VIR_FROM_RPC with a raw message, as libvirt's RPC layer reports. */
export function rpcError(message: string): VirError {
  return virError(ErrorDomain.VIR_FROM_RPC, ErrorNumber.VIR_ERR_RPC, message);
}

export type { Codec };
