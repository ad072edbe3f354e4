/**
 * One tsvirsh session (virsh's vshControl): settings from the command line, the connection,
 * the printers, and the loop that runs parsed commands with virsh's reporting rules.
 */
import type { Connect, VirError } from '../index.js';
import type { ParsedCommand } from './command.js';
import { CommandTable } from './registry.js';
import { Level, Output, type Sink } from './output.js';
import { parseCommands } from './parser.js';
import { CommandFailed } from './opts.js';
import type { TokenSource } from './tokens.js';
import { startPolkitAgent } from './polkit-agent.js';
import type { ShellHistory } from './history.js';

/** Whether virsh takes this error to mean the connection is gone (and reconnects before the next command). */
function meansDisconnected(err: VirError): boolean {
  const lib = loadedLibrary;
  if (!lib) return false;
  const { ErrorNumber: E, ErrorDomain: D } = lib;
  return (err.code === E.VIR_ERR_SYSTEM_ERROR && err.domain === D.VIR_FROM_REMOTE)
    || err.code === E.VIR_ERR_RPC || err.code === E.VIR_ERR_NO_CONNECT || err.code === E.VIR_ERR_INVALID_CONN;
}

export interface SessionSettings {
  connname: string | null;
  readonly: boolean;
  timing: boolean;
  keepaliveInterval: number;
  keepaliveCount: number;
  escape: string;
}

export type Library = typeof import('./library.js');
let library: Promise<Library> | null = null;
let loadedLibrary: Library | null = null;
/** The library is loaded on first use, so `help` and `echo` start without it. */
export function loadLibrary(): Promise<Library> {
  library ??= import('./library.js').then((lib) => (loadedLibrary = lib));
  return library;
}

export class Session {
  readonly out: Output;
  readonly table = new CommandTable();
  settings: SessionSettings;
  /** Interactive (or standard-input) mode: `cd` works, `quit` ends the loop. */
  imode = false;
  /** The shell's history file, in a shell session whose VIRSH_HISTSIZE is usable. */
  history: ShellHistory | null = null;
  #conn: Connect | null = null;
  #disconnected = false;
  /** libvirt's last error as virsh keeps it between a failure and its report. */
  lastError: VirError | null = null;

  constructor(settings: SessionSettings, stdout: Sink, stderr: Sink) {
    this.settings = settings;
    this.out = new Output(stdout, stderr);
  }

  /** The open connection; only valid inside a handler of a command that needs one. */
  get conn(): Connect {
    if (!this.#conn) throw new Error('no connection');
    return this.#conn;
  }

  get connected(): boolean {
    return this.#conn !== null;
  }

  parse(source: TokenSource): ParsedCommand[] | null {
    return parseCommands(source, this.table, (msg) => this.out.error(msg));
  }

  /** Open (or re-open) the connection as virsh's virshReconnect does; false after reporting. */
  async reconnect(name: string | null, readonly: boolean, force: boolean): Promise<boolean> {
    if (!readonly && !name) readonly = this.settings.readonly;
    const wasConnected = this.#conn !== null;
    if (this.#conn) {
      const left = await this.#conn.close().catch(() => -1);
      this.#conn = null;
      if (left < 0) this.out.error('Failed to disconnect from the hypervisor');
      else if (left > 0) this.out.error('One or more references were leaked after disconnect from the hypervisor');
    }
    const lib = await loadLibrary();
    const uri = name ?? this.settings.connname;
    const agent = await startPolkitAgent();
    let opened: boolean;
    try {
      this.#conn = await lib.openAuth(uri, lib.defaultAuth, readonly ? lib.VIR_CONNECT_RO : 0);
      opened = true;
    } catch (err) {
      this.lastError = err as VirError;
      opened = false;
    }
    const keptAlive = opened && (await this.#setupKeepAlive());
    await agent?.stop();
    if (!keptAlive) {
      this.out.error(this.#disconnected ? 'Failed to reconnect to the hypervisor' : 'failed to connect to the hypervisor');
      return false;
    }
    if (name) this.settings.connname = name;
    this.settings.readonly = readonly;
    if (wasConnected && !force) this.out.error('Reconnected to the hypervisor');
    this.#disconnected = false;
    return true;
  }

  /** Keepalive is only insisted on when -k or -K was given, as virsh does. */
  async #setupKeepAlive(): Promise<boolean> {
    const failure = await this.#keepAlive(this.#conn!);
    if (!failure) return true;
    this.#conn = null;
    this.lastError = failure;
    return false;
  }

  /** virshConnect's keepalive step: the error when -k/-K insisted and it failed (the connection is then closed). */
  async #keepAlive(conn: Connect): Promise<VirError | null> {
    const forced = this.settings.keepaliveInterval >= 0 || this.settings.keepaliveCount >= 0;
    const interval = this.settings.keepaliveInterval >= 0 ? this.settings.keepaliveInterval : 5;
    const count = this.settings.keepaliveCount >= 0 ? this.settings.keepaliveCount : 6;
    if (interval <= 0) return null;
    try {
      await conn.setKeepAlive(interval, count);
      return null;
    } catch (err) {
      if (!forced) {
        this.debug(Level.Info, 'Failed to setup keepalive on connection\n');
        return null;
      }
      this.out.error('Cannot setup keepalive on connection as requested, disconnecting');
      await conn.close().catch(() => undefined);
      return err as VirError;
    }
  }

  /** virshConnect for a second connection (migrate's destination): rejects with libvirt's error. */
  async openOther(uri: string): Promise<Connect> {
    const lib = await loadLibrary();
    const agent = await startPolkitAgent();
    try {
      const conn = await lib.openAuth(uri, lib.defaultAuth, 0);
      const failure = await this.#keepAlive(conn);
      if (failure) throw failure;
      return conn;
    } finally {
      await agent?.stop();
    }
  }

  /** virsh's connection handler: connect on first need, and check the link is alive. */
  async #ensureConnection(): Promise<boolean> {
    if ((!this.#conn || this.#disconnected) && !(await this.reconnect(null, false, false))) return false;
    if (!this.#conn || !(await this.#conn.isAlive().catch(() => true))) {
      this.out.error('no valid connection');
      return false;
    }
    this.lastError = null;
    return true;
  }

  /** Print the saved libvirt error (vshReportError) and forget it. */
  reportError(): void {
    if (this.lastError) this.out.error(this.lastError.message || 'unknown error');
    this.lastError = null;
  }

  /** Run commands in order; the result is the last command's (virsh's vshCommandRun). */
  async run(commands: ParsedCommand[]): Promise<boolean> {
    let ok = true;
    for (const cmd of commands) {
      const started = performance.now();
      ok = false;
      this.lastError = null;
      if (cmd.def.noConnect || (await this.#ensureConnection())) {
        try {
          ok = (await cmd.def.handler(this, cmd)) !== false;
        } catch (err) {
          if (!(err instanceof CommandFailed)) this.lastError = toVirError(err);
        }
      }
      const elapsed = performance.now() - started;
      if (!ok) {
        if (this.lastError && meansDisconnected(this.lastError)) this.#disconnected = true;
        this.reportError();
      }
      if (cmd.def.name === 'quit' || cmd.def.name === 'exit') {
        this.out.flush();
        return ok;
      }
      if (this.settings.timing) this.out.print(`\n(Time: ${elapsed.toFixed(3)} ms)\n\n`);
      else this.out.printExtra('\n');
      this.out.flushSoon();
    }
    return ok;
  }

  debug(level: Level, message: string): void {
    this.out.debug(level, message);
  }

  /** Close the connection at exit, reporting leaks as virsh does. */
  async close(): Promise<void> {
    if (!this.#conn) return;
    const left = await this.#conn.close().catch(() => -1);
    this.#conn = null;
    if (left < 0) this.out.error('Failed to disconnect from the hypervisor');
    else if (left > 0) this.out.error('One or more references were leaked after disconnect from the hypervisor');
    this.out.flush();
  }
}

/** Anything a handler throws becomes an error to report; programming errors keep their text. */
function toVirError(err: unknown): VirError {
  if (err instanceof Error && 'code' in err && 'domain' in err) return err as VirError;
  const message = err instanceof Error ? err.message : String(err);
  return Object.assign(new Error(message), { code: 1, domain: 0 }) as unknown as VirError;
}
