/** Where the child's stdout or stderr goes. */
export type OutputTarget =
  | { readonly kind: 'null' }
  | { readonly kind: 'fd'; readonly fd: number }
  /** A pipe the caller reads from `command.stdout` / `command.stderr`. */
  | { readonly kind: 'pipe' }
  /** Collected into a string, available after the run. */
  | { readonly kind: 'buffer' };

/** Where the child's stdin comes from. */
export type InputSource =
  | { readonly kind: 'null' }
  | { readonly kind: 'fd'; readonly fd: number }
  | { readonly kind: 'buffer'; readonly data: Buffer }
  /** A pipe the caller writes to through `command.stdin`. */
  | { readonly kind: 'pipe' };

/** A resource limit value: a number, or no limit. */
export type LimitValue = number | 'unlimited';

/** Limits applied to the child (soft and hard alike), as libvirt's virCommandSetMax* set them. */
export interface ResourceLimits {
  /** RLIMIT_NOFILE */
  maxFiles?: LimitValue;
  /** RLIMIT_NPROC */
  maxProcesses?: LimitValue;
  /** RLIMIT_MEMLOCK, in bytes */
  maxMemLock?: LimitValue;
  /** RLIMIT_CORE, in bytes */
  maxCoreSize?: LimitValue;
}

/** Everything decided about the child before it exists, applied between fork and exec. */
export interface ChildSetup {
  readonly uid: number | null;
  readonly gid: number | null;
  readonly clearCaps: boolean;
  readonly umask: number | null;
  readonly cgroup: string | null;
  readonly limits: Readonly<ResourceLimits>;
  /** Send stderr into the same pipe as stdout (Node cannot hand one pipe to both). */
  readonly stderrIntoStdout: boolean;
  /** We hold fds without close-on-exec (inherited at startup): the child must close them itself. */
  readonly closeInherited: boolean;
}

/** Where stderr goes: like stdout, or into whatever stdout goes to (one pipe, one string, one fd). */
export type ErrorTarget = OutputTarget | { readonly kind: 'stdout' };

/** A command as built: the data the spawn plan is made from. */
export interface CommandSpec {
  readonly argv: readonly string[];
  /** `NAME=value` entries; null keeps the parent's environment. */
  readonly env: readonly string[] | null;
  readonly cwd: string | null;
  readonly daemon: boolean;
  readonly newSession: boolean;
  /** fd number to whether the parent closes it once the child runs. */
  readonly passFds: ReadonlyMap<number, boolean>;
  readonly stdin: InputSource;
  readonly stdout: OutputTarget;
  readonly stderr: ErrorTarget;
  readonly setup: Omit<ChildSetup, 'stderrIntoStdout' | 'closeInherited'>;
}
