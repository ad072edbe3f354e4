/**
 * Shared XML plumbing for every libvirt XML model: parsing a document into a DOM with libvirt's
 * errors, reading helpers, and a writer that lays text out the way libvirt's virBuffer does.
 */
import type { Element as XmlElement, Node as XmlNode } from '@xmldom/xmldom';
import { ErrorDomain, ErrorNumber } from '../errors/codes.js';
import { virError } from '../errors/vir-error.js';
import { checkWellFormed } from './xml-wellformed.js';
import { xmldom } from './xml-libs.js';

export type { XmlElement, XmlNode };

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

export interface ParseXmlOptions {
  /** Name libvirt gives the document in parse errors, e.g. `(domain_definition)`. */
  url: string;
  /** Error domain of the caller (VIR_FROM_DOMAIN for domains, VIR_FROM_NETWORK for networks...). */
  errorDomain: number;
  /** Expected root element name; another root gives libvirt's "expecting root element" error. */
  rootElement?: string;
  /** libvirt's RelaxNG schema of the document (`domain` for domain.rng), for the `*_VALIDATE` flags. */
  schema?: string;
}

/**
 * Parse `xml` as libvirt's virXMLParse does: malformed input gives VIR_ERR_XML_DETAIL with the
 * document name, line, parser message and a pointer line; whitespace-only text is dropped
 * (libvirt parses with blanks ignored); returns the root element.
 */
export function parseXmlDocument(xml: string, opts: ParseXmlOptions): XmlElement {
  const problem = checkWellFormed(xml);
  if (problem) {
    throw virError(opts.errorDomain, ErrorNumber.VIR_ERR_XML_DETAIL,
      `${opts.url}:${problem.line}: ${problem.message}\n${problem.context}\n${problem.pointer}`);
  }
  let failure: string | undefined;
  const doc = new (xmldom().DOMParser)({
    onError: (level: string, message: string) => {
      if (level !== 'warning' && failure === undefined) failure = message;
    },
  }).parseFromString(xml, 'text/xml');
  const root = doc.documentElement;
  if (failure !== undefined || !root) {
    throw virError(opts.errorDomain, ErrorNumber.VIR_ERR_XML_ERROR,
      `failed to parse xml document '${opts.url}'`);
  }
  dropBlankText(root);
  if (opts.rootElement !== undefined && root.nodeName !== opts.rootElement) {
    throw virError(ErrorDomain.VIR_FROM_XML, ErrorNumber.VIR_ERR_XML_ERROR,
      `expecting root element of '${opts.rootElement}', not '${root.nodeName}'`);
  }
  return root;
}

function dropBlankText(node: XmlNode): void {
  for (let child = node.firstChild; child; ) {
    const next = child.nextSibling;
    if (child.nodeType === TEXT_NODE && /^[ \t\r\n]*$/.test(child.nodeValue ?? '')) node.removeChild(child);
    else if (child.nodeType === ELEMENT_NODE) dropBlankText(child);
    child = next;
  }
}

/** Child elements of `el`, optionally only those named `name`, in document order. */
export function childElements(el: XmlElement, name?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (let child = el.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === ELEMENT_NODE && (name === undefined || child.nodeName === name)) out.push(child as XmlElement);
  }
  return out;
}

/** The first child element named `name`, as libvirt's `./name[1]` XPath lookups pick it. */
export function firstChild(el: XmlElement, name: string): XmlElement | undefined {
  return childElements(el, name)[0];
}

/** An attribute's value, or undefined when absent (libvirt treats absent and missing alike). */
export function attr(el: XmlElement | undefined, name: string): string | undefined {
  if (!el || !el.hasAttribute(name)) return undefined;
  return el.getAttribute(name) ?? undefined;
}

/** The text content of an element, or undefined for an absent element. */
export function textOf(el: XmlElement | undefined): string | undefined {
  if (!el) return undefined;
  return el.textContent ?? '';
}

/** The text of child `name` of `el` (libvirt's `string(./name[1])`), undefined when absent. */
export function childText(el: XmlElement, name: string): string | undefined {
  return textOf(firstChild(el, name));
}

/** Escape text or an attribute value as libvirt's virBufferEscapeString does (control characters dropped). */
export function escapeXml(value: string): string {
  // most values need nothing: testing first spares the replace and its callback
  return NEEDS_ESCAPE.test(value) ? value.replace(ESCAPED, (c) => XML_ESCAPES[c] ?? '') : value;
}

const NEEDS_ESCAPE = /[\x01-\x08\x0b\x0c\x0e-\x19"&'<>]/;
const ESCAPED = /[\x01-\x08\x0b\x0c\x0e-\x19"&'<>]/g;
const XML_ESCAPES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' };

/**
 * Attributes in the order they are written: a record whose undefined and null values are left
 * out, or name/value pairs as a generic element keeps them.
 */
export type XmlAttrs = Record<string, string | number | undefined | null> | readonly (readonly [string, string])[];

function formatAttrs(attrs: XmlAttrs | undefined): string {
  if (!attrs) return '';
  let out = '';
  if (Array.isArray(attrs)) {
    for (const [name, value] of attrs as readonly (readonly [string, string])[]) out += ` ${name}='${escapeXml(value)}'`;
    return out;
  }
  const record = attrs as Record<string, string | number | undefined | null>;
  for (const name in record) {
    const value = record[name];
    if (value === undefined || value === null) continue;
    out += ` ${name}='${typeof value === 'string' ? escapeXml(value) : value}'`;
  }
  return out;
}

/** Indentation strings by depth, made once. */
const INDENTS: string[] = [];
const indentOf = (depth: number): string => (INDENTS[depth] ??= '  '.repeat(depth));

/**
 * Builds XML text the way libvirt's virBuffer-based formatters do: two spaces per level,
 * attributes in single quotes, empty elements written `<x/>`.
 */
export class XmlWriter {
  /** The text so far, every line ended by a newline (appending builds a rope: no copying). */
  private out = '';
  private depth: number;

  constructor(depth = 0) {
    this.depth = depth;
  }

  /** `<name attrs>` on its own line; the following lines are indented one level deeper. */
  open(name: string, attrs?: XmlAttrs): this {
    this.line(`<${name}${formatAttrs(attrs)}>`);
    this.depth++;
    return this;
  }

  close(name: string): this {
    this.depth--;
    this.line(`</${name}>`);
    return this;
  }

  /** `<name attrs/>`. */
  empty(name: string, attrs?: XmlAttrs): this {
    return this.line(`<${name}${formatAttrs(attrs)}/>`);
  }

  /** `<name attrs>text</name>`, skipped when `text` is undefined. */
  text(name: string, text: string | number | undefined, attrs?: XmlAttrs): this {
    if (text === undefined) return this;
    return this.line(`<${name}${formatAttrs(attrs)}>${typeof text === 'string' ? escapeXml(text) : text}</${name}>`);
  }

  /**
   * An element whose children `body` writes (one level deeper, into this writer): self-closing
   * when the body writes nothing, as libvirt's virXMLFormatElement does. With `omitIfEmpty`,
   * nothing at all when it has neither attributes nor children.
   */
  element(name: string, attrs: XmlAttrs | undefined, body?: (w: XmlWriter) => void, omitIfEmpty = false): this {
    const attrText = formatAttrs(attrs);
    if (body) {
      // the body writes on its own; its text follows the open tag only if there is any
      const before = this.out;
      this.out = '';
      this.depth++;
      body(this);
      this.depth--;
      const children = this.out;
      this.out = before;
      if (children !== '') {
        this.out += `${indentOf(this.depth)}<${name}${attrText}>\n${children}`;
        return this.line(`</${name}>`);
      }
    }
    if (!omitIfEmpty || attrText !== '') this.line(`<${name}${attrText}/>`);
    return this;
  }

  /** One line at the current indentation (`text` is written as given, not escaped). */
  line(text: string): this {
    this.out += `${indentOf(this.depth)}${text}\n`;
    return this;
  }

  /** Pre-formatted lines already carrying their own indentation. */
  raw(text: string): this {
    this.out += `${text}\n`;
    return this;
  }

  get indentLevel(): number {
    return this.depth;
  }

  isEmpty(): boolean {
    return this.out === '';
  }

  toString(): string {
    return this.out;
  }
}

/**
 * Serialize a DOM subtree as libxml2's xmlNodeDump with formatting does (libvirt uses it for
 * `<metadata>`): double-quoted attributes, children indented by two spaces per level unless an
 * element holds text, in which case it is written on one line. `depth` is the starting level.
 */
export function dumpNode(node: XmlNode, depth: number): string {
  return dumpInto(node, depth, true).replace(/^ +/, '');
}

function dumpInto(node: XmlNode, depth: number, format: boolean): string {
  if (node.nodeType === TEXT_NODE) return escapeLibxmlText(node.nodeValue ?? '');
  if (node.nodeType === CDATA_SECTION_NODE) return `<![CDATA[${node.nodeValue ?? ''}]]>`;
  if (node.nodeType !== ELEMENT_NODE) return '';
  const el = node as XmlElement;
  const pad = format ? '  '.repeat(depth) : '';
  let open = `<${el.nodeName}`;
  for (let i = 0; i < el.attributes.length; i++) {
    const a = el.attributes.item(i)!;
    open += ` ${a.name}="${escapeLibxmlAttr(a.value)}"`;
  }
  const children: XmlNode[] = [];
  for (let c = el.firstChild; c; c = c.nextSibling) children.push(c);
  if (children.length === 0) return `${pad}${open}/>`;
  const hasText = children.some((c) => c.nodeType === TEXT_NODE || c.nodeType === CDATA_SECTION_NODE);
  if (!format || hasText) {
    return `${pad}${open}>${children.map((c) => dumpInto(c, 0, false)).join('')}</${el.nodeName}>`;
  }
  const inner = children.map((c) => dumpInto(c, depth + 1, true)).filter((s) => s !== '');
  return `${pad}${open}>\n${inner.join('\n')}\n${pad}</${el.nodeName}>`;
}

function escapeLibxmlText(s: string): string {
  return s.replace(/[&<>\r]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' })[c]!);
}

function escapeLibxmlAttr(s: string): string {
  return s.replace(/[&<>"\r\n\t]/g, (c) =>
    ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\r': '&#13;', '\n': '&#10;', '\t': '&#9;' })[c]!);
}
