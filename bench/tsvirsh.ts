/**
 * tsvirsh against real virsh, measured in the same run:
 * - batch: 1,000 commands in one session (one command string), tsvirsh and virsh each on
 *   test:///default; ratio virsh time / tsvirsh time (above 1.0: tsvirsh is faster), for the
 *   whole process and for the commands alone (batch time less the one-shot time, per command).
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
const bare = median([...node, '-e', '0'], RUNS);
const oneShot = median([...node, TSVIRSH, '-c', 'test:///default', 'list'], RUNS);
const batchOurs = median([...node, TSVIRSH, '-c', 'test:///default', BATCH], 5);
// The batch's own cost, start-up taken out: what 1,000 more commands add to one session.
const perCommand = (batch: number, single: number): number => (batch - single) / 999;
if (haveVirsh) {
  const virshOneShot = median(['virsh', '-c', 'test:///default', 'list'], RUNS);
  const batchTheirs = median(['virsh', '-c', 'test:///default', BATCH], 5);
  console.log(`tsvirsh batch of 1000 commands (whole process): tsvirsh ${batchOurs.toFixed(0)} ms, virsh ${batchTheirs.toFixed(0)} ms, `
    + `ratio ${(batchTheirs / batchOurs).toFixed(2)} (goal: above 1.0)`);
  const ours = perCommand(batchOurs, oneShot);
  const theirs = perCommand(batchTheirs, virshOneShot);
  console.log(`tsvirsh per command in a batch (start-up taken out): tsvirsh ${(ours * 1000).toFixed(0)} us, virsh ${(theirs * 1000).toFixed(0)} us, `
    + `ratio ${(theirs / ours).toFixed(2)}`);
  console.log(`tsvirsh one-shot list: ${oneShot.toFixed(1)} ms, node -e 0 ${bare.toFixed(1)} ms, `
    + `difference ${(oneShot - bare).toFixed(1)} ms (goal: within 50), virsh ${virshOneShot.toFixed(1)} ms`);
} else {
  console.log(`tsvirsh batch of 1000 commands: tsvirsh ${batchOurs.toFixed(0)} ms (virsh not installed: no reference)`);
  console.log(`tsvirsh one-shot list: ${oneShot.toFixed(1)} ms, node -e 0 ${bare.toFixed(1)} ms, difference ${(oneShot - bare).toFixed(1)} ms (goal: within 50)`);
}
