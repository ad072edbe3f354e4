/**
 * `<metadata>`: application elements kept verbatim (each in its own namespace), and the
 * virDomainGetMetadata / virDomainSetMetadata semantics over title, description and them.
 */
import type { DOMParser } from '@xmldom/xmldom';
import { xmldom } from '../xml-libs.js';
import { ErrorDomain, ErrorNumber } from '../../errors/codes.js';
import { virError } from '../../errors/vir-error.js';
import { childElements, dumpNode, parseXmlDocument, type XmlElement, type XmlWriter } from '../xml.js';
import { xmlError } from './parse-util.js';

/** One application's metadata element, already serialized at depth 0 as libxml2 would. */
export interface MetadataEntry {
  uri: string;
  /** The element as parsed: re-serialized on output at the right depth. */
  element: XmlElement;
}

export const VIR_DOMAIN_METADATA_DESCRIPTION = 0;
export const VIR_DOMAIN_METADATA_TITLE = 1;
export const VIR_DOMAIN_METADATA_ELEMENT = 2;

/** Keep the children of `<metadata>` that have a namespace, the first per namespace URI. */
export function parseMetadata(el: XmlElement | undefined): MetadataEntry[] | undefined {
  if (!el) return undefined;
  const entries: MetadataEntry[] = [];
  for (const child of childElements(el)) {
    const uri = child.namespaceURI;
    if (!uri || entries.some((e) => e.uri === uri)) continue;
    entries.push({ uri, element: child });
  }
  return entries;
}

export function formatMetadata(w: XmlWriter, entries: MetadataEntry[] | undefined): void {
  if (!entries || entries.length === 0) return;
  w.open('metadata');
  for (const e of entries) w.line(dumpNode(e.element, w.indentLevel));
  w.close('metadata');
}

interface MetadataHolder {
  title?: string;
  description?: string;
  metadata?: MetadataEntry[];
}

function checkType(type: number): void {
  if (type !== VIR_DOMAIN_METADATA_DESCRIPTION && type !== VIR_DOMAIN_METADATA_TITLE && type !== VIR_DOMAIN_METADATA_ELEMENT) {
    throw virError(ErrorDomain.VIR_FROM_DOMAIN, ErrorNumber.VIR_ERR_INVALID_ARG, `unknown metadata type '${type}'`);
  }
}

/** virDomainGetMetadata on a definition. */
export function getDomainMetadata(def: MetadataHolder, type: number, uri?: string): string {
  checkType(type);
  let value: string | undefined;
  if (type === VIR_DOMAIN_METADATA_ELEMENT) {
    if (!uri) throw virError(ErrorDomain.VIR_FROM_DOMAIN, ErrorNumber.VIR_ERR_INVALID_ARG, 'uri is required');
    const entry = def.metadata?.find((e) => e.uri === uri);
    if (entry) value = dumpNode(stripPrefix(entry.element, uri), 0);
  } else {
    value = type === VIR_DOMAIN_METADATA_TITLE ? def.title : def.description;
  }
  if (value === undefined) {
    throw virError(ErrorDomain.VIR_FROM_DOMAIN, ErrorNumber.VIR_ERR_NO_DOMAIN_METADATA,
      'Requested metadata element is not present');
  }
  return value;
}

/**
 * The element as libvirt hands it back: elements of the metadata's namespace lose their prefix,
 * the namespace declaration goes; other namespaces stay as they are.
 */
function stripPrefix(el: XmlElement, uri: string): XmlElement {
  const doc = new (xmldom().DOMParser)().parseFromString('<r/>', 'text/xml');
  const rename = (node: XmlElement): XmlElement => {
    if (node.namespaceURI !== uri) return doc.importNode(node, true) as XmlElement;
    const out = doc.createElement(node.localName ?? node.nodeName);
    for (let i = 0; i < node.attributes.length; i++) {
      const a = node.attributes.item(i)!;
      if (!(node.prefix && a.name === `xmlns:${node.prefix}`)) out.setAttribute(a.name, a.value);
    }
    for (let c = node.firstChild; c; c = c.nextSibling) {
      out.appendChild(c.nodeType === 1 ? rename(c as XmlElement) : doc.importNode(c, true));
    }
    return out;
  };
  return rename(el);
}

/** libvirt moves every element without a namespace into the metadata's (prefix `key`). */
function intoNamespace(doc: ReturnType<DOMParser['parseFromString']>, node: XmlElement, uri: string, key: string): XmlElement {
  if (node.namespaceURI) return doc.importNode(node, true) as XmlElement;
  const el = doc.createElementNS(uri, `${key}:${node.localName ?? node.nodeName}`);
  for (let i = 0; i < node.attributes.length; i++) {
    const a = node.attributes.item(i)!;
    if (a.name !== 'xmlns') el.setAttribute(a.name, a.value);
  }
  for (let c = node.firstChild; c; c = c.nextSibling) {
    el.appendChild(c.nodeType === 1 ? intoNamespace(doc, c as XmlElement, uri, key) : doc.importNode(c, true));
  }
  return el;
}

/** An XML name without a colon (xmlValidateNCName). */
const NCNAME = /^[\p{L}_][\p{L}\p{N}\p{M}._-]*$/u;
const xmlInternalError = (detail: string) => virError(ErrorDomain.VIR_FROM_XML, ErrorNumber.VIR_ERR_INTERNAL_ERROR, detail);

/** virDomainSetMetadata on a definition (`key` is the namespace prefix for ELEMENT). */
export function setDomainMetadata(def: MetadataHolder, type: number, metadata: string | null, key?: string, uri?: string): void {
  checkType(type);
  const value = metadata === null || metadata === '' ? undefined : metadata;
  if (type === VIR_DOMAIN_METADATA_TITLE) {
    if (value?.includes('\n')) throw xmlError("Domain title can't contain newlines");
    def.title = value;
    return;
  }
  if (type === VIR_DOMAIN_METADATA_DESCRIPTION) {
    def.description = value;
    return;
  }
  if (!uri) throw virError(ErrorDomain.VIR_FROM_DOMAIN, ErrorNumber.VIR_ERR_INVALID_ARG, 'uri is required');
  const rest = (def.metadata ?? []).filter((e) => e.uri !== uri);
  if (value !== undefined) {
    if (!key) throw virError(ErrorDomain.VIR_FROM_DOMAIN, ErrorNumber.VIR_ERR_INVALID_ARG, 'key is required');
    const parsed = parseXmlDocument(value, { url: '(metadata_xml)', errorDomain: ErrorDomain.VIR_FROM_DOMAIN });
    // libvirt's virXMLInjectNamespace: the prefix must be an XML name, and libxml2 will not
    // declare it again on an element that already declares it.
    if (!NCNAME.test(key)) throw xmlInternalError('failed to validate prefix for a new XML namespace');
    if (parsed.hasAttribute(`xmlns:${key}`)) throw xmlInternalError('failed to create a new XML namespace');
    const doc = new (xmldom().DOMParser)().parseFromString(`<metadata/>`, 'text/xml');
    // An element that already has a namespace keeps it, the metadata's is only declared beside it.
    const own = parsed.namespaceURI;
    const el = own ? doc.importNode(parsed, false) as XmlElement : doc.createElementNS(uri, `${key}:${parsed.localName}`);
    el.setAttribute(`xmlns:${key}`, uri);
    if (!own) {
      for (let i = 0; i < parsed.attributes.length; i++) {
        const a = parsed.attributes.item(i)!;
        if (a.name !== 'xmlns' && !a.name.startsWith('xmlns:')) el.setAttribute(a.name, a.value);
      }
    }
    for (let c = parsed.firstChild; c; c = c.nextSibling) {
      el.appendChild(c.nodeType === 1 ? intoNamespace(doc, c as XmlElement, uri, key) : doc.importNode(c, true));
    }
    rest.push({ uri: own ?? uri, element: el });
  }
  def.metadata = rest;
}
