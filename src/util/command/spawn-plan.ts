import type { SpawnOptions, StdioNull, StdioPipe } from 'node:child_process';
import { assertExecutable, resolveBinary } from './binary.js';
import { inheritableFds } from './inherited-fds.js';
import { planPreExec } from './pre-exec.js';
import type { CommandSpec, OutputTarget } from './types.js';

type StdioEntry = StdioNull | StdioPipe | number;

/** How to call child_process.spawn for a command, and what to do with the child's pipes. */
export interface SpawnPlan {
  readonly file: string;
  readonly args: readonly string[];
  readonly options: SpawnOptions;
  readonly captureStdout: boolean;
  readonly captureStderr: boolean;
  /** stdin is a pipe the caller writes. */
  readonly callerStdin: boolean;
  /** The child's environment, to write on this fd of the child for the pre-exec helper. */
  readonly envPipe: { readonly fd: number; readonly data: Buffer } | null;
}

function outputEntry(target: OutputTarget): StdioEntry {
  switch (target.kind) {
    case 'null': return 'ignore';
    case 'fd': return target.fd;
    default: return 'pipe';
  }
}

/**
 * The stdio array: 0-2 as asked (/dev/null by default), each passed fd at its own index, every
 * other index ignored. Node creates all its own fds close-on-exec, so only these reach the child.
 */
function stdioFor(spec: CommandSpec): { stdio: StdioEntry[]; stderrIntoStdout: boolean } {
  const stdin: StdioEntry = spec.stdin.kind === 'null' ? 'ignore' : spec.stdin.kind === 'fd' ? spec.stdin.fd : 'pipe';
  const stdout = outputEntry(spec.stdout);
  let stderr: StdioEntry;
  let stderrIntoStdout = false;
  if (spec.stderr.kind !== 'stdout') stderr = outputEntry(spec.stderr);
  else if (typeof stdout === 'number') stderr = stdout;
  else {
    stderr = 'ignore';
    stderrIntoStdout = stdout === 'pipe';
  }
  const stdio: StdioEntry[] = [stdin, stdout, stderr];
  for (const fd of spec.passFds.keys()) {
    while (stdio.length <= fd) stdio.push('ignore');
    stdio[fd] = fd;
  }
  return { stdio, stderrIntoStdout };
}

function environmentEntries(spec: CommandSpec): readonly string[] {
  return spec.env ?? Object.entries(process.env).map(([name, value]) => `${name}=${value}`);
}

function entriesToRecord(entries: readonly string[]): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return env;
}

export function planSpawn(spec: CommandSpec): SpawnPlan {
  const binary = resolveBinary(spec.argv[0]!);
  const { stdio, stderrIntoStdout } = stdioFor(spec);
  const passFds = [...spec.passFds.keys()];
  const closeInherited = inheritableFds().some((fd) => !spec.passFds.has(fd));
  const preExec = planPreExec({ ...spec.setup, stderrIntoStdout, closeInherited }, passFds);
  if (preExec.prefix.length > 0) assertExecutable(binary);
  const [file, ...args] = [...preExec.prefix, binary, ...spec.argv.slice(1)];

  let env: NodeJS.ProcessEnv | undefined;
  let envPipe: SpawnPlan['envPipe'] = null;
  if (preExec.envFd !== null) {
    while (stdio.length <= preExec.envFd) stdio.push('ignore');
    stdio[preExec.envFd] = 'pipe';
    envPipe = { fd: preExec.envFd, data: Buffer.from(environmentEntries(spec).join('\0')) };
    env = {};
  } else if (spec.env !== null) {
    env = entriesToRecord(spec.env);
  }
  return {
    file: file!,
    args,
    options: { stdio, env, cwd: spec.daemon ? '/' : spec.cwd ?? undefined, detached: spec.daemon || spec.newSession },
    captureStdout: spec.stdout.kind === 'buffer',
    captureStderr: spec.stderr.kind === 'buffer',
    callerStdin: spec.stdin.kind === 'pipe',
    envPipe,
  };
}
