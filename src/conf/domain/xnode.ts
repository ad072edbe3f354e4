/**
 * A generic, ordered copy of an XML element for the families not modelled field by field:
 * kept as parsed and written back in libvirt's layout (single quotes, `<x/>` when empty).
 */
import type { XmlElement, XmlWriter } from '../xml.js';

export interface XNode {
  name: string;
  attrs: [string, string][];
  children: XNode[];
  text?: string;
  /** Written as an open and a close tag even when empty (libvirt does so for a few elements). */
  neverEmpty?: boolean;
}

export function toXNode(el: XmlElement): XNode {
  const attrs: [string, string][] = [];
  for (let i = 0; i < el.attributes.length; i++) {
    const a = el.attributes.item(i)!;
    attrs.push([a.name, a.value]);
  }
  const children: XNode[] = [];
  let text: string | undefined;
  for (let c = el.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 1) children.push(toXNode(c as XmlElement));
    else if (c.nodeType === 3 || c.nodeType === 4) text = (text ?? '') + (c.nodeValue ?? '');
  }
  return text === undefined ? { name: el.nodeName, attrs, children } : { name: el.nodeName, attrs, children, text };
}

export function writeXNode(w: XmlWriter, node: XNode): void {
  const { name, children } = node;
  if (children.length === 0) {
    if (node.text !== undefined) w.text(name, node.text, node.attrs);
    else if (node.neverEmpty) w.open(name, node.attrs).close(name);
    else w.empty(name, node.attrs);
    return;
  }
  w.open(name, node.attrs);
  for (const child of children) writeXNode(w, child);
  w.close(name);
}

export function getAttr(node: XNode | undefined, name: string): string | undefined {
  return node?.attrs.find(([k]) => k === name)?.[1];
}

/** Set (or with undefined, remove) an attribute, keeping its place when already present. */
export function setAttr(node: XNode, name: string, value: string | undefined): void {
  const i = node.attrs.findIndex(([k]) => k === name);
  if (value === undefined) {
    if (i >= 0) node.attrs.splice(i, 1);
  } else if (i >= 0) node.attrs[i] = [name, value];
  else node.attrs.push([name, value]);
}

export function getChild(node: XNode, name: string): XNode | undefined {
  return node.children.find((c) => c.name === name);
}

export function newXNode(name: string, attrs: [string, string][] = [], children: XNode[] = []): XNode {
  return { name, attrs, children };
}

/** Reorder attributes into `order`; attributes not listed keep their relative order after them. */
export function orderAttrs(node: XNode, order: readonly string[]): void {
  node.attrs.sort((a, b) => rank(order, a[0]) - rank(order, b[0]));
}

/** Reorder children into `order`; children not listed keep their relative order after them. */
export function orderChildren(node: XNode, order: readonly string[]): void {
  const indexed = node.children.map((c, i) => [c, i] as const);
  indexed.sort((a, b) => rank(order, a[0].name) - rank(order, b[0].name) || a[1] - b[1]);
  node.children = indexed.map(([c]) => c);
}

function rank(order: readonly string[], name: string): number {
  const i = order.indexOf(name);
  return i < 0 ? order.length : i;
}
