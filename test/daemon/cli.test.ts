// tsvirtd as a program: options, config errors, pid file, signals, idle timeout, TCP, -d.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TSVIRTD, havePython, haveVirsh, startTsvirtd, virsh } from './harness.js';
import { applyConfig, defaultConfig } from '../../src/daemon/config.js';
import { parseArgs, UsageError } from '../../src/daemon/args.js';
import { VirConf } from '../../src/util/conf/index.js';
import { VirError } from '../../src/errors/index.js';
import { FrameDecoder, MessageStatus, MessageType, encodePacket } from '../../src/rpc/packet.js';
import { encodeValue } from '../../src/rpc/codec.js';
import { procedures as P, REMOTE_PROGRAM } from '../../src/rpc/protocol/remote.js';

const run = (args: string[]) => spawnSync(process.execPath, [TSVIRTD, ...args], { encoding: 'utf8', timeout: 20_000 });

test('--version and --help', () => {
  const v = run(['--version']);
  assert.equal(v.status, 0);
  assert.equal(v.stdout, 'tsvirtd (tsvirt) 9.0.0\n');
  const h = run(['-h']);
  assert.equal(h.status, 0);
  assert.match(h.stdout, /--listen/);
});

test('bad options are refused', () => {
  const r = run(['--bogus']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^tsvirtd: error: unrecognized option '--bogus'/);
  assert.throws(() => parseArgs(['-t', 'soon']), UsageError);
  assert.throws(() => parseArgs(['-f']), /requires an argument/);
  assert.deepEqual(parseArgs(['--config=/x', '-l', '-t', '5']).config, '/x');
});

const conf = (text: string) => applyConfig(VirConf.parse(text, 'tsvirtd.conf'), defaultConfig(false, { XDG_RUNTIME_DIR: '/tmp/r' }));

test('config: values are read, bad ones refused with libvirt\'s errors', () => {
  const c = conf('listen_tcp = 1\ntcp_port = "16600"\nlisten_addr = "127.0.0.1"\nmax_clients = 7\nmax_client_requests = 3\nkeepalive_interval = -1\nunix_sock_ro_perms = "0755"\nunknown_key = "ignored"\n');
  assert.equal(c.listenTcp, true);
  assert.equal(c.tcpPort, 16600);
  assert.equal(c.listenAddr, '127.0.0.1');
  assert.equal(c.maxClients, 7);
  assert.equal(c.maxClientRequests, 3);
  assert.equal(c.keepaliveInterval, -1);
  assert.equal(c.unixSockRoPerms, 0o755);
  assert.equal(c.unixSockDir, '/tmp/r/tsvirt');
  const bad: [string, RegExp][] = [
    ['listen_tcp = "yes"', /tsvirtd\.conf: expected a bool for 'listen_tcp' parameter/],
    ['listen_tcp = 2', /value for 'listen_tcp' parameter must be 0 or 1/],
    ['auth_tcp = "polkit"', /^unsupported configuration: tsvirtd\.conf: auth_tcp: unsupported auth polkit$/],
    ['auth_unix_rw = "kerberos"', /auth_unix_rw: unsupported auth kerberos/],
    ['tcp_port = "99999"', /tcp_port: invalid port '99999'/],
    ['tcp_port = 16509', /expected a string for 'tcp_port' parameter/],
    ['max_clients = -1', /max_clients/],
    ['max_client_requests = 0', /max_client_requests: must be greater than 0/],
    ['unix_sock_rw_perms = "rwx"', /Failed to parse mode 'rwx'/],
    ['tls_port = "0"', /tls_port: invalid port '0'/],
    ['tls_allowed_dn_list = "CN=x"', /expected a string list for 'tls_allowed_dn_list'/],
    ['keepalive_interval = "5"', /expected a signed integer for 'keepalive_interval'/],
  ];
  for (const [text, re] of bad) assert.throws(() => conf(text), (e: VirError) => e instanceof VirError && re.test(e.message), text);
});

test('a bad config file stops the start with its error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsvirtd-cli-'));
  writeFileSync(join(dir, 'c.conf'), 'auth_unix_rw = "polkit"\n');
  const r = run(['-f', join(dir, 'c.conf'), '-p', join(dir, 'pid')]);
  assert.equal(r.status, 1);
  assert.equal(r.stderr, `tsvirtd: error: unsupported configuration: ${join(dir, 'c.conf')}: auth_unix_rw: unsupported auth polkit\n`);
  const missing = run(['-f', join(dir, 'nope.conf')]);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /Failed to open file '.*nope\.conf': No such file or directory/);
  rmSync(dir, { recursive: true });
});

test('SIGTERM: clean exit, sockets and pid file removed; a second daemon on the same paths is refused', async () => {
  const d = await startTsvirtd();
  const pidFile = join(d.dir, 'tsvirtd.pid');
  assert.equal(readFileSync(pidFile, 'utf8'), String(d.pid));
  const again = run(['-f', join(d.dir, 'tsvirtd.conf'), '-p', pidFile]);
  assert.equal(again.status, 1);
  assert.match(again.stderr, /Failed to acquire pid file/);
  const other = run(['-f', join(d.dir, 'tsvirtd.conf'), '-p', join(d.dir, 'other.pid')]);
  assert.equal(other.status, 1);
  assert.match(other.stderr, /Address already in use/);
  const exited = new Promise<number | null>((r) => d.proc.once('exit', (code) => r(code)));
  process.kill(d.pid, 'SIGTERM');
  assert.equal(await exited, 0);
  assert.equal(existsSync(d.socket), false);
  assert.equal(existsSync(d.readOnlySocket!), false);
  assert.equal(existsSync(pidFile), false);
  await d.stop();
});

test('SIGTERM with a client still connected: the client is dropped and the daemon exits', { skip: havePython ? false : 'needs libvirt-python' }, async () => {
  const d = await startTsvirtd();
  // a real libvirt client that opened a connection and keeps it while we stop the daemon
  const client = spawn('/usr/bin/python3', ['-c', `import libvirt, sys, time
c = libvirt.open('test+unix:///default?socket=${d.socket}')
print(c.getHostname(), flush=True)
time.sleep(60)`], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((r) => client.stdout!.once('data', r));
  const exited = new Promise<number | null>((r) => d.proc.once('exit', (code) => r(code)));
  process.kill(d.pid, 'SIGTERM');
  assert.equal(await exited, 0);
  assert.equal(existsSync(d.socket), false);
  client.kill('SIGKILL');
  await d.stop();
});

test('-t: exits after the timeout once no client is left', async () => {
  const d = await startTsvirtd('', ['-t', '1']);
  const s = net.connect(d.socket);
  await new Promise((r) => s.once('connect', r));
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(d.proc.exitCode, null, 'a connected client keeps it alive');
  const exited = new Promise<number | null>((r) => d.proc.once('exit', (code) => r(code)));
  s.destroy();
  const t0 = Date.now();
  assert.equal(await exited, 0);
  assert.ok(Date.now() - t0 >= 900);
  await d.stop();
});

async function keepaliveDropMs(socket: string): Promise<number> {
  const s = net.connect(socket);
  await new Promise((r) => s.once('connect', r));
  const t0 = Date.now();
  s.on('data', () => undefined);
  s.write(encodePacket({ prog: REMOTE_PROGRAM, vers: 1, proc: P.CONNECT_SUPPORTS_FEATURE.number, type: MessageType.CALL, serial: 0, status: MessageStatus.OK },
    encodeValue(P.CONNECT_SUPPORTS_FEATURE.args, { feature: 10 })));
  await new Promise((r) => s.once('close', r));
  return Date.now() - t0;
}

test('SIGHUP reloads the configuration; a broken one is ignored', async () => {
  const d = await startTsvirtd('keepalive_interval = 30\n');
  const confPath = join(d.dir, 'tsvirtd.conf');
  writeFileSync(confPath, `unix_sock_dir = "${join(d.dir, 'run')}"\nkeepalive_interval = 1\nkeepalive_count = 1\n`);
  process.kill(d.pid, 'SIGHUP');
  await new Promise((r) => setTimeout(r, 300));
  const ms = await keepaliveDropMs(d.socket);
  assert.ok(ms >= 1500 && ms < 5000, `dropped after ${ms} ms with the reloaded keepalive`);
  writeFileSync(confPath, 'keepalive_interval = "broken"\n');
  process.kill(d.pid, 'SIGHUP');
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(d.proc.exitCode, null);
  const ms2 = await keepaliveDropMs(d.socket);
  assert.ok(ms2 < 5000, 'the previous configuration stays');
  await d.stop();
});

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}

test('TCP: only with --listen and listen_tcp = 1', { skip: !haveVirsh && 'needs virsh' }, async () => {
  const port = await freePort();
  const conf = `listen_tcp = 1\ntcp_port = "${port}"\nlisten_addr = "127.0.0.1"\nauth_tcp = "none"\n`;
  const without = await startTsvirtd(conf);
  const refused = await new Promise<boolean>((r) => { const s = net.connect(port, '127.0.0.1'); s.once('connect', () => { s.destroy(); r(false); }); s.once('error', () => r(true)); });
  assert.equal(refused, true);
  await without.stop();
  const d = await startTsvirtd(conf, ['--listen']);
  const r = spawnSync('virsh', ['-c', `test+tcp://127.0.0.1:${port}/default`, 'list', '--all'], { encoding: 'utf8' });
  assert.equal(r.stderr, '');
  assert.match(r.stdout, / 1 +test +running/);
  await d.stop();
});

test('-d: runs in the background with its pid in the pid file', { skip: !haveVirsh && 'needs virsh' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsvirtd-d-'));
  writeFileSync(join(dir, 'c.conf'), `unix_sock_dir = "${join(dir, 'run')}"\n`);
  const pidFile = join(dir, 'pid');
  const r = spawnSync(process.execPath, [TSVIRTD, '-d', '-f', join(dir, 'c.conf'), '-p', pidFile], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.status, 0, r.stderr);
  const pid = Number(readFileSync(pidFile, 'utf8'));
  assert.ok(pid > 0);
  for (let i = 0; i < 100 && !existsSync(join(dir, 'run', 'tsvirt-sock')); i++) await new Promise((x) => setTimeout(x, 50));
  assert.equal(virsh(join(dir, 'run', 'tsvirt-sock'), ['domstate', 'test']).stdout, 'running\n\n');
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 100 && existsSync(pidFile); i++) await new Promise((x) => setTimeout(x, 50));
  assert.equal(existsSync(pidFile), false);
  rmSync(dir, { recursive: true, force: true });
});

// AUTH_LIST on both sockets: one type, none (0).
test('AUTH_LIST answers none on both sockets', async () => {
  const d = await startTsvirtd();
  for (const path of [d.socket, d.readOnlySocket!]) {
    const s = net.connect(path);
    await new Promise((r) => s.once('connect', r));
    const dec = new FrameDecoder();
    const reply = new Promise<Buffer>((resolve) => s.on('data', (x) => { const p = dec.push(x); if (p.length) resolve(Buffer.from(p[0].payload)); }));
    s.write(encodePacket({ prog: REMOTE_PROGRAM, vers: 1, proc: P.AUTH_LIST.number, type: MessageType.CALL, serial: 0, status: MessageStatus.OK }));
    assert.equal((await reply).toString('hex'), '0000000100000000');
    s.destroy();
  }
  await d.stop();
});

test('--stdio serves one client on stdin/stdout and exits when it leaves', async () => {
  const { spawn } = await import('node:child_process');
  const { Duplex } = await import('node:stream');
  const { RpcConnection } = await import('../../src/rpc/connection.js');
  const { remoteProgram } = await import('../../src/rpc/protocol/remote.js');
  const dir = mkdtempSync(join(tmpdir(), 'tsvirtd-stdio-'));
  const child = spawn(process.execPath, [TSVIRTD, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, XDG_CONFIG_HOME: dir } });
  const c = new RpcConnection(Duplex.from({ readable: child.stdout!, writable: child.stdin! }));
  await c.invoke(remoteProgram, P.CONNECT_OPEN, { name: 'test:///default', flags: 0 });
  const r = await c.invoke(remoteProgram, P.DOMAIN_LOOKUP_BY_NAME, { name: 'test' });
  assert.equal(r.dom.name, 'test');
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  child.stdin!.end();
  assert.equal(await exited, 0);
  c.destroy();
  rmSync(dir, { recursive: true, force: true });
});

test('unix_sock_group and the socket modes are applied; an unknown group stops the start', async () => {
  // a group of this machine (the first line of /etc/group other than ours), by name and as +gid
  const [name, , gid] = readFileSync('/etc/group', 'utf8').split('\n').map((l) => l.split(':')).find((g) => g[2] !== String(process.getgid?.()))!;
  for (const group of [name!, `+${gid}`]) {
    const d = await startTsvirtd(`unix_sock_group = "${group}"\nunix_sock_rw_perms = "0770"\nunix_sock_ro_perms = "0775"\nunix_sock_admin_perms = "0700"\n`);
    try {
      const rw = statSync(d.socket);
      const ro = statSync(d.readOnlySocket!);
      assert.deepEqual([rw.gid, rw.mode & 0o7777, ro.gid, ro.mode & 0o7777], [Number(gid), 0o770, Number(gid), 0o775]);
    } finally {
      await d.stop();
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'tsvirtd-cli-'));
  writeFileSync(join(dir, 'c.conf'), `unix_sock_dir = "${dir}/run"\nunix_sock_group = "no-such-group-here"\n`);
  const r = run(['-f', join(dir, 'c.conf'), '-p', join(dir, 'pid')]);
  assert.equal(r.status, 1);
  assert.equal(r.stderr, "tsvirtd: error: invalid argument: Failed to parse group 'no-such-group-here'\n");
  assert.equal(existsSync(join(dir, 'run', 'tsvirt-sock')), false);
  rmSync(dir, { recursive: true });
});
