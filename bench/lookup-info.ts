/**
 * lookup-by-name + get-info calls per second on test:///default, in process: tsvirt beside
 * libvirt-python on libvirt's own test driver, measured in the same run.
 *
 *   node dist/bench/lookup-info.js        (BENCH_SECONDS=N to time each side for N seconds)
 */
import { spawnSync } from 'node:child_process';
import * as v from '../src/index.js';

const SECONDS = Number(process.env.BENCH_SECONDS) || 2;
const WARMUP_SECONDS = 0.5;
/** Iterations between clock reads, small enough to stop near the deadline. */
const BATCH = 1000;

interface Rate { iterations: number; seconds: number }

async function lookupInfoLoop(conn: v.Connect, seconds: number): Promise<Rate> {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let iterations = 0;
  let now = started;
  while (now < deadline) {
    for (let i = 0; i < BATCH; i++) {
      const dom = await conn.lookupByName('test');
      await dom.info();
      dom.free();
    }
    iterations += BATCH;
    now = performance.now();
  }
  return { iterations, seconds: (now - started) / 1000 };
}

async function measureTsvirt(): Promise<Rate> {
  const conn = await v.open('test:///default');
  try {
    await lookupInfoLoop(conn, WARMUP_SECONDS);
    return await lookupInfoLoop(conn, SECONDS);
  } finally {
    await conn.close();
  }
}

/** The same loop in libvirt-python, timed inside python; prints {"iterations": n, "seconds": s}. */
const PYTHON_LOOP = String.raw`
import json, sys, time, libvirt
seconds, warmup, batch = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
conn = libvirt.open('test:///default')
def loop(duration):
    started = time.perf_counter()
    deadline = started + duration
    iterations = 0
    now = started
    while now < deadline:
        for _ in range(batch):
            dom = conn.lookupByName('test')
            dom.info()
            del dom
        iterations += batch
        now = time.perf_counter()
    return {'iterations': iterations, 'seconds': now - started}
loop(warmup)
json.dump(loop(seconds), sys.stdout)
conn.close()
`;

/** libvirt-python's rate, or the reason it could not be measured. */
function measureLibvirtPython(): Rate | string {
  const run = spawnSync('/usr/bin/python3', ['-c', PYTHON_LOOP, String(SECONDS), String(WARMUP_SECONDS), String(BATCH)],
    { encoding: 'utf8' });
  if (run.error) return `cannot run /usr/bin/python3 (${run.error.message})`;
  if (run.status !== 0) {
    return /No module named .?libvirt/.test(run.stderr) ? 'libvirt-python is not installed' : `python failed: ${run.stderr.trim()}`;
  }
  return JSON.parse(run.stdout) as Rate;
}

function perSecond(rate: Rate): number {
  return rate.iterations / rate.seconds;
}

const ours = perSecond(await measureTsvirt());
const theirs = measureLibvirtPython();
if (typeof theirs === 'string') {
  console.log(`lookup+info: tsvirt ${Math.round(ours)}/s, libvirt-python not measured: ${theirs}`);
} else {
  const reference = perSecond(theirs);
  console.log(`lookup+info: tsvirt ${Math.round(ours)}/s, libvirt-python ${Math.round(reference)}/s, ratio ${(ours / reference).toFixed(2)}`);
}
