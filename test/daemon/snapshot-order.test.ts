// Snapshot list orders through the daemons (the seeded operations of
// test/drivers/test/snapshot-order-steps.ts): libvirt-python against tsvirtd gets, step by step,
// the child lists and topological walks it gets against libvirtd; and our client against libvirtd
// gets what libvirt-python gets in process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as v from '../../src/index.js';
import { bothDaemons, havePython, libvirtdSkip } from './harness.js';
import { compare, oracle, seeds } from '../drivers/test/snapshot-order-steps.js';

const skip = !havePython ? 'needs libvirt-python' : libvirtdSkip;
const daemons = bothDaemons(skip);
const uri = (socket: string) => `test+unix:///default?socket=${socket}`;

test('libvirt-python through tsvirtd and through libvirtd: the same snapshot list orders (20 seeds)', { skip }, () => {
  const list = seeds(20);
  const theirs = oracle(list, uri(daemons.theirs.socket));
  const ours = oracle(list, uri(daemons.ours.socket));
  theirs.forEach((steps, i) => steps.forEach((step, n) => assert.deepEqual(ours[i]![n], step, `${list[i]!.domain}, step ${n}`)));
});

test('our client through libvirtd: the snapshot list orders libvirt-python gets in process (5 seeds)', { skip }, async () => {
  const list = seeds(5, 101);
  const theirs = oracle(list);
  const conn = await v.open(uri(daemons.theirs.socket));
  try {
    await compare(conn, list, theirs, assert.deepEqual);
  } finally {
    await conn.close();
  }
});
