// CALL_WITH_FDS / REPLY_WITH_FDS between two RpcConnections on a real unix socket pair carried by
// the native helper, and hostile peers writing raw bytes and descriptors: too many descriptors,
// descriptors on ordinary bytes, a dummy byte without one, descriptors that never come, a
// WITH_FDS packet on TCP. Nothing crashes, every received descriptor is closed (counted in
// /proc/self/fd), and the connection ends only where libvirt's would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, openSync, readdirSync, readSync, writeSync } from 'node:fs';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { nativeHelper } from '../../src/native/index.js';
import { FdSocket } from '../../src/native/fd-socket.js';
import { RpcConnection } from '../../src/rpc/connection.js';
import { MessageStatus, MessageType, encodePacket, type Packet } from '../../src/rpc/packet.js';

const native = nativeHelper();
const skip = native ? false : 'needs the native helper';
const PROG = 0x20008086;

function openFds(): number {
  return readdirSync('/proc/self/fd').length;
}

/** A server RpcConnection on one end of a socket pair; the other end is raw, for the test to write. */
function pair(): { server: RpcConnection; raw: FdSocket; calls: Packet[] } {
  const [a, b] = native!.socketpair();
  const server = new RpcConnection(new FdSocket(native!, a));
  const raw = new FdSocket(native!, b);
  raw.resume();
  const calls: Packet[] = [];
  server.on('call', (p: Packet) => {
    calls.push(p);
    for (const fd of p.fds ?? []) closeSync(fd);
    server.reply(p.header);
  });
  return { server, raw, calls };
}

function callPacket(serial: number, nfds?: number): Buffer {
  const type = nfds === undefined ? MessageType.CALL : MessageType.CALL_WITH_FDS;
  return encodePacket({ prog: PROG, vers: 1, proc: 1, type, serial, status: MessageStatus.OK }, Buffer.alloc(8), nfds);
}

async function settle(): Promise<void> {
  await sleep(30);
}

test('descriptors go both ways and none is left open after many calls', { skip }, async () => {
  const [a, b] = native!.socketpair();
  const client = new RpcConnection(new FdSocket(native!, a));
  const server = new RpcConnection(new FdSocket(native!, b));
  const file = openSync('/proc/self/status', 'r');
  server.on('call', (p: Packet) => {
    // The descriptor received is the file's: read a byte through it, answer with it.
    const buf = Buffer.alloc(4);
    readSync(p.fds![0], buf, 0, 4, 0);
    server.reply(p.header, Buffer.from(buf), p.fds!);
    for (const fd of p.fds!) closeSync(fd);
  });
  const before = openFds();
  for (let i = 0; i < 200; i++) {
    let got: number[] = [];
    const payload = await client.call(PROG, 1, 343, undefined, { fds: [file, file], receiveFds: (fds) => { got = fds; } });
    assert.equal(Buffer.from(payload).toString(), 'Name');
    assert.equal(got.length, 2);
    for (const fd of got) closeSync(fd);
  }
  await settle();
  assert.equal(openFds(), before);
  closeSync(file);
  client.destroy();
  server.destroy();
});

test('hostile peers: more than 32 descriptors, a dummy byte without one, stray descriptors; valid ones pass', { skip }, async () => {
  const file = openSync('/proc/self/status', 'r');
  const before = openFds();

  // nfds 33: libvirt's "Received too many FDs" ends the connection.
  let { server, raw } = pair();
  let closed = new Promise((r) => server.once('close', r));
  const tooMany = callPacket(1, 1);
  tooMany.writeUInt32BE(33, 28); // encodePacket refuses to write it
  raw.write(tooMany);
  assert.match(String((await closed as Error).message), /Received too many FDs 33, expected 32 maximum/);
  raw.destroy();

  // A dummy byte that carries no descriptor ends the connection too.
  ({ server, raw } = pair());
  closed = new Promise((r) => server.once('close', r));
  raw.write(callPacket(1, 1));
  raw.write(Buffer.alloc(1));
  assert.match(String((await closed as Error).message), /Failed to recv file descriptor/);
  raw.destroy();

  // Two descriptors on their two dummy bytes: a valid call.
  ({ server, raw } = pair());
  raw.write(callPacket(1, 2));
  raw.writeFd(file);
  raw.writeFd(file);
  await settle();
  assert.equal(server.closed, false);

  // Descriptors riding on ordinary packet bytes are closed and the connection carries on.
  const s2 = pair();
  const serial = 7;
  s2.raw.writeFd(file, callPacket(serial));
  s2.raw.writeFd(file, callPacket(serial + 1));
  await settle();
  assert.equal(s2.calls.length, 2);
  assert.equal(s2.server.closed, false);
  raw.destroy();
  s2.raw.destroy();
  await settle();
  assert.equal(openFds(), before, 'every descriptor received was closed');
  closeSync(file);
});

test('a WITH_FDS call whose descriptors never come is not dispatched and leaks nothing', { skip }, async () => {
  const file = openSync('/proc/self/status', 'r');
  const before = openFds();
  const { server, raw, calls } = pair();
  raw.write(callPacket(1, 2));
  raw.writeFd(file);
  await settle();
  assert.equal(calls.length, 0);
  const closed = new Promise((r) => server.once('close', r));
  raw.destroy();
  await closed;
  await settle();
  assert.equal(openFds(), before);
  closeSync(file);
});

test('on TCP a WITH_FDS packet ends the connection with libvirt\'s words; sending descriptors is refused', async () => {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const accepted = new Promise<net.Socket>((r) => srv.once('connection', r));
  const sock = net.connect((srv.address() as net.AddressInfo).port, '127.0.0.1');
  const server = new RpcConnection(await accepted);
  const closed = new Promise((r) => server.once('close', r));
  sock.write(callPacket(1, 1));
  sock.write(Buffer.alloc(1));
  assert.match(String((await closed as Error).message), /Receiving file descriptors is not supported on this socket/);
  const client = new RpcConnection(net.connect((srv.address() as net.AddressInfo).port, '127.0.0.1'));
  await assert.rejects(client.call(PROG, 1, 1, undefined, { fds: [0] }), { message: 'internal error: Sending file descriptors is not supported on this socket' });
  client.destroy();
  sock.destroy();
  srv.close();
});

test('a unix socket without the native helper reads past the descriptors and reports the helper missing', async () => {
  const [a, b] = native ? native.socketpair() : [-1, -1];
  if (a < 0) return; // the socket pair itself needs the helper; the daemon test covers this case
  const server = new RpcConnection(new net.Socket({ fd: a, readable: true, writable: true }), { unixSocket: true });
  const calls: Packet[] = [];
  server.on('call', (p: Packet) => { calls.push(p); server.reply(p.header); });
  writeSync(b, callPacket(1, 1));
  writeSync(b, Buffer.alloc(1));
  writeSync(b, callPacket(2));
  await settle();
  assert.deepEqual(calls.map((p) => [p.header.serial, p.fds]), [[1, null], [2, undefined]]);
  await assert.rejects(server.call(PROG, 1, 1, undefined, { fds: [0] }), /passing file descriptors needs tsvirt's native helper/);
  server.destroy();
  closeSync(b);
});
