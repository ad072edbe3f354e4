// Real virsh 9.0.0 against tsvirtd and against libvirt's libvirtd, both serving the test driver
// over a unix socket: the same commands must print the same output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bothDaemons, haveVirsh, libvirtdSkip, virsh, type RunningDaemon } from './harness.js';

const skip = !haveVirsh ? 'needs virsh' : libvirtdSkip;
const daemons = bothDaemons(skip);

/**
 * CPU time of the test driver and snapshot creation times are the host's clock: equal in shape,
 * not in value. Socket paths
 * (in `uri`) and temp dirs differ by daemon.
 */
const masked = (s: string) => s.replace(/(CPU time:\s+)[0-9.]+s/g, '$1Ns')
  .replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d{4}/g, 'TIME')
  .replaceAll(daemons.ours.socket, 'SOCKET').replaceAll(daemons.theirs.socket, 'SOCKET').replaceAll(daemons.ours.dir, 'DIR').replaceAll(daemons.theirs.dir, 'DIR');

const NEW_DOMAIN = `<domain type='test'><name>fresh</name><uuid>12345678-1234-1234-1234-123456789abc</uuid><memory>65536</memory><os><type>hvm</type></os></domain>`;

const SCRIPTS: string[][] = [
  ['list', '--all'],
  ['dominfo', 'test'],
  ['dominfo', 'nosuch'],
  // virsh asks a daemon how many parameters first; libvirt's test driver answers that before it
  // looks at the domain or the device, so the failure comes with the second call
  ['domiftune test nosuch; blkdeviotune test nosuch; destroy test; memtune test --live; blkiotune test --live; numatune test --live; '
    + 'domiftune test testnet0 --live; blkdeviotune test vda --live; start test'],
  ['dumpxml', 'test'],
  ['dumpxml', '--inactive', 'test'],
  ['domstate', '--reason', 'test'],
  ['domid', 'test'],
  ['domuuid', 'test'],
  ['nodeinfo'],
  ['version'],
  ['hostname'],
  ['uri'],
  ['capabilities'],
  ['net-list', '--all'],
  ['net-dumpxml', 'default'],
  ['pool-list', '--all'],
  ['vol-list', 'default-pool'],
  ['iface-list', '--all'],
  ['nodedev-list'],
  ['destroy test; domstate --reason test; list --all; start test; domstate test; dominfo test'],
  ['suspend test; domstate --reason test; resume test; domstate test'],
  ['shutdown test; domstate --reason test; undefine test; list --all'],
  ['setmem test 1048576; dominfo test; setmaxmem test 4000000 --config; dumpxml --inactive test'],
  ['autostart test; dominfo test; autostart --disable test; dominfo test'],
  ['snapshot-create-as test snap1; snapshot-list test; snapshot-current --name test; snapshot-delete test snap1; snapshot-list test'],
  ['net-destroy default; net-list --all; net-start default; net-info default'],
  ['pool-info default-pool; pool-dumpxml default-pool'],
  ['domblkstat test hda', 'domifstat test vnet0'],
  ['dommemstat test --period 5; dommemstat test --period -1; dommemstat test --period 3 --config; dommemstat test'],
];

for (const script of SCRIPTS) {
  test(`virsh ${script.join(' ')}: same output from tsvirtd as from libvirtd`, { skip }, () => {
    const a = virsh(daemons.ours.socket, script);
    const b = virsh(daemons.theirs.socket, script);
    assert.equal(masked(a.stdout), masked(b.stdout));
    assert.equal(masked(a.stderr), masked(b.stderr));
    assert.equal(a.status, b.status);
  });
}

test('virsh define then start a new domain in one session', { skip }, async () => {
  const { writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  for (const d of [daemons.ours, daemons.theirs]) writeFileSync(join(d.dir, 'fresh.xml'), NEW_DOMAIN);
  const run = (d: RunningDaemon) => virsh(d.socket, [`define ${join(d.dir, 'fresh.xml')}; start fresh; list --all; dominfo fresh; destroy fresh; undefine fresh; list --all`]);
  const a = run(daemons.ours);
  const b = run(daemons.theirs);
  assert.equal(masked(a.stdout), masked(b.stdout));
  assert.equal(masked(a.stderr), masked(b.stderr));
});

test('read-only connections are refused state changes, with libvirt\'s message', { skip }, () => {
  for (const script of [['destroy', 'test'], ['define', '/dev/null'], ['net-destroy', 'default'], ['list', '--all']]) {
    const a = virsh(daemons.ours.socket, script, true);
    const b = virsh(daemons.theirs.socket, script, true);
    assert.equal(a.stdout, b.stdout);
    assert.equal(a.stderr, b.stderr);
    assert.equal(a.status, b.status);
    // tsvirtd's read-only socket forces the same, without -r.
    const c = virsh(daemons.ours.readOnlySocket!, script);
    assert.equal(c.stderr, b.stderr);
    assert.equal(c.stdout, b.stdout);
  }
});
