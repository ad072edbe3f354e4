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

const textDecoder = new TextDecoder('utf-8', { fatal: false });

function pad(n: number): number {
  return (4 - (n & 3)) & 3;
}

/** Reads XDR items from one message buffer, never past `end`. */
export class XdrReader {
  private pos: number;
  private readonly view: DataView;

  constructor(readonly buffer: Uint8Array, start = 0, readonly end = buffer.length) {
    if (start < 0 || end > buffer.length || start > end) throw new XdrError('reader bounds outside the buffer');
    this.pos = start;
    this.view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
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

  int(): number {
    return this.view.getInt32(this.need(4, 'int'));
  }

  uint(): number {
    return this.view.getUint32(this.need(4, 'unsigned int'));
  }

  hyper(): bigint {
    return this.view.getBigInt64(this.need(8, 'hyper'));
  }

  uhyper(): bigint {
    return this.view.getBigUint64(this.need(8, 'unsigned hyper'));
  }

  double(): number {
    return this.view.getFloat64(this.need(8, 'double'));
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
    return Buffer.from(this.buffer.subarray(at, at + n));
  }

  varOpaque(max: number): Buffer {
    return this.fixedOpaque(this.length(max, 1, 'opaque'));
  }

  string(max: number): string {
    const n = this.length(max, 1, 'string');
    const at = this.need(n + pad(n), 'string');
    return textDecoder.decode(this.buffer.subarray(at, at + n));
  }

  /** The bytes not yet read (a view, not a copy). */
  rest(): Uint8Array {
    const at = this.pos;
    this.pos = this.end;
    return this.buffer.subarray(at, this.end);
  }
}

/** Builds one XDR message into a buffer that grows by doubling. */
export class XdrWriter {
  private buf: Buffer;
  private pos = 0;

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
    if (typeof v !== 'bigint' || v < -(1n << 63n) || v >= 1n << 63n) throw new XdrError(`hyper out of range: ${String(v)}`);
    const at = this.room(8);
    this.buf.writeBigInt64BE(v, at);
  }

  uhyper(v: bigint): void {
    if (typeof v !== 'bigint' || v < 0n || v >= 1n << 64n) throw new XdrError(`unsigned hyper out of range: ${String(v)}`);
    const at = this.room(8);
    this.buf.writeBigUInt64BE(v, at);
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

  string(s: string, max: number): void {
    if (typeof s !== 'string') throw new XdrError(`expected a string, got ${typeof s}`);
    const bytes = Buffer.from(s, 'utf8');
    if (bytes.length > max) throw new XdrError(`string length ${bytes.length} exceeds maximum ${max}`);
    this.uint(bytes.length);
    this.fixedOpaque(bytes);
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
