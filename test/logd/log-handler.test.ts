import assert from 'node:assert/strict';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, symlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, test } from 'node:test';
import { VirError } from '../../src/errors/index.js';
import { LogDirs } from '../../src/logd/log-dirs.js';
import { LogHandler, OPEN_LOG_FILE_TRUNCATE, type LogHandlerOptions } from '../../src/logd/log-handler.js';

const root = mkdtempSync(join(tmpdir(), 'tsvirt-loghandler-'));
const logDir = join(root, 'log');
const pipeDir = join(root, 'run');
mkdirSync(logDir);
mkdirSync(pipeDir, { mode: 0o700 });
after(() => rmSync(root, { recursive: true, force: true }));

const dom = { name: 'guest', uuid: Buffer.alloc(16, 7) };
let counter = 0;
const freshLog = () => join(logDir, `guest-${counter++}.log`);

function handler(extra: Partial<LogHandlerOptions> = {}): LogHandler {
  return new LogHandler({ limits: { maxSize: 2 * 1024 * 1024, maxBackups: 3 }, logDirs: new LogDirs([logDir]), pipeDir, ...extra });
}

function virErrorWith(message: string | RegExp) {
  return (err: unknown) => err instanceof VirError && (typeof message === 'string' ? err.message === message : message.test(err.message));
}

/** Waits until `check` holds, polling the event loop. */
async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (check()) return;
    await sleep(5);
  }
  assert.fail(`timed out waiting for ${what}`);
}

test('the pipe feeds the log file; a position covers every byte written before it was asked for', async () => {
  const h = handler();
  const path = freshLog();
  const opened = await h.openLogFile('qemu', dom, path, OPEN_LOG_FILE_TRUNCATE);
  assert.equal(opened.pos.offset, 0n);
  assert.equal(statSync(opened.pipePath).mode & 0o777, 0o600);
  const w = openSync(opened.pipePath, 'w');
  let written = 0;
  for (let i = 0; i < 2000; i++) {
    written += writeSync(w, `message ${i} ${'z'.repeat(i % 300)}\n`);
    // no turn of the event loop between the write and the query: only the drain can make it exact
    assert.equal(h.getLogFilePosition(path, 0).offset, BigInt(written));
  }
  assert.equal(existsSync(opened.pipePath), false, 'the FIFO is unlinked once its writer showed up');
  closeSync(w);
  await until(() => h.openPaths.length === 0, 'the end of the pipe to close the entry');
  assert.equal(statSync(path).size, written);
  h.close();
});

test('a read event queued for a pipe the drain already emptied is discarded: no block, no byte twice', async () => {
  const h = handler();
  const path = freshLog();
  const opened = await h.openLogFile('qemu', dom, path, 0);
  const w = openSync(opened.pipePath, 'w');
  let expected = '';
  for (let i = 0; i < 200; i++) {
    const line = `round ${i}\n`;
    writeSync(w, line); // libuv now has a readable event pending for the pipe
    expected += line;
    assert.equal(h.getLogFilePosition(path, 0).offset, BigInt(expected.length)); // drained before it runs
    await new Promise((resolve) => setImmediate(resolve)); // the stale event runs: its read gets EAGAIN
  }
  // and libuv's own reading still works afterwards, with no drain involved
  writeSync(w, 'tail\n');
  expected += 'tail\n';
  await until(() => statSync(path).size === expected.length, 'libuv to read the last line');
  assert.equal(readFileSync(path, 'latin1'), expected);
  closeSync(w);
  h.close();
});

test('without the drain (the switch), positions lag behind the writes', async () => {
  const h = handler({ drainBeforePosition: false });
  const path = freshLog();
  const opened = await h.openLogFile('qemu', dom, path, 0);
  const w = openSync(opened.pipePath, 'w');
  writeSync(w, 'first line\n');
  assert.equal(h.getLogFilePosition(path, 0).offset, 0n, 'the bytes are still in the pipe');
  await until(() => h.getLogFilePosition(path, 0).offset === 11n, 'libuv to read the pipe');
  closeSync(w);
  h.close();
});

test('read and append drain first: a read sees what was written, an appended line lands after it', async () => {
  const h = handler();
  const path = freshLog();
  const opened = await h.openLogFile('qemu', dom, path, 0);
  const w = openSync(opened.pipePath, 'w');
  writeSync(w, 'guest says hi\n');
  h.appendLogFile(path, Buffer.from('driver note\n'), 0);
  assert.equal(h.readLogFile(path, opened.pos, 1000n, 0).toString(), 'guest says hi\ndriver note\n');
  closeSync(w);
  h.close();
});

test('a log file can be open once; after its writer is gone it opens again at once', async () => {
  const h = handler();
  const path = freshLog();
  const first = await h.openLogFile('qemu', dom, path, 0);
  const started = Date.now();
  await assert.rejects(h.openLogFile('qemu', dom, path, 0),
    virErrorWith(`Cannot open log file: '${path}': Device or resource busy`));
  assert.ok(Date.now() - started >= 1900, 'refused only after the grace for an exiting writer');
  const w = openSync(first.pipePath, 'w');
  writeSync(w, 'run 1\n');
  closeSync(w);
  // no turn of the event loop: the open itself sees the end of the previous pipe
  const second = await h.openLogFile('qemu', dom, path, 0);
  assert.equal(second.pos.offset, 6n);
  assert.equal(readFileSync(path, 'latin1'), 'run 1\n');
  h.close();
  assert.equal(existsSync(second.pipePath), false, 'close removes a FIFO nobody opened');
});

test('an open waits for a writer that is just closing its end of the previous pipe', async () => {
  const h = handler();
  const path = freshLog();
  const first = await h.openLogFile('qemu', dom, path, 0);
  const w = openSync(first.pipePath, 'w');
  writeSync(w, 'dying words\n');
  setTimeout(() => closeSync(w), 200); // the guest is still exiting when the next start opens
  const second = await h.openLogFile('qemu', dom, path, 0);
  assert.equal(second.pos.offset, 12n);
  h.close();
});

test('a pipe nobody opens for writing is closed after the timeout', async () => {
  const h = handler({ pipeOpenTimeoutMs: 100 });
  const path = freshLog();
  const opened = await h.openLogFile('qemu', dom, path, 0);
  await until(() => h.openPaths.length === 0, 'the sweep');
  assert.equal(existsSync(opened.pipePath), false);
  h.close();
});

test('bad input: unknown files, foreign paths, oversized reads, unknown flags; nothing changes', async () => {
  const h = handler();
  const path = freshLog();
  assert.throws(() => h.getLogFilePosition(path, 0), virErrorWith(`internal error: No open log file ${path}`));
  for (const bad of ['/etc/passwd', `${logDir}/../escape.log`, 'relative.log', `${logDir}//x.log`, logDir]) {
    await assert.rejects(h.openLogFile('qemu', dom, bad, 0), virErrorWith(/^operation forbidden: /), bad);
    assert.throws(() => h.readLogFile(bad, { inode: 0n, offset: 0n }, 10n, 0), virErrorWith(/^operation forbidden: /));
    assert.throws(() => h.appendLogFile(bad, Buffer.from('x'), 0), virErrorWith(/^operation forbidden: /));
  }
  symlinkSync('/etc/passwd', join(logDir, 'link.log'));
  await assert.rejects(h.openLogFile('qemu', dom, join(logDir, 'link.log'), OPEN_LOG_FILE_TRUNCATE),
    virErrorWith(/is a symbolic link$/));
  mkdirSync(join(root, 'outside'));
  symlinkSync(join(root, 'outside'), join(logDir, 'sub'));
  await assert.rejects(h.openLogFile('qemu', dom, join(logDir, 'sub', 'x.log'), 0), virErrorWith(/leads outside/));
  assert.throws(() => h.readLogFile(path, { inode: 0n, offset: 0n }, 4194305n, 0),
    virErrorWith('internal error: Requested data len 4194305 is larger than maximum 4194304'));
  await assert.rejects(h.openLogFile('qemu', dom, path, 2),
    virErrorWith('unsupported flags (0x2) in function virLogHandlerDomainOpenLogFile'));
  assert.equal(h.openPaths.length, 0);
  assert.equal(existsSync(path), false);
  h.close();
});

test('restart hand-over: suspended pipes keep their bytes and a restored handler reads on', async () => {
  const old = handler();
  const path = freshLog();
  const opened = await old.openLogFile('qemu', dom, path, 0);
  const w = openSync(opened.pipePath, 'w');
  writeSync(w, 'before\n');
  const states = old.suspendForRestart();
  assert.equal(states.length, 1);
  assert.equal(readFileSync(path, 'latin1'), 'before\n', 'suspending drained the pipe');
  writeSync(w, 'during\n');
  await sleep(20);
  assert.equal(readFileSync(path, 'latin1'), 'before\n', 'a suspended pipe is not read');
  // The same process plays the next daemon: the fd numbers stay valid, as inherited fds would.
  const next = handler();
  next.restore(states);
  writeSync(w, 'after\n');
  assert.equal(next.getLogFilePosition(path, 0).offset, 20n);
  assert.equal(readFileSync(path, 'latin1'), 'before\nduring\nafter\n');
  closeSync(w);
  next.close();
});
