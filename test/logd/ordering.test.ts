import assert from 'node:assert/strict';
import { closeSync, readFileSync, statSync, writeSync } from 'node:fs';
import { createConnection } from 'node:net';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { logManagerProgram, logProcedures } from '../../src/logd/protocol.js';
import { RpcConnection } from '../../src/rpc/connection.js';
import { Command } from '../../src/util/command/index.js';
import { TestDaemon } from './daemon-harness.js';
import { orderingStress } from './ordering-stress.js';

const WRITERS = Number(process.env.STRESS_WRITERS) || 12;
const ROUNDS = Number(process.env.STRESS_ROUNDS) || 300;
const CLIENTS = Number(process.env.STRESS_CLIENTS) || 2;
/** The test-only switch that makes the daemon answer positions without draining the pipe. */
const NO_DRAIN = { TSVIRTLOGD_TEST_NO_DRAIN: '1' };

test('every reported position covers every byte written before the query, under load', async () => {
  const daemon = await TestDaemon.start({ config: 'max_size = 0\n' });
  // a CPU burner competing with the daemon and the writers (2 cores here)
  const burner = new Command('/usr/bin/perl', ['-e', '1 while 1']);
  await burner.runAsync();
  try {
    const r = await orderingStress(daemon, WRITERS, ROUNDS, CLIENTS);
    console.log(`drain: ${r.queries} queries, ${r.bytes} bytes, ${r.wrong.length} wrong`);
    assert.equal(r.queries, WRITERS * ROUNDS);
    assert.deepEqual(r.wrong, []);
  } finally {
    await burner.abort();
    await daemon.stop();
  }
});

function connect(path: string): Promise<RpcConnection> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(path, () => resolve(new RpcConnection(socket)));
    socket.once('error', reject);
  });
}

/**
 * Stops the daemon while it sleeps in epoll_wait with nothing left to do: the log file already
 * holds every byte written so far (so no pipe event from an earlier round is pending), then
 * SIGSTOP, then wait until it really is stopped (the signal lands asynchronously).
 */
async function stopIdle(pid: number, path: string, written: number): Promise<void> {
  const idle = () => statSync(path).size === written && readFileSync(`/proc/${pid}/wchan`, 'latin1') === 'do_epoll_wait';
  while (!idle()) await sleep(1);
  process.kill(pid, 'SIGSTOP');
  while (!/^\d+ \(.*\) T /.test(readFileSync(`/proc/${pid}/stat`, 'latin1'))) await sleep(1);
}

/** Resolves once everything written to the connection so far is in the kernel's socket buffer. */
function flushed(conn: RpcConnection): Promise<void> {
  return new Promise((resolve) => conn.socket.write(Buffer.alloc(0), () => resolve()));
}

/**
 * The case the drain exists for, made certain instead of left to the scheduler: with the daemon
 * stopped (SIGSTOP), a query goes into its socket, then a line into the guest's pipe, then a
 * second query. When the daemon runs again its socket has been readable longer than the pipe, so
 * it reads both queries in one go before it ever looks at the pipe. The second query was asked
 * after the line was written: its answer must cover the line. Returns, per round, how many bytes
 * the second answer fell short.
 */
async function queriesReadBeforeThePipe(env: Record<string, string>, rounds: number): Promise<number[]> {
  const daemon = await TestDaemon.start({ config: 'max_size = 0\n', env });
  const client = await daemon.client();
  const conn = await connect(daemon.socketPath);
  try {
    const path = daemon.logPath('certain.log');
    const { fd } = await client.openLogFile('qemu', { name: 'certain', uuid: Buffer.alloc(16, 7) }, path, 1);
    const position = () => conn.invoke(logManagerProgram, logProcedures.DOMAIN_GET_LOG_FILE_POSITION, { path, flags: 0 })
      .then((r) => Number(r.pos.offset));
    const shortBy: number[] = [];
    let written = 0;
    for (let round = 0; round < rounds; round++) {
      const line = `round ${round} ${'#'.repeat(round)}\n`;
      await stopIdle(daemon.pid!, path, written);
      let first: Promise<number>;
      let second: Promise<number>;
      try {
        first = position();
        await flushed(conn);
        written += writeSync(fd, line);
        second = position();
        await flushed(conn);
      } finally {
        process.kill(daemon.pid!, 'SIGCONT');
      }
      assert.ok(await first <= written);
      shortBy.push(written - await second);
    }
    closeSync(fd);
    return shortBy;
  } finally {
    await conn.close();
    await client.close();
    await daemon.stop();
  }
}

test('a query read together with an earlier one still covers the bytes written between them', async () => {
  const shortBy = await queriesReadBeforeThePipe({}, 20);
  assert.deepEqual(shortBy, new Array(20).fill(0));
});

test('without the drain that query misses them, every time (so the tests above would catch its loss)', async () => {
  const shortBy = await queriesReadBeforeThePipe(NO_DRAIN, 20);
  console.log(`no drain: second answers short by ${JSON.stringify(shortBy)}`);
  assert.deepEqual(shortBy, Array.from({ length: 20 }, (_, round) => `round ${round} ${'#'.repeat(round)}\n`.length));
});
