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

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';

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
    while (isBlank(s[p]) || (s[p] === '\\' && s[p + 1] === '\n')) p += s[p] === '\\' ? 2 : 1;
    if (p >= s.length) {
      this.#pos = p;
      return { kind: 'end' };
    }
    if (s[p] === ';' || s[p] === '\n') {
      this.#pos = p + 1;
      return { kind: 'end-of-command' };
    }
    if (s[p] === '#') {
      while (p < s.length && s[p] !== '\n') p++;
      this.#pos = p < s.length ? p + 1 : p;
      return { kind: 'end-of-command' };
    }
    let single = false;
    let double = false;
    let word = '';
    while (p < s.length) {
      const c = s[p]!;
      if (!single && !double && (isBlank(c) || c === ';' || c === '\n')) break;
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
