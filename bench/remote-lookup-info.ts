/**
 * lookup-by-name + get-info through the remote driver against a real libvirtd (libvirt 9.0.0,
 * test:///default on a Unix socket), beside libvirt-python against the same daemon, with 1 and 8
 * concurrent callers sharing one connection. Prints iterations/s, p99 latency and the ratios.
 *
 *   node dist/bench/remote-lookup-info.js      (BENCH_SECONDS=N per side and concurrency; needs root for libvirtd)
 */
import { spawnSync } from 'node:child_process';
import * as v from '../src/index.js';
import { libvirtdSkip, startLibvirtd } from '../test/daemon/harness.js';

const SECONDS = Number(process.env.BENCH_SECONDS) || 2;
const WARMUP_SECONDS = 0.5;

/** `cpuUs`: the client process's CPU time (user + system) per iteration, steadier than calls/s on a busy machine. */
interface Result { iterations: number; seconds: number; p99ms: number; cpuUs: number }

function p99(latencies: number[]): number {
  const sorted = latencies.sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0;
}

async function ours(uri: string, workers: number, seconds: number): Promise<Result> {
  const conn = await v.open(uri);
  try {
    const latencies: number[] = [];
    const cpu = process.cpuUsage();
    const started = performance.now();
    const deadline = started + seconds * 1000;
    await Promise.all(Array.from({ length: workers }, async () => {
      while (performance.now() < deadline) {
        const t = performance.now();
        const dom = await conn.lookupByName('test');
        await dom.info();
        dom.free();
        latencies.push(performance.now() - t);
      }
    }));
    const used = process.cpuUsage(cpu);
    return { iterations: latencies.length, seconds: (performance.now() - started) / 1000, p99ms: p99(latencies), cpuUs: (used.user + used.system) / latencies.length };
  } finally {
    await conn.close();
  }
}

/** The same loop in libvirt-python: `workers` threads on one connection, timed inside python. */
const PYTHON_LOOP = String.raw`
import json, resource, sys, threading, time, libvirt
uri, workers, seconds, warmup = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
conn = libvirt.open(uri)
def run(duration):
    lat = []
    deadline = time.perf_counter() + duration
    def worker():
        mine = []
        while time.perf_counter() < deadline:
            t = time.perf_counter()
            dom = conn.lookupByName('test')
            dom.info()
            del dom
            mine.append(time.perf_counter() - t)
        lat.extend(mine)
    started = time.perf_counter()
    ru = resource.getrusage(resource.RUSAGE_SELF)
    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for th in threads: th.start()
    for th in threads: th.join()
    ru2 = resource.getrusage(resource.RUSAGE_SELF)
    lat.sort()
    cpu = (ru2.ru_utime - ru.ru_utime + ru2.ru_stime - ru.ru_stime) * 1e6 / max(1, len(lat))
    return {'iterations': len(lat), 'seconds': time.perf_counter() - started, 'p99ms': lat[min(len(lat) - 1, int(len(lat) * 0.99))] * 1000, 'cpuUs': cpu}
run(warmup)
json.dump(run(seconds), sys.stdout)
conn.close()
`;

function python(uri: string, workers: number): Result | string {
  const r = spawnSync('/usr/bin/python3', ['-c', PYTHON_LOOP, uri, String(workers), String(SECONDS), String(WARMUP_SECONDS)], { encoding: 'utf8' });
  if (r.error) return `cannot run /usr/bin/python3 (${r.error.message})`;
  if (r.status !== 0) return /No module named .?libvirt/.test(r.stderr) ? 'libvirt-python is not installed' : `python failed: ${r.stderr.trim()}`;
  return JSON.parse(r.stdout) as Result;
}

const rate = (r: Result) => r.iterations / r.seconds;

if (libvirtdSkip) {
  console.log(`remote lookup+info: not measured: ${libvirtdSkip}`);
} else {
  const daemon = await startLibvirtd();
  try {
    const uri = `test+unix:///default?socket=${daemon.socket}`;
    for (const workers of [1, 8]) {
      await ours(uri, workers, WARMUP_SECONDS);
      const mine = await ours(uri, workers, SECONDS);
      const ref = python(uri, workers);
      const line = `remote lookup+info x${workers}: tsvirt ${Math.round(rate(mine))}/s p99 ${mine.p99ms.toFixed(2)} ms cpu ${mine.cpuUs.toFixed(0)} us/iter`;
      if (typeof ref === 'string') console.log(`${line}, libvirt-python not measured: ${ref}`);
      else {
        console.log(`${line}, libvirt-python ${Math.round(rate(ref))}/s p99 ${ref.p99ms.toFixed(2)} ms cpu ${ref.cpuUs.toFixed(0)} us/iter, `
          + `ratio ${(rate(mine) / rate(ref)).toFixed(2)} (p99 ${(ref.p99ms / mine.p99ms).toFixed(2)}, cpu ${(ref.cpuUs / mine.cpuUs).toFixed(2)})`);
      }
    }
  } finally {
    await daemon.stop();
  }
}
