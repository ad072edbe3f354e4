import assert from 'node:assert/strict';
import { closeSync, readFileSync, statSync, writeSync } from 'node:fs';
import { createConnection } from 'node:net';
import { after, before, test } from 'node:test';
import { VirError } from '../../src/errors/index.js';
import { OPEN_LOG_FILE_TRUNCATE, type LogManagerClient } from '../../src/logd/client.js';
import { logManagerProgram, logProcedures } from '../../src/logd/protocol.js';
import { encodeValue } from '../../src/rpc/codec.js';
import { RpcConnection } from '../../src/rpc/connection.js';
import { Command } from '../../src/util/command/index.js';
import { MAIN, TestDaemon } from './daemon-harness.js';

const dom = { name: 'guest', uuid: Buffer.alloc(16, 0xab) };
let daemon: TestDaemon;
let client: LogManagerClient;

before(async () => {
  daemon = await TestDaemon.start({ config: 'max_size = 4096\nmax_backups = 2\n' });
  client = await daemon.client();
});
after(async () => {
  await client?.close();
  await daemon?.stop();
});

function virErrorWith(message: string | RegExp) {
  return (err: unknown) => err instanceof VirError && (typeof message === 'string' ? err.message === message : message.test(err.message));
}

function raw(): Promise<RpcConnection> {
  return new Promise((resolve, reject) => {
    const s = createConnection(daemon.socketPath, () => resolve(new RpcConnection(s)));
    s.once('error', reject);
  });
}

test('socket and run directory are private to the daemon\'s user', () => {
  assert.equal(statSync(daemon.socketPath).mode & 0o777, 0o600);
  assert.equal(statSync(daemon.runDir).mode & 0o777, 0o700);
});

test('a second daemon on the same run directory refuses to start and changes nothing', async () => {
  const second = new Command(process.execPath, [MAIN, '-f', daemon.configFile, '--run-dir', daemon.runDir, '--log-dir', daemon.logDir])
    .setErrorBuffer();
  assert.equal(await second.run({ exitStatus: true }), 1);
  assert.match(second.capturedError!, /another daemon is listening on .*tsvirtlogd-sock/);
  assert.equal((await client.getLogFilePosition(daemon.logPath('cycle.log')).catch((e: Error) => e.message)), `internal error: No open log file ${daemon.logPath('cycle.log')}`);
});

test('open, write through the pipe, position, read back, append: the whole cycle over the socket', async () => {
  const path = daemon.logPath('cycle.log');
  const { fd, pos } = await client.openLogFile('qemu', dom, path, OPEN_LOG_FILE_TRUNCATE);
  assert.equal(pos.offset, 0n);
  const text = 'QEMU starting\nqemu: warning: something\n';
  writeSync(fd, text);
  const end = await client.getLogFilePosition(path);
  assert.deepEqual(end, { inode: statSync(path, { bigint: true }).ino, offset: BigInt(text.length) });
  assert.equal((await client.readLogFile(path, pos, 1000n)).toString(), text);
  await client.appendLogFile('qemu', dom, path, 'shutting down\n');
  assert.equal(readFileSync(path, 'latin1'), `${text}shutting down\n`);
  assert.equal(statSync(path).mode & 0o777, 0o600);
  closeSync(fd);
});

test('any bytes survive the trip (log data is carried as bytes, not text)', async () => {
  const path = daemon.logPath('binary.log');
  const { fd, pos } = await client.openLogFile('qemu', dom, path, OPEN_LOG_FILE_TRUNCATE);
  const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
  writeSync(fd, bytes);
  assert.deepEqual(await client.readLogFile(path, pos, 1000n), bytes);
  closeSync(fd);
});

test('the config\'s rotation applies: 4096-byte files, two kept', async () => {
  const path = daemon.logPath('rotating.log');
  const { fd } = await client.openLogFile('qemu', dom, path, OPEN_LOG_FILE_TRUNCATE);
  for (let i = 0; i < 200; i++) writeSync(fd, `line ${i} ${'.'.repeat(60)}\n`);
  await client.getLogFilePosition(path);
  for (const f of [path, `${path}.0`, `${path}.1`]) assert.ok(statSync(f).size <= 4096);
  assert.throws(() => statSync(`${path}.2`));
  closeSync(fd);
});

test('bad calls get clear errors and the daemon goes on', async () => {
  await assert.rejects(client.getLogFilePosition(daemon.logPath('never.log')),
    virErrorWith(`internal error: No open log file ${daemon.logPath('never.log')}`));
  await assert.rejects(client.openLogFile('qemu', dom, '/etc/shadow'), virErrorWith(/^operation forbidden: log file '\/etc\/shadow' is outside/));
  await assert.rejects(client.readLogFile(daemon.logPath('cycle.log'), { inode: 0n, offset: 0n }, 4194305n),
    virErrorWith('internal error: Requested data len 4194305 is larger than maximum 4194304'));
  await assert.rejects(client.readLogFile(daemon.logPath('nothing.log'), { inode: 0n, offset: 0n }, 10n),
    virErrorWith(/^Unable to open file: .*nothing\.log: No such file or directory$/));

  const conn = await raw();
  // virtlogd's own open procedure needs fd passing: refused with a pointer to the pipe program
  const openArgs = { driver: 'qemu', dom, path: daemon.logPath('x.log'), flags: 0 };
  await assert.rejects(conn.invoke(logManagerProgram, logProcedures.DOMAIN_OPEN_LOG_FILE, openArgs), virErrorWith(/cannot pass file descriptors/));
  await assert.rejects(conn.call(logManagerProgram.number, 1, 99), virErrorWith('unknown procedure: 99'));
  await assert.rejects(conn.call(0x1234, 1, 1), virErrorWith('Cannot find program 4660 version 1'));
  await assert.rejects(conn.call(logManagerProgram.number, 1, 2, Buffer.from([0, 0, 0, 200])), virErrorWith('Unable to decode message payload'));
  await assert.rejects(conn.call(logManagerProgram.number, 1, 2,
    encodeValue(logProcedures.DOMAIN_GET_LOG_FILE_POSITION.args, { path: daemon.logPath('cycle.log'), flags: 8 })),
  virErrorWith(/unsupported flags \(0x8\)/));
  await conn.close();
  await client.appendLogFile('qemu', dom, daemon.logPath('after-errors.log'), 'still serving\n');
  assert.equal(readFileSync(daemon.logPath('after-errors.log'), 'latin1'), 'still serving\n');
});

test('a client that vanishes in the middle of an open leaves nothing open', async () => {
  const path = daemon.logPath('vanish.log');
  const conn = await raw();
  const call = conn.call(0x7473766c, 1, 1, encodeValue(logProcedures.DOMAIN_OPEN_LOG_FILE.args, { driver: 'qemu', dom, path, flags: 0 }));
  call.catch(() => {});
  conn.destroy();
  // The same path opens again at once: the abandoned entry was dropped, not left busy.
  let opened: Awaited<ReturnType<LogManagerClient['openLogFile']>> | null = null;
  for (let i = 0; i < 100 && !opened; i++) {
    opened = await client.openLogFile('qemu', dom, path).catch(() => null);
    if (!opened) await new Promise((r) => setTimeout(r, 20));
  }
  assert.ok(opened, 'the path was freed');
  writeSync(opened.fd, 'after\n');
  assert.equal((await client.getLogFilePosition(path)).offset, 6n);
  closeSync(opened.fd);
});
