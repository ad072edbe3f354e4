import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Command } from '../../../src/util/command/index.js';
import { reporterCommand, runReporter } from './child-report.js';

test('a string fed to stdin reaches the child through a pipe', async () => {
  const report = await runReporter(reporterCommand(true).setInputBuffer('Hello World').setOutputBuffer());
  assert.equal(report.stdin, 'Hello World');
  assert.match(report.fds.get(0)!, /^(pipe|socket):/);
});

test('large input and output flow both ways without deadlock', async () => {
  const input = 'x'.repeat(3 * 1024 * 1024) + '\n';
  const command = new Command('/bin/cat').setInputBuffer(input).setOutputBuffer();
  assert.equal(await command.run(), 0);
  assert.equal(command.capturedOutput, input);
});

test('stdout and stderr are captured into separate strings', async () => {
  const command = new Command('/bin/sh', ['-c', 'echo out; echo err >&2; printf "é"']).setOutputBuffer().setErrorBuffer();
  await command.run();
  assert.equal(command.capturedOutput, 'out\né');
  assert.equal(command.capturedError, 'err\n');
});

test('one shared buffer holds both streams interleaved in write order', async () => {
  const command = new Command('/bin/sh', ['-c', 'echo 1; echo 2 >&2; echo 3; echo 4 >&2'])
    .setOutputBuffer().setErrorToOutput();
  await command.run();
  assert.equal(command.capturedOutput, '1\n2\n3\n4\n');
  assert.equal(command.capturedError, null);
});

test('buffers are empty strings when the child wrote nothing, null when not asked for', async () => {
  const command = new Command('/bin/true').setOutputBuffer();
  await command.run();
  assert.equal(command.capturedOutput, '');
  assert.equal(command.capturedError, null);
});

test('buffers hold what the child wrote even when it failed', async () => {
  const command = new Command('/bin/sh', ['-c', 'echo partial; echo broken >&2; exit 4']).setOutputBuffer().setErrorBuffer();
  await assert.rejects(command.run(), {
    message: "internal error: Child process (/bin/sh -c 'echo partial; echo broken >&2; exit 4') unexpected exit status 4: broken\n",
  });
  assert.equal(command.capturedOutput, 'partial\n');
  assert.equal(command.capturedError, 'broken\n');
});

test('strings work with runAsync and wait too', async () => {
  const command = new Command('/usr/bin/tr', ['a-z', 'A-Z']).setInputBuffer('shout').setOutputBuffer();
  const pid = await command.runAsync();
  assert.ok(pid > 0);
  assert.equal(await command.wait(), 0);
  assert.equal(command.capturedOutput, 'SHOUT');
});

test('a child that exits without reading its input is not an input error', async () => {
  const command = new Command('/bin/true').setInputBuffer('y'.repeat(1024 * 1024));
  assert.equal(await command.run(), 0);
});
