// The guest-information calls over the wire: real virsh and libvirt-python, and our own client,
// against tsvirtd and against libvirt's libvirtd, both serving the test driver: the same results.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { bothDaemons, havePython, haveVirsh, libvirtdSkip, virsh, type RunningDaemon } from './harness.js';
import { ORACLE, guestSteps, parseSteps, readOnlySteps } from '../drivers/test/guest-info-steps.js';
import { TSVIRSH } from '../cli/harness.js';

const skip = !havePython || !haveVirsh ? 'needs libvirt-python and virsh' : libvirtdSkip;
const daemons = bothDaemons(skip);

const uri = (d: RunningDaemon) => `test+unix:///default?socket=${d.socket}`;

function oracle(d: RunningDaemon, ...args: string[]) {
  const r = spawnSync('/usr/bin/python3', [ORACLE, uri(d), ...args], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.stderr, '');
  return parseSteps(r.stdout);
}

function assertSameSteps(actual: [string, unknown][], expected: [string, unknown][]): void {
  assert.equal(actual.length, expected.length);
  expected.forEach((e, i) => assert.deepEqual(actual[i], e, `step ${e[0]}`));
}

test('libvirt-python: the same steps through tsvirtd as through libvirtd', { skip }, () => {
  assertSameSteps(oracle(daemons.ours), oracle(daemons.theirs));
});

test('libvirt-python read-only: refused as libvirtd refuses', { skip }, () => {
  // libvirtd's session daemon has no read-only socket: the client opens read-only on the same one.
  assertSameSteps(oracle(daemons.ours, 'ro'), oracle(daemons.theirs, 'ro'));
});

test('our client: the same steps against tsvirtd and libvirtd as libvirt-python sees from libvirtd', { skip }, async () => {
  const expected = oracle(daemons.theirs);
  assertSameSteps(await guestSteps(uri(daemons.theirs)), expected);
  assertSameSteps(await guestSteps(uri(daemons.ours)), expected);
  const expectedRo = oracle(daemons.theirs, 'ro');
  assertSameSteps(await readOnlySteps(uri(daemons.theirs)), expectedRo);
  assertSameSteps(await readOnlySteps(uri(daemons.ours)), expectedRo);
});

const SCRIPTS: string[] = [
  'domhostname test; domhostname test --source agent; domhostname test --source lease; domhostname test --source bogus',
  'domtime test; domtime test --pretty; domtime test --time 1000000000; domtime test --pretty; domtime test --sync; domtime test',
  'domtime test --time 5 --now; domtime test --now --sync; domtime test --time abc',
  'domfsinfo test; domfsfreeze test; domfsfreeze test; domfsthaw test --mountpoint /; domfsthaw test /boot /nope; domfsthaw test',
  'domfsfreeze test / /boot /; domfsthaw test --mountpoint /boot --mountpoint /boot; domfstrim test; domfstrim test --mountpoint /boot --minimum 4096; domfstrim test --mountpoint /x',
  'set-user-password test root secret; set-user-password test root $6$a$b --encrypted; set-user-password --domain test --user u --password p',
  'domifaddr test; domifaddr test --full; domifaddr test --source agent; domifaddr test --source arp; domifaddr test --source lease; domifaddr test --source nope',
  'domifaddr test --interface testnet0; domifaddr test --interface nosuch',
  'suspend test; domtime test; domhostname test; destroy test; domhostname test; domtime test; domfsinfo test; domfsfreeze test; domfsthaw test; domfstrim test; domifaddr test; set-user-password test a b',
];

/** tsvirsh through a daemon's socket. */
function tsvirsh(socket: string, args: string[], readOnly = false) {
  const r = spawnSync(process.execPath, [TSVIRSH, ...(readOnly ? ['-r'] : []), '-c', `test+unix:///default?socket=${socket}`, ...args],
    { encoding: 'utf8', timeout: 30_000, env: { PATH: process.env.PATH, HOME: daemons.ours.dir, LC_ALL: 'C' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

for (const script of SCRIPTS) {
  test(`virsh and tsvirsh ${script}: same output through tsvirtd (and tsvirsh through libvirtd) as virsh through libvirtd`, { skip }, () => {
    const expected = virsh(daemons.theirs.socket, [script]);
    for (const actual of [virsh(daemons.ours.socket, [script]), tsvirsh(daemons.ours.socket, [script]), tsvirsh(daemons.theirs.socket, [script])]) {
      assert.equal(actual.stdout, expected.stdout);
      assert.equal(actual.stderr, expected.stderr);
      assert.equal(actual.status, expected.status);
    }
  });
}

test('virsh read-only: the guest calls refused, lease addresses given', { skip }, () => {
  const script = ['domhostname test; domtime test; domfsinfo test; domfsfreeze test; domifaddr test; domifaddr test --source agent'];
  const expected = virsh(daemons.theirs.socket, script, true);
  for (const actual of [virsh(daemons.ours.socket, script, true), tsvirsh(daemons.ours.socket, script, true), tsvirsh(daemons.theirs.socket, script, true)]) {
    assert.equal(actual.stdout, expected.stdout);
    assert.equal(actual.stderr, expected.stderr);
    assert.equal(actual.status, expected.status);
  }
});
