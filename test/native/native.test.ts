// The native helper built by `npm install`: SEEK_DATA/SEEK_HOLE checked against Python's os.lseek
// on the same sparse file, socket pairs, and FdSocket carrying real descriptors both ways with no
// descriptor left open afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdtempSync, openSync, readdirSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nativeHelper, nativeMissing } from '../../src/native/index.js';
import { FdSocket } from '../../src/native/fd-socket.js';
import { ErrorNumber } from '../../src/errors/index.js';

const native = nativeHelper();

function openFds(): number {
  return readdirSync('/proc/self/fd').length;
}

test('the helper is built by npm install', () => {
  assert.ok(native, 'build/Release/tsvirt_native.node loads');
});

test('lseekData/lseekHole give what the kernel gives Python for the same sparse file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsvirt-seek-'));
  try {
    const path = join(dir, 'sparse');
    const fd = openSync(path, 'w+');
    const MiB = 1 << 20;
    writeSync(fd, Buffer.alloc(4096, 1), 0, 4096, MiB);
    writeSync(fd, Buffer.alloc(4096, 2), 0, 4096, 3 * MiB);
    ftruncateSync(fd, 5 * MiB);
    const offsets = [0, 1, MiB, MiB + 4096, 2 * MiB, 3 * MiB + 100, 4 * MiB, 5 * MiB, 6 * MiB];
    const py = spawnSync('/usr/bin/python3', ['-c', `
import os, sys
fd = os.open(sys.argv[1], os.O_RDONLY)
def seek(off, whence):
    try: return os.lseek(fd, off, whence)
    except OSError: return -1
for off in map(int, sys.argv[2:]):
    print(seek(off, os.SEEK_DATA), seek(off, os.SEEK_HOLE))
`, path, ...offsets.map(String)], { encoding: 'utf8' });
    assert.equal(py.status, 0, py.stderr);
    const ours = offsets.map((o) => `${native!.lseekData(fd, o)} ${native!.lseekHole(fd, o)}`).join('\n');
    assert.equal(ours, py.stdout.trim());
    assert.throws(() => native!.lseekData(-1, 0), { code: 'EBADF', syscall: 'lseek(SEEK_DATA)' });
    closeSync(fd);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('FdSocket pairs carry bytes and descriptors in order, and close everything', async () => {
  const before = openFds();
  const [a, b] = native!.socketpair();
  const left = new FdSocket(native!, a);
  const right = new FdSocket(native!, b);
  const pipeDir = mkdtempSync(join(tmpdir(), 'tsvirt-fd-'));
  const file = join(pipeDir, 'f');
  const fd = openSync(file, 'w+');
  writeSync(fd, 'through the socket');
  const got: Buffer[] = [];
  right.on('data', (d: Buffer) => got.push(d));
  left.write(Buffer.from('head'));
  left.writeFd(fd);
  left.write(Buffer.from('tail'));
  closeSync(fd); // the socket sends its own duplicate
  const big = Buffer.alloc(4 << 20, 7); // more than a socket buffer: EAGAIN and the writable wait
  left.write(big);
  await new Promise<void>((resolve) => {
    const check = () => (Buffer.concat(got).length === 9 + big.length ? resolve() : setTimeout(check, 5));
    check();
  });
  const all = Buffer.concat(got);
  assert.equal(all.subarray(0, 9).toString('latin1'), 'head\0tail');
  const fds = right.takeFds(all.length);
  assert.equal(fds.length, 1);
  assert.equal(fds[0].at, 4, 'the descriptor rides on the dummy byte');
  const buf = Buffer.alloc(64);
  const n = readSync(fds[0].fd, buf, 0, 64, 0);
  assert.equal(buf.subarray(0, n).toString(), 'through the socket');
  closeSync(fds[0].fd);
  // An unclaimed descriptor is closed with the socket.
  const fd2 = openSync(file, 'r');
  left.resume();
  right.writeFd(fd2);
  closeSync(fd2);
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(left.queuedFds, 1);
  const ended = new Promise((r) => right.once('close', r));
  left.destroy();
  right.end();
  await ended;
  await new Promise((r) => setTimeout(r, 20));
  rmSync(pipeDir, { recursive: true, force: true });
  assert.equal(openFds(), before);
});

test('without the helper, fd work fails with a libvirt error that says how to build it', () => {
  const e = nativeMissing('passing file descriptors');
  assert.equal(e.code, ErrorNumber.VIR_ERR_NO_SUPPORT);
  assert.match(e.message, /^this function is not supported by the connection driver: passing file descriptors needs tsvirt's native helper \(.*\); build it with 'npm rebuild tsvirt'$/);
});
