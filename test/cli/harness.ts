/**
 * The differential harness: a scenario is one tsvirsh/virsh invocation (one session: a command
 * string, several argv words or lines on standard input), run through real virsh 9.0.0 and
 * through tsvirsh in fresh temporary directories; stdout, stderr and exit status must match
 * after normalising only what truly varies (the temporary path, the host name, CPU time).
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Scenario {
  name: string;
  /** Arguments after the program name; `$DIR` stands for the scenario's temporary directory. */
  args: string[];
  /** Standard input (not a terminal), for the line-by-line mode. */
  stdin?: string;
  /** Files to create in the temporary directory before running (name -> content, `$DIR` expanded). */
  files?: Record<string, string>;
  env?: Record<string, string>;
}

/**
 * How a scenario is run. `vars` are placeholders besides `$DIR` (e.g. `$SOCKET` for a daemon's
 * socket), expanded in arguments, input, files and environment and turned back into their names in
 * the output, so two runs reaching different daemons compare equal. `dirMode` opens the
 * temporary directory to a daemon running as another user.
 */
export interface RunOptions {
  vars?: Record<string, string>;
  dirMode?: number;
}

export interface Outcome {
  stdout: string;
  stderr: string;
  status: number | null;
}

const here = dirname(fileURLToPath(import.meta.url));
/** The installed bin: the bundled CLI run through its code cache (npm run build makes both). */
export const TSVIRSH = join(here, '..', '..', 'src', 'cli', 'bin.cjs');

export const haveVirsh = spawnSync('virsh', ['--version'], { encoding: 'utf8' }).status === 0;

/** `-c test:///default` followed by the words given: the usual start of a scenario. */
export const onDefault = (...words: string[]): string[] => ['-c', 'test:///default', ...words];

/** The scenarios' locale: C unless TSVIRSH_HARNESS_LC_ALL names another (to hunt in, e.g., C.UTF-8). */
const LOCALE = process.env.TSVIRSH_HARNESS_LC_ALL || 'C';

function cleanEnv(dir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: dir, LC_ALL: LOCALE, ...extra };
}

function expand(text: string, dir: string, vars: Record<string, string> = {}): string {
  let out = text.split('$DIR').join(dir);
  for (const [name, value] of Object.entries(vars)) out = out.split(name).join(value);
  return out;
}

/** The values of `vars` back to their names, longest first (one value may contain another). */
function unexpand(text: string, vars: Record<string, string>): string {
  return Object.entries(vars).sort(([, a], [, b]) => b.length - a.length).reduce((out, [name, value]) => out.split(value).join(name), text);
}

/** Run one program to its end (or kill it after `timeout` ms: status null), collecting its output. */
function runProgram(program: string[], options: { cwd: string; input: string; env: NodeJS.ProcessEnv; timeout: number }): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(program[0]!, program.slice(1), { cwd: options.cwd, env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeout);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, status: code });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input);
  });
}

async function runIn(program: string[], scenario: Scenario, timeout: number, options: RunOptions): Promise<Outcome> {
  const dir = await mkdtemp(join(tmpdir(), 'tsvirsh-diff-'));
  const vars = options.vars ?? {};
  const fill = (text: string): string => expand(text, dir, vars);
  try {
    if (options.dirMode !== undefined) await chmod(dir, options.dirMode);
    for (const [name, content] of Object.entries(scenario.files ?? {})) {
      await mkdir(dirname(join(dir, name)), { recursive: true });
      await writeFile(join(dir, name), fill(content));
    }
    const env = Object.fromEntries(Object.entries(scenario.env ?? {}).map(([k, v]) => [k, fill(v)]));
    const run = await runProgram([...program, ...scenario.args.map(fill)], {
      cwd: dir,
      input: scenario.stdin === undefined ? '' : fill(scenario.stdin),
      env: cleanEnv(dir, env),
      timeout,
    });
    const clean = (text: string): string => normalise(unexpand(text, vars), dir);
    return { stdout: clean(run.stdout), stderr: clean(run.stderr), status: run.status };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Replace what differs between two runs of the same scenario and nothing else. */
export function normalise(text: string, dir: string): string {
  const host = hostname();
  let out = scrolledDirTail(text, dir).split(dir).join('$DIR');
  if (host) out = out.replace(new RegExp(`^${host.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'gm'), '$HOST');
  // The test driver's CPU time follows the wall clock.
  out = out.replace(/^(CPU time:\s+)\d+\.\ds$/gm, '$1<cpu>s');
  out = out.replace(/^(cpu_time\s+)\d+\.\ds$/gm, '$1<cpu>s');
  out = out.replace(/^(\d+\s+\d+\s+\S+\s+)\d+\.\ds(\s+\S+)$/gm, '$1<cpu>s$2');
  out = out.replace(/^\(Time: \d+\.\d{3} ms\)$/gm, '(Time: <ms> ms)');
  // The test driver derives block and interface counters from the wall clock.
  out = out.replace(/^(\S+ (?:rd|wr|rx|tx)_(?:req|bytes|packets|errs|drop)|\S+ errs) \d+$/gm, '$1 <n>');
  out = out.replace(/^( (?:number of (?:read|write) operations|number of bytes (?:read|written)|error count): +)\d+$/gm, '$1<n>');
  // virsh's edit commands name their temporary file with six random letters (g_mkstemp).
  out = out.replace(/\/virsh[A-Za-z0-9]{6}\.xml\b/g, '/virshXXXXXX.xml');
  // Snapshots record the wall-clock second they were taken.
  out = out.replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d{4}/g, 'YYYY-MM-DD hh:mm:ss +zzzz');
  out = out.replace(/<creationTime>\d+<\/creationTime>/g, '<creationTime>T</creationTime>');
  // A snapshot created without a name is named after the current second.
  const now = Date.now() / 1000;
  out = out.replace(/\b\d{10}\b/g, (n) => (Math.abs(Number(n) - now) < 3600 ? '<epoch>' : n));
  return sortStatsRecords(out);
}

/**
 * A long line echoed from standard input is scrolled by readline: the visible part may start
 * inside the temporary directory's name, whose random letters are replaced.
 */
function scrolledDirTail(text: string, dir: string): string {
  return text.replace(/\r<(\S+)/g, (whole, shown: string) => {
    for (let k = Math.min(dir.length - 1, shown.length); k > 0; k--) {
      if (shown.startsWith(`${dir.slice(-k)}/`)) return `\r<${'X'.repeat(k)}${shown.slice(k)}`;
    }
    return whole;
  });
}

/**
 * libvirt's test driver reports all-domain stats in its hash table's order, seeded at random
 * in each process: the records of one domstats output (separated by blank lines) are sorted.
 */
function sortStatsRecords(text: string): string {
  return text.replace(/^Domain: '.*'\n(?: {2}.*\n)*(?:\nDomain: '.*'\n(?: {2}.*\n)*)+/gm,
    (block) => block.split(/(?<=\n)\n(?=Domain: ')/).sort().join('\n'));
}

/**
 * virsh's save and managedsave can hang for good when the job ends before virsh starts waiting
 * for it (a race in virsh 9.0.0 itself): a run that times out is tried again.
 */
export async function runVirsh(scenario: Scenario, options: RunOptions = {}, timeout = 5_000): Promise<Outcome> {
  for (let attempt = 1; ; attempt++) {
    const outcome = await runIn(['virsh'], scenario, timeout, options);
    if (outcome.status !== null || attempt === 8) return outcome;
  }
}
export const runTsvirsh = (scenario: Scenario, options: RunOptions = {}): Promise<Outcome> => runIn([process.execPath, TSVIRSH], scenario, 30_000, options);
