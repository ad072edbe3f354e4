/**
 * What libxml2 2.9.14 (the library virsh uses for --xpath) prints on stderr for an expression it
 * refuses: its compiler's messages at the position it stopped (a caret line under the expression
 * when that is inside it), then the errors of evaluation every document meets (an undefined
 * variable or namespace prefix, an unknown function, a wrong argument count). Written from the
 * grammar libxml2's compiler follows, keeping where it stops and what it reports more than once.
 */

const MESSAGES = {
  number: 'Number encoding',
  literal: 'Unfinished literal',
  startLiteral: 'Start of literal',
  variableRef: 'Expected $ for variable reference',
  predicate: 'Invalid predicate',
  expression: 'Invalid expression',
  unclosed: 'Missing closing curly brace',
} as const;

/** What an expression evaluates to, as far as the text tells ('unknown' after an error already met). */
type Kind = 'nodeset' | 'number' | 'string' | 'boolean' | 'unknown';
const INVALID_TYPE = 'XPath error : Invalid type\n';

/** XPath 1.0's core functions as libxml2 registers them: name -> [least, most] arguments. */
const FUNCTIONS: Record<string, [number, number]> = {
  last: [0, 0], position: [0, 0], count: [1, 1], id: [1, 1], 'local-name': [0, 1], 'namespace-uri': [0, 1], name: [0, 1],
  string: [0, 1], concat: [2, Infinity], 'starts-with': [2, 2], contains: [2, 2], 'substring-before': [2, 2],
  'substring-after': [2, 2], substring: [2, 3], 'string-length': [0, 1], 'normalize-space': [0, 1], translate: [3, 3],
  boolean: [1, 1], not: [1, 1], true: [0, 0], false: [0, 0], lang: [1, 1], number: [0, 1], sum: [1, 1], floor: [1, 1],
  ceiling: [1, 1], round: [1, 1],
};
/** The kind each core function returns (id gives nodes; the rest by XPath 1.0's signatures). */
const RESULTS: Record<string, Kind> = {
  id: 'nodeset', last: 'number', position: 'number', count: 'number', 'string-length': 'number', number: 'number',
  sum: 'number', floor: 'number', ceiling: 'number', round: 'number', boolean: 'boolean', not: 'boolean', true: 'boolean',
  false: 'boolean', lang: 'boolean', 'starts-with': 'boolean', contains: 'boolean',
};
/** Functions whose argument libxml2 requires to be a node set. */
const NODESET_ARGUMENT = new Set(['count', 'sum', 'local-name', 'namespace-uri', 'name']);
const AXES = new Set(['ancestor', 'ancestor-or-self', 'attribute', 'child', 'descendant', 'descendant-or-self', 'following',
  'following-sibling', 'namespace', 'parent', 'preceding', 'preceding-sibling', 'self']);
const NODE_TYPES = new Set(['comment', 'node', 'processing-instruction', 'text']);

const isBlank = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';
const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isLetter = (c: string): boolean => /^[A-Za-z]$/.test(c) || (c > '\x7f' && /^\p{L}$/u.test(c));
const isNameChar = (c: string): boolean => isLetter(c) || isDigit(c) || c === '.' || c === '-' || c === '_' || (c > '\x7f' && /^[\p{M}\p{Nd}]$/u.test(c));

class Compiler {
  pos = 0;
  failed = false;
  /** Compile errors, in the order libxml2 reports them. */
  readonly errors: { message: string; at: number }[] = [];
  /** Evaluation errors a successful compile leads to, in evaluation order. */
  readonly evalErrors: string[] = [];
  /** The same inside predicates: met only when the nodes they filter exist. */
  readonly predicateErrors: string[] = [];
  /** The kind of the expression compiled last. */
  kind: Kind = 'unknown';
  /** The last function call ran into the end of the text before its ')' (libxml2 takes it as closed). */
  openCall = false;
  /** Every number and its value: libxml2 reads forms (`5.`, `1e3`) the evaluator does not. */
  readonly numbers: { start: number; end: number; value: number }[] = [];
  #predicates = 0;

  constructor(readonly text: string) {}

  private ch(): string { return this.text[this.pos] ?? ''; }
  private nxt(n: number): string { return this.text[this.pos + n] ?? ''; }
  private next(): void { if (this.pos < this.text.length) this.pos++; }
  private skip(n: number): void { this.pos = Math.min(this.text.length, this.pos + n); }
  private blanks(): void { while (isBlank(this.ch())) this.pos++; }
  private error(message: string): void {
    this.failed = true;
    this.errors.push({ message, at: this.pos });
  }
  private evalError(line: string): void {
    (this.#predicates === 0 ? this.evalErrors : this.predicateErrors).push(line);
  }

  compile(): void {
    this.expr();
    if (!this.failed && this.pos < this.text.length) this.error(MESSAGES.expression);
  }

  /** Operands joined by operators; with at least one operator the result is of `result`'s kind. */
  private binary(operand: () => void, operator: () => number, result: Kind): void {
    operand();
    if (this.failed) return;
    this.blanks();
    for (let width = operator(); width > 0; width = operator()) {
      this.skip(width);
      this.blanks();
      operand();
      if (this.failed) return;
      this.kind = result;
      this.blanks();
    }
  }
  /** A value that must be a node set where libxml2 checks it (paths, predicates, unions). */
  private needNodes(kind: Kind): void {
    if (kind !== 'nodeset' && kind !== 'unknown') this.evalError(INVALID_TYPE);
  }

  private expr(): void {
    this.binary(() => this.and(), () => (this.ch() === 'o' && this.nxt(1) === 'r' ? 2 : 0), 'boolean');
  }
  private and(): void {
    this.binary(() => this.equality(), () => (this.text.startsWith('and', this.pos) ? 3 : 0), 'boolean');
  }
  private equality(): void {
    this.binary(() => this.relational(), () => (this.ch() === '=' ? 1 : this.ch() === '!' && this.nxt(1) === '=' ? 2 : 0), 'boolean');
  }
  private relational(): void {
    this.binary(() => this.additive(), () => (this.ch() === '<' || this.ch() === '>' ? (this.nxt(1) === '=' ? 2 : 1) : 0), 'boolean');
  }
  private additive(): void {
    this.binary(() => this.multiplicative(), () => (this.ch() === '+' || this.ch() === '-' ? 1 : 0), 'number');
  }
  private multiplicative(): void {
    this.binary(() => this.unary(), () => (this.ch() === '*' ? 1 : /^(div|mod)/.test(this.text.slice(this.pos, this.pos + 3)) ? 3 : 0), 'number');
  }
  private unary(): void {
    this.blanks();
    let negated = false;
    while (this.ch() === '-') {
      negated = true;
      this.next();
      this.blanks();
    }
    this.union();
    if (negated) this.kind = 'number';
  }
  /** libxml2 does not stop after a failed operand of `|`; it checks both operands once both are evaluated. */
  private union(): void {
    this.path();
    if (this.failed) return;
    this.blanks();
    while (this.ch() === '|') {
      const left = this.kind;
      this.next();
      this.blanks();
      this.path();
      this.blanks();
      this.needNodes(left === 'nodeset' ? this.kind : left);
      this.kind = 'nodeset';
    }
  }

  private path(): void {
    this.blanks();
    const c = this.ch();
    let locationPath = true;
    if (c === '$' || c === '(' || isDigit(c) || c === "'" || c === '"' || (c === '.' && isDigit(this.nxt(1)))) locationPath = false;
    else if (c !== '*' && c !== '/' && c !== '@' && c !== '.') {
      const name = this.scanName();
      if (name === null) {
        this.error(MESSAGES.expression);
        return;
      }
      if (!name.includes('::')) {
        let len = name.length;
        while (this.nxt(len) !== '' && isBlank(this.nxt(len))) len++;
        // A name followed by '(' is a function call unless it names a node type.
        if (this.nxt(len) === '(') locationPath = NODE_TYPES.has(name);
      }
    }
    if (locationPath) {
      this.locationPath();
      this.kind = 'nodeset';
    } else {
      this.filter();
      if (this.failed) return;
      if (this.ch() === '/') {
        this.needNodes(this.kind);
        this.kind = 'nodeset';
      }
      if (this.ch() === '/' && this.nxt(1) === '/') {
        this.skip(2);
        this.blanks();
        this.relativeLocationPath();
      } else if (this.ch() === '/') this.relativeLocationPath();
    }
    this.blanks();
  }

  /** xmlXPathScanName: a name (colons allowed) ahead, without moving. */
  private scanName(): string | null {
    const c = this.ch();
    if (c === '' || c === ' ' || c === '>' || c === '/' || (!isLetter(c) && c !== '_' && c !== ':')) return null;
    let end = this.pos;
    while (end < this.text.length && (isNameChar(this.text[end]!) || this.text[end] === ':')) end++;
    return this.text.slice(this.pos, end);
  }

  private ncName(): string | null {
    if (!isLetter(this.ch()) && this.ch() !== '_') return null;
    const start = this.pos;
    while (isNameChar(this.ch())) this.pos++;
    return this.text.slice(start, this.pos);
  }

  private qName(): { name: string | null; prefix: string | null } {
    let name = this.ncName();
    let prefix: string | null = null;
    if (name !== null && this.ch() === ':') {
      prefix = name;
      this.next();
      name = this.ncName();
    }
    return { name, prefix };
  }

  private filter(): void {
    this.primary();
    if (this.failed) return;
    this.blanks();
    if (this.ch() !== '[') return;
    this.needNodes(this.kind);
    while (this.ch() === '[') {
      this.predicate();
      this.blanks();
    }
    this.kind = 'nodeset';
  }

  private primary(): void {
    this.blanks();
    const c = this.ch();
    if (c === '$') {
      this.variable();
      this.kind = 'unknown';
    } else if (c === '(') {
      this.next();
      this.blanks();
      this.expr();
      if (this.failed) return;
      if (this.ch() !== ')') {
        this.error(MESSAGES.expression);
        return;
      }
      this.next();
      this.blanks();
    } else if (isDigit(c) || (c === '.' && isDigit(this.nxt(1)))) {
      this.number();
      this.kind = 'number';
    } else if (c === "'" || c === '"') {
      this.literal();
      this.kind = 'string';
    } else this.functionCall();
    this.blanks();
  }

  private number(): void {
    const start = this.pos;
    let digits = false;
    while (isDigit(this.ch())) {
      digits = true;
      this.next();
    }
    if (this.ch() === '.') {
      this.next();
      if (!isDigit(this.ch()) && !digits) {
        this.error(MESSAGES.number);
        return;
      }
      while (isDigit(this.ch())) this.next();
    }
    const mantissa = Number(this.text.slice(start, this.pos));
    let exponent = 0;
    if (this.ch() === 'e' || this.ch() === 'E') {
      this.next();
      const sign = this.ch() === '-' ? -1 : 1;
      if (this.ch() === '-' || this.ch() === '+') this.next();
      const from = this.pos;
      while (isDigit(this.ch())) this.next();
      exponent = sign * Number(this.text.slice(from, this.pos) || '0');
    }
    this.numbers.push({ start, end: this.pos, value: mantissa * 10 ** exponent });
  }

  /** A quoted string; false (with libxml2's error) when it has no closing quote. */
  private quoted(): boolean {
    const quote = this.ch();
    this.next();
    while (this.ch() !== '' && this.ch() !== quote && (this.ch() >= ' ' || '\t\n\r'.includes(this.ch()))) this.next();
    if (this.ch() !== quote) {
      this.error(MESSAGES.literal);
      return false;
    }
    this.next();
    return true;
  }

  private literal(): void {
    this.quoted();
  }

  private variable(): void {
    this.next();
    const { name } = this.qName();
    if (name === null) {
      this.error(MESSAGES.variableRef);
      return;
    }
    this.evalError('XPath error : Undefined variable\n');
    this.blanks();
  }

  private functionCall(): void {
    const { name, prefix } = this.qName();
    if (name === null) {
      this.error(MESSAGES.expression);
      return;
    }
    this.blanks();
    if (this.ch() !== '(') {
      this.error(MESSAGES.expression);
      return;
    }
    this.next();
    this.blanks();
    const args: Kind[] = [];
    if (this.ch() !== ')') {
      while (this.ch() !== '') {
        this.expr();
        if (this.failed) return;
        args.push(this.kind);
        if (this.ch() === ')') break;
        if (this.ch() !== ',') {
          this.error(MESSAGES.expression);
          return;
        }
        this.next();
        this.blanks();
      }
    }
    this.openCall = this.ch() === '';
    this.callChecks(name, prefix, args);
    this.kind = prefix === null && FUNCTIONS[name] ? RESULTS[name] ?? 'string' : 'unknown';
    this.next();
    this.blanks();
  }

  /** What evaluating the call meets: an unknown function, a wrong count, a wrong type, no context. */
  private callChecks(name: string, prefix: string | null, args: Kind[]): void {
    const arity = prefix === null ? FUNCTIONS[name] : undefined;
    if (prefix !== null) this.evalError(`xmlXPathCompOpEval: function ${name} bound to undefined prefix ${prefix}\n`);
    else if (!arity) this.evalError(`xmlXPathCompOpEval: function ${name} not found\nXPath error : Unregistered function\n`);
    else if (args.length < arity[0] || args.length > arity[1]) this.evalError('XPath error : Invalid number of arguments\n');
    else if (NODESET_ARGUMENT.has(name) && args.length === 1) this.needNodes(args[0]!);
    // Outside a predicate virsh's context has no position or size.
    else if (name === 'position' && this.#predicates === 0) this.evalError('XPath error : Invalid context position\n');
    else if (name === 'last' && this.#predicates === 0) this.evalError('XPath error : Invalid context size\n');
  }

  private predicate(): void {
    this.blanks();
    if (this.ch() !== '[') {
      this.error(MESSAGES.predicate);
      return;
    }
    this.next();
    this.blanks();
    this.#predicates++;
    try {
      this.expr();
    } finally {
      this.#predicates--;
    }
    if (this.failed) return;
    if (this.ch() !== ']') {
      this.error(MESSAGES.predicate);
      return;
    }
    this.next();
    this.blanks();
  }

  private locationPath(): void {
    this.blanks();
    if (this.ch() !== '/') {
      this.relativeLocationPath();
      return;
    }
    while (this.ch() === '/') {
      if (this.nxt(1) === '/') {
        this.skip(2);
        this.blanks();
        this.relativeLocationPath();
      } else {
        this.next();
        this.blanks();
        const c = this.ch();
        if (/^[A-Za-z_.@*]$/.test(c)) this.relativeLocationPath();
      }
      if (this.failed) return;
    }
  }

  /** libxml2 goes on with the next step after a failed one. */
  private relativeLocationPath(): void {
    this.blanks();
    if (this.ch() === '/' && this.nxt(1) === '/') this.skip(2);
    else if (this.ch() === '/') this.next();
    this.blanks();
    this.step();
    if (this.failed) return;
    this.blanks();
    while (this.ch() === '/') {
      this.skip(this.nxt(1) === '/' ? 2 : 1);
      this.blanks();
      this.step();
      this.blanks();
    }
  }

  private step(): void {
    this.blanks();
    if (this.ch() === '.') {
      this.skip(this.nxt(1) === '.' ? 2 : 1);
      this.blanks();
      return;
    }
    let name: string | null = null;
    if (this.ch() !== '*') {
      name = this.ncName();
      if (name !== null) {
        if (AXES.has(name)) {
          this.blanks();
          if (this.ch() === ':' && this.nxt(1) === ':') {
            this.skip(2);
            name = null;
          }
        }
      } else if (this.ch() === '@') this.next();
    }
    if (this.failed) return;
    if (!this.nodeTest(name)) return;
    this.blanks();
    while (this.ch() === '[') this.predicate();
  }

  private nodeTest(given: string | null): boolean {
    this.blanks();
    if (given === null && this.ch() === '*') {
      this.next();
      return true;
    }
    const name = given ?? this.ncName();
    if (name === null) {
      this.error(MESSAGES.expression);
      return false;
    }
    const blankAfter = isBlank(this.ch());
    this.blanks();
    if (this.ch() === '(') {
      this.next();
      if (!NODE_TYPES.has(name)) {
        this.error(MESSAGES.expression);
        return false;
      }
      this.blanks();
      if (name === 'processing-instruction' && this.ch() !== ')') {
        if (this.ch() !== "'" && this.ch() !== '"') this.error(MESSAGES.startLiteral);
        if (this.failed || !this.quoted()) {
          this.error(MESSAGES.expression);
          return false;
        }
        this.blanks();
      }
      if (this.ch() !== ')') {
        this.error(MESSAGES.unclosed);
        return false;
      }
      this.next();
      return true;
    }
    if (!blankAfter && this.ch() === ':') {
      this.next();
      this.evalError('XPath error : Undefined namespace prefix\n');
      if (this.ch() === '*') {
        this.next();
        return true;
      }
      if (this.ncName() === null) {
        this.error(MESSAGES.expression);
        return false;
      }
    }
    return true;
  }
}

/** libxml2 shows the expression with a caret under the error when it stopped inside the first 100 characters. */
function errorLines(text: string, message: string, at: number): string {
  const context = at < 100 && at < text.length ? `${text}\n${' '.repeat(at)}^\n` : '';
  return `XPath error : ${message}\n${context}`;
}

/** A number as XPath 1.0's grammar writes it (digits, maybe a fraction; no exponent). */
function plainNumber(value: number): string {
  if (!Number.isFinite(value)) return '(1 div 0)';
  if (Number.isInteger(value)) return BigInt(value).toString();
  return value.toFixed(100).replace(/0+$/, '');
}

/** The text as the evaluator takes it: numbers written plainly, an open call closed. */
function evaluable(text: string, compiler: Compiler): string {
  let out = '';
  let from = 0;
  for (const { start, end, value } of compiler.numbers) {
    out += text.slice(from, start) + plainNumber(value);
    from = end;
  }
  out += text.slice(from);
  return compiler.openCall ? `${out})` : out;
}

/**
 * The expression to evaluate (null when libxml2 would give no result at all), what libxml2
 * prints on stderr for it, and what it prints if evaluating a predicate fails.
 */
export function checkXPath(expression: string): { usable: string | null; stderr: string; predicateError: string } {
  // Without [ ( @ or :, libxml2 first tries its pattern compiler, which ignores a trailing '|'.
  const text = !/[[(@:]/.test(expression) && /\|\s*$/.test(expression) ? expression.replace(/\|\s*$/, '') : expression;
  const compiler = new Compiler(text);
  compiler.compile();
  const predicateError = compiler.predicateErrors[0] ?? 'XPath error : Invalid expression\n';
  if (compiler.failed) return { usable: null, stderr: compiler.errors.map((e) => errorLines(text, e.message, e.at)).join(''), predicateError };
  if (compiler.evalErrors.length > 0) return { usable: null, stderr: compiler.evalErrors[0]!, predicateError };
  return { usable: evaluable(text, compiler), stderr: '', predicateError };
}
