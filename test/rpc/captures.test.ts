// The decoded real traffic of libvirt 9.0.0 (test/rpc/fixtures/libvirt-wire-captures.txt, captured
// from libvirtd, virsh, libvirt-python and virtlogd): every complete frame is cut by FrameDecoder,
// decoded with the generated tables and encoded back to the same bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { FrameDecoder, MessageStatus, encodePacket, MessageType, remoteErrorCodec, errorFromWire } from '../../src/rpc/packet.js';
import { decodeValue, encodeValue, type Codec } from '../../src/rpc/codec.js';
import { remoteProgram, REMOTE_PROGRAM } from '../../src/rpc/protocol/remote.js';
import { logProgram } from '../../src/rpc/protocol/log.js';
import { KEEPALIVE_PROGRAM } from '../../src/rpc/protocol/keepalive.js';
import type { Program } from '../../src/rpc/program.js';

const text = readFileSync(new URL('../../../test/rpc/fixtures/libvirt-wire-captures.txt', import.meta.url), 'utf8');

/** Each hex dump block of the file, as bytes. */
function frames(): Buffer[] {
  const out: Buffer[] = [];
  let cur: number[] | null = null;
  for (const line of text.split('\n')) {
    const m = /^ {2}([0-9a-f]{4}) {2}((?:[0-9a-f]{2} ?)+)/.exec(line);
    if (m) {
      if (m[1] === '0000') { if (cur) out.push(Buffer.from(cur)); cur = []; }
      cur!.push(...m[2].trim().split(/\s+/).map((h) => parseInt(h, 16)));
    } else if (cur && line.trim() !== '' && !line.startsWith('  ')) {
      out.push(Buffer.from(cur));
      cur = null;
    }
  }
  if (cur) out.push(Buffer.from(cur));
  return out;
}

function codecFor(prog: Program, proc: number, type: MessageType, status: MessageStatus): Codec<unknown> | null {
  if (status === MessageStatus.ERROR) return remoteErrorCodec as Codec<unknown>;
  const p = prog.procedures.get(proc);
  assert.ok(p, `procedure ${proc} of ${prog.name} is in the table`);
  if (type === MessageType.CALL) return p.args;
  if (type === MessageType.REPLY) return p.ret;
  if (type === MessageType.MESSAGE) return p.msg ?? p.args;
  return null;
}

test('every complete captured frame decodes and re-encodes byte for byte', () => {
  const all = frames();
  let checked = 0;
  for (const bytes of all) {
    if (bytes.length < 4) continue;
    const declared = bytes.readUInt32BE(0);
    if (declared !== bytes.length) continue; // dump abridged in the file (SASL records, stream data)
    // A unix socket's decoder; a WITH_FDS frame is followed by its descriptors' dummy bytes.
    const withFds = [MessageType.CALL_WITH_FDS, MessageType.REPLY_WITH_FDS].includes(bytes.readUInt32BE(16));
    const nfds = withFds ? bytes.readUInt32BE(28) : 0;
    const packets = new FrameDecoder(undefined, 'read').push(Buffer.concat([bytes, Buffer.alloc(nfds)]));
    assert.equal(packets.length, 1);
    const { header, payload } = packets[0];
    assert.equal(packets[0].nfds, withFds ? nfds : undefined);
    if (withFds) assert.deepEqual(encodePacket(header, payload, nfds), bytes, 'a WITH_FDS frame re-encodes with its count');
    const prog = header.prog === REMOTE_PROGRAM ? remoteProgram : header.prog === logProgram.number ? logProgram : null;
    if (header.prog === KEEPALIVE_PROGRAM) {
      assert.equal(payload.length, 0);
      assert.equal(header.serial, 0);
      checked++;
      continue;
    }
    assert.ok(prog, `known program 0x${header.prog.toString(16)}`);
    const p = payload;
    const type = header.type === MessageType.REPLY_WITH_FDS ? MessageType.REPLY : header.type === MessageType.CALL_WITH_FDS ? MessageType.CALL : header.type;
    const codec = codecFor(prog, header.proc, type, header.status);
    if (!codec) continue;
    const value = decodeValue(codec, p);
    assert.deepEqual(encodeValue(codec, value), Buffer.from(p), `frame proc ${header.proc} type ${header.type} round-trips`);
    checked++;
  }
  assert.ok(checked >= 40, `checked ${checked} frames`);
});

test('captured values decode to what libvirt sent', () => {
  const byProc = (proc: number, type: MessageType) =>
    frames().map((b) => new FrameDecoder(undefined, 'read').push(b)).flat().filter((p) => p.header.proc === proc && p.header.type === type && p.header.prog === REMOTE_PROGRAM);
  const list = byProc(273, MessageType.REPLY)[0];
  const ret = decodeValue(remoteProgram.procedures.get(273)!.ret, list.payload) as { domains: { name: string; uuid: Buffer; id: number }[]; ret: number };
  assert.equal(ret.ret, 1);
  assert.equal(ret.domains[0].name, 'test');
  assert.equal(ret.domains[0].uuid.toString('hex'), '6695eb01f6a4830479aa97f2502e193f');
  const err = byProc(23, MessageType.REPLY).find((p) => p.header.status === MessageStatus.ERROR)!;
  const e = errorFromWire(decodeValue(remoteErrorCodec, err.payload));
  assert.equal(e.code, 42);
  assert.equal(e.domain, 12);
  assert.equal(e.message, 'Domain not found');
  assert.equal(e.str2, null);
  assert.equal(e.int1, -1);
  const info = byProc(6, MessageType.REPLY)[0];
  assert.equal(info.payload.length + 28, 188);
  const node = decodeValue(remoteProgram.procedures.get(6)!.ret, info.payload) as { model: Buffer; memory: bigint };
  assert.equal(node.model.toString('latin1').replace(/\0+$/, ''), 'i686');
  assert.equal(typeof node.memory, 'bigint');
  const ev = byProc(318, MessageType.MESSAGE)[0];
  assert.equal(ev.header.serial, 1);
  const msg = decodeValue(remoteProgram.procedures.get(318)!.msg!, ev.payload) as { callbackID: number; msg: { event: number; detail: number; dom: { id: number } } };
  assert.deepEqual([msg.callbackID, msg.msg.event, msg.msg.detail, msg.msg.dom.id], [0, 5, 1, -1]);
});
