import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ErrorNumber } from '../../../src/errors/index.js';
import { Command } from '../../../src/util/command/index.js';
import { COMMAND_MODULE, ourChildren } from './child-report.js';

const dir = mkdtempSync(join(tmpdir(), 'tsvirt-command-daemon-'));
const started: number[] = [];
after(() => {
  for (const pid of started) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

/** ppid, pgid and session of a live process, from outside. */
function processInfo(pid: number): { ppid: number; pgid: number; sid: number; cwd: string; cmdline: string[] } {
  const fields = readFileSync(`/proc/${pid}/stat`, 'latin1').split(') ')[1]!.split(' ');
  return {
    ppid: Number(fields[1]), pgid: Number(fields[2]), sid: Number(fields[3]),
    cwd: readlinkSync(`/proc/${pid}/cwd`),
    cmdline: readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0').slice(0, -1),
  };
}

async function eventually<T>(probe: () => T, done: (value: T) => boolean): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const value = probe();
    if (done(value) || attempt === 200) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test('a daemon gets its pid file before run() resolves, runs in / and in its own session', async () => {
  const pidFile = join(dir, 'sleeper.pid');
  const command = new Command('sleep', ['30']).daemonize().setPidFile(pidFile);
  assert.equal(await command.run(), 0);
  const pid = Number(readFileSync(pidFile, 'utf8'));
  started.push(pid);
  assert.equal(readFileSync(pidFile, 'utf8'), String(pid), 'the pid and nothing else');
  assert.equal(statSync(pidFile).mode & 0o777, 0o644 & ~process.umask());
  assert.equal(command.pid, pid);
  // the pid is the daemon's for good; a pre-exec helper may still be about to exec sleep in it
  const info = await eventually(() => processInfo(pid), (i) => /\/sleep$/.test(i.cmdline[0]!));
  assert.match(info.cmdline[0]!, /\/sleep$/, 'the pid file names the daemon itself, not an intermediate');
  assert.equal(info.cmdline[1], '30');
  assert.equal(info.sid, pid);
  assert.equal(info.cwd, '/');
});

test('a daemon outlives the process that started it', async () => {
  const pidFile = join(dir, 'orphan.pid');
  const code = `
    const { Command } = await import(${JSON.stringify(COMMAND_MODULE)});
    await new Command('sleep', ['30']).daemonize().setPidFile(${JSON.stringify(pidFile)}).run();
    process.stdout.write(String(process.pid));`;
  const starter = Command.fromArgs([process.execPath, '--input-type=module', '-e', code]).setOutputBuffer();
  await starter.run();
  const starterPid = Number(starter.capturedOutput);
  const pid = Number(readFileSync(pidFile, 'utf8'));
  started.push(pid);
  assert.throws(() => process.kill(starterPid, 0), { code: 'ESRCH' }, 'the starter has exited');
  const info = processInfo(pid);
  assert.notEqual(info.ppid, starterPid);
  assert.equal(info.sid, pid);
  assert.equal(info.cwd, '/');
});

test('the rules libvirt enforces for daemons, with its wording', async () => {
  const cases: Array<[Command, () => Promise<unknown>, string]> = [];
  const add = (command: Command, run: (c: Command) => Promise<unknown>, message: string) =>
    cases.push([command, () => run(command), message]);
  add(new Command('/bin/true').daemonize(), (c) => c.runAsync(), 'daemonized command cannot use virCommandRunAsync');
  add(new Command('/bin/true').daemonize().setWorkingDirectory('/tmp'), (c) => c.run(),
    'daemonized command cannot set working directory /tmp');
  add(new Command('/bin/true').setPidFile(join(dir, 'x.pid')), (c) => c.run(), 'creation of pid file requires daemonized command');
  add(new Command('/bin/true').daemonize().setOutputBuffer(), (c) => c.run(), 'cannot mix string I/O with daemon');
  for (const [, run, message] of cases) {
    await assert.rejects(run(), { code: ErrorNumber.VIR_ERR_INTERNAL_ERROR, message: `internal error: ${message}` });
  }
});

test('a pid file that cannot be written fails the run and stops the daemon', async () => {
  const command = new Command('sleep', ['31']).daemonize().setPidFile(join(dir, 'missing-dir', 'x.pid'));
  await assert.rejects(command.run(), (err: Error & { code?: number }) => {
    assert.equal(err.code, ErrorNumber.VIR_ERR_SYSTEM_ERROR);
    assert.equal(err.message, `Failed to write to pid file '${join(dir, 'missing-dir', 'x.pid')}': No such file or directory`);
    return true;
  });
  assert.equal(command.pid, null);
  assert.deepEqual(ourChildren().filter((child) => child.cmdline.endsWith('\0' + '31')), []);
});


test('a daemon may write into a pipe the caller reads', async () => {
  await using command = new Command('/bin/sh', ['-c', 'echo "daemon in $(pwd)"']).daemonize().setOutputPipe();
  assert.equal(await command.run(), 0);
  let text = '';
  for await (const chunk of command.stdout!) text += chunk;
  assert.equal(text, 'daemon in /\n');
});
