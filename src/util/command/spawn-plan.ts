import type { SpawnOptions, StdioNull, StdioPipe } from 'node:child_process';
import { assertExecutable, resolveBinary } from './binary.js';
import { inheritableFds } from './inherited-fds.js';
import { preExecPrefix } from './pre-exec.js';
import type { CommandSpec, OutputTarget } from './types.js';

type StdioEntry = StdioNull | StdioPipe | number;

/** How to call child_process.spawn for a command, and which child pipes we read into strings. */
export interface SpawnPlan {
  readonly file: string;
  readonly args: readonly string[];
  readonly options: SpawnOptions;
  readonly captureStdout: boolean;
  readonly captureStderr: boolean;
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

export function planSpawn(spec: CommandSpec): SpawnPlan {
  const binary = resolveBinary(spec.argv[0]!);
  const { stdio, stderrIntoStdout } = stdioFor(spec);
  const closeFds = inheritableFds().filter((fd) => !spec.passFds.has(fd));
  const prefix = preExecPrefix({ ...spec.setup, stderrIntoStdout, closeFds });
  if (prefix.length > 0) assertExecutable(binary);
  const [file, ...args] = [...prefix, binary, ...spec.argv.slice(1)];
  let env: NodeJS.ProcessEnv | undefined;
  if (spec.env !== null) {
    env = {};
    for (const entry of spec.env) {
      const eq = entry.indexOf('=');
      env[entry.slice(0, eq)] = entry.slice(eq + 1);
    }
  }
  return {
    file: file!,
    args,
    options: {
      stdio,
      env,
      cwd: spec.daemon ? '/' : spec.cwd ?? undefined,
      detached: spec.daemon || spec.newSession,
    },
    captureStdout: spec.stdout.kind === 'buffer',
    captureStderr: spec.stderr.kind === 'buffer',
  };
}
