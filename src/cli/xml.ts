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

/** The root element of a document libvirt produced (well-formed by construction). */
export function parseXML(text: string): XmlElement {
  const doc = new (xmldom().DOMParser)().parseFromString(text, 'text/xml');
  return doc.documentElement as XmlElement;
}

export type XPathResult = { nodes: XmlNode[] } | { invalid: true } | { notNodeSet: true };

/** Evaluate an expression with the root element as context node (virXPathNodeSet). */
export function selectNodes(root: XmlElement, expression: string): XPathResult {
  let result: unknown;
  try {
    result = xpath().select(expression, root as unknown as Node);
  } catch {
    return { invalid: true };
  }
  if (!Array.isArray(result)) return { notNodeSet: true };
  return { nodes: result as unknown as XmlNode[] };
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

/** Children that survive libxml2's blank removal: whitespace between elements goes. */
function keptChildren(el: XmlElement): XmlNode[] {
  const all = Array.from(el.childNodes as unknown as ArrayLike<XmlNode>);
  const hasElement = all.some((c) => c.nodeType === ELEMENT);
  return hasElement ? all.filter((c) => !isBlank(c)) : all;
}

function dumpElement(el: XmlElement, level: number, format: boolean): string {
  const attrs = Array.from(el.attributes as unknown as ArrayLike<{ name: string; value: string }>)
    .map((a) => ` ${a.name}="${escapeAttr(a.value)}"`).join('');
  const children = keptChildren(el);
  if (children.length === 0) return `<${el.nodeName}${attrs}/>`;
  // libxml2 stops indenting inside an element that holds text.
  const indent = format && children.every((c) => c.nodeType === ELEMENT || c.nodeType === COMMENT);
  const pad = (n: number): string => (indent ? `\n${'  '.repeat(n)}` : '');
  const inner = children.map((c) => pad(level + 1) + dumpNode(c, level + 1, indent)).join('');
  return `<${el.nodeName}${attrs}>${inner}${pad(level)}</${el.nodeName}>`;
}

/** libxml2's xmlNodeDump with formatting, for any node XPath may return. */
export function dumpNode(node: XmlNode, level = 0, format = true): string {
  switch (node.nodeType) {
    case ELEMENT: return dumpElement(node as XmlElement, level, format);
    case ATTRIBUTE: return ` ${node.nodeName}="${escapeAttr(node.nodeValue ?? '')}"`;
    case TEXT: return escapeText(node.nodeValue ?? '');
    case CDATA: return `<![CDATA[${node.nodeValue ?? ''}]]>`;
    case COMMENT: return `<!--${node.nodeValue ?? ''}-->`;
    default: return '';
  }
}

/** `<nodes>` around copies of the nodes (dumpxml --wrap). */
export function dumpWrapped(nodes: XmlNode[]): string {
  if (nodes.length === 0) return '<nodes/>';
  return `<nodes>${nodes.map((n) => `\n  ${dumpNode(n, 1)}`).join('')}\n</nodes>`;
}
