/**
 * Where command words come from: the process arguments (one word each) or a command string
 * split as virsh splits it (blanks, `;` and newlines end words and commands, quotes and
 * backslashes as in a POSIX shell, `#` starts a comment).
 */
export type Token =
  | { kind: 'arg'; text: string }
  | { kind: 'end-of-command' }
  | { kind: 'end' }
  | { kind: 'error'; message: string };

export interface TokenSource {
  /** The next word; `report` is false while completing a half-typed line (be lenient). */
  next(report: boolean): Token;
}

/** Words from argv: every element is one argument, nothing separates commands. */
export class ArgvTokens implements TokenSource {
  #pos = 0;
  constructor(private readonly args: readonly string[]) {}

  next(): Token {
    if (this.#pos >= this.args.length) return { kind: 'end' };
    return { kind: 'arg', text: this.args[this.#pos++]! };
  }
}

/** Runs of characters that stand for themselves: outside quotes, inside double quotes, inside single quotes. */
const PLAIN = /[^ \t;\n'"\\]*/y;
const DOUBLE_QUOTED = /[^"\\]*/y;
const SINGLE_QUOTED = /[^']*/y;

/** Words from a command string, following virsh's rules byte for byte. */
export class StringTokens implements TokenSource {
  #pos = 0;
  constructor(private readonly line: string) {}

  /** Offset of the next unread character (used by completion). */
  get position(): number {
    return this.#pos;
  }

  next(report: boolean): Token {
    const s = this.line;
    let p = this.#pos;
    for (;;) {
      const c = s.charCodeAt(p);
      if (c === 0x20 || c === 0x09) p++;
      else if (c === 0x5c && s.charCodeAt(p + 1) === 0x0a) p += 2;
      else break;
    }
    if (p >= s.length) {
      this.#pos = p;
      return { kind: 'end' };
    }
    if (s[p] === ';' || s[p] === '\n') {
      this.#pos = p + 1;
      return { kind: 'end-of-command' };
    }
    if (s[p] === '#') {
      const eol = s.indexOf('\n', p);
      this.#pos = eol < 0 ? s.length : eol + 1;
      return { kind: 'end-of-command' };
    }
    let single = false;
    let double = false;
    let word = '';
    // whole runs of ordinary characters at a time; the loop below only sees quotes, backslashes and ends
    while (p < s.length) {
      const run = single ? SINGLE_QUOTED : double ? DOUBLE_QUOTED : PLAIN;
      run.lastIndex = p;
      run.test(s);
      if (run.lastIndex > p) {
        word += s.slice(p, run.lastIndex);
        p = run.lastIndex;
        if (p >= s.length) break;
      }
      const c = s[p]!;
      if (!single && !double && (c === ' ' || c === '\t' || c === ';' || c === '\n')) break;
      if (!double && c === "'") {
        single = !single;
        p++;
        continue;
      }
      if (!single && c === '\\') {
        p++;
        if (p >= s.length) {
          this.#pos = p;
          return { kind: 'error', message: 'dangling \\' };
        }
        if (s[p] === '\n') {
          p++;
          continue;
        }
      } else if (!single && c === '"') {
        double = !double;
        p++;
        continue;
      }
      word += s[p];
      p++;
    }
    this.#pos = p;
    if (double && report) return { kind: 'error', message: 'missing "' };
    return { kind: 'arg', text: word };
  }
}
