/** tsvirsh's --json on the network, pool and volume listing and info commands (no virsh equivalent). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { TSVIRSH } from './harness.js';

function json(command: string): unknown {
  const run = spawnSync(process.execPath, [TSVIRSH, '-q', '-c', 'test:///default', command], { encoding: 'utf8' });
  assert.equal(run.stderr, '');
  assert.equal(run.status, 0);
  return JSON.parse(run.stdout);
}

test('net-list --json and net-info --json', () => {
  assert.deepEqual(json('net-list --all --json'), [
    { name: 'default', uuid: 'dd8fe884-6c02-601e-7551-cca97df1c5df', active: true, autostart: false, persistent: true },
  ]);
  assert.deepEqual(json('net-info default --json'), {
    name: 'default', uuid: 'dd8fe884-6c02-601e-7551-cca97df1c5df', active: true, persistent: true, autostart: false, bridge: 'virbr0',
  });
});

test('pool-list --json and pool-info --json', () => {
  const GiB = 1024 ** 3;
  const pool = {
    name: 'default-pool', uuid: 'dfe224cb-28fb-8dd0-c4b2-64eb3f0f4566', state: 'running', persistent: true, autostart: false,
    capacity: 100 * GiB, allocation: 0, available: 100 * GiB,
  };
  assert.deepEqual(json('pool-list --all --json'), [{ ...pool, active: true }]);
  assert.deepEqual(json('pool-info default-pool --json'), pool);
  // An inactive pool has no sizes.
  const idle = json('pool-define-as idle dir --target /var/idle; pool-info idle --json') as Record<string, unknown>;
  assert.equal(idle.state, 'inactive');
  assert.equal(idle.capacity, null);
});

test('vol-list --json and vol-info --json', () => {
  const list = json('vol-create-as default-pool a.img 1G; vol-list default-pool --json');
  assert.deepEqual(list, [{ name: 'a.img', path: '/default-pool/a.img', type: 'file', capacity: 1024 ** 3, allocation: 1024 ** 3 }]);
  assert.deepEqual(json('vol-create-as default-pool b 1M --allocation 0; vol-info b --pool default-pool --json'),
    { name: 'b', type: 'file', capacity: 1024 ** 2, allocation: 0 });
});

test('snapshot-list --json and snapshot-info --json', () => {
  const list = json('snapshot-create-as test s1; snapshot-create-as test s2; snapshot-list test --parent --json') as Record<string, unknown>[];
  assert.deepEqual(list.map((s) => [s.name, s.state, s.parent, typeof s.creationTime]), [['s1', 'running', null, 'number'], ['s2', 'running', 's1', 'number']]);
  assert.deepEqual(json('snapshot-create-as test s1; snapshot-create-as test s2; snapshot-info test s1 --json'), {
    name: 's1', domain: 'test', current: false, state: 'running', location: 'internal', parent: null, children: 1, descendants: 1, metadata: true,
  });
});

test('iface-list --json', () => {
  assert.deepEqual(json('iface-list --all --json'), [{ name: 'eth1', active: true, mac: 'aa:bb:cc:dd:ee:ff' }]);
});
