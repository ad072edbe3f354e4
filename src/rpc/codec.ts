/**
 * Codec combinators: each XDR type of a protocol is a `Codec<T>` value built from these, so the
 * protocol tables under `protocol/` are data. `minSize` (the fewest bytes one item can take) lets
 * arrays refuse a count that the remaining input could not possibly hold before allocating.
 */
import { XdrError, XdrReader, XdrWriter } from './xdr.js';

export interface Codec<T> {
  encode(w: XdrWriter, value: T): void;
  decode(r: XdrReader): T;
  readonly minSize: number;
}

/** The TypeScript type a codec carries. */
export type CodecType<C> = C extends Codec<infer T> ? T : never;

function codec<T>(minSize: number, encode: (w: XdrWriter, v: T) => void, decode: (r: XdrReader) => T): Codec<T> {
  return { minSize, encode, decode };
}

export const xvoid: Codec<void> = codec(0, () => {}, () => undefined);
export const int: Codec<number> = codec(4, (w, v) => w.int(v), (r) => r.int());
export const uint: Codec<number> = codec(4, (w, v) => w.uint(v), (r) => r.uint());
export const hyper: Codec<bigint> = codec(8, (w, v) => w.hyper(v), (r) => r.hyper());
export const uhyper: Codec<bigint> = codec(8, (w, v) => w.uhyper(v), (r) => r.uhyper());
export const double: Codec<number> = codec(8, (w, v) => w.double(v), (r) => r.double());
export const float: Codec<number> = codec(4,
  (w, v) => { const b = Buffer.alloc(4); b.writeFloatBE(v); w.fixedOpaque(b); },
  (r) => r.fixedOpaque(4).readFloatBE(0));
export const bool: Codec<boolean> = codec(4, (w, v) => w.bool(v), (r) => r.bool());

/** `char`/`short` scalars: 4 bytes on the wire, range-checked on encode. */
function smallInt(lo: number, hi: number): Codec<number> {
  return codec(4, (w, v) => {
    if (!Number.isInteger(v) || v < lo || v > hi) throw new XdrError(`value ${v} out of range ${lo}..${hi}`);
    w.int(v);
  }, (r) => r.int());
}
export const char = smallInt(-128, 127);
export const uchar = smallInt(0, 255);
export const short = smallInt(-32768, 32767);
export const ushort = smallInt(0, 65535);

export function string(max: number): Codec<string> {
  return codec(4, (w, v) => w.string(v, max), (r) => r.string(max));
}

/** `opaque x<max>`: length + bytes + padding. */
export function opaque(max: number): Codec<Buffer> {
  return codec(4, (w, v) => w.varOpaque(v, max), (r) => r.varOpaque(max));
}

/** `opaque x[n]`: exactly n bytes + padding, no length. */
export function fixedOpaque(n: number): Codec<Buffer> {
  return codec(n + ((4 - (n & 3)) & 3), (w, v) => w.fixedOpaque(v, n), (r) => r.fixedOpaque(n));
}

function writeChars(w: XdrWriter, v: Uint8Array, signed: boolean): void {
  for (const b of v) w.int(signed && b > 127 ? b - 256 : b);
}
function readChars(r: XdrReader, n: number): Buffer {
  const out = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i++) out[i] = r.int() & 0xff;
  return out;
}

/** `char x<max>` (libvirt quirk): a count, then 4 bytes per byte. Carried as bytes. */
export function charArray(max: number, signed = true): Codec<Buffer> {
  return codec(4, (w, v) => {
    if (v.length > max) throw new XdrError(`char array length ${v.length} exceeds maximum ${max}`);
    w.uint(v.length);
    writeChars(w, v, signed);
  }, (r) => readChars(r, r.length(max, 4, 'char array')));
}

/** `char x[n]` (libvirt quirk): exactly n × 4 bytes. */
export function fixedCharArray(n: number, signed = true): Codec<Buffer> {
  return codec(4 * n, (w, v) => {
    if (v.length !== n) throw new XdrError(`char array needs ${n} bytes, got ${v.length}`);
    writeChars(w, v, signed);
  }, (r) => readChars(r, n));
}

/** `T x<max>`. */
export function array<T>(item: Codec<T>, max: number): Codec<T[]> {
  const unit = Math.max(item.minSize, 1);
  return codec(4, (w, v) => {
    if (v.length > max) throw new XdrError(`array length ${v.length} exceeds maximum ${max}`);
    w.uint(v.length);
    for (const x of v) item.encode(w, x);
  }, (r) => {
    const n = r.length(max, unit, 'array');
    const out = new Array<T>(n);
    for (let i = 0; i < n; i++) out[i] = item.decode(r);
    return out;
  });
}

/** `T x[n]`. */
export function fixedArray<T>(item: Codec<T>, n: number): Codec<T[]> {
  return codec(item.minSize * n, (w, v) => {
    if (v.length !== n) throw new XdrError(`fixed array needs ${n} items, got ${v.length}`);
    for (const x of v) item.encode(w, x);
  }, (r) => {
    if (item.minSize * n > r.remaining) throw new XdrError(`fixed array of ${n} exceeds the remaining ${r.remaining} bytes`, r.offset);
    const out = new Array<T>(n);
    for (let i = 0; i < n; i++) out[i] = item.decode(r);
    return out;
  });
}

/** `T *x`: absent is `null`; any non-zero discriminant means present (libvirt's lenient decode). */
export function optional<T>(item: Codec<T>): Codec<T | null> {
  return codec(4, (w, v) => {
    w.bool(v !== null && v !== undefined);
    if (v !== null && v !== undefined) item.encode(w, v);
  }, (r) => (r.bool() ? item.decode(r) : null));
}

type Fields = Record<string, Codec<any>>;
export type StructType<F extends Fields> = { [K in keyof F]: CodecType<F[K]> };

/** `struct { ... }`: fields in declaration order, no alignment. */
export function struct<F extends Fields>(fields: F): Codec<StructType<F>> {
  const entries = Object.entries(fields);
  const minSize = entries.reduce((n, [, c]) => n + c.minSize, 0);
  return codec(minSize, (w, v) => {
    if (v === null || typeof v !== 'object') throw new XdrError('expected a struct value');
    for (const [k, c] of entries) c.encode(w, (v as Record<string, unknown>)[k]);
  }, (r) => {
    const out: Record<string, unknown> = {};
    for (const [k, c] of entries) out[k] = c.decode(r);
    return out as StructType<F>;
  });
}

type Arms = Record<number, Codec<any>>;
export type UnionType<A extends Arms> = { [K in keyof A]: { type: K; value: CodecType<A[K]> } }[keyof A];

/** `union switch (int type) { case N: ... }`: `{ type, value }`; an unknown case is an error. */
export function union<A extends Arms>(arms: A): Codec<UnionType<A>> {
  const table = new Map<number, Codec<unknown>>(Object.entries(arms).map(([k, c]) => [Number(k), c]));
  return codec(4, (w, v) => {
    const arm = table.get(Number(v.type));
    if (!arm) throw new XdrError(`union has no case ${String(v.type)}`);
    w.int(Number(v.type));
    arm.encode(w, v.value);
  }, (r) => {
    const at = r.offset;
    const type = r.int();
    const arm = table.get(type);
    if (!arm) throw new XdrError(`union has no case ${type}`, at);
    return { type, value: arm.decode(r) } as UnionType<A>;
  });
}

/** A codec defined later (for forward references in generated tables). */
export function lazy<T>(get: () => Codec<T>): Codec<T> {
  return { get minSize() { return get().minSize; }, encode: (w, v) => get().encode(w, v), decode: (r) => get().decode(r) };
}

/** Encode one value to a fresh buffer (the writer's own: nothing else holds it). */
export function encodeValue<T>(c: Codec<T>, value: T, limit?: number): Buffer {
  const w = new XdrWriter(128, limit);
  c.encode(w, value);
  return w.finish();
}

/** Decode one value from a whole buffer (trailing bytes are ignored, as libvirt does). */
export function decodeValue<T>(c: Codec<T>, bytes: Uint8Array): T {
  return c.decode(new XdrReader(bytes));
}
