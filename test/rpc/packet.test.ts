import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  FrameDecoder, MessageStatus, MessageType, PACKET_MAX, PacketError, decodeError, encodeError, encodePacket, type Header,
} from '../../src/rpc/packet.js';
import { virError, ErrorDomain, ErrorNumber } from '../../src/errors/index.js';

const hdr = (serial: number, proc = 1): Header => ({ prog: 0x20008086, vers: 1, proc, type: MessageType.CALL, serial, status: MessageStatus.OK });

test('packets: length word counts itself; 28-byte minimum', () => {
  const p = encodePacket(hdr(2, 66));
  assert.equal(p.toString('hex'), '0000001c2000808600000001000000420000000000000002' + '00000000');
  const [d] = new FrameDecoder().push(p);
  assert.deepEqual(d.header, hdr(2, 66));
  assert.equal(d.payload.length, 0);
});

test('frames split at every byte or coalesced come out whole and in order', () => {
  const packets = [0, 1, 2].map((i) => encodePacket(hdr(i), Buffer.alloc(i * 5 + 4, i)));
  const all = Buffer.concat(packets);
  for (const size of [1, 2, 3, 5, 7, 29, all.length]) {
    const dec = new FrameDecoder();
    const got = [];
    for (let at = 0; at < all.length; at += size) got.push(...dec.push(all.subarray(at, at + size)));
    assert.deepEqual(got.map((g) => g.header.serial), [0, 1, 2]);
    assert.deepEqual(got.map((g) => Buffer.from(g.payload)), packets.map((_, i) => Buffer.alloc(i * 5 + 4, i)));
    assert.equal(dec.pending, 0);
  }
});

test('lengths outside 28..32 MiB+4 are refused before buffering', () => {
  assert.throws(() => new FrameDecoder().push(Buffer.from('00000003', 'hex')), PacketError);
  assert.throws(() => new FrameDecoder().push(Buffer.from('0000001b', 'hex')), PacketError);
  const over = Buffer.alloc(4); over.writeUInt32BE(PACKET_MAX + 1);
  assert.throws(() => new FrameDecoder().push(over), /too large/);
  const max = Buffer.alloc(4); max.writeUInt32BE(PACKET_MAX);
  const dec = new FrameDecoder();
  assert.deepEqual(dec.push(max), []); // 32 MiB + 4 is legal: waits for the bytes
  assert.throws(() => new FrameDecoder(1024).push(Buffer.from('00010000', 'hex')), /limit of 1024/);
});

test('remote_error round trip keeps every field', () => {
  const e = virError(ErrorDomain.VIR_FROM_TEST, ErrorNumber.VIR_ERR_NO_DOMAIN, "no domain with matching name 'x'");
  const back = decodeError(encodeError(e));
  for (const k of ['code', 'domain', 'message', 'level', 'str1', 'str2', 'str3', 'int1', 'int2'] as const) assert.equal(back[k], e[k]);
  assert.equal(decodeError(Buffer.from('0000', 'hex')).message, 'Unable to decode message payload');
});

test('fuzz: random bytes never crash the decoder and never buffer more than one packet', () => {
  fc.assert(fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 20 }), fc.integer({ min: 28, max: 4096 }), (chunks, limit) => {
    const dec = new FrameDecoder(limit);
    try {
      for (const c of chunks) {
        for (const p of dec.push(c)) assert.ok(p.payload.length + 28 <= limit);
        assert.ok(dec.pending <= limit);
      }
    } catch (e) {
      assert.ok(e instanceof PacketError, String(e));
    }
  }), { numRuns: 2000 });
});

test('fuzz: valid packets survive any chunking', () => {
  fc.assert(fc.property(fc.array(fc.uint8Array({ maxLength: 64 }), { minLength: 1, maxLength: 8 }), fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 10 }), (payloads, cuts) => {
    const all = Buffer.concat(payloads.map((p, i) => encodePacket(hdr(i), p)));
    const dec = new FrameDecoder();
    const got = [];
    let at = 0;
    for (let i = 0; at < all.length; i++) {
      const n = cuts[i % cuts.length];
      got.push(...dec.push(all.subarray(at, at + n)));
      at += n;
    }
    assert.deepEqual(got.map((g) => Buffer.from(g.payload)), payloads.map((p) => Buffer.from(p)));
  }), { numRuns: 500 });
});
