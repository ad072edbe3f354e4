import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ErrorDomain, ErrorNumber, VirError } from '../../src/errors/index.js';
import { parseDefaultPriority, parseFilters, parseOutputs } from '../../src/log/index.js';
import { haveVirsh, virshInitError } from './real-virsh.js';

const BAD_FILTERS = ['x', '5:foo', 'a:foo', '1:+', '1:', ':foo', '-1:x', '0:util', '3:remote 9:event'];
const BAD_OUTPUTS = ['x', '0:stderr', '1:foo', '1:syslog', '1:stderr:x', '1:file', '1:file:/a:b', '2:journald:x', '1:stderr 7:stderr'];
const BAD_LEVELS = ['7', '0', 'warn', 'DEBUG', '1 '];

function thrown(fn: () => unknown): VirError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof VirError, `expected VirError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected an error');
}

for (const [what, inputs, variable, parse] of [
  ['filter', BAD_FILTERS, 'LIBVIRT_LOG_FILTERS', parseFilters],
  ['output', BAD_OUTPUTS, 'LIBVIRT_LOG_OUTPUTS', parseOutputs],
  ['level', BAD_LEVELS, 'LIBVIRT_DEBUG', parseDefaultPriority],
] as const) {
  test(`bad ${what} strings get libvirt's code, domain and words`, (t) => {
    for (const input of inputs) {
      const err = thrown(() => parse(input));
      assert.equal(err.code, ErrorNumber.VIR_ERR_INVALID_ARG, input);
      assert.equal(err.domain, ErrorDomain.VIR_FROM_NONE, input);
      if (!haveVirsh) continue;
      assert.equal(err.message, virshInitError({ [variable]: input }), `${variable}=${input}`);
    }
    if (!haveVirsh) t.skip('virsh not installed: wording not compared');
  });
}

test('filters: priority, match, a leading + dropped, empty words skipped', () => {
  const filters = parseFilters('  3:remote 1:+util.conf 4:*  ');
  assert.deepEqual(filters.map((f) => [f.priority, f.match]), [[3, 'remote'], [1, 'util.conf'], [4, '*']]);
});

test('filters match module names as substrings with glob wildcards', () => {
  const [remote, glob, single] = parseFilters('3:remote 1:qemu*monitor 2:ev?nt');
  assert.ok(remote.test('remote.driver'));
  assert.ok(remote.test('rpc.remote'));
  assert.ok(!remote.test('rpc.client'));
  assert.ok(glob.test('drivers.qemu.qmp.monitor'));
  assert.ok(!glob.test('drivers.monitor.qemu'));
  assert.ok(single.test('util.event'));
  assert.ok(!single.test('util.evnt'));
});

test('outputs: file paths made absolute, syslog tag kept, a repeated destination keeps the last', () => {
  const outputs = parseOutputs('1:file:rel/x.log 3:syslog:tsvirtd 2:stderr 4:stderr 3:journald');
  assert.deepEqual(outputs, [
    { priority: 1, dest: 'file', name: `${process.cwd()}/rel/x.log` },
    { priority: 3, dest: 'syslog', name: 'tsvirtd' },
    { priority: 4, dest: 'stderr', name: null },
    { priority: 3, dest: 'journald', name: null },
  ]);
});

test('levels: numbers and words', () => {
  assert.deepEqual(['1', '2', '3', '4', 'debug', 'info', 'warning', 'error'].map(parseDefaultPriority), [1, 2, 3, 4, 1, 2, 3, 4]);
});
