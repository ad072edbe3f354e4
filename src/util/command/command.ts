import { closeSync, writeSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { format } from 'node:util';
import type { VirError } from '../../errors/index.js';
import { createLogger, formatTimestamp, LogPriority } from '../../log/index.js';
import { ChildRun } from './child-run.js';
import { ChildEnvironment, invalidEnvName } from './environment.js';
import {
  abortedError, commandSystemError, describeExit, internalError, invalidUse, unexpectedExit, type ExitInfo,
} from './errors.js';
import { writePidFile } from './pidfile.js';
import { formatCommandLine } from './quote.js';
import { planSpawn } from './spawn-plan.js';
import type { CommandSpec, ErrorTarget, InputSource, LimitValue, OutputTarget, ResourceLimits } from './types.js';

const log = createLogger('util.command');

/** libvirt's grace period between SIGTERM and SIGKILL when aborting a child. */
export const DEFAULT_ABORT_GRACE_MS = 10;

export interface WaitOptions {
  /**
   * Resolve with the exit status whatever it is, instead of rejecting on a non-zero one.
   * Death by a signal is an error either way.
   */
  exitStatus?: boolean;
  /** Aborting it kills the child (SIGTERM, then SIGKILL) and rejects with VIR_ERR_OPERATION_ABORTED. */
  signal?: AbortSignal;
}

const isFd = (fd: unknown): fd is number => Number.isSafeInteger(fd) && (fd as number) >= 0;
const isId = isFd;
const isLimit = (value: unknown): value is LimitValue => value === 'unlimited' || isFd(value);
const badString = (value: unknown): boolean => typeof value !== 'string' || value.includes('\0');

/**
 * A process to spawn, built step by step, then run once (or again after it ended).
 *
 * A bad value given while building (an argument that is not a string, an fd that is not a
 * number, a stream set twice...) does not throw: the command remembers it, logs why, ignores
 * later changes, and every run reports `internal error: invalid use of command API`, so that
 * building code needs no error checks of its own.
 */
export class Command implements AsyncDisposable {
  readonly #argv: string[] = [];
  #env: ChildEnvironment | null = null;
  #buildError: string | null = null;
  #cwd: string | null = null;
  #daemon = false;
  #pidFile: string | null = null;
  #newSession = false;
  #uid: number | null = null;
  #gid: number | null = null;
  #clearCaps = false;
  #umask: number | null = null;
  #cgroup: string | null = null;
  readonly #limits: ResourceLimits = {};
  /** fd to whether the parent closes it once the child runs. */
  readonly #passFds = new Map<number, boolean>();
  #stdin: InputSource | null = null;
  #stdout: OutputTarget | null = null;
  #stderr: ErrorTarget | null = null;
  #run: ChildRun | null = null;
  #capturedOutput: string | null = null;
  #capturedError: string | null = null;
  #pid: number | null = null;
  /** Pipes handed to the caller by the last run, closed on dispose if the caller did not. */
  #callerPipes: { stdin: Writable | null; stdout: Readable | null; stderr: Readable | null } = { stdin: null, stdout: null, stderr: null };

  /** A command running `binary` (a path, or a name looked up on PATH when it runs). */
  constructor(binary: string, args: readonly string[] = []) {
    this.addArg(binary);
    this.#addArgs(args);
  }

  /** A command from a whole argv, binary first. */
  static fromArgs(argv: readonly string[]): Command {
    const command = new Command(argv[0] as string, argv.slice(1));
    if (argv.length === 0) command.#fail('empty argument list');
    return command;
  }

  /** Remember the first building mistake; report it when the command runs. */
  #fail(reason: string): this {
    if (this.#buildError === null) {
      this.#buildError = reason;
      log.debug('invalid use of command API: %s', reason);
    }
    return this;
  }

  /** Apply a change unless building already failed or `problem` names a new failure. */
  #change(problem: string | null | false, apply: () => void): this {
    if (this.#buildError !== null) return this;
    if (problem) return this.#fail(problem);
    apply();
    return this;
  }

  // --- arguments -------------------------------------------------------------------------------

  addArg(arg: string): this {
    return this.#change(badString(arg) && `invalid argument ${JSON.stringify(arg)}`, () => this.#argv.push(arg));
  }

  /** `name=value` as one argument (`--conf-file=/etc/dnsmasq.conf`). */
  addArgPair(name: string, value: string): this {
    if (badString(name) || badString(value)) return this.#fail(`invalid argument pair ${JSON.stringify([name, value])}`);
    return this.addArg(`${name}=${value}`);
  }

  /** An argument formatted as by util.format (`%s`, `%d`, `%i`, `%f`, `%j`). */
  addArgFormat(template: string, ...values: unknown[]): this {
    if (typeof template !== 'string') return this.#fail('invalid argument format');
    return this.addArg(format(template, ...values));
  }

  #addArgs(args: readonly string[]): this {
    if (!Array.isArray(args)) return this.#fail('arguments must be an array');
    for (const arg of args) this.addArg(arg);
    return this;
  }

  /** Several arguments at once; an empty array is a mistake, as in libvirt. */
  addArgSet(args: readonly string[]): this {
    return Array.isArray(args) && args.length === 0 ? this.#fail('empty argument set') : this.#addArgs(args);
  }

  addArgList(...args: string[]): this {
    return this.#addArgs(args);
  }

  // --- environment -----------------------------------------------------------------------------

  /** The first change starts a clean environment: nothing of ours reaches the child unless asked. */
  #environment(): ChildEnvironment {
    this.#env ??= new ChildEnvironment();
    return this.#env;
  }

  /** `LC_ALL=C`, plus PATH, LD_PRELOAD, LD_LIBRARY_PATH, HOME, USER, LOGNAME and TMPDIR from our own. */
  addEnvPassCommon(): this {
    return this.#change(null, () => this.#environment().passCommon());
  }

  /** Our own value of `name`, if we have one. */
  addEnvPass(name: string): this {
    return this.#change(invalidEnvName(name), () => this.#environment().pass(name));
  }

  addEnvPair(name: string, value: string): this {
    const problem = invalidEnvName(name) ?? (badString(value) ? `invalid value for ${name}` : null);
    return this.#change(problem, () => this.#environment().set(name, value));
  }

  /** A preformatted `NAME=value`. */
  addEnvString(entry: string): this {
    if (badString(entry) || !entry.includes('=')) return this.#fail(`invalid environment string ${JSON.stringify(entry)}`);
    const eq = entry.indexOf('=');
    return this.addEnvPair(entry.slice(0, eq), entry.slice(eq + 1));
  }

  // --- process placement and privileges --------------------------------------------------------

  /** Run detached from us: own session, cwd `/`, still running after we exit. */
  daemonize(): this {
    return this.#change(null, () => (this.#daemon = true));
  }

  /** For a daemon: where its pid is written, before `run()` resolves. */
  setPidFile(path: string): this {
    return this.#change(badString(path) && 'invalid pid file path', () => (this.#pidFile = path));
  }

  setWorkingDirectory(dir: string): this {
    const problem = (badString(dir) && 'invalid working directory') || (this.#cwd !== null && 'cannot set directory twice');
    return this.#change(problem, () => (this.#cwd = dir));
  }

  /** Clear the child's capabilities: inheritable, ambient and (when we may) bounding sets. */
  clearCaps(): this {
    return this.#change(null, () => (this.#clearCaps = true));
  }

  setUID(uid: number): this {
    return this.#change(!isId(uid) && `invalid uid ${uid}`, () => (this.#uid = uid));
  }

  setGID(gid: number): this {
    return this.#change(!isId(gid) && `invalid gid ${gid}`, () => (this.#gid = gid));
  }

  // --- hooks applied between fork and exec -----------------------------------------------------

  setUmask(mask: number): this {
    const valid = Number.isInteger(mask) && mask >= 0 && mask <= 0o777;
    return this.#change(!valid && `invalid umask ${mask}`, () => (this.#umask = mask));
  }

  /** Make the child a session (and process group) leader. */
  newSession(): this {
    return this.#change(null, () => (this.#newSession = true));
  }

  /** Move the child into this cgroup directory (writes its pid to `cgroup.procs`) before exec. */
  setCgroup(dir: string): this {
    return this.#change((badString(dir) || !dir.startsWith('/')) && `invalid cgroup ${dir}`, () => (this.#cgroup = dir));
  }

  #limit(name: keyof ResourceLimits, value: LimitValue): this {
    return this.#change(!isLimit(value) && `invalid ${name} ${value}`, () => (this.#limits[name] = value));
  }

  setMaxFiles(files: LimitValue): this {
    return this.#limit('maxFiles', files);
  }

  setMaxProcesses(procs: LimitValue): this {
    return this.#limit('maxProcesses', procs);
  }

  setMaxMemLock(bytes: LimitValue): this {
    return this.#limit('maxMemLock', bytes);
  }

  setMaxCoreSize(bytes: LimitValue): this {
    return this.#limit('maxCoreSize', bytes);
  }

  // --- file descriptors ------------------------------------------------------------------------

  #passFd(fd: number, closeInParent: boolean): this {
    const problem = (!isFd(fd) && `invalid fd ${fd}`) || (fd <= 2 && `cannot preserve ${fd}`);
    return this.#change(problem, () => this.#passFds.set(fd, closeInParent));
  }

  /** Give the child our fd at the same number; it stays open here. */
  preserveFd(fd: number): this {
    return this.#passFd(fd, false);
  }

  /** Give the child our fd at the same number; it is closed here once the child runs (or on dispose). */
  transferFd(fd: number): this {
    return this.#passFd(fd, true);
  }

  #input(source: InputSource): this {
    return this.#change(this.#stdin !== null && 'cannot specify input twice', () => (this.#stdin = source));
  }

  #output(target: OutputTarget): this {
    return this.#change(this.#stdout !== null && 'cannot specify output twice', () => (this.#stdout = target));
  }

  #error(target: ErrorTarget): this {
    return this.#change(this.#stderr !== null && 'cannot specify stderr twice', () => (this.#stderr = target));
  }

  setInputFd(fd: number): this {
    return isFd(fd) ? this.#input({ kind: 'fd', fd }) : this.#fail(`invalid input fd ${fd}`);
  }

  setOutputFd(fd: number): this {
    return isFd(fd) ? this.#output({ kind: 'fd', fd }) : this.#fail(`invalid output fd ${fd}`);
  }

  setErrorFd(fd: number): this {
    return isFd(fd) ? this.#error({ kind: 'fd', fd }) : this.#fail(`invalid error fd ${fd}`);
  }

  /** stdin from a pipe, written through `command.stdin` once `runAsync()` resolved. */
  setInputPipe(): this {
    return this.#input({ kind: 'pipe' });
  }

  /** stdout into a pipe, read from `command.stdout` once `runAsync()` resolved. */
  setOutputPipe(): this {
    return this.#output({ kind: 'pipe' });
  }

  /** stderr into a pipe, read from `command.stderr` once `runAsync()` resolved. */
  setErrorPipe(): this {
    return this.#error({ kind: 'pipe' });
  }

  /** stderr wherever stdout goes: the same fd, the same pipe, or one interleaved string. */
  setErrorToOutput(): this {
    return this.#error({ kind: 'stdout' });
  }

  // --- strings ---------------------------------------------------------------------------------

  /** Feed this to the child's stdin. */
  setInputBuffer(data: string | Uint8Array): this {
    if (typeof data !== 'string' && !(data instanceof Uint8Array)) return this.#fail('invalid input buffer');
    return this.#input({ kind: 'buffer', data: Buffer.from(data) });
  }

  /** Collect stdout into `capturedOutput`. */
  setOutputBuffer(): this {
    return this.#output({ kind: 'buffer' });
  }

  /** Collect stderr into `capturedError`. */
  setErrorBuffer(): this {
    return this.#error({ kind: 'buffer' });
  }

  /** stdout of the last run, when collected (also after a failed run); null otherwise. */
  get capturedOutput(): string | null {
    return this.#capturedOutput;
  }

  /** stderr of the last run, when collected on its own; null otherwise. */
  get capturedError(): string | null {
    return this.#capturedError;
  }

  /** The child's pid while it runs (for a daemon: the daemon's own pid, after `run()`). */
  get pid(): number | null {
    return this.#pid;
  }

  /** The pipe from `setInputPipe()`, once started. */
  get stdin(): Writable | null {
    return this.#callerPipes.stdin;
  }

  /** The pipe from `setOutputPipe()` (carrying stderr too with `setErrorToOutput()`), once started. */
  get stdout(): Readable | null {
    return this.#callerPipes.stdout;
  }

  /** The pipe from `setErrorPipe()`, once started. */
  get stderr(): Readable | null {
    return this.#callerPipes.stderr;
  }

  // --- logging ---------------------------------------------------------------------------------

  /**
   * The command as one shell-pasteable line: its own environment (if any), then the arguments,
   * quoted where needed (`LC_ALL=C PATH=/usr/bin /usr/sbin/dnsmasq --strict-order`).
   */
  toString(): string {
    if (this.#buildError !== null) throw invalidUse();
    return formatCommandLine(this.#env?.entries() ?? null, this.#argv);
  }

  /** Append the command line, prefixed by a libvirt-style timestamp, to a log fd or stream. */
  writeArgLog(target: number | Writable): void {
    if (this.#buildError !== null) return; // nothing will run, so nothing to log
    const line = `${formatTimestamp(new Date())}: ${this.toString()}\n`;
    try {
      if (typeof target === 'number') writeSync(target, line);
      else target.write(line);
    } catch (err) {
      log.warn('Unable to write command %s args to logfile: %s', this.#argv[0], (err as Error).message);
    }
  }

  // --- running ---------------------------------------------------------------------------------

  #spec(stdout: OutputTarget, stderr: ErrorTarget): CommandSpec {
    return {
      argv: this.#argv,
      env: this.#env?.entries() ?? null,
      cwd: this.#cwd,
      daemon: this.#daemon,
      newSession: this.#newSession,
      passFds: this.#passFds,
      stdin: this.#stdin ?? { kind: 'null' },
      stdout,
      stderr,
      setup: {
        uid: this.#uid, gid: this.#gid, clearCaps: this.#clearCaps,
        umask: this.#umask, cgroup: this.#cgroup, limits: this.#limits,
      },
    };
  }

  /** The checks libvirt makes before starting, with its wording. */
  #checkRunnable(synchronous: boolean): void {
    if (this.#buildError !== null) throw invalidUse();
    if (this.#run !== null) throw internalError(`command is already running as pid ${this.#run.pid}`);
    const stringIo = [this.#stdin, this.#stdout, this.#stderr].some((s) => s?.kind === 'buffer');
    const callerPipes = this.#stdin?.kind === 'pipe' || this.#stdout?.kind === 'pipe' || this.#stderr?.kind === 'pipe';
    if (synchronous && callerPipes && !this.#daemon) throw internalError('cannot mix caller fds with blocking execution');
    if (this.#daemon && stringIo) throw internalError('cannot mix string I/O with daemon');
    if (!synchronous && this.#daemon) throw internalError('daemonized command cannot use virCommandRunAsync');
    if (this.#cwd !== null && this.#daemon) {
      throw internalError(`daemonized command cannot set working directory ${this.#cwd}`);
    }
    if (this.#pidFile !== null && !this.#daemon) throw internalError('creation of pid file requires daemonized command');
  }

  /** Fds handed over for good are closed here once a child got them, or could not start. */
  #closeTransferredFds(): void {
    for (const [fd, closeInParent] of this.#passFds) {
      if (!closeInParent) continue;
      try {
        closeSync(fd);
      } catch {
        // already closed by its owner: nothing left to release
      }
      this.#passFds.delete(fd);
    }
  }

  async #start(stdout: OutputTarget, stderr: ErrorTarget): Promise<ChildRun> {
    this.#capturedOutput = this.#capturedError = null;
    const spec = this.#spec(stdout, stderr);
    let child: ChildRun;
    try {
      const plan = planSpawn(spec);
      if (log.enabled(LogPriority.DEBUG)) log.debug('About to run %s', this.toString());
      child = await ChildRun.start(plan, spec.stdin.kind === 'buffer' ? spec.stdin.data : null);
    } catch (err) {
      throw this.#startError(err);
    } finally {
      this.#closeTransferredFds();
    }
    log.debug('Command result 0, with PID %d', child.pid);
    this.#pid = child.pid;
    this.#callerPipes = child.callerPipes();
    return child;
  }

  #startError(err: unknown): VirError | unknown {
    const errno = err as NodeJS.ErrnoException;
    if (typeof errno?.errno !== 'number') return err; // already a VirError from planning
    if (errno.code === 'ENOENT' && this.#cwd !== null && !this.#daemon) {
      return commandSystemError(errno, `Unable to change to ${this.#cwd}`);
    }
    return commandSystemError(errno, `cannot execute binary ${this.#argv[0]}`);
  }

  /**
   * Run and wait for the end. Resolves with the exit status: 0, or any status with
   * `{ exitStatus: true }`; otherwise rejects with `Child process (CMD) unexpected exit status N:
   * STDERR`. stderr (and, when debug logging is on, stdout) is collected for that message even
   * if not asked for. A daemon resolves 0 once it runs and its pid file is written.
   */
  async run(options: WaitOptions = {}): Promise<number> {
    this.#checkRunnable(true);
    if (options.signal?.aborted) throw abortedError(this.toString());
    if (this.#daemon) return this.#startDaemon();
    const stdout = this.#stdout ?? (log.enabled(LogPriority.DEBUG) ? { kind: 'buffer' } : { kind: 'null' });
    const stderr = this.#stderr ?? { kind: 'buffer' };
    this.#run = await this.#start(stdout, stderr);
    return this.#finish(this.#run, stderr.kind === 'buffer', options);
  }

  async #startDaemon(): Promise<number> {
    const child = await this.#start(this.#stdout ?? { kind: 'null' }, this.#stderr ?? { kind: 'null' });
    if (this.#pidFile !== null) {
      try {
        await writePidFile(this.#pidFile, child.pid);
      } catch (err) {
        await child.abort(0);
        this.#pid = null;
        throw err;
      }
    }
    child.detach();
    return 0;
  }

  /**
   * Start the child and resolve with its pid once it runs. Strings are fed and collected in the
   * background; `wait()` reports the end. Release with `abort()`, `wait()` or `await using`.
   */
  async runAsync(): Promise<number> {
    this.#checkRunnable(false);
    this.#run = await this.#start(this.#stdout ?? { kind: 'null' }, this.#stderr ?? { kind: 'null' });
    return this.#run.pid;
  }

  /** Wait for a child started by `runAsync()`; resolves and rejects as `run()` does. */
  async wait(options: WaitOptions = {}): Promise<number> {
    if (this.#run === null) throw internalError('command is not yet running');
    return this.#finish(this.#run, this.#stderr?.kind === 'buffer', options);
  }

  async #finish(child: ChildRun, collectsStderr: boolean, options: WaitOptions): Promise<number> {
    let exit: ExitInfo;
    try {
      exit = await this.#awaitEnd(child, options.signal);
    } finally {
      this.#release(child);
      if (this.#stdout?.kind === 'buffer') this.#capturedOutput = child.capturedStdout();
      if (this.#stderr?.kind === 'buffer') this.#capturedError = child.capturedStderr();
    }
    const stderr = collectsStderr ? child.capturedStderr() : null;
    log.debug(() => `Result ${describeExit(exit)}, stdout: '${child.capturedStdout()}' stderr: '${stderr ?? ''}'`);
    if (child.inputError !== null) throw commandSystemError(child.inputError, 'unable to write to child input');
    if (exit.signal !== null || (exit.code !== 0 && !options.exitStatus)) {
      throw unexpectedExit(this.toString(), exit, stderr);
    }
    return exit.code!;
  }

  /** The child's end, or its abort when `signal` fires first. */
  async #awaitEnd(child: ChildRun, signal: AbortSignal | undefined): Promise<ExitInfo> {
    if (signal === undefined) return child.finished;
    const onAbort = () => void this.#abortChild(child, DEFAULT_ABORT_GRACE_MS);
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      const exit = await child.finished;
      if (signal.aborted) throw abortedError(this.toString());
      return exit;
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  async #abortChild(child: ChildRun, graceMs: number): Promise<void> {
    log.debug('aborting child process %d', child.pid);
    await child.abort(graceMs);
  }

  /**
   * Stop the running child: SIGTERM, then SIGKILL after `graceMs`; resolves once it is reaped.
   * A pending `wait()` then rejects with the signal that ended it. Nothing to do when idle.
   */
  async abort(graceMs = DEFAULT_ABORT_GRACE_MS): Promise<void> {
    const child = this.#run;
    if (child === null) return;
    await this.#abortChild(child, graceMs);
    await child.finished;
    this.#release(child);
  }

  /** Forget a child that has ended (once, whoever sees the end first) and close our own pipes to it. */
  #release(child: ChildRun): void {
    if (this.#run !== child) return;
    this.#run = null;
    this.#pid = null;
    child.destroyOwnPipes();
  }

  /** Release: kill and reap a child still running, close fds still waiting to be transferred. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.abort();
    this.#closeTransferredFds();
    this.#callerPipes.stdin?.destroy();
    this.#callerPipes.stdout?.destroy();
    this.#callerPipes.stderr?.destroy();
    this.#callerPipes = { stdin: null, stdout: null, stderr: null };
  }
}
