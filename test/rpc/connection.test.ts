// Two RpcConnections over a real unix socket: one plays the daemon, one the client.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RpcConnection, type ConnectionOptions } from '../../src/rpc/connection.js';
import { MessageType, type Packet } from '../../src/rpc/packet.js';
import { encodeValue, decodeValue } from '../../src/rpc/codec.js';
import { VirError, virError, ErrorDomain, ErrorNumber } from '../../src/errors/index.js';
import { remoteProgram, procedures as P, REMOTE_PROGRAM, REMOTE_PROTOCOL_VERSION } from '../../src/rpc/protocol/remote.js';

async function pair(clientOpts: ConnectionOptions = {}, serverOpts: ConnectionOptions = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'tsvirt-rpc-'));
  const path = join(dir, 'sock');
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(path, r));
  const accepted = new Promise<net.Socket>((r) => server.once('connection', r));
  const sock = net.connect(path);
  await new Promise((r) => sock.once('connect', r));
  const srv = new RpcConnection(await accepted, serverOpts);
  const cli = new RpcConnection(sock, clientOpts);
  const cleanup = () => { cli.destroy(); srv.destroy(); server.close(); rmSync(dir, { recursive: true, force: true }); };
  return { srv, cli, cleanup };
}

const dom = { name: 'test', uuid: Buffer.from('6695eb01f6a4830479aa97f2502e193f', 'hex'), id: 1 };

test('many calls in flight, answered out of order, matched by serial', async () => {
  const { srv, cli, cleanup } = await pair();
  const calls: Packet[] = [];
  srv.on('call', (p: Packet) => {
    calls.push(p);
    if (calls.length === 10) {
      for (const c of calls.reverse()) {
        const { name } = decodeValue(P.DOMAIN_LOOKUP_BY_NAME.args, c.payload);
        if (name === 'bad') srv.replyError(c.header, virError(ErrorDomain.VIR_FROM_TEST, ErrorNumber.VIR_ERR_NO_DOMAIN, `no domain with matching name '${name}'`));
        else srv.reply(c.header, encodeValue(P.DOMAIN_LOOKUP_BY_NAME.ret, { dom: { ...dom, name } }));
      }
    }
  });
  const names = ['a', 'b', 'c', 'd', 'bad', 'f', 'g', 'h', 'i', 'j'];
  const results = await Promise.allSettled(names.map((name) => cli.invoke(remoteProgram, P.DOMAIN_LOOKUP_BY_NAME, { name })));
  assert.deepEqual(calls.map((c) => c.header.serial).sort((a, b) => a - b), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  results.forEach((r, i) => {
    if (names[i] === 'bad') {
      assert.equal(r.status, 'rejected');
      const e = (r as PromiseRejectedResult).reason as VirError;
      assert.equal(e.code, ErrorNumber.VIR_ERR_NO_DOMAIN);
      assert.equal(e.message, "Domain not found: no domain with matching name 'bad'");
    } else {
      assert.equal((r as PromiseFulfilledResult<{ dom: { name: string } }>).value.dom.name, names[i]);
    }
  });
  cleanup();
});

test('abort and timeout reject the call; the late reply is dropped', async () => {
  const { srv, cli, cleanup } = await pair();
  const seen: Packet[] = [];
  srv.on('call', (p: Packet) => seen.push(p));
  const ac = new AbortController();
  const aborted = cli.invoke(remoteProgram, P.CONNECT_GET_TYPE, undefined, { signal: ac.signal });
  ac.abort();
  await assert.rejects(aborted, (e: VirError) => e.code === ErrorNumber.VIR_ERR_OPERATION_ABORTED);
  await assert.rejects(cli.invoke(remoteProgram, P.CONNECT_GET_TYPE, undefined, { timeoutMs: 50 }), (e: VirError) => e.code === ErrorNumber.VIR_ERR_OPERATION_TIMEOUT);
  for (const p of seen) srv.reply(p.header, encodeValue(P.CONNECT_GET_TYPE.ret, { type: 'TEST' }));
  srv.on('call', (p: Packet) => srv.reply(p.header, encodeValue(P.CONNECT_GET_TYPE.ret, { type: 'TEST' })));
  assert.deepEqual(await cli.invoke(remoteProgram, P.CONNECT_GET_TYPE, undefined), { type: 'TEST' });
  assert.equal(cli.activeCalls, 0);
  cleanup();
});

test('events arrive as MESSAGE packets with serial 1', async () => {
  const { srv, cli, cleanup } = await pair();
  const got = new Promise<Packet>((r) => cli.once('message', r));
  srv.sendEvent(remoteProgram, P.DOMAIN_EVENT_CALLBACK_LIFECYCLE, { callbackID: 3, msg: { dom, event: 2, detail: 0 } });
  const p = await got;
  assert.equal(p.header.serial, 1);
  assert.equal(p.header.type, MessageType.MESSAGE);
  assert.deepEqual(decodeValue(P.DOMAIN_EVENT_CALLBACK_LIFECYCLE.msg!, p.payload), { callbackID: 3, msg: { dom, event: 2, detail: 0 } });
  cleanup();
});

test('keepalive: PINGs are answered; a silent peer is declared dead with libvirt\'s error', async () => {
  const { srv, cli, cleanup } = await pair();
  srv.startKeepAlive(0.1, 2);
  await new Promise((r) => setTimeout(r, 600));
  assert.equal(srv.closed, false, 'a peer answering PONG stays connected');
  cli.socket.pause(); // the client stops reading: PINGs go unanswered
  const closed = new Promise<VirError | null>((r) => srv.once('close', r));
  const err = await closed;
  assert.equal(err?.message, 'internal error: connection closed due to keepalive timeout');
  cleanup();
});

test('download stream: data, holes, end of data, finish handshake', async () => {
  const { srv, cli, cleanup } = await pair();
  srv.on('call', (p: Packet) => {
    const s = srv.openStream(p.header.prog, p.header.vers, p.header.proc, p.header.serial);
    srv.reply(p.header);
    s.write(Buffer.alloc(300000, 1)); // cut into 262120 + 37880
    s.writeHole(4096n);
    s.write(Buffer.from('tail'));
    s.end();
    s.once('finish', () => s.finish());
  });
  const serial = cli.nextSerial();
  const stream = cli.openStream(REMOTE_PROGRAM, REMOTE_PROTOCOL_VERSION, P.STORAGE_VOL_DOWNLOAD.number, serial);
  await cli.call(REMOTE_PROGRAM, REMOTE_PROTOCOL_VERSION, P.STORAGE_VOL_DOWNLOAD.number,
    encodeValue(P.STORAGE_VOL_DOWNLOAD.args, { vol: { pool: 'p', name: 'v', key: '/k' }, offset: 0n, length: 0n, flags: 0 }), { serial });
  const parts: string[] = [];
  let bytes = 0;
  for await (const e of stream) {
    if (e.kind === 'data') { bytes += e.data.length; parts.push(`data`); } else parts.push(`hole ${e.length}`);
  }
  assert.equal(bytes, 300004);
  assert.deepEqual(parts, ['data', 'data', 'hole 4096', 'data']);
  const confirmed = new Promise((r) => stream.once('finish', r));
  stream.finish();
  await confirmed;
  assert.equal(cli.activeStreams, 0);
  cleanup();
});

test('upload stream and a failing stream report the daemon\'s error', async () => {
  const { srv, cli, cleanup } = await pair();
  srv.on('call', (p: Packet) => {
    const s = srv.openStream(p.header.prog, p.header.vers, p.header.proc, p.header.serial);
    srv.reply(p.header);
    let n = 0;
    s.on('data', (d: Buffer) => { n += d.length; });
    s.on('finish', () => (n === 70000 ? s.finish() : s.fail(virError(ErrorDomain.VIR_FROM_STREAMS, ErrorNumber.VIR_ERR_INTERNAL_ERROR, `got ${n}`))));
  });
  const up = async (size: number) => {
    const serial = cli.nextSerial();
    const stream = cli.openStream(REMOTE_PROGRAM, REMOTE_PROTOCOL_VERSION, P.STORAGE_VOL_UPLOAD.number, serial);
    await cli.call(REMOTE_PROGRAM, REMOTE_PROTOCOL_VERSION, P.STORAGE_VOL_UPLOAD.number, undefined, { serial });
    stream.write(Buffer.alloc(size));
    const outcome = new Promise((resolve, reject) => { stream.once('finish', resolve); stream.once('error', reject); });
    stream.finish();
    return outcome;
  };
  await up(70000);
  await assert.rejects(up(5), /internal error: got 5/);
  cleanup();
});

test('garbage length closes the connection; pending calls fail', async () => {
  const { srv, cli, cleanup } = await pair();
  const pending = cli.invoke(remoteProgram, P.CONNECT_GET_TYPE, undefined);
  const closed = new Promise<VirError | null>((r) => srv.once('close', r));
  cli.socket.write(Buffer.from('ffffffff', 'hex'));
  const err = await closed;
  assert.match(err!.message, /too large/);
  await assert.rejects(pending, VirError);
  assert.equal(cli.closed, true);
  cleanup();
});
