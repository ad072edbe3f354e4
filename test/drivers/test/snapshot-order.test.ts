// Snapshot list orders against libvirt 9.0.0's own test driver (libvirt-python, test:///default,
// in process): seeded sequences of creates, reverts, deletes (all three modes) and reparenting
// redefines, the child lists and topological walks compared unsorted after every step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as v from '../../../src/index.js';
import { compare, havePython, oracle, seeds } from './snapshot-order-steps.js';

const SEEDS = 200;

test(`snapshot child lists and topological walks in libvirt's order (${SEEDS} seeds)`, { skip: havePython ? false : 'needs libvirt-python' }, async () => {
  const list = seeds(SEEDS);
  const theirs = oracle(list);
  const conn = await v.open('test:///default');
  try {
    await compare(conn, list, theirs, assert.deepEqual);
  } finally {
    await conn.close();
  }
});
