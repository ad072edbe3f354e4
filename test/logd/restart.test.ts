import assert from 'node:assert/strict';
import { closeSync, existsSync, readFileSync, readdirSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Command } from '../../src/util/command/index.js';
import { LogManagerClient } from '../../src/logd/client.js';
import { TestDaemon } from './daemon-harness.js';

const dom = { name: 'writer', uuid: Buffer.alloc(16, 9) };
const LINES = 30_000;
let daemon: TestDaemon;

before(async () => {
  daemon = await TestDaemon.start({ config: 'max_size = 0\n' });
});
after(async () => {
  await daemon?.stop();
});

/** A guest stand-in: prints LINES numbered lines to stdout, a little at a time. */
function writer(fd: number): Command {
  const script = '$| = 1; for my $i (1..$ARGV[0]) { print "line $i\\n"; select(undef, undef, undef, 0.0002) if $i % 20 == 0 }';
  return new Command('/usr/bin/perl', ['-e', script, String(LINES)]).setOutputFd(fd).setErrorFd(fd);
}

function expected(): string {
  let s = '';
  for (let i = 1; i <= LINES; i++) s += `line ${i}\n`;
  return s;
}

test('SIGUSR1 restarts keep every pipe: a guest writing through three restarts loses no byte', async () => {
  const client = await daemon.client();
  const path = daemon.logPath('restarts.log');
  const { fd, pos } = await client.openLogFile('qemu', dom, path, 1);
  const guest = writer(fd);
  await guest.runAsync();
  closeSync(fd); // only the guest holds the writing end now, as QEMU would
  const pids = [daemon.pid];
  for (let i = 0; i < 3; i++) {
    await sleep(150);
    pids.push(await daemon.restart());
  }
  assert.equal(new Set(pids).size, 4, 'each restart is a new process');
  await guest.wait();
  const want = expected();
  // the pipe's writer is gone once the guest exited: the position is the file's end
  const text = (await client.readLogFile(path, pos, BigInt(want.length + 100))).toString();
  assert.equal(text.length, want.length);
  assert.equal(text, want);
  await client.close();
  assert.equal(existsSync(join(daemon.runDir, 'tsvirtlogd-restart-exec.json')), false, 'the state file is consumed');
});

test('the client stand-in for tsvirtd can go away and come back while the guest writes', async () => {
  const path = daemon.logPath('client-restart.log');
  const first = await daemon.client();
  const { fd } = await first.openLogFile('qemu', dom, path, 1);
  const guest = writer(fd);
  await guest.runAsync();
  closeSync(fd);
  await first.close(); // "tsvirtd" stops: the pipe's reader is the log daemon, so nothing stalls
  await sleep(100);
  const second = await LogManagerClient.connect(daemon.socketPath);
  const mid = await second.getLogFilePosition(path);
  assert.ok(mid.offset > 0n);
  await guest.wait();
  // through the daemon: a read drains the pipe first if the daemon has not read its end yet
  const want = expected();
  assert.equal((await second.readLogFile(path, { inode: 0n, offset: 0n }, BigInt(want.length + 100))).toString(), want);
  await second.close();
});

test('restart with an open pipe nobody has written to yet, and with calls in flight', async () => {
  const client = await daemon.client();
  const path = daemon.logPath('idle.log');
  const opened = await client.openLogFile('qemu', dom, path, 1);
  const calls = Array.from({ length: 50 }, (_, i) => client.appendLogFile('qemu', dom, daemon.logPath('busy.log'), `note ${i}\n`));
  const restarted = daemon.restart();
  await Promise.all(calls);
  await restarted;
  const notes = readFileSync(daemon.logPath('busy.log'), 'latin1').split('\n').filter(Boolean);
  assert.equal(notes.length, 50, 'each append ran exactly once');
  assert.deepEqual(new Set(notes).size, 50);
  writeSync(opened.fd, 'late start\n');
  assert.equal((await client.getLogFilePosition(path)).offset, 11n);
  closeSync(opened.fd);
  await client.close();
  assert.deepEqual(readdirSync(join(daemon.runDir, 'tsvirtlogd-pipes')), [], 'every FIFO is unlinked once its writer showed up');
});
