/**
 * Spawn-and-wait of /bin/true through the Command API against bare `child_process.spawn`,
 * measured in the same run, in interleaved rounds, like for like:
 *   - `runAsync()` + `wait()` (stdio on /dev/null)  vs  spawn with stdio 'ignore' + 'exit';
 *   - `run()`, which (as libvirt's virCommandRun) collects stderr for its error message,
 *     vs  spawn with a stderr pipe read to its end + 'close'.
 *
 * A process that inherited fds without close-on-exec (as some launchers leave them) makes the
 * Command API close them in the child through its pre-exec helper, which bare spawn skips (and
 * leaks). So the ratios are measured in a child with a clean fd table, and when this process
 * is not clean, its own figures are printed too.
 *
 *   node dist/bench/command.js        (BENCH_ROUNDS=N, BENCH_BATCH=N to change the amount)
 */
import { spawn, type StdioOptions } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command } from '../src/util/command/index.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS) || 20;
const BATCH = Number(process.env.BENCH_BATCH) || 100;
const CHILD_FLAG = 'TSVIRT_BENCH_COMMAND_CHILD';

function bareSpawn(stdio: StdioOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/true', [], { stdio });
    child.once('error', reject);
    child.stderr?.on('data', () => {});
    child.once(child.stderr ? 'close' : 'exit', () => resolve());
  });
}

const SIDES = {
  bareIgnore: () => bareSpawn('ignore'),
  bareStderr: () => bareSpawn(['ignore', 'ignore', 'pipe']),
  runAsyncWait: async () => {
    const command = new Command('/bin/true');
    await command.runAsync();
    await command.wait();
  },
  run: () => new Command('/bin/true').run(),
};
type Side = keyof typeof SIDES;
type Timings = Record<Side, number[]>;

async function timeBatch(once: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < BATCH; i++) await once();
  return (performance.now() - started) / BATCH;
}

/** Every side once per round, so that load changes on the machine hit all of them alike. */
async function measure(): Promise<Timings> {
  const sides = Object.keys(SIDES) as Side[];
  const timings = Object.fromEntries(sides.map((side) => [side, [] as number[]])) as Timings;
  for (const side of sides) await timeBatch(SIDES[side]);
  for (let round = 0; round < ROUNDS; round++) {
    for (const side of sides) timings[side].push(await timeBatch(SIDES[side]));
  }
  return timings;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** The median over rounds of one side's time over another's: a burst of load in one round barely moves it. */
function compare(t: Timings, ours: Side, bare: Side, label: string): string {
  const ratio = median(t[ours].map((ms, round) => ms / t[bare][round]!));
  return `${label}: ${median(t[ours]).toFixed(3)} ms vs ${median(t[bare]).toFixed(3)} ms, ratio ${ratio.toFixed(3)}`;
}

function report(t: Timings, indent: string): void {
  console.log(`${indent}${compare(t, 'runAsyncWait', 'bareIgnore', 'runAsync()+wait() vs spawn, stdio ignored')}`);
  console.log(`${indent}${compare(t, 'run', 'bareStderr', 'run() vs spawn reading a stderr pipe')}`);
  console.log(`${indent}${compare(t, 'run', 'bareIgnore', 'run() vs spawn, stdio ignored')}`);
}

/** Our fds above stderr that an exec would pass on (no O_CLOEXEC in /proc/self/fdinfo). */
function inheritableFdCount(): number {
  return readdirSync('/proc/self/fd').map(Number).filter((fd) => {
    try {
      const flags = /^flags:\s*([0-7]+)$/m.exec(readFileSync(`/proc/self/fdinfo/${fd}`, 'latin1'));
      return fd > 2 && flags !== null && (parseInt(flags[1]!, 8) & 0o2000000) === 0;
    } catch {
      return false;
    }
  }).length;
}

if (process.env[CHILD_FLAG]) {
  process.stdout.write(JSON.stringify(await measure()));
} else {
  // the Command API starts the measuring child with nothing but stdin/stdout/stderr
  const child = new Command(process.execPath, [fileURLToPath(import.meta.url)]).addEnvPassCommon()
    .addEnvPair(CHILD_FLAG, '1').addEnvPass('BENCH_ROUNDS').addEnvPass('BENCH_BATCH').setOutputBuffer();
  await child.run();
  console.log(`command: spawn-and-wait of /bin/true, ${ROUNDS} rounds of ${BATCH} runs per side (goal: ratio <= 1.10)`);
  console.log('  in a process with a clean fd table (medians):');
  report(JSON.parse(child.capturedOutput!) as Timings, '    ');
  const inherited = inheritableFdCount();
  if (inherited > 0) {
    console.log(`  in this process, holding ${inherited} fd(s) without close-on-exec, which the Command API ` +
      'closes in each child through its pre-exec helper (bare spawn leaks them):');
    report(await measure(), '    ');
  }
}
