/**
 * A client of the QEMU guest agent (qemu-ga) over the virtio channel's unix socket, speaking
 * libvirt's dialect of the protocol (qemu_agent.c): one JSON command per line, one command at a
 * time, each preceded (until the agent answered one) by a `guest-sync` with a fresh id so that
 * replies left over from a timed-out command are told apart; replies to a sync with another id,
 * and lines that are not JSON while the first sync is out, are skipped. Commands that end the
 * guest (shutdown, reboot) may get no reply: the QEMU event that follows completes them.
 */
import { connect, type Socket } from 'node:net';
import { ErrorNumber as E } from '../../../errors/index.js';
import { qemuError } from '../errors.js';

/** libvirt's default wait for a reply, and the one for guest-shutdown. */
export const AGENT_WAIT_SECONDS = 5;
export const AGENT_SHUTDOWN_WAIT_SECONDS = 60;
/** A reply line longer than this is hostile: the agent is dropped. */
const MAX_LINE_BYTES = 10 * 1024 * 1024;

/** What completes a command besides its reply: a guest shutdown or reset seen by the monitor. */
export type AgentEvent = 'shutdown' | 'reset';

interface Pending {
  sync?: { id: number; first: boolean };
  awaitEvent?: AgentEvent;
  finish(reply: Record<string, unknown> | null, err?: Error): void;
}

const ERROR_CLASSES: Record<string, string> = {
  BufferOverrun: 'Buffer overrun',
  CommandDisabled: 'The command has been disabled for this instance',
  CommandNotFound: 'The command has not been found',
  FdNotFound: 'File descriptor not found',
  InvalidParameter: 'Invalid parameter',
  InvalidParameterType: 'Invalid parameter type',
  InvalidParameterValue: 'Invalid parameter value',
  OpenFileFailed: 'Cannot open file',
  QgaCommandFailed: 'Guest agent command failed',
  QMPBadInputObjectMember: 'Bad QMP input object member',
  QMPExtraInputObjectMember: 'Unexpected extra object member',
  UndefinedError: 'An undefined error has occurred',
  Unsupported: 'this feature or command is not currently supported',
};

export class GuestAgent {
  #socket: Socket;
  #buffer = '';
  #pending: Pending | null = null;
  /** Commands wait here so only one is on the wire at a time. */
  #queue: Promise<unknown> = Promise.resolve();
  #inSync = false;
  #running = true;
  #lastSyncId = 0;

  private constructor(socket: Socket) {
    this.#socket = socket;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.#receive(chunk));
    socket.on('error', () => this.#gone());
    socket.on('close', () => this.#gone());
  }

  /** Connect to the agent's channel socket (QEMU listens on it). */
  static open(path: string): Promise<GuestAgent> {
    return new Promise((resolve, reject) => {
      const socket = connect(path);
      socket.once('connect', () => resolve(new GuestAgent(socket)));
      socket.once('error', (err: NodeJS.ErrnoException) => {
        reject(qemuError(E.VIR_ERR_SYSTEM_ERROR, `failed to connect to guest agent socket '${path}': ${err.code ?? err.message}`));
      });
    });
  }

  get running(): boolean {
    return this.#running;
  }

  close(): void {
    this.#running = false;
    this.#socket.destroy();
  }

  /** The monitor saw the guest shut down or reset: a command waiting for that is done. */
  notifyEvent(event: AgentEvent): void {
    if (this.#pending?.awaitEvent === event) this.#pending.finish(null);
  }

  /**
   * Run `execute` with `args` and return its `return` value. `awaitEvent`: the command may end
   * the guest, so no reply is fine once that event came.
   */
  command(execute: string, args?: Record<string, unknown>, seconds = AGENT_WAIT_SECONDS, awaitEvent?: AgentEvent): Promise<unknown> {
    const run = this.#queue.then(() => this.#run(execute, args, seconds, awaitEvent));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /**
   * A command as the caller wrote it (virDomainQemuAgentCommand): QEMU's whole reply once it is
   * not an error; `seconds` Infinity waits for ever.
   */
  arbitrary(cmd: unknown, seconds: number): Promise<Record<string, unknown>> {
    const execute = typeof (cmd as { execute?: unknown } | null)?.execute === 'string' ? (cmd as { execute: string }).execute : 'unknown';
    const run = this.#queue.then(() => this.#exchange(execute, cmd, seconds));
    this.#queue = run.catch(() => undefined);
    return run as Promise<Record<string, unknown>>;
  }

  async #run(execute: string, args: Record<string, unknown> | undefined, seconds: number, awaitEvent?: AgentEvent): Promise<unknown> {
    const reply = await this.#exchange(execute, args ? { execute, arguments: args } : { execute }, seconds, awaitEvent);
    return reply === null ? null : reply.return;
  }

  /** Sync, send, and check the reply (null: none came, which `awaitEvent` allows). */
  async #exchange(execute: string, cmd: unknown, seconds: number, awaitEvent?: AgentEvent): Promise<Record<string, unknown> | null> {
    if (!this.#running) throw disappeared();
    // A command that may not wait (NOWAIT) still gets the usual time to sync, as libvirt's.
    await this.#sync(seconds > 0 ? Math.min(seconds, AGENT_WAIT_SECONDS) : AGENT_WAIT_SECONDS);
    const reply = await this.#send(toJson(cmd), seconds, { awaitEvent });
    if (!reply) {
      if (awaitEvent) return null;
      throw this.#running ? qemuError(E.VIR_ERR_INTERNAL_ERROR, 'Missing agent reply object') : disappeared();
    }
    if ('error' in reply) {
      const error = reply.error as { class?: string; desc?: string } | undefined;
      const detail = error?.desc ?? (error?.class ? ERROR_CLASSES[error.class] ?? error.class : 'unknown QEMU command error');
      throw qemuError(E.VIR_ERR_INTERNAL_ERROR, `unable to execute QEMU agent command '${execute}': ${detail}`);
    }
    if (!('return' in reply)) throw qemuError(E.VIR_ERR_INTERNAL_ERROR, `unable to execute QEMU agent command '${execute}'`);
    return reply;
  }

  /** Two tries: the first may only drain what an earlier, timed-out command left in the channel. */
  async #sync(seconds: number): Promise<void> {
    if (this.#inSync) return;
    for (const first of [true, false]) {
      // libvirt's ids are the time in ms; each one new, so a late reply never matches a later sync
      const id = (this.#lastSyncId = Math.max(Date.now(), this.#lastSyncId + 1));
      const reply = await this.#send(JSON.stringify({ execute: 'guest-sync', arguments: { id } }), seconds, { sync: { id, first } });
      if (reply) {
        this.#inSync = true;
        return;
      }
    }
    throw this.#running ? qemuError(E.VIR_ERR_INTERNAL_ERROR, 'Missing agent reply object') : disappeared();
  }

  #send(line: string, seconds: number, how: Omit<Pending, 'finish'>): Promise<Record<string, unknown> | null> {
    return new Promise((resolve, reject) => {
      const timer = Number.isFinite(seconds) ? setTimeout(() => {
        this.#inSync = false;
        pending.finish(null, qemuError(E.VIR_ERR_AGENT_UNRESPONSIVE, 'Guest agent not available for now'));
      }, seconds * 1000) : undefined;
      const pending: Pending = {
        ...how,
        finish: (reply, err) => {
          if (this.#pending !== pending) return;
          this.#pending = null;
          clearTimeout(timer);
          if (err) reject(err);
          else resolve(reply);
        },
      };
      this.#pending = pending;
      this.#socket.write(`${line}\n`);
    });
  }

  #receive(chunk: string): void {
    this.#buffer += chunk;
    for (let nl = this.#buffer.indexOf('\n'); nl >= 0; nl = this.#buffer.indexOf('\n')) {
      const line = this.#buffer.slice(0, nl);
      this.#buffer = this.#buffer.slice(nl + 1);
      this.#line(line);
    }
    if (this.#buffer.length > MAX_LINE_BYTES) this.#fail(qemuError(E.VIR_ERR_INTERNAL_ERROR, 'guest agent reply is too large'));
  }

  #line(line: string): void {
    const pending = this.#pending;
    let obj: unknown;
    try {
      obj = fromJson(line.replace(/^\xff/, ''));
    } catch {
      // garbage while the first sync is out is what a previous session left behind
      if (pending?.sync?.first) pending.finish(null);
      return;
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return;
    const reply = obj as Record<string, unknown>;
    if (!('return' in reply) && !('error' in reply)) return; // an event or the greeting
    if (!pending) return; // a reply to a command that timed out
    if (pending.sync && bigNumber(reply.return) !== BigInt(pending.sync.id)) return; // a late reply to an older sync
    pending.finish(reply);
  }

  #fail(err: Error): void {
    this.#pending?.finish(null, err);
    this.close();
  }

  #gone(): void {
    this.#running = false;
    this.#pending?.finish(null);
  }
}

/**
 * Integers too large for a double (a time in nanoseconds) cross the JSON boundary exactly: as
 * bigints in arguments, and as marked strings in replies that bigNumber reads back.
 */
const BIG = '@tsvirt-bigint:';

export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${BIG}${v}` : v))
    .replace(new RegExp(`"${BIG}(-?\\d+)"`, 'g'), '$1');
}

/** JSON.parse, with integers of 16 digits or more outside strings turned into marked strings first. */
export function fromJson(line: string): unknown {
  let out = '';
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (inString) {
      out += c;
      if (c === '\\') out += line[++i] ?? '';
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    const number = /^-?\d+(?![.eE\d])/.exec(c === '-' || (c >= '0' && c <= '9') ? line.slice(i, i + 40) : '');
    if (number && number[0].replace('-', '').length >= 16) {
      out += `"${BIG}${number[0]}"`;
      i += number[0].length - 1;
      continue;
    }
    if (number) {
      out += number[0];
      i += number[0].length - 1;
      continue;
    }
    out += c;
  }
  return JSON.parse(out);
}

/** A reply value that is an integer, exactly, or undefined. */
export function bigNumber(value: unknown): bigint | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : undefined;
  if (typeof value === 'string' && value.startsWith(BIG)) return BigInt(value.slice(BIG.length));
  return undefined;
}

function disappeared() {
  return qemuError(E.VIR_ERR_AGENT_UNRESPONSIVE, 'Guest agent disappeared while executing command');
}
