import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { Command } from '../../../src/util/command/index.js';
import { ourChildren } from './child-report.js';

const TOTAL = 2000;
const CONCURRENCY = 8;

/** One command of each kind the API offers, checked as it ends. */
const KINDS: Array<() => Promise<void>> = [
  async () => assert.equal(await new Command('/bin/true').run(), 0),
  async () => {
    const command = new Command('/bin/sh', ['-c', 'echo out; echo err >&2; exit 3']).setOutputBuffer().setErrorBuffer();
    assert.equal(await command.run({ exitStatus: true }), 3);
    assert.equal(command.capturedOutput + command.capturedError!, 'out\nerr\n');
  },
  async () => {
    const command = new Command('sleep', ['10']);
    await command.runAsync();
    const waiting = command.wait().then(() => 'exited', (err: Error) => err.message);
    await command.abort();
    assert.match(await waiting, /fatal signal 15$/);
  },
  async () => {
    const command = new Command('/bin/echo', ['async']).setOutputBuffer().setInputBuffer('ignored');
    await command.runAsync();
    assert.equal(await command.wait(), 0);
    assert.equal(command.capturedOutput, 'async\n');
  },
  async () => {
    await using command = new Command('sleep', ['10']);
    await command.runAsync();
  },
  async () => {
    await assert.rejects(new Command('/nonexistent/binary').run(), /cannot execute binary/);
    await assert.rejects(new Command('sleep', ['10']).run({ signal: AbortSignal.timeout(1) }), /cancelled/);
  },
];

const openFdCount = () => readdirSync('/proc/self/fd').length;

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 10));
}

test(`${TOTAL} commands, sync, async and aborted, leave no zombie and no fd behind`, async () => {
  await new Command('/bin/true').run(); // first spawn sets up Node's SIGCHLD machinery for good
  await settle();
  const fdsBefore = openFdCount();
  let next = 0;
  const worker = async () => {
    while (next < TOTAL) await KINDS[next++ % KINDS.length]!();
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  await settle();
  assert.deepEqual(ourChildren(), [], 'every child reaped, none left running');
  assert.equal(openFdCount(), fdsBefore);
});
