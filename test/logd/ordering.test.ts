import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Command } from '../../src/util/command/index.js';
import { TestDaemon } from './daemon-harness.js';
import { orderingStress } from './ordering-stress.js';

const WRITERS = Number(process.env.STRESS_WRITERS) || 12;
const ROUNDS = Number(process.env.STRESS_ROUNDS) || 300;
const CLIENTS = Number(process.env.STRESS_CLIENTS) || 2;

/** Runs the stress with a CPU burner competing with the daemon and the writers (2 cores here). */
async function run(env: Record<string, string>) {
  const daemon = await TestDaemon.start({ config: 'max_size = 0\n', env });
  const burner = new Command('/usr/bin/perl', ['-e', '1 while 1']);
  await burner.runAsync();
  try {
    return await orderingStress(daemon, WRITERS, ROUNDS, CLIENTS);
  } finally {
    await burner.abort();
    await daemon.stop();
  }
}

test('every reported position covers every byte written before the query', async () => {
  const r = await run({});
  console.log(`drain: ${r.queries} queries, ${r.bytes} bytes, ${r.wrong.length} wrong`);
  assert.equal(r.queries, WRITERS * ROUNDS);
  assert.deepEqual(r.wrong, []);
});

test('without the drain the same run reports stale positions', async () => {
  const r = await run({ TSVIRTLOGD_TEST_NO_DRAIN: '1' });
  console.log(`no drain: ${r.queries} queries, ${r.wrong.length} wrong, e.g. ${JSON.stringify(r.wrong.slice(0, 3), (_, v) => typeof v === 'bigint' ? String(v) : v)}`);
  assert.ok(r.wrong.length > 0);
});
