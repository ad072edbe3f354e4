/**
 * virsh's three printers: print (always), printExtra (silenced by --quiet), error (`error: `
 * on stderr after flushing stdout, so `2>&1` interleaves as virsh's does), plus the optional
 * log file (-l / VIRSH_LOG_FILE) in virsh's line format.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

export const enum Level { Debug = 0, Info = 1, Notice = 2, Warning = 3, Error = 4 }
/** Pending output written at once when it reaches this size (a pipe's usual capacity). */
const FLUSH_AT = 64 * 1024;
const LEVEL_NAMES = ['DEBUG', 'INFO', 'INFO', 'WARNING', 'ERROR'];

export interface Sink {
  write(text: string): void;
}

export class Output {
  quiet = false;
  /** Messages below this level are not shown (virsh -d). */
  debugLevel: number = Level.Error;
  #pending = '';
  #flushScheduled = false;
  #logFd: number | null = null;
  #logName: string | null = null;

  constructor(private readonly stdout: Sink, private readonly stderr: Sink, private readonly progname = 'virsh') {}

  print(text: string): void {
    this.#pending += text;
  }

  printExtra(text: string): void {
    if (!this.quiet) this.#pending += text;
  }

  error(message: string): void {
    this.log(Level.Error, message);
    this.flush();
    this.stderr.write(`error: ${message}\n`);
  }

  /** Text on stderr exactly as given (progress lines, libxml2-style messages). */
  stderrRaw(text: string): void {
    this.flush();
    this.stderr.write(text);
  }

  debug(level: Level, message: string): void {
    if (level < this.debugLevel) return;
    this.log(level, message);
    this.print(message);
    this.flush();
  }

  /**
   * Between commands: output waits until the event loop turns (a command waiting on I/O or
   * time lets it out) or grows large, so a batch of quick commands costs one write, not one each.
   */
  flushSoon(): void {
    if (this.#pending.length >= FLUSH_AT) this.flush();
    else if (this.#pending !== '' && !this.#flushScheduled) {
      this.#flushScheduled = true;
      setImmediate(() => {
        this.#flushScheduled = false;
        this.flush();
      });
    }
  }

  flush(): void {
    if (this.#pending === '') return;
    const text = this.#pending;
    this.#pending = '';
    this.stdout.write(text);
  }

  /** Open (append, create) the log file; false when it cannot be opened. */
  openLog(path: string): boolean {
    this.closeLog();
    try {
      this.#logFd = openSync(path, 'a', 0o644);
      this.#logName = path;
      return true;
    } catch {
      return false;
    }
  }

  closeLog(): void {
    if (this.#logFd === null) return;
    closeSync(this.#logFd);
    this.#logFd = null;
    this.#logName = null;
  }

  get logFile(): string | null {
    return this.#logName;
  }

  private log(level: Level, message: string): void {
    if (this.#logFd === null) return;
    const d = new Date();
    const p = (n: number): string => String(n).padStart(2, '0');
    const stamp = `${d.getFullYear()}.${p(d.getMonth() + 1)}.${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
    const body = message.replace(/\n+$/, '');
    try {
      writeSync(this.#logFd, `[${stamp} ${this.progname} ${process.pid}] ${LEVEL_NAMES[level] ?? 'DEBUG'} ${body}\n`);
    } catch {
      this.closeLog();
      this.error('failed to write the log file');
    }
  }
}
