/**
 * tsvirtd against libvirtd, both serving the test driver over a unix socket, driven by the same
 * libvirt-python client loop (lookupByName + info per iteration) with 1 and 8 connections (one
 * process each), in interleaved rounds. Prints calls/s (2 RPCs per iteration), p99 iteration
 * latency, the daemon's own CPU time per call (user + system, from /proc: steadier than calls/s on
 * a busy machine) and the ratios; first, on the fresh daemons, the memory per idle client
 * connection (RSS with none and with BENCH_IDLE connections that completed CONNECT_OPEN). Beside
 * them, the same loop through a canned-reply relay (bench/canned-relay.ts): what a Node process
 * that does no work at all reaches on this machine, the ceiling for tsvirtd's figure.
 *
 *   node dist/bench/daemon.js     (BENCH_SECONDS=N per measurement, BENCH_ROUNDS=N, BENCH_IDLE=N,
 *                                  BENCH_TSVIRTD_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR" for tsvirtd's node)
 * Needs root (libvirtd runs as nobody), libvirtd, setpriv and libvirt-python; otherwise it says so.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RpcConnection } from '../src/rpc/connection.js';
import { remoteProgram, procedures as P } from '../src/rpc/protocol/remote.js';
import { havePython, libvirtdSkip, startLibvirtd, startTsvirtd, type RunningDaemon } from '../test/daemon/harness.js';

const SECONDS = Number(process.env.BENCH_SECONDS) || 3;
const ROUNDS = Number(process.env.BENCH_ROUNDS) || 3;
const IDLE = Number(process.env.BENCH_IDLE) || 200;
const NODE_ARGS = (process.env.BENCH_TSVIRTD_NODE_ARGS ?? '').split(' ').filter(Boolean);
const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

const LOOP = `
import libvirt, multiprocessing, sys, time, json
def worker(args):
    uri, seconds = args
    libvirt.registerErrorHandler(lambda *a: None, None)
    c = libvirt.open(uri)
    lat = []
    end = time.monotonic() + seconds
    while True:
        t = time.monotonic()
        if t >= end: break
        c.lookupByName('test').info()
        lat.append(time.monotonic() - t)
    c.close()
    return lat
uri, seconds, n = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
with multiprocessing.Pool(n) as pool:
    res = pool.map(worker, [(uri, seconds)] * n)
lat = sorted(x for r in res for x in r)
print(json.dumps({'iterations': len(lat), 'p99': lat[int(len(lat) * 0.99)] if lat else 0}))
`;

interface Sample { callsPerSec: number; p99ms: number; daemonCpuUs: number }

/** CPU time (user + system) the process has used so far, in µs. */
function cpuUs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLK_TCK;
}

/** Every thread of `pid` (and threads it starts later) on `cpus` (taskset's list syntax). */
function pin(pid: number, cpus: string): void {
  const r = spawnSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`taskset ${cpus} ${pid} failed: ${r.stderr}`);
}
const ALL_CPUS = `0-${cpus().length - 1}`;

/**
 * The python loop against `daemon`; with `oneCpu`, the daemon and the client share CPU 0 for the
 * measurement (both daemons alike), so a call costs no wake-up of another CPU.
 */
function loop(daemon: Pick<RunningDaemon, 'pid' | 'socket'>, conns: number, oneCpu = false): Sample {
  const { socket } = daemon;
  if (oneCpu) pin(daemon.pid, '0');
  const cpu = cpuUs(daemon.pid);
  const python = ['/usr/bin/python3', '-c', LOOP, `test+unix:///default?socket=${socket}`, String(SECONDS), String(conns)];
  const argv = oneCpu ? ['taskset', '-c', '0', ...python] : python;
  const r = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8', timeout: (SECONDS * 5 + 30) * 1000 });
  if (oneCpu) pin(daemon.pid, ALL_CPUS);
  if (r.status !== 0) throw new Error(`python loop on ${socket} failed (${r.signal ?? r.status}): ${r.stderr}`);
  const { iterations, p99 } = JSON.parse(r.stdout) as { iterations: number; p99: number };
  return { callsPerSec: (iterations * 2) / SECONDS, p99ms: p99 * 1000, daemonCpuUs: (cpuUs(daemon.pid) - cpu) / (iterations * 2) };
}

function rssKiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

const settle = () => new Promise((r) => setTimeout(r, 1000));

async function openClients(d: RunningDaemon, n: number): Promise<RpcConnection[]> {
  const conns: RpcConnection[] = [];
  for (let i = 0; i < n; i++) {
    const s = net.connect(d.socket);
    await new Promise((r) => s.once('connect', r));
    const c = new RpcConnection(s);
    await c.invoke(remoteProgram, P.CONNECT_OPEN, { name: 'test:///default', flags: 0 });
    conns.push(c);
  }
  return conns;
}

/**
 * RSS (KiB) of the daemon with no client and with IDLE clients that opened the test driver and
 * stay idle. A few clients come and go first: a heap snapshot showed most of a fresh tsvirtd's
 * growth on its first clients to be code compiled once (the open path), not per-client state.
 * The libvirtd process itself is measured: setpriv execs it, so the pid is the same.
 */
async function idleCost(d: RunningDaemon): Promise<{ before: number; after: number }> {
  for (const c of await openClients(d, 20)) c.destroy();
  await settle();
  const before = rssKiB(d.pid);
  const conns = await openClients(d, IDLE);
  await settle();
  const after = rssKiB(d.pid);
  for (const c of conns) c.destroy();
  return { before, after };
}

/** The canned-reply relay (bench/canned-relay.ts) in front of tsvirtd: the floor for a Node daemon. */
async function startRelay(upstream: RunningDaemon): Promise<Pick<RunningDaemon, 'pid' | 'socket' | 'stop'>> {
  const socket = join(upstream.dir, 'relay-sock');
  const proc = spawn(process.execPath, [join(dirname(fileURLToPath(import.meta.url)), 'canned-relay.js'), socket, upstream.socket], { stdio: 'inherit' });
  for (let i = 0; i < 400 && !existsSync(socket); i++) await new Promise((r) => setTimeout(r, 25));
  if (!existsSync(socket)) throw new Error('the canned-reply relay did not start');
  const exited = new Promise((r) => proc.once('exit', r));
  return { pid: proc.pid!, socket, stop: async () => { proc.kill('SIGTERM'); await exited; } };
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;

const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const range = (v: number[], digits = 0) => `${Math.min(...v).toFixed(digits)}-${Math.max(...v).toFixed(digits)}`;

const skip = !havePython ? 'needs libvirt-python' : libvirtdSkip;
if (skip) {
  console.log(`bench/daemon: skipped (${skip})`);
} else {
  const [ours, theirs] = await Promise.all([startTsvirtd('max_client_requests = 5\n', [], {}, NODE_ARGS), startLibvirtd()]);
  const relay = await startRelay(ours);
  try {
    console.log(`bench/daemon: load average ${load()} at the start`);
    const ma = await idleCost(ours);
    const mb = await idleCost(theirs);
    const per = (m: { before: number; after: number }) => ((m.after - m.before) / IDLE).toFixed(1);
    console.log(`  memory per idle client (${IDLE} connections after CONNECT_OPEN, RSS growth / ${IDLE}): ` +
      `tsvirtd ${per(ma)} KiB (RSS ${ma.before} -> ${ma.after} KiB) | libvirtd ${per(mb)} KiB (RSS ${mb.before} -> ${mb.after} KiB)`);
    loop(ours, 1); loop(theirs, 1); // warm up
    console.log('  libvirt-python lookupByName+info loop over a unix socket, test driver; medians (ranges) of ' +
      `${ROUNDS} rounds of ${SECONDS} s`);
    const cases = [{ n: 1, oneCpu: false }, { n: 1, oneCpu: true }, { n: 8, oneCpu: false }];
    for (const { n, oneCpu } of cases) {
      const a: Sample[] = [];
      const b: Sample[] = [];
      const floor: Sample[] = [];
      for (let i = 0; i < ROUNDS; i++) { a.push(loop(ours, n, oneCpu)); b.push(loop(theirs, n, oneCpu)); floor.push(loop(relay, n, oneCpu)); }
      const side = (v: Sample[]) => {
        const calls = v.map((s) => s.callsPerSec);
        const cpu = v.map((s) => s.daemonCpuUs);
        return `${median(calls).toFixed(0)} (${range(calls)}) calls/s p99 ${median(v.map((s) => s.p99ms)).toFixed(2)} ms ` +
          `daemon CPU ${median(cpu).toFixed(1)} (${range(cpu, 1)}) us/call`;
      };
      const ratios = a.map((s, i) => s.callsPerSec / b[i]!.callsPerSec);
      const cpuRatio = median(b.map((s) => s.daemonCpuUs)) / median(a.map((s) => s.daemonCpuUs));
      console.log(`  ${n} connection(s)${oneCpu ? ', client and daemon on one CPU' : ''}: tsvirtd ${side(a)} | libvirtd ${side(b)}`);
      console.log(`    ratio calls/s ${median(ratios).toFixed(2)}x (${range(ratios, 2)}, goal >= 1.5x); daemon CPU per call libvirtd/tsvirtd ${cpuRatio.toFixed(2)}x`);
      const floorRatios = floor.map((s, i) => s.callsPerSec / b[i]!.callsPerSec);
      console.log(`    floor (canned-reply Node relay, no decoding or driver): ${side(floor)}; ratio to libvirtd ${median(floorRatios).toFixed(2)}x (${range(floorRatios, 2)})`);
    }
    console.log(`  load average ${load()} at the end`);
  } finally {
    await relay.stop();
    await Promise.all([ours.stop(), theirs.stop()]);
  }
}
