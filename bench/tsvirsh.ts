/**
 * tsvirsh against real virsh, measured in the same run:
 * - batch: 1,000 commands in one session (one command string), tsvirsh and virsh each on
 *   test:///default; ratio virsh time / tsvirsh time (above 1.0: tsvirsh is faster).
 * - start-up: one-shot `tsvirsh -c test:///default list` against `node -e 0` (the floor) and
 *   `virsh -c test:///default list`; medians of several runs, the difference to bare Node in ms.
 *
 *   node dist/bench/tsvirsh.js        (BENCH_RUNS=N runs per start-up measurement, default 15)
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const TSVIRSH = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'cli', 'bin.cjs');
const RUNS = Number(process.env.BENCH_RUNS) || 15;
const haveVirsh = spawnSync('virsh', ['--version']).status === 0;

/** A realistic mix: listings, lookups, state changes and their reversal, so state stays bounded. */
const MIX = ['list --all', 'dominfo test', 'domstate test --reason', 'suspend test', 'resume test', 'domid test',
  'dumpxml test', 'vcpucount test', 'setmem test 1048576', 'nodeinfo'];
const BATCH = Array.from({ length: 1000 }, (_, i) => MIX[i % MIX.length]).join('\n');

function timeRun(program: string[]): number {
  const started = performance.now();
  const run = spawnSync(program[0]!, program.slice(1), { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`${program.join(' ').slice(0, 80)} failed: ${run.stderr}`);
  return ms;
}

function median(program: string[], runs: number): number {
  const times = Array.from({ length: runs }, () => timeRun(program)).sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const node = [process.execPath];
// Warm the file cache for both sides before timing.
timeRun([...node, TSVIRSH, '-c', 'test:///default', 'list']);
const batchOurs = median([...node, TSVIRSH, '-c', 'test:///default', BATCH], 3);
if (haveVirsh) {
  const batchTheirs = median(['virsh', '-c', 'test:///default', BATCH], 3);
  console.log(`tsvirsh batch of 1000 commands: tsvirsh ${batchOurs.toFixed(0)} ms, virsh ${batchTheirs.toFixed(0)} ms, ratio ${(batchTheirs / batchOurs).toFixed(2)}`);
} else {
  console.log(`tsvirsh batch of 1000 commands: tsvirsh ${batchOurs.toFixed(0)} ms (virsh not installed: no reference)`);
}

const bare = median([...node, '-e', '0'], RUNS);
const oneShot = median([...node, TSVIRSH, '-c', 'test:///default', 'list'], RUNS);
const virshOneShot = haveVirsh ? median(['virsh', '-c', 'test:///default', 'list'], RUNS) : NaN;
console.log(`tsvirsh one-shot list: ${oneShot.toFixed(1)} ms, node -e 0 ${bare.toFixed(1)} ms, `
  + `difference ${(oneShot - bare).toFixed(1)} ms (goal: within 50), ratio to bare node ${(oneShot / bare).toFixed(2)}`
  + (haveVirsh ? `, virsh ${virshOneShot.toFixed(1)} ms` : ''));
