import assert from 'node:assert/strict';
import { closeSync, existsSync, openSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { VirError } from '../../src/errors/index.js';
import { readRotatedLog } from '../../src/logd/rotating-reader.js';
import { RotatingFileWriter, backupPath } from '../../src/logd/rotating-writer.js';

const root = mkdtempSync(join(tmpdir(), 'tsvirt-rotating-'));
after(() => rmSync(root, { recursive: true, force: true }));
let counter = 0;
const freshPath = () => join(root, `guest-${counter++}.log`);

/** A deterministic pseudo-random source, so a failure can be replayed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function lines(count: number, rand: () => number, maxLen: number): string[] {
  return Array.from({ length: count }, (_, i) => `line ${i} ${'x'.repeat(Math.floor(rand() * maxLen))}\n`);
}

/** The kept files oldest first, the current one last. */
function keptFiles(path: string, maxBackups: number): string[] {
  const files: string[] = [];
  for (let i = maxBackups - 1; i >= 0; i--) if (existsSync(backupPath(path, i))) files.push(backupPath(path, i));
  files.push(path);
  return files;
}

test('whole lines are never divided, files stay within the size, mode 0600, kept files are the stream\'s tail', () => {
  const path = freshPath();
  const limits = { maxSize: 1000, maxBackups: 3 };
  const writer = new RotatingFileWriter(path, limits);
  const all = lines(400, prng(1), 120);
  for (const line of all) writer.append(Buffer.from(line));
  writer.close();
  const files = keptFiles(path, 3);
  assert.equal(files.length, 4, 'three kept files and the current one');
  for (const file of files) {
    const st = statSync(file);
    assert.ok(st.size <= limits.maxSize, `${file} is ${st.size} bytes`);
    assert.equal(st.mode & 0o777, 0o600);
    const text = readFileSync(file, 'latin1');
    assert.ok(text.length === 0 || text.endsWith('\n'), `${file} ends inside a line`);
    assert.ok(/^line \d+ /.test(text), `${file} starts inside a line`);
  }
  const kept = files.map((f) => readFileSync(f, 'latin1')).join('');
  assert.ok(all.join('').endsWith(kept), 'the kept files are exactly the end of what was written');
});

test('bytes in arbitrary chunks come back identical across rotations; a line is divided only when the file fills inside it', () => {
  const path = freshPath();
  const writer = new RotatingFileWriter(path, { maxSize: 4096, maxBackups: 32 });
  const rand = prng(7);
  const stream = Buffer.from(lines(600, rand, 200).join(''));
  let divided = 0;
  for (let at = 0; at < stream.length;) {
    const n = Math.min(stream.length - at, 1 + Math.floor(rand() * 700));
    writer.append(stream.subarray(at, at + n));
    at += n;
  }
  writer.close();
  const files = keptFiles(path, 32);
  for (const file of files.slice(0, -1)) if (!readFileSync(file, 'latin1').endsWith('\n')) divided++;
  assert.deepEqual(Buffer.concat(files.map((f) => readFileSync(f))), stream);
  assert.ok(divided < files.length / 2, `${divided} of ${files.length} files end inside a line`);
});

test('a line longer than a whole file is divided, nothing is lost', () => {
  const path = freshPath();
  const writer = new RotatingFileWriter(path, { maxSize: 100, maxBackups: 5 });
  const long = Buffer.from(`${'y'.repeat(250)}\n`);
  writer.append(Buffer.from('short\n'));
  writer.append(long);
  writer.close();
  const files = keptFiles(path, 5);
  assert.deepEqual(files.map((f) => statSync(f).size), [6, 100, 100, 51]);
  assert.equal(Buffer.concat(files.map((f) => readFileSync(f))).toString(), `short\n${long}`);
});

test('position is (inode, offset) of the current file; reads start there and run through newer files', () => {
  const path = freshPath();
  const writer = new RotatingFileWriter(path, { maxSize: 64, maxBackups: 3 });
  writer.append(Buffer.from('before\n'));
  const pos = { inode: writer.inode, offset: BigInt(writer.offset) };
  assert.equal(pos.inode, statSync(path, { bigint: true }).ino);
  assert.equal(pos.offset, 7n);
  const after = lines(8, prng(3), 10).join('');
  writer.append(Buffer.from(after));
  assert.notEqual(writer.inode, pos.inode, 'the file was rotated');
  assert.equal(readRotatedLog(path, 3, pos, 1 << 20).toString(), after);
  assert.equal(readRotatedLog(path, 3, pos, 5).toString(), after.slice(0, 5), 'bounded by maxLen');
  const now = { inode: writer.inode, offset: BigInt(writer.offset) };
  assert.equal(readRotatedLog(path, 3, now, 100).length, 0, 'nothing after the current position');
  writer.close();
});

test('a position whose file was rotated away reads from the start of the oldest file', () => {
  const path = freshPath();
  const writer = new RotatingFileWriter(path, { maxSize: 10, maxBackups: 1 });
  writer.append(Buffer.from('aaaa\n'));
  const old = { inode: writer.inode, offset: 2n };
  const holdInode = openSync(path, 'r'); // the file system must not reuse the gone file's inode
  writer.append(Buffer.from('bbbbbbbb\ncccccccc\ndddd\n'));
  writer.close();
  closeSync(holdInode);
  assert.equal(readRotatedLog(path, 1, old, 100).toString(), 'cccccccc\ndddd\n');
});

test('truncate removes the file and its kept files; append continues an existing file', () => {
  const path = freshPath();
  writeFileSync(path, 'old\n');
  writeFileSync(backupPath(path, 0), 'older\n');
  const appending = new RotatingFileWriter(path, { maxSize: 0, maxBackups: 3 });
  assert.equal(appending.offset, 4);
  appending.close();
  const truncating = new RotatingFileWriter(path, { maxSize: 0, maxBackups: 3 }, true);
  assert.equal(truncating.offset, 0);
  assert.equal(existsSync(backupPath(path, 0)), false);
  truncating.append(Buffer.from('x'.repeat(10_000)));
  truncating.close();
  assert.equal(statSync(path).size, 10_000, 'max size 0 never rolls over');
});

test('no kept files: a full file starts afresh', () => {
  const path = freshPath();
  const writer = new RotatingFileWriter(path, { maxSize: 8, maxBackups: 0 });
  writer.append(Buffer.from('1234567\nabc\n'));
  writer.close();
  assert.equal(readFileSync(path, 'latin1'), 'abc\n');
  assert.equal(existsSync(backupPath(path, 0)), false);
});

test('more than 32 kept files is refused as libvirt does', () => {
  assert.throws(() => new RotatingFileWriter(freshPath(), { maxSize: 10, maxBackups: 33 }), (err: unknown) =>
    err instanceof VirError && err.message === 'unsupported configuration: Max backup 33 must be less than or equal to 32');
});

test('reading a log that does not exist names the file', () => {
  const path = freshPath();
  assert.throws(() => readRotatedLog(path, 3, { inode: 1n, offset: 0n }, 10), (err: unknown) =>
    err instanceof VirError && err.message === `Unable to open file: ${path}: No such file or directory`);
});
