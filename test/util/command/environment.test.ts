import assert from 'node:assert/strict';
import { test } from 'node:test';
import { COMMON_PASSED_VARIABLES } from '../../../src/util/command/index.js';
import { reporterCommand, runReporter } from './child-report.js';

test('without changes the child inherits our whole environment', async () => {
  process.env.TSVIRT_INHERIT_PROBE = 'inherited value';
  try {
    const report = await runReporter(reporterCommand().setOutputBuffer());
    assert.equal(report.env.get('TSVIRT_INHERIT_PROBE'), 'inherited value');
    assert.equal(report.env.get('PATH'), process.env.PATH);
  } finally {
    delete process.env.TSVIRT_INHERIT_PROBE;
  }
});

test('pass common gives a clean environment: LC_ALL=C plus the usual variables we have', async () => {
  process.env.TSVIRT_NOT_PASSED = 'secret';
  process.env.TMPDIR = '/tmp/tsvirt-probe-tmpdir';
  try {
    const report = await runReporter(reporterCommand().addEnvPassCommon().setOutputBuffer());
    const expected = new Map([['LC_ALL', 'C']]);
    for (const name of COMMON_PASSED_VARIABLES) {
      const value = process.env[name];
      if (value !== undefined) expected.set(name, value);
    }
    assert.deepEqual(report.env, expected);
  } finally {
    delete process.env.TSVIRT_NOT_PASSED;
    delete process.env.TMPDIR;
  }
});

test('pass, pair and preformatted strings set exactly the variables asked for', async () => {
  process.env.TSVIRT_PASS_ME = 'from parent';
  try {
    const command = reporterCommand()
      .addEnvPass('TSVIRT_PASS_ME')
      .addEnvPass('TSVIRT_UNSET_IN_PARENT')
      .addEnvPair('TERM', 'xterm')
      .addEnvString('DISPLAY=:0')
      .addEnvString('TERM=vt100')
      .setOutputBuffer();
    const report = await runReporter(command);
    assert.deepEqual(report.env, new Map([['TSVIRT_PASS_ME', 'from parent'], ['TERM', 'vt100'], ['DISPLAY', ':0']]));
    assert.match(command.toString(), /^TSVIRT_PASS_ME='from parent' TERM=vt100 DISPLAY=:0 \/bin\/sh -c /);
  } finally {
    delete process.env.TSVIRT_PASS_ME;
  }
});
