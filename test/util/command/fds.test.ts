import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ErrorNumber } from '../../../src/errors/index.js';
import { Command } from '../../../src/util/command/index.js';
import { REPORT_MODULE, reporterCommand, runReporter } from './child-report.js';

const dir = mkdtempSync(join(tmpdir(), 'tsvirt-command-fds-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const fdTarget = (fd: number): string | null => {
  try {
    return readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return null;
  }
};

test('the child gets only stdin, stdout and stderr unless asked for more', async () => {
  const report = await runReporter(reporterCommand().setOutputBuffer());
  assert.deepEqual([...report.fds.keys()], [0, 1, 2]);
  assert.equal(report.fds.get(0), '/dev/null');
});

/** Run the reporter from a fresh node process whose fd 3 (a file) was inherited without close-on-exec. */
async function reportFromProcessWithInheritedFd(viaCommandApi: boolean): Promise<{ fds: number[]; parentFd3: string }> {
  const leaked = openSync(join(dir, 'leaked.txt'), 'w');
  const code = `
    import { readlinkSync } from 'node:fs';
    const { reporterCommand, runReporter } = await import(${JSON.stringify(REPORT_MODULE)});
    const report = await runReporter(reporterCommand().setOutputBuffer());
    let parentFd3 = ''; try { parentFd3 = readlinkSync('/proc/self/fd/3'); } catch {}
    process.stdout.write(JSON.stringify({ fds: [...report.fds.keys()], parentFd3 }));`;
  const argv = [process.execPath, '--input-type=module', '-e', code];
  try {
    if (viaCommandApi) {
      // the Command API itself closes fd 3 on the way: this helper starts with a clean table
      const command = Command.fromArgs(argv).setOutputBuffer();
      await command.run();
      return JSON.parse(command.capturedOutput!);
    }
    const child = spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', 'pipe', 'inherit', leaked] });
    let out = '';
    child.stdout!.on('data', (chunk) => (out += chunk));
    await new Promise((resolve) => child.on('close', resolve));
    return JSON.parse(out);
  } finally {
    closeSync(leaked);
  }
}

test('fds our process inherited without close-on-exec are closed in the child too', async () => {
  const { fds, parentFd3 } = await reportFromProcessWithInheritedFd(false);
  assert.match(parentFd3, /leaked\.txt$/, 'the helper did hold the inherited fd');
  assert.deepEqual(fds, [0, 1, 2]);
});

test('a process with a clean fd table needs no helper and still leaks nothing', async () => {
  const { fds, parentFd3 } = await reportFromProcessWithInheritedFd(true);
  assert.doesNotMatch(parentFd3, /leaked\.txt$/, 'Command API children do not inherit our leaked fd');
  assert.deepEqual(fds, [0, 1, 2]);
});

test('a preserved fd reaches the child at the same number and stays open here', async () => {
  const path = join(dir, 'preserved.txt');
  const fd = openSync(path, 'w');
  try {
    const report = await runReporter(reporterCommand().preserveFd(fd).setOutputBuffer());
    assert.deepEqual([...report.fds.keys()], [0, 1, 2, fd]);
    assert.equal(report.fds.get(fd), path);
    assert.equal(fdTarget(fd), path);
  } finally {
    closeSync(fd);
  }
});

test('a transferred fd reaches the child and is closed here once the child runs', async () => {
  const path = join(dir, 'transferred.txt');
  const fd = openSync(path, 'w');
  const command = reporterCommand().transferFd(fd).setOutputBuffer();
  assert.equal(fdTarget(fd), path, 'still ours before the run');
  const report = await runReporter(command);
  assert.equal(report.fds.get(fd), path);
  assert.notEqual(fdTarget(fd), path);
});

test('a transferred fd of a command never run is closed on dispose', async () => {
  const path = join(dir, 'never-run.txt');
  const fd = openSync(path, 'w');
  {
    await using command = new Command('/bin/true');
    command.transferFd(fd);
  }
  assert.notEqual(fdTarget(fd), path);
});

test('stdin, stdout and stderr can be mapped to our fds', async () => {
  const inputPath = join(dir, 'input.txt');
  writeFileSync(inputPath, 'from a file\n');
  const [input, out, err] = [openSync(inputPath, 'r'), openSync(join(dir, 'out.txt'), 'w'), openSync(join(dir, 'err.txt'), 'w')];
  try {
    await new Command('/bin/sh', ['-c', 'read -r line; echo "out: $line"; echo "err: $line" >&2'])
      .setInputFd(input).setOutputFd(out).setErrorFd(err).run();
  } finally {
    [input, out, err].forEach((fd) => closeSync(fd));
  }
  assert.equal(readFileSync(join(dir, 'out.txt'), 'utf8'), 'out: from a file\n');
  assert.equal(readFileSync(join(dir, 'err.txt'), 'utf8'), 'err: from a file\n');
});

test('stderr can share the fd of stdout', async () => {
  const path = join(dir, 'both.txt');
  const out = openSync(path, 'w');
  try {
    await new Command('/bin/sh', ['-c', 'echo one; echo two >&2; echo three']).setOutputFd(out).setErrorToOutput().run();
  } finally {
    closeSync(out);
  }
  assert.equal(readFileSync(path, 'utf8'), 'one\ntwo\nthree\n');
});

test('unmapped streams of an async run are /dev/null', async () => {
  const path = join(dir, 'links.txt');
  const fd = openSync(path, 'w');
  try {
    // a pipeline, so that only forked children redirect: the shell's own fds stay as the child got them
    const command = new Command('/bin/sh', ['-c', `readlink /proc/$$/fd/0 /proc/$$/fd/1 /proc/$$/fd/2 | cat > /proc/$$/fd/${fd}`]);
    command.preserveFd(fd);
    await command.runAsync();
    await command.wait();
  } finally {
    closeSync(fd);
  }
  assert.equal(readFileSync(path, 'utf8'), '/dev/null\n/dev/null\n/dev/null\n');
});

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk;
  return text;
}

test('stdout and stderr can be pipes the caller reads, non-blocking on our side', async () => {
  await using command = new Command('/bin/sh', ['-c', 'echo to-out; echo to-err >&2']).setOutputPipe().setErrorPipe();
  assert.equal(command.stdout, null, 'no pipe before the run');
  await command.runAsync();
  const ourEnd = (command.stdout as unknown as { _handle: { fd: number } })._handle.fd;
  const flags = parseInt(/^flags:\s*([0-7]+)$/m.exec(readFileSync(`/proc/self/fdinfo/${ourEnd}`, 'latin1'))![1]!, 8);
  assert.notEqual(flags & 0o4000, 0, 'O_NONBLOCK on the parent end');
  const [out, err] = await Promise.all([readAll(command.stdout!), readAll(command.stderr!)]);
  assert.equal(await command.wait(), 0);
  assert.equal(out, 'to-out\n');
  assert.equal(err, 'to-err\n');
});

test('both streams can share one pipe, interleaved in order', async () => {
  await using command = new Command('/bin/sh', ['-c', 'echo 1; echo 2 >&2; echo 3; echo 4 >&2']).setOutputPipe().setErrorToOutput();
  await command.runAsync();
  assert.equal(command.stderr, null);
  assert.equal(await readAll(command.stdout!), '1\n2\n3\n4\n');
  await command.wait();
});

test('run() refuses caller pipes, which nobody could read while it waits', async () => {
  await assert.rejects(new Command('/bin/true').setOutputPipe().run(), {
    code: ErrorNumber.VIR_ERR_INTERNAL_ERROR,
    message: 'internal error: cannot mix caller fds with blocking execution',
  });
});
