/**
 * tsvirsh against real virsh, measured in the same run:
 * - batch: 1,000 commands in one session (one command string), tsvirsh and virsh each on
 *   test:///default; ratio virsh / tsvirsh (above 1.0: tsvirsh is faster), for the whole
 *   process (start-up included, where bare Node alone takes longer than virsh) and for the
 *   commands alone (batch less the one-shot, per command): the throughput goal.
 * - start-up: one-shot `tsvirsh -c test:///default list` against `node -e 0` (the floor) and
 *   `virsh -c test:///default list`; the difference to bare Node in ms.
 * Each is reported as wall time (medians) and as CPU time (user + system of the child processes,
 * the mean over the runs), which moves far less when other jobs share the machine.
 *
 *   node dist/bench/tsvirsh.js        (BENCH_RUNS=N runs per start-up measurement, default 15)
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const TSVIRSH = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'cli', 'bin.cjs');
const RUNS = Number(process.env.BENCH_RUNS) || 15;
const haveVirsh = spawnSync('virsh', ['--version']).status === 0;
const ticksPerSecond = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;

/** A realistic mix: listings, lookups, state changes and their reversal, so state stays bounded. */
const MIX = ['list --all', 'dominfo test', 'domstate test --reason', 'suspend test', 'resume test', 'domid test',
  'dumpxml test', 'vcpucount test', 'setmem test 1048576', 'nodeinfo'];
const BATCH = Array.from({ length: 1000 }, (_, i) => MIX[i % MIX.length]).join('\n');

/**
 * CPU time of the children this process has waited for, in ms (cutime + cstime of /proc/self/stat).
 * The kernel adds each child's exact time and rounds only when read, so the difference over N
 * runs divided by N is the mean per run to a tick / N.
 */
function childrenCpuMs(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /s, '').split(' ');
  // after the command name: state is field 3, cutime field 16, cstime field 17
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / ticksPerSecond;
}

/** Wall time of one run in ms; `input`, when given, is the program's standard input. */
function timeRun(program: string[], input?: string): number {
  const started = performance.now();
  const run = spawnSync(program[0]!, program.slice(1), { stdio: [input === undefined ? 'ignore' : 'pipe', 'ignore', 'pipe'], input, encoding: 'utf8' });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`${program.join(' ').slice(0, 80)} failed: ${run.stderr}`);
  return ms;
}

/** Median wall time and mean CPU time of `runs` runs, in ms. */
function measure(program: string[], runs: number, input?: string): { wall: number; cpu: number } {
  const cpuBefore = childrenCpuMs();
  const times = Array.from({ length: runs }, () => timeRun(program, input)).sort((a, b) => a - b);
  return { wall: times[Math.floor(times.length / 2)]!, cpu: (childrenCpuMs() - cpuBefore) / runs };
}

const node = [process.execPath];
const ms = (n: number): string => n.toFixed(1);
const us = (n: number): string => (n * 1000).toFixed(0);
// The batch's own cost, start-up taken out: what 1,000 more commands add to one session.
const perCommand = (batch: number, single: number): number => (batch - single) / 999;

// Warm the file cache for both sides before timing.
timeRun([...node, TSVIRSH, '-c', 'test:///default', 'list']);
const bare = measure([...node, '-e', '0'], RUNS);
const oneShot = measure([...node, TSVIRSH, '-c', 'test:///default', 'list'], RUNS);
const ours = [...node, TSVIRSH, '-c', 'test:///default'];
const theirs = ['virsh', '-c', 'test:///default'];
console.log(`tsvirsh load average at start: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);

/**
 * The batch in one of virsh's two non-interactive forms: all commands in one argument, or one per
 * line on standard input (where virsh reads through readline: several system calls a command).
 */
function batch(form: string, args: string[], input?: string, virshOneShot?: { wall: number; cpu: number }): void {
  const batchOurs = measure([...ours, ...args], 5, input);
  if (!virshOneShot) {
    console.log(`tsvirsh batch of 1000 commands ${form}: wall ${batchOurs.wall.toFixed(0)} ms, CPU ${batchOurs.cpu.toFixed(0)} ms (virsh not installed: no reference)`);
    return;
  }
  const batchTheirs = measure([...theirs, ...args], 5, input);
  console.log(`tsvirsh batch of 1000 commands ${form} (whole process): wall tsvirsh ${batchOurs.wall.toFixed(0)} ms, virsh ${batchTheirs.wall.toFixed(0)} ms, `
    + `ratio ${(batchTheirs.wall / batchOurs.wall).toFixed(2)}; CPU tsvirsh ${batchOurs.cpu.toFixed(0)} ms, virsh ${batchTheirs.cpu.toFixed(0)} ms`);
  const wallOurs = perCommand(batchOurs.wall, oneShot.wall);
  const wallTheirs = perCommand(batchTheirs.wall, virshOneShot.wall);
  const cpuOurs = perCommand(batchOurs.cpu, oneShot.cpu);
  const cpuTheirs = perCommand(batchTheirs.cpu, virshOneShot.cpu);
  console.log(`tsvirsh per command ${form} (start-up taken out): wall tsvirsh ${us(wallOurs)} us, virsh ${us(wallTheirs)} us, `
    + `ratio ${(wallTheirs / wallOurs).toFixed(2)}; CPU tsvirsh ${us(cpuOurs)} us, virsh ${us(cpuTheirs)} us, ratio ${(cpuTheirs / cpuOurs).toFixed(2)} `
    + '(goal: both ratios above 1.0)');
}

const virshOneShot = haveVirsh ? measure([...theirs, 'list'], RUNS) : undefined;
batch('in one argument', [BATCH], undefined, virshOneShot);
batch('on standard input', [], `${BATCH}\n`, virshOneShot);
const floor = `node -e 0 ${ms(bare.wall)} ms, difference ${ms(oneShot.wall - bare.wall)} ms`;
const floorCpu = `node -e 0 ${ms(bare.cpu)} ms, difference ${ms(oneShot.cpu - bare.cpu)} ms (goal: within 50)`;
console.log(`tsvirsh one-shot list: wall ${ms(oneShot.wall)} ms, ${floor}${virshOneShot ? `, virsh ${ms(virshOneShot.wall)} ms` : ''}; `
  + `CPU ${ms(oneShot.cpu)} ms, ${floorCpu}${virshOneShot ? `, virsh ${ms(virshOneShot.cpu)} ms` : ''}`);
