/**
 * tsvirtd against libvirtd, both serving the test driver over a unix socket, driven by the same
 * libvirt-python client loop (lookupByName + info per iteration) with 1 and 8 connections (one
 * process each), in interleaved rounds. Prints calls/s (2 RPCs per iteration), p99 iteration
 * latency and the ratio, and the daemons' memory per idle client connection.
 *
 *   node dist/bench/daemon.js     (BENCH_SECONDS=N per measurement, BENCH_ROUNDS=N, BENCH_IDLE=N)
 * Needs root (libvirtd runs as nobody), libvirtd, setpriv and libvirt-python; otherwise it says so.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { RpcConnection } from '../src/rpc/connection.js';
import { remoteProgram, procedures as P } from '../src/rpc/protocol/remote.js';
import { havePython, libvirtdSkip, startLibvirtd, startTsvirtd, type RunningDaemon } from '../test/daemon/harness.js';

const SECONDS = Number(process.env.BENCH_SECONDS) || 3;
const ROUNDS = Number(process.env.BENCH_ROUNDS) || 3;
const IDLE = Number(process.env.BENCH_IDLE) || 1000;

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

interface Sample { callsPerSec: number; p99ms: number }

function loop(socket: string, conns: number): Sample {
  const r = spawnSync('/usr/bin/python3', ['-c', LOOP, `test+unix:///default?socket=${socket}`, String(SECONDS), String(conns)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python loop failed: ${r.stderr}`);
  const { iterations, p99 } = JSON.parse(r.stdout) as { iterations: number; p99: number };
  return { callsPerSec: (iterations * 2) / SECONDS, p99ms: p99 * 1000 };
}

function rssKiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

/** The libvirtd process itself (setpriv execs it, so the pid is the same). */
async function idleCost(d: RunningDaemon): Promise<number> {
  const before = rssKiB(d.pid);
  const conns: RpcConnection[] = [];
  for (let i = 0; i < IDLE; i++) {
    const s = net.connect(d.socket);
    await new Promise((r) => s.once('connect', r));
    const c = new RpcConnection(s);
    await c.invoke(remoteProgram, P.CONNECT_OPEN, { name: 'test:///default', flags: 0 });
    conns.push(c);
  }
  await new Promise((r) => setTimeout(r, 500));
  const after = rssKiB(d.pid);
  for (const c of conns) c.destroy();
  return (after - before) / IDLE;
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;

const skip = !havePython ? 'needs libvirt-python' : libvirtdSkip;
if (skip) {
  console.log(`bench/daemon: skipped (${skip})`);
} else {
  const [ours, theirs] = await Promise.all([startTsvirtd('max_client_requests = 5\n'), startLibvirtd()]);
  try {
    loop(ours.socket, 1); loop(theirs.socket, 1); // warm up
    console.log('bench/daemon: libvirt-python lookupByName+info loop over a unix socket, test driver');
    for (const n of [1, 8]) {
      const a: Sample[] = [];
      const b: Sample[] = [];
      for (let i = 0; i < ROUNDS; i++) { a.push(loop(ours.socket, n)); b.push(loop(theirs.socket, n)); }
      const ca = median(a.map((s) => s.callsPerSec));
      const cb = median(b.map((s) => s.callsPerSec));
      console.log(`  ${n} connection(s): tsvirtd ${ca.toFixed(0)} calls/s p99 ${median(a.map((s) => s.p99ms)).toFixed(2)} ms | ` +
        `libvirtd ${cb.toFixed(0)} calls/s p99 ${median(b.map((s) => s.p99ms)).toFixed(2)} ms | ratio ${(ca / cb).toFixed(2)}x (goal >= 1.5x)`);
    }
    const ma = await idleCost(ours);
    const mb = await idleCost(theirs);
    console.log(`  memory per idle client (${IDLE} opened connections, RSS delta): tsvirtd ${ma.toFixed(1)} KiB | libvirtd ${mb.toFixed(1)} KiB`);
  } finally {
    await Promise.all([ours.stop(), theirs.stop()]);
  }
}
