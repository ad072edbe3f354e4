import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import type { ExitInfo } from './errors.js';
import type { SpawnPlan } from './spawn-plan.js';

/** A pipe end the child may close before reading all we send: not an error for us. */
const PEER_GONE = new Set(['EPIPE', 'ECONNRESET']);

function collect(stream: Readable | null, into: Buffer[]): Promise<unknown> | null {
  if (stream === null) return null;
  stream.on('data', (chunk: Buffer) => into.push(chunk));
  return once(stream, 'close');
}

/**
 * One started child: feeds its stdin from a buffer, collects the outputs asked for as strings,
 * and knows when it has exited. Node reaps every child it spawned, so no zombie is left once
 * `finished` settles; the pipes are ours to close (the caller's own ones once read or disposed).
 */
export class ChildRun {
  readonly #child: ChildProcess;
  readonly #plan: SpawnPlan;
  readonly #stdoutChunks: Buffer[] = [];
  readonly #stderrChunks: Buffer[] = [];
  #exit: ExitInfo | null = null;
  readonly #exited: Promise<ExitInfo>;
  /** Resolves when the child has exited and the output we collect is complete. */
  readonly finished: Promise<ExitInfo>;
  /** A failure feeding stdin, other than the child not reading it. */
  inputError: NodeJS.ErrnoException | null = null;

  private constructor(child: ChildProcess, plan: SpawnPlan, input: Buffer | null) {
    this.#child = child;
    this.#plan = plan;
    const exited = new Promise<ExitInfo>((resolve) => {
      child.once('exit', (code, signal) => resolve((this.#exit = { code, signal })));
    });
    this.#exited = exited;
    if (input !== null && child.stdin) {
      sendAndClose(child.stdin, input, (err) => (this.inputError = err));
    }
    const drained = [
      plan.captureStdout ? collect(child.stdout, this.#stdoutChunks) : null,
      plan.captureStderr ? collect(child.stderr, this.#stderrChunks) : null,
    ].filter((p) => p !== null);
    this.finished = drained.length === 0 ? exited : Promise.all([exited, ...drained]).then(() => this.#exit!);
  }

  /**
   * Spawn; libuv returns only once exec succeeded or failed, so a pid means the child runs.
   * Without one, Node emits the errno error on the next tick: reject with it.
   */
  static async start(plan: SpawnPlan, input: Buffer | null): Promise<ChildRun> {
    const child = spawn(plan.file, plan.args, plan.options);
    if (child.pid === undefined) {
      const err = await new Promise<Error>((resolve) => child.once('error', resolve));
      destroyPipes(child);
      throw err;
    }
    // later 'error' events (a failed kill) must not crash the process: the exit status tells the story
    child.on('error', () => {});
    if (plan.envPipe !== null) sendAndClose(child.stdio[plan.envPipe.fd] as Writable, plan.envPipe.data);
    return new ChildRun(child, plan, input);
  }

  get pid(): number {
    return this.#child.pid!;
  }

  capturedStdout(): string {
    return Buffer.concat(this.#stdoutChunks).toString('utf8');
  }

  capturedStderr(): string {
    return Buffer.concat(this.#stderrChunks).toString('utf8');
  }

  /** SIGTERM, then SIGKILL if still alive after the grace period; settles once the child is gone. */
  async abort(graceMs: number): Promise<void> {
    if (this.#exit !== null) return;
    this.#child.kill('SIGTERM');
    const timer = setTimeout(() => {
      if (this.#exit === null) this.#child.kill('SIGKILL');
    }, graceMs);
    await this.#exited;
    clearTimeout(timer);
  }

  /** Let our process exit while this child (a daemon) keeps running. */
  detach(): void {
    this.#child.unref();
  }

  /** The output pipes nobody here collects: the caller reads them. */
  callerPipes(): { stdin: Writable | null; stdout: Readable | null; stderr: Readable | null } {
    const { stdin, stdout, stderr } = this.#child;
    return {
      stdin: this.#plan.callerStdin ? stdin : null,
      stdout: this.#plan.captureStdout ? null : stdout,
      stderr: this.#plan.captureStderr ? null : stderr,
    };
  }

  /** Close stdin and the pipes we collect from; the caller's pipes stay readable to their end. */
  destroyOwnPipes(): void {
    const { stdin, stdout, stderr } = this.callerPipes();
    for (const stream of this.#child.stdio) if (stream && stream !== stdin && stream !== stdout && stream !== stderr) stream.destroy();
  }
}

/** Write everything, then close our end; a child that stops reading early is not an error. */
function sendAndClose(stream: Writable, data: Buffer, onError?: (err: NodeJS.ErrnoException) => void): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (!PEER_GONE.has(err.code ?? '')) onError?.(err);
  });
  stream.end(data, () => stream.destroy());
}

function destroyPipes(child: ChildProcess): void {
  for (const stream of child.stdio) stream?.destroy();
}
