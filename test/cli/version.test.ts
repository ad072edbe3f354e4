/** tsvirsh -V: virsh -V's layout, with the features this build of tsvirt has. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { TSVIRSH, haveVirsh } from './harness.js';
import { registeredDrivers, secondaryDrivers, openReadOnly } from '../../src/index.js';

const run = (program: string, args: string[]): string => {
  const result = spawnSync(program, args, { encoding: 'utf8', env: { PATH: process.env.PATH, LC_ALL: 'C' } });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
};
const labels = (report: string): string[] => report.split('\n').slice(4).filter(Boolean).map((l) => l.split(':')[0]!);
const featuresOf = (report: string, label: string): string[] =>
  report.split('\n').find((l) => l.startsWith(` ${label}:`))!.slice(label.length + 2).split(' ').filter(Boolean);

test('tsvirsh -V lists its features in the layout of virsh -V', { skip: !haveVirsh && 'virsh is not installed' }, () => {
  const ours = run('node', [TSVIRSH, '-V']);
  const theirs = run('virsh', ['-V']);
  const [ourLines, theirLines] = [ours.split('\n'), theirs.split('\n')];
  assert.equal(ourLines.length, theirLines.length);
  assert.deepEqual(ourLines.slice(2, 4), theirLines.slice(2, 4));
  assert.deepEqual(labels(ours), labels(theirs));
  assert.match(ourLines[0]!, /libvirt 9\.0\.0 API$/);
  assert.equal(run('node', [TSVIRSH, '-v']), run('virsh', ['-v']));
  assert.equal(run('node', [TSVIRSH, '--version=long']), ours);
});

test('tsvirsh -V names only drivers the library has, in virsh\'s words', async () => {
  const report = run('node', [TSVIRSH, '-V']);
  assert.deepEqual(featuresOf(report, 'Hypervisors'), ['QEMU/KVM', 'Test']);
  assert.deepEqual(registeredDrivers().filter((d) => !d.remote).map((d) => d.name).sort(), ['QEMU', 'Test']);
  assert.deepEqual(featuresOf(report, 'Networking'), registeredDrivers().some((d) => d.remote) ? ['Remote'] : []);
  assert.deepEqual(featuresOf(report, 'Storage'), secondaryDrivers().some((d) => d.name === 'storage') ? ['Dir'] : []);
  // What it names works: the test hypervisor opens.
  const conn = await openReadOnly('test:///default');
  assert.equal(await conn.getType(), 'TEST');
  await conn.close();
});
