import { ErrorDomain, ErrorNumber, virError, type VirError } from '../../errors/index.js';
import type { ConfEntry, ConfValue } from './value.js';

const isBlank = (c: string) => c === ' ' || c === '\t';
const isEol = (c: string) => c === '\n' || c === '\r';
const isDigit = (c: string) => c >= '0' && c <= '9';
const isAlpha = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

/**
 * A reader for libvirt's config syntax (libvirt.conf, libvirtd.conf, qemu.conf): `name = value`
 * statements separated by newlines or `;`, values being quoted strings (no escapes; `"""` may
 * span lines), integers, or `[ ... ]` lists across lines; `#` comments.
 */
class ConfParser {
  private at = 0;
  private line = 1;
  readonly entries: ConfEntry[] = [];

  constructor(private readonly text: string, private readonly filename: string) {}

  private cur(): string {
    return this.text[this.at] ?? '';
  }

  private atEnd(): boolean {
    return this.at >= this.text.length;
  }

  private advance(): void {
    if (!this.atEnd()) this.at++;
  }

  private fail(info: string): VirError {
    return virError(ErrorDomain.VIR_FROM_CONF, ErrorNumber.VIR_ERR_CONF_SYNTAX, `${this.filename}:${this.line}: ${info}`);
  }

  private skipBlanks(): void {
    while (!this.atEnd() && isBlank(this.cur())) this.at++;
  }

  private skipBlanksAndEols(): void {
    while (!this.atEnd() && (isBlank(this.cur()) || isEol(this.cur()))) {
      if (this.cur() === '\n') this.line++;
      this.at++;
    }
  }

  private restOfLine(): string {
    const start = this.at;
    while (!this.atEnd() && !isEol(this.cur())) this.at++;
    return this.text.slice(start, this.at);
  }

  parse(): ConfEntry[] {
    while (!this.atEnd()) {
      this.statement();
      this.separator();
    }
    return this.entries;
  }

  private statement(): void {
    this.skipBlanksAndEols();
    if (this.cur() === '#') {
      this.advance();
      this.restOfLine(); // a standalone comment: kept by libvirt for rewriting, not needed to read
      return;
    }
    const name = this.name();
    this.skipBlanks();
    if (this.cur() !== '=') throw this.fail('expecting an assignment');
    this.advance();
    this.skipBlanks();
    const value = this.value();
    this.skipBlanks();
    let comment: string | null = null;
    if (this.cur() === '#') {
      this.advance();
      comment = this.restOfLine();
    }
    this.entries.push({ name, value, comment });
  }

  private separator(): void {
    this.skipBlanks();
    if (this.atEnd()) return;
    if (isEol(this.cur())) {
      this.skipBlanksAndEols();
    } else if (this.cur() === ';') {
      this.advance();
      this.skipBlanksAndEols();
    } else {
      throw this.fail('expecting a separator');
    }
  }

  private name(): string {
    this.skipBlanks();
    const start = this.at;
    if (!isAlpha(this.cur())) throw this.fail('expecting a name');
    while (!this.atEnd() && (isAlpha(this.cur()) || isDigit(this.cur()) || this.cur() === '_')) this.at++;
    return this.text.slice(start, this.at);
  }

  private value(): ConfValue {
    this.skipBlanks();
    if (this.atEnd()) throw this.fail('expecting a value');
    const c = this.cur();
    if (c === '"' || c === "'") return { type: 'string', value: this.string() };
    if (c === '[') return { type: 'list', value: this.list() };
    if (isDigit(c) || c === '-' || c === '+') return this.number();
    throw this.fail('expecting a value');
  }

  private number(): ConfValue {
    const negative = this.cur() === '-';
    if (this.cur() === '-' || this.cur() === '+') this.advance();
    if (this.atEnd() || !isDigit(this.cur())) throw this.fail('unterminated number');
    let magnitude = 0n;
    while (!this.atEnd() && isDigit(this.cur())) {
      magnitude = magnitude * 10n + BigInt(this.cur());
      this.at++;
    }
    // libvirt accumulates in a long long, so out-of-range literals wrap the same way.
    const value = BigInt.asIntN(64, negative ? -magnitude : magnitude);
    return negative ? { type: 'llong', value } : { type: 'ullong', value };
  }

  private string(): string {
    if (this.cur() !== '"' || !this.text.startsWith('"""', this.at) || this.at + 6 >= this.text.length) {
      return this.quoted(this.cur());
    }
    this.at += 3;
    const start = this.at;
    while (this.at + 2 < this.text.length && !this.text.startsWith('"""', this.at)) {
      if (this.cur() === '\n') this.line++;
      this.at++;
    }
    if (!this.text.startsWith('"""', this.at)) throw this.fail('unterminated string');
    const value = this.text.slice(start, this.at);
    this.at += 3;
    return value;
  }

  /** A string in single or double quotes, ending on the same line. */
  private quoted(quote: string): string {
    this.advance();
    const start = this.at;
    while (!this.atEnd() && this.cur() !== quote && !isEol(this.cur())) this.at++;
    if (this.cur() !== quote) throw this.fail('unterminated string');
    const value = this.text.slice(start, this.at);
    this.advance();
    return value;
  }

  private list(): ConfValue[] {
    const items: ConfValue[] = [];
    this.advance();
    this.skipBlanksAndEols();
    if (!this.atEnd() && this.cur() !== ']') {
      items.push(this.value());
      this.skipBlanksAndEols();
    }
    while (!this.atEnd() && this.cur() !== ']') {
      if (this.cur() !== ',') throw this.fail('expecting a separator in list');
      this.advance();
      this.skipBlanksAndEols();
      if (this.cur() === ']') break;
      items.push(this.value());
      this.skipBlanksAndEols();
    }
    if (this.cur() !== ']') throw this.fail('list is not closed with ]');
    this.advance();
    return items;
  }
}

/** Parse config text; `filename` names the source in error messages as `filename:line: problem`. */
export function parseConfEntries(text: string, filename: string): ConfEntry[] {
  return new ConfParser(text, filename).parse();
}
