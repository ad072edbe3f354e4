import assert from 'node:assert/strict';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, test } from 'node:test';
import { ErrorDomain, ErrorNumber } from '../../../src/errors/index.js';
import { configureLogging, resetLogging } from '../../../src/log/index.js';
import { Command } from '../../../src/util/command/index.js';
import { ourChildren, reporterCommand, runReporter } from './child-report.js';

const dir = mkdtempSync(join(tmpdir(), 'tsvirt-command-run-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const internal = (message: string) => ({
  code: ErrorNumber.VIR_ERR_INTERNAL_ERROR, domain: ErrorDomain.VIR_FROM_NONE, message: `internal error: ${message}`,
});

const isGone = (pid: number) => !ourChildren().some((child) => child.pid === pid);

test('run() resolves 0 on success and rejects on another status with the command and its stderr', async () => {
  assert.equal(await new Command('/bin/true').run(), 0);
  await assert.rejects(
    new Command('/bin/sh', ['-c', 'echo "no such thing" >&2; exit 1']).addEnvPair('LC_ALL', 'C').run(),
    internal(`Child process (LC_ALL=C /bin/sh -c 'echo "no such thing" >&2; exit 1') unexpected exit status 1: no such thing\n`),
  );
  await assert.rejects(new Command('/bin/false').run(), internal('Child process (/bin/false) unexpected exit status 1'));
});

test('asking for the exit status accepts any status, but not death by a signal', async () => {
  assert.equal(await new Command('/bin/sh', ['-c', 'exit 7']).run({ exitStatus: true }), 7);
  await assert.rejects(new Command('/bin/sh', ['-c', 'kill -9 $$']).run({ exitStatus: true }),
    internal("Child process (/bin/sh -c 'kill -9 $$') unexpected fatal signal 9"));
});

test('runAsync resolves with the pid of the running child; wait gives its status', async () => {
  const command = reporterCommand().setOutputBuffer();
  const pid = await command.runAsync();
  assert.equal(command.pid, pid);
  await assert.rejects(command.runAsync(), internal(`command is already running as pid ${pid}`));
  assert.equal(await command.wait(), 0);
  assert.equal(command.pid, null);
  assert.match(command.capturedOutput!, new RegExp(`^pid ${pid}$`, 'm'));
  await assert.rejects(command.wait(), internal('command is not yet running'));
  assert.equal(await new Command('/bin/sh', ['-c', 'exit 3']).runAsync().then(() => 0), 0);
});

test('a finished command can run again', async () => {
  const command = new Command('/bin/echo', ['again']).setOutputBuffer();
  await command.run();
  await command.run();
  assert.equal(command.capturedOutput, 'again\n');
});

test('abort stops a child with SIGTERM and reaps it; a pending wait reports the signal', async () => {
  const command = new Command('sleep', ['60']);
  const pid = await command.runAsync();
  const waiting = command.wait();
  await command.abort();
  await assert.rejects(waiting, internal('Child process (sleep 60) unexpected fatal signal 15'));
  assert.ok(isGone(pid));
  await command.abort(); // idle: nothing to do
});

test('abort escalates to SIGKILL after the grace period', async () => {
  const ready = join(dir, 'trap-ready');
  const command = new Command('/bin/sh', ['-c', `trap "" TERM; : > ${ready}; exec sleep 60`]);
  const pid = await command.runAsync();
  // the shell must ignore SIGTERM before we send it, however loaded the machine is
  while (!existsSync(ready)) await new Promise((resolve) => setTimeout(resolve, 10));
  const waiting = command.wait().then(() => 'exited', (err: Error) => err.message);
  const start = Date.now();
  await command.abort(100);
  assert.ok(Date.now() - start >= 90, 'waited for the grace period');
  assert.match(await waiting, /unexpected fatal signal 9$/);
  assert.ok(isGone(pid));
});

test('await using kills and reaps a child still running', async () => {
  let pid = 0;
  {
    await using command = new Command('sleep', ['60']);
    pid = await command.runAsync();
    assert.ok(!isGone(pid));
  }
  assert.ok(isGone(pid));
});

test('an AbortSignal cancels run() and kills the child', async () => {
  const command = new Command('sleep', ['60']);
  const running = command.run({ signal: AbortSignal.timeout(50) });
  await assert.rejects(running, {
    code: ErrorNumber.VIR_ERR_OPERATION_ABORTED,
    message: 'operation aborted: command sleep 60 was cancelled',
  });
  assert.equal(command.pid, null);
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(new Command('/bin/true').run({ signal: controller.signal }), { code: ErrorNumber.VIR_ERR_OPERATION_ABORTED });
});

test('writeArgLog appends a timestamped command line to an fd or a stream', async () => {
  const command = new Command('/usr/sbin/dnsmasq', ['--strict-order', 'a b']).addEnvPair('LC_ALL', 'C');
  const path = join(dir, 'cmd.log');
  const fd = openSync(path, 'a');
  command.writeArgLog(fd);
  closeSync(fd);
  const line = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\+0000: LC_ALL=C \/usr\/sbin\/dnsmasq --strict-order 'a b'\n$/;
  assert.match(readFileSync(path, 'utf8'), line);
  const stream = new PassThrough();
  command.writeArgLog(stream);
  assert.match(String(stream.read()), line);
  const broken = new PassThrough();
  new Command('/bin/true').addArg(undefined as unknown as string).writeArgLog(broken);
  assert.equal(broken.read(), null, 'a command that cannot run is not logged');
});

test('debug logging shows the command line before it runs and the result after', async () => {
  const logPath = join(dir, 'debug.log');
  configureLogging({ level: 'debug', filters: '', outputs: `1:file:${logPath}` });
  try {
    await new Command('/bin/echo', ['logged words']).run();
  } finally {
    resetLogging();
  }
  const log = readFileSync(logPath, 'utf8');
  assert.match(log, /debug : .*About to run \/bin\/echo 'logged words'\n/);
  assert.match(log, /debug : .*Result exit status 0, stdout: 'logged words\n' stderr: ''\n/);
});

test('the environment of the reporter is untouched by the Command API', async () => {
  const report = await runReporter(reporterCommand().addEnvPair('ONLY', 'this').setOutputBuffer());
  assert.deepEqual(report.env, new Map([['ONLY', 'this']]));
});
