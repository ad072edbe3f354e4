/**
 * XDR (RFC 4506) as libvirt's RPC uses it: big-endian 4-byte units, zero padding to 4 bytes,
 * hyper as bigint, and libvirt's quirks (chars take 4 bytes each, optional pointers accept any
 * non-zero discriminant). Every read is bounds-checked against the end of the current message and
 * every length is checked against its declared maximum before anything is allocated, so hostile
 * input raises an XdrError instead of reading out of range or allocating without bound.
 */

/** Raised for input that does not decode (or a value that cannot be encoded). */
export class XdrError extends Error {
  constructor(message: string, readonly offset = -1) {
    super(offset >= 0 ? `${message} (at byte ${offset})` : message);
    this.name = 'XdrError';
  }
}

function pad(n: number): number {
  return (4 - (n & 3)) & 3;
}

/** Reads XDR items from one message buffer, never past `end`. */
export class XdrReader {
  private pos: number;
  readonly buffer: Buffer;
  /** Only hypers and doubles need one: most messages never create it. */
  private view: DataView | null = null;

  constructor(buffer: Uint8Array, start = 0, readonly end = buffer.length) {
    if (start < 0 || end > buffer.length || start > end) throw new XdrError('reader bounds outside the buffer');
    this.buffer = Buffer.isBuffer(buffer) ? buffer : Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    this.pos = start;
  }

  get offset(): number {
    return this.pos;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  private need(n: number, what: string): number {
    if (n > this.end - this.pos) throw new XdrError(`truncated ${what}: need ${n} bytes, have ${this.end - this.pos}`, this.pos);
    const at = this.pos;
    this.pos += n;
    return at;
  }

  private dataView(): DataView {
    return (this.view ??= new DataView(this.buffer.buffer, this.buffer.byteOffset, this.buffer.byteLength));
  }

  int(): number {
    const at = this.need(4, 'int');
    const b = this.buffer;
    return (b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!;
  }

  uint(): number {
    const at = this.need(4, 'unsigned int');
    const b = this.buffer;
    return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
  }

  hyper(): bigint {
    return this.dataView().getBigInt64(this.need(8, 'hyper'));
  }

  uhyper(): bigint {
    return this.dataView().getBigUint64(this.need(8, 'unsigned hyper'));
  }

  double(): number {
    return this.dataView().getFloat64(this.need(8, 'double'));
  }

  /** A boolean or pointer discriminant: libvirt's decoder takes any non-zero value as true. */
  bool(): boolean {
    return this.uint() !== 0;
  }

  /** A length word, checked against `max` and against what is left to read. */
  length(max: number, unit: number, what: string): number {
    const at = this.pos;
    const n = this.uint();
    if (n > max) throw new XdrError(`${what} length ${n} exceeds maximum ${max}`, at);
    if (n * unit > this.end - this.pos) throw new XdrError(`${what} length ${n} exceeds the remaining ${this.end - this.pos} bytes`, at);
    return n;
  }

  /** `n` raw bytes plus padding; the result is a copy owned by the caller. */
  fixedOpaque(n: number): Buffer {
    const at = this.need(n + pad(n), 'opaque');
    const out = Buffer.allocUnsafe(n);
    // UUIDs and other short items: a byte loop costs less than the view a bulk copy needs.
    if (n <= 64) for (let i = 0; i < n; i++) out[i] = this.buffer[at + i]!;
    else out.set(this.buffer.subarray(at, at + n));
    return out;
  }

  varOpaque(max: number): Buffer {
    return this.fixedOpaque(this.length(max, 1, 'opaque'));
  }

  string(max: number): string {
    const n = this.length(max, 1, 'string');
    const at = this.need(n + pad(n), 'string');
    return this.buffer.toString('utf8', at, at + n);
  }

  /** The bytes not yet read (a view, not a copy). */
  rest(): Uint8Array {
    const at = this.pos;
    this.pos = this.end;
    return this.buffer.subarray(at, this.end);
  }
}

/** Builds one XDR message into a buffer that grows by doubling. */
const HYPER_MIN = -(1n << 63n);
const HYPER_MAX = (1n << 63n) - 1n;
const UHYPER_MAX = (1n << 64n) - 1n;

export class XdrWriter {
  private buf: Buffer;
  private pos = 0;
  private view: DataView | null = null;

  constructor(initial = 256, readonly limit = Number.MAX_SAFE_INTEGER) {
    this.buf = Buffer.allocUnsafe(initial);
  }

  get length(): number {
    return this.pos;
  }

  private room(n: number): number {
    const need = this.pos + n;
    if (need > this.limit) throw new XdrError(`message of ${need} bytes exceeds the limit of ${this.limit}`);
    if (need > this.buf.length) {
      const size = Math.min(Math.max(this.buf.length * 2, need), this.limit);
      const grown = Buffer.allocUnsafe(size);
      this.buf.copy(grown, 0, 0, this.pos);
      this.buf = grown;
      this.view = null;
    }
    const at = this.pos;
    this.pos = need;
    return at;
  }

  int(v: number): void {
    if (!Number.isInteger(v) || v < -0x80000000 || v > 0x7fffffff) throw new XdrError(`int out of range: ${v}`);
    const at = this.room(4);
    this.buf.writeInt32BE(v, at);
  }

  uint(v: number): void {
    if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) throw new XdrError(`unsigned int out of range: ${v}`);
    const at = this.room(4);
    this.buf.writeUInt32BE(v, at);
  }

  hyper(v: bigint): void {
    if (typeof v !== 'bigint' || v < HYPER_MIN || v > HYPER_MAX) throw new XdrError(`hyper out of range: ${String(v)}`);
    const at = this.room(8);
    this.dataView().setBigInt64(at, v);
  }

  uhyper(v: bigint): void {
    if (typeof v !== 'bigint' || v < 0n || v > UHYPER_MAX) throw new XdrError(`unsigned hyper out of range: ${String(v)}`);
    const at = this.room(8);
    this.dataView().setBigUint64(at, v);
  }

  /** Buffer's own 64-bit writers do BigInt arithmetic in JS; a DataView's are native. */
  private dataView(): DataView {
    return (this.view ??= new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength));
  }

  double(v: number): void {
    const at = this.room(8);
    this.buf.writeDoubleBE(v, at);
  }

  /** Booleans and pointer discriminants are written as exactly 0 or 1. */
  bool(v: boolean): void {
    this.uint(v ? 1 : 0);
  }

  fixedOpaque(bytes: Uint8Array, n = bytes.length): void {
    if (bytes.length !== n) throw new XdrError(`fixed opaque needs ${n} bytes, got ${bytes.length}`);
    const at = this.room(n + pad(n));
    this.buf.set(bytes, at);
    this.buf.fill(0, at + n, at + n + pad(n));
  }

  varOpaque(bytes: Uint8Array, max: number): void {
    if (bytes.length > max) throw new XdrError(`opaque length ${bytes.length} exceeds maximum ${max}`);
    this.uint(bytes.length);
    this.fixedOpaque(bytes);
  }

  /** Encoded in place: no intermediate buffer. */
  string(s: string, max: number): void {
    if (typeof s !== 'string') throw new XdrError(`expected a string, got ${typeof s}`);
    const n = Buffer.byteLength(s, 'utf8');
    if (n > max) throw new XdrError(`string length ${n} exceeds maximum ${max}`);
    const at = this.room(4 + n + pad(n));
    this.buf.writeUInt32BE(n, at);
    this.buf.write(s, at + 4, n, 'utf8');
    this.buf.fill(0, at + 4 + n, at + 4 + n + pad(n));
  }

  /** Raw bytes with no length and no padding (stream data). */
  raw(bytes: Uint8Array): void {
    const at = this.room(bytes.length);
    this.buf.set(bytes, at);
  }

  /** Overwrite a 4-byte unsigned word already written (the packet length). */
  patchUint(at: number, v: number): void {
    this.buf.writeUInt32BE(v, at);
  }

  /** The bytes written so far (a view of the internal buffer). */
  finish(): Buffer {
    return this.buf.subarray(0, this.pos);
  }
}
