// Real daemons for the daemon tests: tsvirtd (ours, from dist/) and libvirt 9.0.0's libvirtd, each
// in its own temporary directory, started here and stopped by PID.
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect, createServer, type AddressInfo } from 'node:net';
import { after, before } from 'node:test';

export const TSVIRTD = fileURLToPath(new URL('../../src/daemon/main.js', import.meta.url));
export const haveVirsh = spawnSync('virsh', ['--version']).status === 0;
export const havePython = spawnSync('/usr/bin/python3', ['-c', 'import libvirt']).status === 0;
const root = userInfo().uid === 0;
export const libvirtdSkip = !existsSync('/usr/sbin/libvirtd') ? 'needs libvirtd'
  : !root ? 'needs root (runs libvirtd as nobody)' : !existsSync('/usr/bin/setpriv') ? 'needs setpriv' : false;

export interface RunningDaemon {
  readonly dir: string;
  readonly socket: string;
  /** A socket giving read-only connections (tsvirtd's -ro socket; libvirtd's session daemon has none). */
  readonly readOnlySocket: string | null;
  readonly pid: number;
  readonly proc: ChildProcess;
  stop(): Promise<void>;
}

async function waitFor(path: string, proc: ChildProcess, log: () => string): Promise<void> {
  // Up to 30 s: on a loaded 2-core machine a daemon's start took longer than 5 s, and the one
  // that came up after the test gave up was never stopped.
  for (let i = 0; i < 1200; i++) {
    if (existsSync(path)) return;
    if (proc.exitCode !== null) throw new Error(`daemon exited with ${proc.exitCode}: ${log()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no socket at ${path}: ${log()}`);
}

function stopper(proc: ChildProcess, dir: string): () => Promise<void> {
  return async () => {
    if (proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise((r) => proc.once('exit', r));
      process.kill(proc.pid!, 'SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
}

/**
 * Start tsvirtd with `conf` lines added to a config that puts its sockets in a temp dir; `nodeArgs`
 * go to node itself (e.g. --cpu-prof, which NODE_OPTIONS does not take).
 */
export async function startTsvirtd(conf = '', args: string[] = [], env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<RunningDaemon> {
  const dir = mkdtempSync(join(tmpdir(), 'tsvirtd-'));
  const sockDir = join(dir, 'run');
  writeFileSync(join(dir, 'tsvirtd.conf'), `unix_sock_dir = "${sockDir}"\n${conf}`);
  let stderr = '';
  const proc = spawn(process.execPath, [...nodeArgs, TSVIRTD, '-f', join(dir, 'tsvirtd.conf'), '-p', join(dir, 'tsvirtd.pid'), ...args], {
    stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, XDG_CONFIG_HOME: join(dir, 'config'), ...env },
  });
  proc.stderr!.on('data', (d) => { stderr += d; });
  await waitFor(join(sockDir, 'tsvirt-sock-ro'), proc, () => stderr);
  return { dir, socket: join(sockDir, 'tsvirt-sock'), readOnlySocket: join(sockDir, 'tsvirt-sock-ro'), pid: proc.pid!, proc, stop: stopper(proc, dir) };
}

export interface LibvirtdOptions {
  /** Called with the daemon's directory before it starts: extra config lines, environment, listening. */
  prepare?(dir: string): { conf?: string; env?: Record<string, string>; listen?: boolean; tcpPorts?: number[] };
  /** auth_unix_rw, "none" by default. */
  authUnixRw?: string;
}

/**
 * Start libvirt's libvirtd as `nobody` (a session daemon: test driver, unix socket, auth none
 * unless told otherwise; with `listen`, the TCP/TLS listeners the extra config asks for).
 */
export async function startLibvirtd(options: LibvirtdOptions = {}): Promise<RunningDaemon> {
  const dir = mkdtempSync(join(tmpdir(), 'libvirtd-'));
  for (const d of ['run', 'home']) mkdirSync(join(dir, d));
  chmodSync(dir, 0o755);
  const extra = options.prepare?.(dir) ?? {};
  writeFileSync(join(dir, 'libvirtd.conf'),
    `unix_sock_dir = "${dir}/run"\nunix_sock_rw_perms = "0777"\nauth_unix_rw = "${options.authUnixRw ?? 'none'}"\n${extra.conf ?? ''}`);
  const nobody = Number(spawnSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).stdout.trim());
  spawnSync('chown', ['-R', String(nobody), dir]);
  let stderr = '';
  const args = ['--reuid=nobody', '--regid=nogroup', '--clear-groups', '/usr/sbin/libvirtd', '-f', join(dir, 'libvirtd.conf'), '-p', join(dir, 'libvirtd.pid')];
  if (extra.listen) args.push('--listen');
  const proc = spawn('/usr/bin/setpriv', args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      PATH: '/usr/sbin:/usr/bin:/sbin:/bin', HOME: join(dir, 'home'), XDG_RUNTIME_DIR: join(dir, 'run'),
      XDG_CONFIG_HOME: join(dir, 'home/.config'), XDG_CACHE_HOME: join(dir, 'home/.cache'), ...extra.env,
    },
  });
  proc.stderr!.on('data', (d) => { stderr += d; });
  await waitFor(join(dir, 'run', 'libvirt-sock'), proc, () => stderr);
  for (const port of extra.tcpPorts ?? []) await waitForPort(port, proc, () => stderr);
  return { dir, socket: join(dir, 'run', 'libvirt-sock'), readOnlySocket: null, pid: proc.pid!, proc, stop: stopper(proc, dir) };
}

async function waitForPort(port: number, proc: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const open = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1', () => { s.destroy(); resolve(true); });
      s.on('error', () => resolve(false));
    });
    if (open) return;
    if (proc.exitCode !== null) throw new Error(`daemon exited with ${proc.exitCode}: ${log()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`nothing listens on 127.0.0.1:${port}: ${log()}`);
}

/**
 * tsvirtd and a real libvirtd, both serving the test driver, for the tests of a file or a suite:
 * started before them (unless `skip` says why not), stopped after; the fields are set once started.
 */
export function bothDaemons(skip: string | false = false): { ours: RunningDaemon; theirs: RunningDaemon } {
  const pair = {} as { ours: RunningDaemon; theirs: RunningDaemon };
  before(async () => {
    if (skip) return;
    [pair.ours, pair.theirs] = await Promise.all([startTsvirtd(), startLibvirtd()]);
  });
  after(async () => {
    await Promise.all([pair.ours?.stop(), pair.theirs?.stop()]);
  });
  return pair;
}

/** A TCP port nothing listens on now (the kernel's pick, released at once). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface Run { status: number | null; stdout: string; stderr: string }

export function virsh(socket: string, args: string[], readOnly = false): Run {
  const r = spawnSync('virsh', [...(readOnly ? ['-r'] : []), '-c', `test+unix:///default?socket=${socket}`, ...args], { encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function python(script: string, socket: string, extra: string[] = []): Run {
  const r = spawnSync('/usr/bin/python3', ['-c', script, `test+unix:///default?socket=${socket}`, ...extra], { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * python() without blocking this process: the daemons' stderr pipes keep draining meanwhile
 * (a daemon logging every failed call fills its pipe and stalls if the test is stuck in spawnSync).
 */
export function pythonAsync(script: string, socket: string, extra: string[] = [], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile('/usr/bin/python3', ['-c', script, `test+unix:///default?socket=${socket}`, ...extra],
      { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 << 20, env: { ...process.env, ...env } },
      (err, stdout, stderr) => resolve({ status: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr }));
  });
}

/** XDG_CONFIG_HOME, XDG_RUNTIME_DIR, ... for a session daemon: these subdirectories of `base`, made private. */
export function xdgEnv(base: string, dirs: string[]): Record<string, string> {
  return Object.fromEntries(dirs.map((d) => {
    mkdirSync(join(base, d), { recursive: true, mode: 0o700 });
    return [`XDG_${d === 'run' ? 'RUNTIME_DIR' : `${d.toUpperCase()}_HOME`}`, join(base, d)];
  }));
}

/** Open file descriptors of a process. */
export function fdCount(pid: number): number {
  return readdirSync(`/proc/${pid}/fd`).length;
}

/** The fd count of a process once it stops changing (sockets of earlier tests finish closing). */
export async function settledFds(pid: number): Promise<number> {
  let last = -1;
  let n = fdCount(pid);
  while (n !== last) {
    await new Promise((r) => setTimeout(r, 100));
    last = n;
    n = fdCount(pid);
  }
  return n;
}

/** A process's fd count once it is back to `base` (a client's socket closes a moment after it exits), or after ~2 s. */
export async function fdsBackTo(pid: number, base: number): Promise<number> {
  let n = fdCount(pid);
  for (let i = 0; i < 100 && n !== base; i++) {
    await new Promise((r) => setTimeout(r, 20));
    n = fdCount(pid);
  }
  return n;
}
