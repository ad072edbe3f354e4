import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XdrError, XdrReader } from '../../src/rpc/xdr.js';
import {
  array, bool, charArray, decodeValue, double, encodeValue, fixedCharArray, fixedOpaque, hyper, int, opaque, optional,
  string, struct, uchar, uhyper, uint, union, type Codec,
} from '../../src/rpc/codec.js';
import { remote_typed_param, remote_nonnull_domain } from '../../src/rpc/protocol/remote.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const roundTrip = <T>(c: Codec<T>, v: T, expectHex?: string) => {
  const bytes = encodeValue(c, v);
  if (expectHex !== undefined) assert.equal(hex(bytes), expectHex);
  assert.deepEqual(decodeValue(c, bytes), v);
};

test('scalars: 4-byte ints, 8-byte hypers as bigint, doubles, booleans', () => {
  roundTrip(int, -1, 'ffffffff');
  roundTrip(uint, 0xdeadbeef, 'deadbeef');
  roundTrip(hyper, -2n, 'fffffffffffffffe');
  roundTrip(uhyper, 0x18ea0c51f2b83de8n, '18ea0c51f2b83de8');
  roundTrip(double, 1.5, '3ff8000000000000');
  roundTrip(bool, true, '00000001');
  roundTrip(uchar, 255, '000000ff');
  assert.throws(() => encodeValue(int, 2 ** 31), XdrError);
  assert.throws(() => encodeValue(uint, -1), XdrError);
  assert.throws(() => encodeValue(uhyper, 1n << 64n), XdrError);
});

test('strings and opaques are padded to 4 bytes with zeros; maxima are enforced', () => {
  roundTrip(string(16), 'nosuch', '000000066e6f737563680000');
  roundTrip(opaque(8), Buffer.from([1, 2, 3]), '0000000301020300');
  roundTrip(fixedOpaque(16), Buffer.alloc(16, 7), '07'.repeat(16));
  assert.throws(() => encodeValue(string(3), 'four'), /exceeds maximum 3/);
  assert.throws(() => decodeValue(string(3), Buffer.from('0000000474657374', 'hex')), XdrError);
});

test('char arrays take 4 bytes per char (libvirt quirk)', () => {
  roundTrip(charArray(257), Buffer.from('ab\0'), '00000003000000610000006200000000');
  roundTrip(fixedCharArray(2), Buffer.from('i6'), '0000006900000036');
});

test('optional pointers: written as 0/1, any non-zero read as present', () => {
  roundTrip(optional(string(10)), null, '00000000');
  roundTrip(optional(string(10)), 'x', '000000010000000178000000');
  assert.equal(decodeValue(optional(int), Buffer.from('010000000000002a', 'hex')), 42);
});

test('arrays, structs and the typed-parameter union', () => {
  roundTrip(array(int, 4), [1, 2, 3], '00000003000000010000000200000003');
  assert.throws(() => encodeValue(array(int, 2), [1, 2, 3]), /exceeds maximum 2/);
  roundTrip(struct({ a: int, b: string(8) }), { a: 1, b: 'hi' }, '00000001000000026869' + '0000');
  roundTrip(remote_typed_param, { field: 'weight', value: { type: 2, value: 50 } }, '00000006776569676874000000000002' + '00000032');
  roundTrip(remote_typed_param, { field: 'x', value: { type: 4, value: 5n } });
  assert.throws(() => decodeValue(union({ 1: int }), Buffer.from('0000000900000000', 'hex')), /no case 9/);
  roundTrip(remote_nonnull_domain, { name: 'test', uuid: Buffer.from('6695eb01f6a4830479aa97f2502e193f', 'hex'), id: 1 },
    '0000000474657374' + '6695eb01f6a4830479aa97f2502e193f' + '00000001');
});

test('hostile input: truncation and huge counts raise XdrError without allocating', () => {
  assert.throws(() => new XdrReader(Buffer.alloc(3)).int(), XdrError);
  assert.throws(() => decodeValue(hyper, Buffer.alloc(7)), XdrError);
  // A count of 2^32-1 with a generous maximum: refused from the remaining size, not allocated.
  assert.throws(() => decodeValue(array(int, 0xffffffff), Buffer.from('ffffffff', 'hex')), /exceeds the remaining/);
  assert.throws(() => decodeValue(charArray(0xffffffff), Buffer.from('7fffffff00000000', 'hex')), /exceeds the remaining/);
  assert.throws(() => decodeValue(opaque(0xffffffff), Buffer.from('0000000501020304', 'hex')), XdrError);
  assert.throws(() => decodeValue(remote_nonnull_domain, Buffer.from('00000004746573', 'hex')), XdrError);
});

test('the writer grows past its initial buffer at any write', () => {
  const big = struct({ a: string(1 << 20), b: hyper, c: opaque(1 << 20), d: array(int, 1000) });
  const v = { a: 'x'.repeat(1000), b: -5n, c: Buffer.alloc(3000, 9), d: Array.from({ length: 1000 }, (_, i) => i) };
  assert.deepEqual(decodeValue(big, encodeValue(big, v)), v);
});
