/**
 * virsh's shell history file, `$XDG_CACHE_HOME/libvirt/virsh/history` (`~/.cache/...`): read when
 * a shell session starts (typed or piped), every non-empty line read added, written back when it
 * ends, at most `VIRSH_HISTSIZE` lines (500 unless set) — the oldest dropped, as readline does.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describeErrno } from './errno.js';
import type { Output } from './output.js';

const DEFAULT_SIZE = 500;
const MAX_SIZE = 500000;

export class ShellHistory {
  private constructor(readonly max: number, readonly dir: string, readonly lines: string[]) {}

  /**
   * The history of this session, or null when `VIRSH_HISTSIZE` is wrong (reported; the session
   * then runs without one, as virsh's does).
   */
  static open(env: NodeJS.ProcessEnv, out: Output): ShellHistory | null {
    let max = DEFAULT_SIZE;
    const text = env.VIRSH_HISTSIZE;
    if (text !== undefined) {
      // virStrToLong_i: the whole value, leading blanks and a sign allowed
      if (!/^\s*[+-]?\d+$/.test(text) || !Number.isSafeInteger(Number(text)) || Math.abs(Number(text)) > 2 ** 31 - 1) {
        out.error('Bad $VIRSH_HISTSIZE value.');
        return null;
      }
      max = Number(text);
      if (max > MAX_SIZE || max < 0) {
        out.error(`$VIRSH_HISTSIZE value should be between 0 and ${MAX_SIZE}`);
        return null;
      }
    }
    const cache = env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache');
    const dir = join(cache, 'libvirt', 'virsh');
    const history = new ShellHistory(max, dir, []);
    try {
      const saved = readFileSync(join(dir, 'history'), 'utf8').split('\n');
      if (saved[saved.length - 1] === '') saved.pop();
      for (const line of saved) history.#keep(line);
    } catch {
      // no history yet
    }
    return history;
  }

  /** The lines, newest first (as node:readline takes them). */
  newestFirst(): string[] {
    return [...this.lines].reverse();
  }

  /** A line read by the shell (empty ones are not kept). */
  add(line: string): void {
    if (line !== '') this.#keep(line);
  }

  #keep(line: string): void {
    this.lines.push(line);
    if (this.lines.length > this.max) this.lines.splice(0, this.lines.length - this.max);
  }

  /** Write the file (its directory made first); only a directory that cannot be made is reported. */
  save(out: Output): void {
    try {
      mkdirSync(this.dir, { recursive: true, mode: 0o755 });
    } catch (err) {
      out.error(`Failed to create '${this.dir}': ${describeErrno(err)}`);
      return;
    }
    try {
      writeFileSync(join(this.dir, 'history'), this.lines.map((l) => `${l}\n`).join(''), { mode: 0o600 });
    } catch {
      // readline's write_history failing goes unreported in virsh
    }
  }
}
