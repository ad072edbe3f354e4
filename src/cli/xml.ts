/**
 * What virsh does with XML it reads back from libvirt: parse, evaluate XPath from the root
 * element, and print nodes as libxml2's formatted dump does (blank text dropped, two-space
 * indent, double-quoted attributes).
 */
import type { Element as XmlElement, Node as XmlNode } from '@xmldom/xmldom';
import { xmldom, xpath } from '../conf/xml-libs.js';

const ELEMENT = 1;
const ATTRIBUTE = 2;
const TEXT = 3;
const CDATA = 4;
const COMMENT = 8;
const DOCUMENT = 9;

/** The root element of a document libvirt produced (well-formed by construction). */
export function parseXML(text: string): XmlElement {
  const doc = new (xmldom().DOMParser)().parseFromString(text, 'text/xml');
  return doc.documentElement as XmlElement;
}

/**
 * Drop the blank text libxml2's parser leaves out when told not to keep blanks (virsh's
 * --xpath): a whitespace run between markup goes unless it is an element's only content or
 * follows text, or the element's first child is text.
 */
export function dropBlanks(el: XmlElement): XmlElement {
  const children = Array.from(el.childNodes as unknown as ArrayLike<XmlNode>);
  const kept: XmlNode[] = [];
  for (const child of children) {
    const alone = children.length === 1;
    if (isBlank(child) && !alone && kept.at(-1)?.nodeType !== TEXT && kept[0]?.nodeType !== TEXT) el.removeChild(child);
    else kept.push(child);
    if (child.nodeType === ELEMENT) dropBlanks(child as XmlElement);
  }
  return el;
}

export type XPathResult = { nodes: XmlNode[] } | { invalid: true } | { notNodeSet: true };

/** The part of the xpath package's evaluator API its typings leave out. */
interface ParsedXPath {
  evaluate(options: { node: unknown; functions: Record<string, (...args: never[]) => unknown> }): {
    toArray?: () => XmlNode[];
  };
}

/**
 * id() as libxml2 answers it for libvirt's documents: with no DTD, only xml:id attributes are
 * IDs (the xpath package would take any attribute called id).
 */
function xmlIds(context: { contextNode: XmlNode }, value: { stringValue(): string; toArray?: () => XmlNode[] }): XmlNode[] {
  const text = value.toArray ? value.toArray().map((n) => n.textContent ?? '').join(' ') : value.stringValue();
  const wanted = new Set(text.split(/[ \t\r\n]+/).filter((id) => id !== ''));
  const found: XmlNode[] = [];
  const visit = (node: XmlNode): void => {
    if (node.nodeType === ELEMENT && wanted.has((node as XmlElement).getAttribute('xml:id') ?? '')) found.push(node);
    for (const child of Array.from(node.childNodes as unknown as ArrayLike<XmlNode>)) visit(child);
  };
  const doc = context.contextNode.ownerDocument ?? context.contextNode;
  visit(doc as XmlNode);
  return found;
}

/** Evaluate an expression with the root element as context node (virXPathNodeSet). */
export function selectNodes(root: XmlElement, expression: string): XPathResult {
  let result: ReturnType<ParsedXPath['evaluate']>;
  try {
    const parsed = (xpath() as unknown as { parse(text: string): ParsedXPath }).parse(expression);
    result = parsed.evaluate({ node: root, functions: { id: xmlIds as (...args: never[]) => unknown } });
  } catch {
    return { invalid: true };
  }
  // Only a node set has toArray.
  if (typeof result.toArray !== 'function') return { notNodeSet: true };
  return { nodes: result.toArray() };
}

/** The string value of an expression (virXPathString): null when empty. */
export function xpathString(context: XmlNode, expression: string): string | null {
  const value = xpath().select(`string(${expression})`, context as unknown as Node);
  return typeof value === 'string' && value !== '' ? value : null;
}

export function selectElements(context: XmlNode, expression: string): XmlElement[] {
  const result = xpath().select(expression, context as unknown as Node);
  return Array.isArray(result) ? (result as unknown as XmlElement[]).filter((n) => n.nodeType === ELEMENT) : [];
}

const escapeText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
const escapeAttr = (s: string): string =>
  escapeText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');

function isBlank(node: XmlNode): boolean {
  return node.nodeType === TEXT && /^[ \t\r\n]*$/.test(node.nodeValue ?? '');
}

function dumpElement(el: XmlElement, level: number, format: boolean): string {
  const attrs = Array.from(el.attributes as unknown as ArrayLike<{ name: string; value: string }>)
    .map((a) => ` ${a.name}="${escapeAttr(a.value)}"`).join('');
  const children = Array.from(el.childNodes as unknown as ArrayLike<XmlNode>);
  if (children.length === 0) return `<${el.nodeName}${attrs}/>`;
  // libxml2 stops indenting inside an element that holds text.
  const indent = format && children.every((c) => c.nodeType === ELEMENT || c.nodeType === COMMENT);
  const pad = (n: number): string => (indent ? `\n${'  '.repeat(n)}` : '');
  const inner = children.map((c) => pad(level + 1) + dumpNode(c, level + 1, indent)).join('');
  return `<${el.nodeName}${attrs}>${inner}${pad(level)}</${el.nodeName}>`;
}

/** libxml2's xmlNodeDump with formatting, for any node XPath may return (from a tree without blanks). */
export function dumpNode(node: XmlNode, level = 0, format = true): string {
  switch (node.nodeType) {
    case ELEMENT: return dumpElement(node as XmlElement, level, format);
    case ATTRIBUTE: return ` ${node.nodeName}="${escapeAttr(node.nodeValue ?? '')}"`;
    case TEXT: return escapeText(node.nodeValue ?? '');
    case CDATA: return `<![CDATA[${node.nodeValue ?? ''}]]>`;
    case COMMENT: return `<!--${node.nodeValue ?? ''}-->`;
    case DOCUMENT: return dumpDocument(node);
    // libxml2 cannot dump a namespace node (the xpath package marks its own); virsh prints the NULL it gets back.
    default: return 'isXPathNamespace' in node ? '(null)' : '';
  }
}

/** libxml2's dump of a document node: the XML declaration virsh's parser recorded, then the root. */
function dumpDocument(doc: XmlNode): string {
  const root = (doc as unknown as { documentElement: XmlElement | null }).documentElement;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root ? dumpNode(root) : ''}\n`;
}

/**
 * `<nodes>` around copies of the nodes (dumpxml --wrap), added as libxml2's xmlAddChild adds
 * them: an attribute becomes one of `<nodes>` (replacing an earlier one of the same name), a
 * text node joins a text node just before it. libxml2 writes no indent before a document node,
 * and the nodes after it (only the document can come first) at no indent.
 */
export function dumpWrapped(nodes: XmlNode[]): string {
  if (nodes.length === 0) return '<nodes/>';
  if (nodes[0]!.nodeType === DOCUMENT) {
    return `<nodes>\n${dumpNode(nodes[0]!)}${nodes.slice(1).map((n) => `\n${dumpNode(n)}`).join('')}\n</nodes>`;
  }
  const wrapper = nodes[0]!.ownerDocument!.createElement('nodes');
  for (const node of nodes) {
    if (node.nodeType === ATTRIBUTE) {
      wrapper.removeAttribute(node.nodeName);
      wrapper.setAttribute(node.nodeName, node.nodeValue ?? '');
      continue;
    }
    const last = wrapper.lastChild;
    if (node.nodeType === TEXT && last?.nodeType === TEXT) (last as unknown as CharacterData).appendData(node.nodeValue ?? '');
    else wrapper.appendChild(node.cloneNode(true));
  }
  return dumpElement(wrapper, 0, true);
}
