/**
 * What the Tab key does in virsh's shell, which is GNU readline's: complete the word as far as
 * all candidates agree (ringing the bell when more than one remains), and list the candidates
 * on a second Tab that changed nothing — in columns filled top to bottom, asking first when
 * there are 100 or more, a page at a time with `--More--`. Node's readline does each of these
 * differently, so tsvirsh hands it a completer that does the work itself and returns nothing.
 */
import type { Interface } from 'node:readline';
import { terminalCaps } from './terminfo.js';

/** Candidates for the word before the cursor, and that word (as src/cli/completion.ts gives them). */
export type CompleteFn = (line: string) => Promise<[string[], string]>;
type Key = { name?: string; ctrl?: boolean; sequence?: string };

/** readline's completion-query-items: this many candidates or more are listed only when asked. */
const QUERY_ITEMS = 100;
const BELL = '\x07';

function commonPrefix(words: string[]): string {
  let prefix = words[0] ?? '';
  for (const w of words) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

/** The width readline lays lists out in: one less than the terminal's unless it wraps cleanly. */
function screenWidth(columns: number): number {
  const caps = terminalCaps(process.env.TERM ?? '');
  return caps?.autoMargins && caps.newlineGlitch ? columns : columns - 1;
}

/** The rows of readline's list: columns as wide as the widest name plus two, filled top to bottom. */
export function matchRows(names: string[], width: number): string[] {
  // a directory's `/` mark is not counted in the column width
  const shown = (n: string): number => (n.endsWith('/') ? n.length - 1 : n.length);
  const max = Math.max(...names.map(shown)) + 2;
  let limit = Math.floor(width / max);
  if (limit !== 1 && limit * max === width) limit--;
  if (limit <= 0) limit = 1;
  const count = Math.ceil(names.length / limit);
  const rows: string[] = [];
  for (let i = 0; i < count; i++) {
    let row = '';
    for (let j = 0, l = i; j < limit && l < names.length; j++, l += count) {
      const name = names[l]!;
      row += name;
      if (j + 1 < limit) row += ' '.repeat(Math.max(1, max - name.length));
    }
    rows.push(row);
  }
  return rows;
}

export class TabKey {
  #lastKeyWasTab = false;
  /** Whether the last Tab changed the line (then the next one completes again rather than lists). */
  #lastTabChanged = false;
  #rl: Interface | null = null;

  constructor(
    private readonly input: NodeJS.ReadStream,
    private readonly output: NodeJS.WriteStream,
    private readonly complete: CompleteFn,
  ) {}

  /** Attach to the readline interface created with `completer` below. */
  attach(rl: Interface): void {
    this.#rl = rl;
    // Node takes several keys arriving together for a paste and inserts their Tabs as text;
    // readline completes on every Tab typed (terminals mark real pastes with bracketed paste).
    Object.defineProperty(rl, 'isCompletionEnabled', { configurable: true, get: () => true, set: () => undefined });
    // Runs after readline's own keypress handling, so during a Tab it still tells the key before.
    this.input.on('keypress', (_s: string, key: Key | undefined) => {
      this.#lastKeyWasTab = key?.name === 'tab';
    });
  }

  /**
   * The `completer` for node:readline: does the edit or the listing itself and returns no
   * candidates. Tabs typed faster than they are answered are answered in turn, each on the line
   * as the one before left it.
   */
  readonly completer = (line: string, callback: (err: Error | null, result: [string[], string]) => void): void => {
    const afterTab = this.#lastKeyWasTab;
    const done = (): void => callback(null, [[], line]);
    this.#busy = this.#busy.then(() => this.#tab(afterTab)).then(done, done);
  };

  #busy: Promise<void> = Promise.resolve();

  async #tab(afterTab: boolean): Promise<void> {
    const rl = this.#rl!;
    const listNow = afterTab && !this.#lastTabChanged;
    const [hits, word] = await this.complete(rl.line.slice(0, rl.cursor));
    this.#lastTabChanged = false;
    if (hits.length === 0) return this.#bell();
    if (listNow) return this.#list(hits);
    const prefix = hits.length === 1 ? hits[0]! : commonPrefix(hits);
    if (prefix.length > word.length && prefix.startsWith(word)) {
      this.#rl!.write(prefix.slice(word.length));
      this.#lastTabChanged = true;
    }
    if (hits.length > 1) this.#bell();
  }

  #bell(): void {
    this.output.write(BELL);
  }

  async #list(names: string[]): Promise<void> {
    if (names.length >= QUERY_ITEMS) {
      this.output.write(`\r\nDisplay all ${names.length} possibilities? (y or n)`);
      if ((await this.#answer(false)) === 'no') return this.#redraw();
    }
    const rows = matchRows(names.map((n) => n.trimEnd()), screenWidth(this.output.columns || 80));
    const pageRows = (this.output.rows || 24) - 1;
    this.output.write('\r\n');
    let lines = 0;
    for (const [i, row] of rows.entries()) {
      this.output.write(`${row}\r\n`);
      lines++;
      if (lines >= pageRows && i + 1 < rows.length) {
        this.output.write('--More--');
        const answer = await this.#answer(true);
        this.output.write('\r\x1b[K');
        if (answer === 'no') return this.#redraw();
        lines = answer === 'line' ? lines - 1 : 0;
      }
    }
    this.#redraw();
  }

  /** The prompt and the line again below what was written. */
  #redraw(): void {
    const rl = this.#rl! as Interface & { prevRows?: number };
    // The cursor is at the start of a fresh row: nothing above it belongs to the line any more.
    rl.prevRows = 0;
    rl.prompt(true);
  }

  /**
   * readline's y-or-n: y, Y or space say yes; n, N or Delete say no; for the pager Return and
   * Enter say one more line and q says stop; other keys ring the bell. The keys are read here,
   * out of readline's sight.
   */
  async #answer(pager: boolean): Promise<'yes' | 'no' | 'line'> {
    for (;;) {
      const key = await this.#readKey();
      const s = key.sequence ?? '';
      if (s === 'y' || s === 'Y' || s === ' ') return 'yes';
      if (s === 'n' || s === 'N' || s === '\x7f' || (key.ctrl && (key.name === 'g' || key.name === 'c'))) {
        if (!pager) this.output.write('\r\n');
        return 'no';
      }
      if (pager && (s === '\r' || s === '\n')) return 'line';
      if (pager && (s === 'q' || s === 'Q')) return 'no';
      this.#bell();
    }
  }

  #readKey(): Promise<Key> {
    const input = this.input;
    const listeners = input.listeners('keypress') as ((...a: unknown[]) => void)[];
    input.removeAllListeners('keypress');
    return new Promise((resolve) => {
      input.once('keypress', (_s: string, key: Key | undefined) => {
        input.pause();
        for (const l of listeners) input.on('keypress', l);
        resolve(key ?? { sequence: _s });
      });
      input.resume();
    });
  }
}
