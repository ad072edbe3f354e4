// Hostile clients of tsvirtlogd: a PING flood that never reads its PONGs, garbage and oversized
// length words; the daemon stops reading the flooder, drops the others, and serves everyone else
// with its descriptors back where they were.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createConnection, type Socket } from 'node:net';
import type { LogManagerClient } from '../../src/logd/client.js';
import { fdsBackTo, settledFds } from '../daemon/harness.js';
import { PING, floodWithoutReading, isPong, readPackets } from '../rpc/hostile-peer.js';
import { TestDaemon } from './daemon-harness.js';

const dom = { name: 'guest', uuid: Buffer.alloc(16, 0xcd) };
let daemon: TestDaemon;
let client: LogManagerClient;

before(async () => {
  daemon = await TestDaemon.start();
  client = await daemon.client();
});
after(async () => {
  await client?.close();
  await daemon?.stop();
});

function connect(): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = createConnection(daemon.socketPath, () => resolve(s));
    s.once('error', reject);
  });
}

async function stillServes(line: string): Promise<void> {
  const path = daemon.logPath('hostile.log');
  await client.appendLogFile('qemu', dom, path, line);
  assert.ok(readFileSync(path, 'latin1').endsWith(line));
}

test('a PING flood that never reads the PONGs stops being read; each PING is answered once it reads', async () => {
  const pid = daemon.pid!;
  const fds = await settledFds(pid);
  const sock = await connect();
  const pings = 600_000;
  const left = await floodWithoutReading(sock, Buffer.concat(Array(10_000).fill(PING)), pings / 10_000, 2000);
  assert.ok(left > 0, 'the daemon kept reading a client that reads nothing');
  await stillServes('while flooded\n');
  assert.ok((await readPackets(sock, pings)).every(isPong));
  sock.destroy();
  assert.equal(await fdsBackTo(pid, fds), fds);
});

test('length words below a header or above 32 MiB, and garbage, drop only their sender', async () => {
  const pid = daemon.pid!;
  const fds = await settledFds(pid);
  const over = Buffer.alloc(4);
  over.writeUInt32BE(32 * 1024 * 1024 + 5);
  for (const bytes of [Buffer.from('0000001b', 'hex'), Buffer.from('00000000', 'hex'), over, Buffer.from('GET / HTTP/1.1\r\n\r\n')]) {
    const sock = await connect();
    const closed = new Promise<void>((resolve) => sock.once('close', () => resolve()));
    sock.on('error', () => undefined);
    sock.write(bytes);
    await closed;
    await stillServes(`after ${bytes.subarray(0, 4).toString('hex')}\n`);
  }
  assert.equal(await fdsBackTo(pid, fds), fds);
});
