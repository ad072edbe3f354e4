import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { reporterCommand, runReporter } from './child-report.js';

const root = process.getuid?.() === 0;
const skip = !root ? 'needs root' : !existsSync('/usr/bin/setpriv') ? 'needs setpriv (util-linux)' : false;
const NO_CAPS = '0000000000000000';

test('by default a root child keeps our capabilities', { skip }, async () => {
  const report = await runReporter(reporterCommand().setOutputBuffer());
  assert.notEqual(report.status.get('CapEff'), NO_CAPS);
  assert.notEqual(report.status.get('CapBnd'), NO_CAPS);
});

test('clearCaps empties every capability set of the child', { skip }, async () => {
  const report = await runReporter(reporterCommand().clearCaps().setOutputBuffer());
  for (const set of ['CapInh', 'CapPrm', 'CapEff', 'CapBnd', 'CapAmb']) assert.equal(report.status.get(set), NO_CAPS, set);
  assert.equal(report.status.get('Uid'), '0\t0\t0\t0');
});

test('uid and gid of a known user: its ids and its groups, no capabilities left', { skip }, async () => {
  const report = await runReporter(reporterCommand().setUID(65534).setGID(65534).setOutputBuffer());
  assert.equal(report.status.get('Uid'), '65534\t65534\t65534\t65534');
  assert.equal(report.status.get('Gid'), '65534\t65534\t65534\t65534');
  assert.equal(report.status.get('Groups'), '65534');
  assert.equal(report.status.get('CapEff'), NO_CAPS);
});

test('uid and gid without a passwd entry: only that gid as group', { skip }, async () => {
  const report = await runReporter(reporterCommand().setUID(54321).setGID(54322).clearCaps().setOutputBuffer());
  assert.equal(report.status.get('Uid'), '54321\t54321\t54321\t54321');
  assert.equal(report.status.get('Gid'), '54322\t54322\t54322\t54322');
  assert.equal(report.status.get('Groups'), '54322');
  assert.equal(report.status.get('CapBnd'), NO_CAPS);
});
