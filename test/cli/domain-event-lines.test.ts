/**
 * The event lines of the domain event types the test driver cannot raise, checked against the
 * formats of virsh 9.0.0's tools/virsh-domain-event.c (the payload fields are the wire names).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DOMAIN_EVENT_NAMES, domainEventText, formatG } from '../../src/cli/domain-event-lines.js';

const line = (name: string, payload: Record<string, unknown>): string => domainEventText(name, 'vm1', payload);

test('the event names are virsh\'s, in VIR_DOMAIN_EVENT_ID_* order', () => {
  assert.equal(DOMAIN_EVENT_NAMES.length, 27);
  assert.equal(DOMAIN_EVENT_NAMES[16], 'block-job-2');
  assert.equal(DOMAIN_EVENT_NAMES[26], 'memory-device-size-change');
});

test('events without details print the name only', () => {
  for (const name of ['reboot', 'control-error', 'pm-wakeup', 'pm-suspend', 'pm-suspend-disk']) {
    assert.equal(line(name, { reason: 0 }), `event '${name}' for domain 'vm1'\n`);
  }
});

test('lifecycle, rtc-change, watchdog, balloon-change', () => {
  assert.equal(line('lifecycle', { event: 5, detail: 4 }), "event 'lifecycle' for domain 'vm1': Stopped Saved\n");
  assert.equal(line('lifecycle', { event: 9, detail: 0 }), "event 'lifecycle' for domain 'vm1': unknown unknown\n");
  assert.equal(line('rtc-change', { offset: -3600n }), "event 'rtc-change' for domain 'vm1': -3600\n");
  assert.equal(line('watchdog', { action: 6 }), "event 'watchdog' for domain 'vm1': inject-nmi\n");
  assert.equal(line('watchdog', { action: 7 }), "event 'watchdog' for domain 'vm1': unknown\n");
  assert.equal(line('balloon-change', { actual: 1048576n }), "event 'balloon-change' for domain 'vm1': 1048576KiB\n");
});

test('io-error and io-error-reason', () => {
  const p = { srcPath: '/var/lib/d.img', devAlias: 'virtio-disk0', action: 1, reason: 'enospc' };
  assert.equal(line('io-error', p), "event 'io-error' for domain 'vm1': /var/lib/d.img (virtio-disk0) pause\n");
  assert.equal(line('io-error-reason', p), "event 'io-error-reason' for domain 'vm1': /var/lib/d.img (virtio-disk0) pause due to enospc\n");
});

test('graphics: addresses, auth scheme, then one tab-indented line per identity', () => {
  const p = {
    phase: 0, local: { family: 0, node: '127.0.0.1', service: '5900' }, remote: { family: 1, node: '::1', service: '41234' },
    authScheme: 'vnc', subject: [{ type: 'x509dname', name: 'CN=me' }, { type: 'saslUsername', name: 'bob' }],
  };
  assert.equal(line('graphics', p), "event 'graphics' for domain 'vm1': connect local[IPv4 127.0.0.1 5900] remote[IPv6 ::1 41234] vnc\n"
    + '\tx509dname=CN=me\n\tsaslUsername=bob\n');
  assert.equal(line('graphics', { ...p, phase: 2, subject: [] }).split(':')[1], ' disconnect local[IPv4 127.0.0.1 5900] remote[IPv6 ');
});

test('block-job names its disk by path, block-job-2 by target', () => {
  assert.equal(line('block-job', { path: '/img/a.qcow2', type: 2, status: 3 }), "event 'block-job' for domain 'vm1': Block Copy for /img/a.qcow2 ready\n");
  assert.equal(line('block-job-2', { dst: 'vda', type: 4, status: 0 }), "event 'block-job-2' for domain 'vm1': Active Block Commit for vda completed\n");
  assert.equal(line('block-job-2', { dst: 'vda', type: 9, status: 9 }), "event 'block-job-2' for domain 'vm1': Unknown job for vda unknown\n");
});

test('disk-change and tray-change put the disk alias after the domain', () => {
  assert.equal(line('disk-change', { oldSrcPath: '/a.iso', newSrcPath: null, devAlias: 'ide0-1-0', reason: 1 }),
    "event 'disk-change' for domain 'vm1' disk ide0-1-0: /a.iso -> <null>: dropped\n");
  assert.equal(line('tray-change', { devAlias: 'ide0-1-0', reason: 0 }), "event 'tray-change' for domain 'vm1' disk ide0-1-0: opened\n");
});

test('device-added, device-removed, device-removal-failed print the alias', () => {
  for (const name of ['device-added', 'device-removed', 'device-removal-failed']) {
    assert.equal(line(name, { devAlias: 'net1' }), `event '${name}' for domain 'vm1': net1\n`);
  }
});

test('tunable and job-completed list typed parameters, one per tab-indented line', () => {
  const params = [
    { field: 'cputune.vcpu_period', value: { type: 4, value: 100000n } },
    { field: 'cputune.emulatorpin', value: { type: 7, value: '0-3' } },
    { field: 'x.int', value: { type: 1, value: -5 } },
    { field: 'x.bool', value: { type: 6, value: 1 } },
    { field: 'x.double', value: { type: 5, value: 0.5 } },
  ];
  const body = '\tcputune.vcpu_period: 100000\n\tcputune.emulatorpin: 0-3\n\tx.int: -5\n\tx.bool: 1\n\tx.double: 0.5\n';
  assert.equal(line('tunable', { params }), `event 'tunable' for domain 'vm1':\n${body}`);
  assert.equal(line('job-completed', { params }), `event 'job-completed' for domain 'vm1':\n${body}`);
  assert.equal(line('job-completed', { params: [] }), "event 'job-completed' for domain 'vm1':\n");
});

test('agent-lifecycle, migration-iteration, metadata-change', () => {
  assert.equal(line('agent-lifecycle', { state: 1, reason: 2 }), "event 'agent-lifecycle' for domain 'vm1': state: 'connected' reason: 'channel event'\n");
  assert.equal(line('agent-lifecycle', { state: 3, reason: 3 }), "event 'agent-lifecycle' for domain 'vm1': state: 'unsupported value' reason: 'unsupported value'\n");
  assert.equal(line('migration-iteration', { iteration: 3 }), "event 'migration-iteration' for domain 'vm1': iteration: '3'\n");
  assert.equal(line('metadata-change', { type: 2, nsuri: 'http://x/' }), "event 'metadata-change' for domain 'vm1': type element, uri http://x/\n");
  assert.equal(line('metadata-change', { type: 1, nsuri: null }), "event 'metadata-change' for domain 'vm1': type title, uri <null>\n");
});

test('block-threshold, memory-failure, memory-device-size-change', () => {
  assert.equal(line('block-threshold', { dev: 'vda', path: null, threshold: 1024n, excess: 10n }),
    "event 'block-threshold' for domain 'vm1': dev: vda(<null>) 1024 10\n");
  assert.equal(line('block-threshold', { dev: 'vda[1]', path: '/b.img', threshold: 1n, excess: 0n }),
    "event 'block-threshold' for domain 'vm1': dev: vda[1](/b.img) 1 0\n");
  assert.equal(line('memory-failure', { recipient: 1, action: 2, flags: 3 }),
    "event 'memory-failure' for domain 'vm1':\nrecipient: guest\naction: fatal\nflags:\n\taction required: 1\n\trecursive: 1\n");
  assert.equal(line('memory-failure', { recipient: 0, action: 0, flags: 2 }).split('flags:\n')[1], '\taction required: 0\n\trecursive: 1\n');
  assert.equal(line('memory-device-size-change', { alias: 'virtiomem0', size: 2097152n }),
    "event 'memory-device-size-change' for domain 'vm1':\nalias: virtiomem0\nsize: 2097152\n");
});

test('formatG behaves as C\'s %g', () => {
  const cases: [number, string][] = [[0, '0'], [0.5, '0.5'], [1, '1'], [100000, '100000'], [1000000, '1e+06'], [1234567, '1.23457e+06'],
    [0.0001, '0.0001'], [0.00001, '1e-05'], [3.14159265, '3.14159'], [-2.5, '-2.5'], [123456.7, '123457'], [1e100, '1e+100']];
  for (const [x, expected] of cases) assert.equal(formatG(x), expected, String(x));
});
