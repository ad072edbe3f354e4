/**
 * A well-formedness scan that reports the first problem the way libxml2 words and places it,
 * so that malformed XML gives the same VIR_ERR_XML_DETAIL text as libvirt (message, line, the
 * offending source line and a `---^` pointer). It only checks; the DOM comes from @xmldom/xmldom.
 */

export interface WellFormedProblem {
  line: number;
  message: string;
  context: string;
  pointer: string;
}

const PREDEFINED_ENTITIES = new Set(['lt', 'gt', 'amp', 'quot', 'apos']);
const NAME_START = /[A-Za-z_:\u00C0-\uFFFF]/;
const NAME_CHAR = /[A-Za-z0-9_:.\-\u00B7\u00C0-\uFFFF]/;
const BLANK = /[ \t\r\n]/;

class Stop {
  constructor(readonly pos: number, readonly message: string) {}
}

/** Returns the first well-formedness problem of `xml`, or undefined when it is well formed. */
export function checkWellFormed(xml: string): WellFormedProblem | undefined {
  try {
    new Scanner(xml).document();
    return undefined;
  } catch (e) {
    if (e instanceof Stop) return describe(xml, e.pos, e.message);
    throw e;
  }
}

/** libvirt's catchXMLError layout: the line holding the cursor and a pointer to its column. */
function describe(xml: string, pos: number, message: string): WellFormedProblem {
  const line = 1 + countNewlines(xml, pos);
  const at = (i: number): string => xml[i] ?? '\0';
  const isEol = (c: string): boolean => c === '\n' || c === '\r';
  let cur = Math.min(pos, xml.length);
  while (cur > 0 && isEol(at(cur))) cur--;
  while (cur > 0 && !isEol(at(cur))) cur--;
  if (isEol(at(cur))) cur++;
  const col = pos - cur;
  let end = cur;
  while (end < xml.length && xml[end] !== '\n' && xml[end] !== '\r') end++;
  const context = xml.slice(cur, end);
  let pointer = '';
  for (let i = 0; i < col && i < context.length; i++) pointer += context[i] === '\t' ? '\t' : '-';
  return { line, message, context: context === '' ? '(null)' : context, pointer: pointer + '^' };
}

function countNewlines(s: string, end: number): number {
  let n = 0;
  for (let i = 0; i < end && i < s.length; i++) if (s[i] === '\n') n++;
  return n;
}

class Scanner {
  private pos = 0;

  constructor(private readonly s: string) {}

  document(): void {
    const s = this.s;
    if (s.charCodeAt(0) === 0xfeff) this.pos = 1;
    if (this.pos >= s.length) throw new Stop(this.pos, 'Document is empty');
    this.misc(true);
    if (s[this.pos] !== '<') {
      throw new Stop(this.pos, "Start tag expected, '<' not found");
    }
    this.element();
    this.misc(false);
    if (this.pos < s.length) throw new Stop(this.pos, 'Extra content at the end of the document');
  }

  /** Blanks, comments, processing instructions (and a DOCTYPE before the root). */
  private misc(beforeRoot: boolean): void {
    const s = this.s;
    for (;;) {
      while (BLANK.test(s[this.pos] ?? '')) this.pos++;
      if (s.startsWith('<!--', this.pos)) this.skipPast('-->', 'Comment not terminated');
      else if (s.startsWith('<?', this.pos)) this.skipPast('?>', 'ParsePI: PI xml space expected');
      else if (beforeRoot && s.startsWith('<!DOCTYPE', this.pos)) this.doctype();
      else return;
    }
  }

  private skipPast(terminator: string, message: string): void {
    const end = this.s.indexOf(terminator, this.pos);
    if (end < 0) throw new Stop(this.s.length, message);
    this.pos = end + terminator.length;
  }

  private doctype(): void {
    let depth = 0;
    for (let i = this.pos; i < this.s.length; i++) {
      const c = this.s[i];
      if (c === '[') depth++;
      else if (c === ']') depth--;
      else if (c === '>' && depth <= 0) {
        this.pos = i + 1;
        return;
      }
    }
    throw new Stop(this.s.length, 'DOCTYPE improperly terminated');
  }

  private name(): string {
    const s = this.s;
    const start = this.pos;
    if (!NAME_START.test(s[this.pos] ?? '')) return '';
    while (NAME_CHAR.test(s[this.pos] ?? '')) this.pos++;
    return s.slice(start, this.pos);
  }

  /** Line numbers counted on from the last one asked for: elements start at rising positions. */
  private counted = { pos: 0, line: 1 };

  private lineAt(pos: number): number {
    const c = this.counted;
    if (pos < c.pos) return 1 + countNewlines(this.s, pos);
    for (let i = c.pos; i < pos && i < this.s.length; i++) if (this.s.charCodeAt(i) === 10) c.line++;
    c.pos = pos;
    return c.line;
  }

  /** An element starting at '<', with its content and end tag. */
  private element(): void {
    const s = this.s;
    const startLine = this.lineAt(this.pos);
    this.pos++;
    const tag = this.name();
    if (tag === '') throw new Stop(this.pos, 'StartTag: invalid element name');
    const seen = new Set<string>();
    for (let first = true; ; first = false) {
      const hadBlank = BLANK.test(s[this.pos] ?? '');
      while (BLANK.test(s[this.pos] ?? '')) this.pos++;
      const c = s[this.pos];
      if (c === '>') {
        this.pos++;
        break;
      }
      if (s.startsWith('/>', this.pos)) {
        this.pos += 2;
        return;
      }
      // libxml2 wants a blank between attributes, not before the first (whatever follows the name is no
      // attribute name); it checks that before the end of the input
      if (!hadBlank && !first) throw new Stop(this.pos, 'attributes construct error');
      if (c === undefined) throw new Stop(this.pos, `Couldn't find end of Start Tag ${tag} line ${startLine}`);
      this.attribute(seen);
    }
    this.content(tag, startLine);
  }

  private attribute(seen: Set<string>): void {
    const s = this.s;
    const name = this.name();
    if (name === '') throw new Stop(this.pos, 'error parsing attribute name');
    while (BLANK.test(s[this.pos] ?? '')) this.pos++;
    if (s[this.pos] !== '=') throw new Stop(this.pos, `Specification mandates value for attribute ${name}`);
    this.pos++;
    while (BLANK.test(s[this.pos] ?? '')) this.pos++;
    const quote = s[this.pos];
    if (quote !== '"' && quote !== "'") throw new Stop(this.pos, 'AttValue: " or \' expected');
    this.pos++;
    for (;;) {
      const c = s[this.pos];
      if (c === undefined) throw new Stop(this.pos, "AttValue: ' expected");
      if (c === quote) break;
      if (c === '<') throw new Stop(this.pos, "Unescaped '<' not allowed in attributes values");
      if (c === '&') this.reference();
      else this.pos++;
    }
    this.pos++;
    if (seen.has(name)) throw new Stop(this.pos, `Attribute ${name} redefined`);
    seen.add(name);
  }

  /** `&name;` or `&#...;` at the cursor. */
  private reference(): void {
    const s = this.s;
    this.pos++;
    if (s[this.pos] === '#') {
      this.pos++;
      const hex = s[this.pos] === 'x';
      if (hex) this.pos++;
      const digits = hex ? /[0-9A-Fa-f]/ : /[0-9]/;
      const start = this.pos;
      while (digits.test(s[this.pos] ?? '')) this.pos++;
      if (this.pos === start || s[this.pos] !== ';') {
        throw new Stop(this.pos, hex ? 'CharRef: invalid hexadecimal value' : 'CharRef: invalid decimal value');
      }
      this.pos++;
      return;
    }
    const name = this.name();
    if (name === '') throw new Stop(this.pos, 'xmlParseEntityRef: no name');
    if (s[this.pos] !== ';') throw new Stop(this.pos, "EntityRef: expecting ';'");
    this.pos++;
    if (!PREDEFINED_ENTITIES.has(name)) throw new Stop(this.pos, `Entity '${name}' not defined`);
  }

  private content(tag: string, startLine: number): void {
    const s = this.s;
    for (;;) {
      const c = s[this.pos];
      if (c === undefined) throw new Stop(this.pos, `Premature end of data in tag ${tag} line ${startLine}`);
      if (c === '&') {
        this.reference();
      } else if (s.startsWith(']]>', this.pos)) {
        throw new Stop(this.pos, "Sequence ']]>' not allowed in content");
      } else if (c !== '<') {
        this.pos++;
      } else if (s.startsWith('</', this.pos)) {
        this.endTag(tag, startLine);
        return;
      } else if (s.startsWith('<!--', this.pos)) {
        this.skipPast('-->', 'Comment not terminated');
      } else if (s.startsWith('<![CDATA[', this.pos)) {
        this.skipPast(']]>', 'CData section not finished');
      } else if (s.startsWith('<?', this.pos)) {
        this.skipPast('?>', 'ParsePI: PI xml space expected');
      } else {
        this.element();
      }
    }
  }

  private endTag(tag: string, startLine: number): void {
    const s = this.s;
    this.pos += 2;
    const name = this.name();
    while (BLANK.test(s[this.pos] ?? '')) this.pos++;
    if (s[this.pos] !== '>') throw new Stop(this.pos, "expected '>'");
    this.pos++;
    if (name !== tag) throw new Stop(this.pos, `Opening and ending tag mismatch: ${tag} line ${startLine} and ${name}`);
  }
}
