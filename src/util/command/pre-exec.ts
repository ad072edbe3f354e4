import { readFileSync } from 'node:fs';
import { resolveBinary } from './binary.js';
import type { ChildSetup, LimitValue, ResourceLimits } from './types.js';

/*
 * JavaScript cannot run in the child between fork and exec, so what libvirt does there in C is
 * done by small exec-ing helpers put in front of the command: a shell (close fds, cgroup,
 * umask, stderr onto stdout), `prlimit` (resource limits), `setpriv` (uid, gid, capabilities).
 * Each helper execs the next; user data only ever travels as separate argv words.
 */

const CAP_SETPCAP = 8n;

let canDropBoundingSet: boolean | null = null;

/** Lowering the bounding set needs CAP_SETPCAP; without it only the inheritable set is cleared. */
function hasSetpcap(): boolean {
  if (canDropBoundingSet === null) {
    const status = readFileSync('/proc/self/status', 'latin1');
    const effective = /^CapEff:\s*([0-9a-f]+)$/m.exec(status)?.[1] ?? '0';
    canDropBoundingSet = ((BigInt(`0x${effective}`) >> CAP_SETPCAP) & 1n) === 1n;
  }
  return canDropBoundingSet;
}

/** Whether the passwd database lists uid, so that setpriv can look up its groups. */
function userExists(uid: number): boolean {
  try {
    return readFileSync('/etc/passwd', 'utf8').split('\n').some((line) => line.split(':')[2] === String(uid));
  } catch {
    return false;
  }
}

function shellStep(setup: ChildSetup): string[] {
  const lines: string[] = [];
  const params: string[] = [];
  // fd numbers come from our own /proc scan, never from a caller, so they may be spelled in the script
  if (setup.closeFds.length > 0) lines.push(`exec ${setup.closeFds.map((fd) => `${fd}>&-`).join(' ')}`);
  if (setup.cgroup !== null) {
    lines.push('echo $$ > "$1/cgroup.procs" || exit 126; shift');
    params.push(setup.cgroup);
  }
  if (setup.umask !== null) {
    lines.push('umask "$1" || exit 126; shift');
    params.push(setup.umask.toString(8).padStart(4, '0'));
  }
  if (setup.stderrIntoStdout) lines.push('exec 2>&1');
  if (lines.length === 0) return [];
  lines.push('exec "$@"');
  // dash redirects only fds 0-9; bash in POSIX mode reads no startup file
  const shell = setup.closeFds.some((fd) => fd > 9) ? [resolveBinary('bash'), '--posix'] : [resolveBinary('sh')];
  return [...shell, '-c', lines.join('\n'), 'tsvirt-pre-exec', ...params];
}

const LIMIT_OPTIONS: Record<keyof ResourceLimits, string> = {
  maxFiles: 'nofile',
  maxProcesses: 'nproc',
  maxMemLock: 'memlock',
  maxCoreSize: 'core',
};

function limitsStep(limits: Readonly<ResourceLimits>): string[] {
  const options = Object.entries(limits)
    .filter((entry): entry is [keyof ResourceLimits, LimitValue] => entry[1] !== undefined)
    .map(([name, value]) => `--${LIMIT_OPTIONS[name]}=${value}:${value}`);
  return options.length > 0 ? [resolveBinary('prlimit'), ...options, '--'] : [];
}

function privilegesStep(setup: ChildSetup): string[] {
  if (setup.uid === null && setup.gid === null && !setup.clearCaps) return [];
  const options: string[] = [];
  if (setup.gid !== null) options.push(`--regid=${setup.gid}`);
  if (setup.uid !== null) options.push(`--reuid=${setup.uid}`);
  // like libvirt: the user's own groups when it has an entry, else just the gid
  if (setup.uid !== null && userExists(setup.uid)) options.push('--init-groups');
  else if (setup.gid !== null) options.push(`--groups=${setup.gid}`);
  else if (setup.uid !== null) options.push('--clear-groups');
  if (setup.clearCaps) {
    options.push('--inh-caps=-all', '--ambient-caps=-all');
    if (hasSetpcap()) options.push('--bounding-set=-all');
  }
  return [resolveBinary('setpriv'), ...options, '--'];
}

/**
 * The helpers to exec before the binary, outermost first: the shell runs while we still hold
 * every privilege (cgroup.procs may need them), limits are raised before capabilities go.
 */
export function preExecPrefix(setup: ChildSetup): string[] {
  return [...shellStep(setup), ...limitsStep(setup.limits), ...privilegesStep(setup)];
}
