// The guest-information calls of our test driver against libvirt 9.0.0's own test driver
// (libvirt-python on test:///default): the same results, states, errors and messages, step by step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { ORACLE, guestSteps, parseSteps, readOnlySteps } from './guest-info-steps.js';

const havePython = spawnSync('/usr/bin/python3', ['-c', 'import libvirt']).status === 0;
const skip = havePython ? false : 'needs libvirt-python';

function oracle(...args: string[]) {
  const r = spawnSync('/usr/bin/python3', [ORACLE, 'test:///default', ...args], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.stderr, '');
  return parseSteps(r.stdout);
}

function assertSameSteps(ours: [string, unknown][], theirs: [string, unknown][]): void {
  assert.equal(ours.length, theirs.length);
  theirs.forEach((expected, i) => assert.deepEqual(ours[i], expected, `step ${expected[0]}`));
}

test('hostname, time, password, filesystems and addresses as libvirt\'s test driver answers them', { skip }, async () => {
  assertSameSteps(await guestSteps('test:///default'), oracle());
});

test('read-only connections are refused all but the lease and ARP addresses', { skip }, async () => {
  assertSameSteps(await readOnlySteps('test:///default'), oracle('ro'));
});
