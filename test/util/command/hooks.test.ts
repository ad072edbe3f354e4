import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ErrorNumber } from '../../../src/errors/index.js';
import { reporterCommand, runReporter, softLimit } from './child-report.js';

const dir = mkdtempSync(join(tmpdir(), 'tsvirt-command-hooks-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Our own session id, from /proc/self/stat. */
const ourSession = Number(readFileSync('/proc/self/stat', 'latin1').split(') ')[1]!.split(' ')[3]);

test('the child runs in our working directory unless given one', async () => {
  assert.equal((await runReporter(reporterCommand().setOutputBuffer())).cwd, process.cwd());
  assert.equal((await runReporter(reporterCommand().setWorkingDirectory(dir).setOutputBuffer())).cwd, dir);
});

test('a missing working directory is reported as such', async () => {
  await assert.rejects(reporterCommand().setWorkingDirectory(join(dir, 'missing')).run(), {
    code: ErrorNumber.VIR_ERR_SYSTEM_ERROR,
    message: `Unable to change to ${join(dir, 'missing')}: No such file or directory`,
  });
});

test('umask is set in the child before exec', async () => {
  const report = await runReporter(reporterCommand().setUmask(0o027).setOutputBuffer());
  assert.equal(report.status.get('Umask'), '0027');
});

test('by default the child stays in our session; newSession makes it a session leader', async () => {
  const plain = await runReporter(reporterCommand().setOutputBuffer());
  assert.equal(plain.sid, ourSession);
  const leader = await runReporter(reporterCommand().newSession().setOutputBuffer());
  assert.equal(leader.sid, leader.pid);
  assert.equal(leader.pgid, leader.pid);
  assert.equal(leader.ppid, process.pid);
});

test('resource limits are set, soft and hard alike', async () => {
  const report = await runReporter(reporterCommand()
    .setMaxFiles(123).setMaxProcesses(4321).setMaxMemLock(65536).setMaxCoreSize('unlimited')
    .setOutputBuffer());
  assert.equal(softLimit(report, 'Max open files'), '123');
  assert.equal(softLimit(report, 'Max processes'), '4321');
  assert.equal(softLimit(report, 'Max locked memory'), '65536');
  assert.equal(softLimit(report, 'Max core file size'), 'unlimited');
  assert.match(report.limits.find((l) => l.startsWith('Max open files'))!, /123\s+123\s+files/);
});

function makeCgroup(): string | null {
  const path = `/sys/fs/cgroup/pids/tsvirt-command-test-${process.pid}`;
  try {
    mkdirSync(path);
    return path;
  } catch {
    return null;
  }
}

test('the child is placed in a cgroup before exec', async (t) => {
  const cgroup = makeCgroup();
  if (cgroup === null) return t.skip('no writable cgroup v1 pids hierarchy here');
  try {
    const report = await runReporter(reporterCommand().setCgroup(cgroup).setOutputBuffer());
    assert.ok(report.cgroups.some((line) => line.endsWith(`:pids:/tsvirt-command-test-${process.pid}`)), report.cgroups.join('\n'));
  } finally {
    rmdirSync(cgroup);
  }
});

test('hooks and a clean environment together leave the environment exactly as asked', async () => {
  const report = await runReporter(reporterCommand()
    .addEnvPair('ODD-NAME', 'kept').addEnvPair('IFS', 'x').addEnvPair('PPID', '1').addEnvPair('EMPTY', '')
    .setUmask(0o077).setOutputBuffer());
  assert.deepEqual(report.env, new Map([['ODD-NAME', 'kept'], ['IFS', 'x'], ['PPID', '1'], ['EMPTY', '']]));
});
