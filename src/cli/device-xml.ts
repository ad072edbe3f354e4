/**
 * The device XML virsh writes and finds for its device commands: escaping as virBuffer does,
 * the `type:a.b.c` address syntax of attach-disk / attach-interface, MAC comparison, and node
 * lookups that report refused XPath on stderr as libxml2 does.
 */
import type { Element as XmlElement, Node as XmlNode } from '@xmldom/xmldom';
import { checkXPath } from './xpath-errors.js';
import type { Session } from './session.js';

/** virBufferEscapeString: the five markup characters as entities, control characters (but tab, newline, CR) dropped. */
export function xmlEscape(value: string): string {
  const entities: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' };
  return value.replace(/[\x01-\x08\x0b\x0c\x0e-\x19]/g, '').replace(/[<>&"']/g, (c) => entities[c]!);
}

/** ` name='value'` escaped, or nothing for an absent value (virBufferEscapeString with a NULL string). */
export const escAttr = (name: string, value: string | undefined): string => (value === undefined ? '' : ` ${name}='${xmlEscape(value)}'`);

/**
 * virXMLFormatElement: `<name attrs/>`, `<name attrs>` around its (already indented) children,
 * or nothing at all when it has neither.
 */
export function formatElement(indent: string, name: string, attrs: string, children: string): string {
  if (attrs === '' && children === '') return '';
  if (children === '') return `${indent}<${name}${attrs}/>\n`;
  return `${indent}<${name}${attrs}>\n${children}${indent}</${name}>\n`;
}

type Address =
  | { type: 'pci'; domain: number; bus: number; slot: number; fn: number; multifunction: boolean }
  | { type: 'drive'; kind: 'scsi' | 'ide' | 'sata'; controller: number; bus: number; unit: bigint }
  | { type: 'ccw'; cssid: number; ssid: number; devno: number }
  | { type: 'usb'; bus: number; port: number };

/**
 * Reading fields as virsh's virshAddressParse does: strtoul from `at` (blanks, a sign, 0x in
 * base 16), no minus sign anywhere, within `max`; the next field starts one character later.
 */
class FieldReader {
  constructor(private readonly text: string, public at: number) {}

  next(base: 10 | 16, max: bigint): bigint | null {
    const digits = base === 16 ? '[0-9a-fA-F]' : '[0-9]';
    const m = new RegExp(`^[ \\t\\n\\v\\f\\r]*([+-]?)(${base === 16 ? `(?:0[xX](?=${digits}))?` : ''}${digits}+)`).exec(this.text.slice(this.at));
    if (!m || m[1] === '-') return null;
    const body = m[2]!.replace(/^0[xX]/, '');
    const value = BigInt(base === 16 ? `0x${body}` : body);
    if (value > max) return null;
    this.at += m[0].length + 1; // skip the separator, whatever it is
    return value;
  }
}

const UINT = 0xffffffffn;
const ULLONG = 2n ** 64n - 1n;

/** virshAddressParse: null when virsh refuses it. */
export function parseAddress(text: string, multifunction: boolean): Address | null {
  const colon = text.indexOf(':');
  if (colon < 0) return null;
  const type = text.slice(0, colon);
  const r = new FieldReader(text, colon + 1);
  const fields = (spec: [10 | 16, bigint][]): bigint[] | null => {
    const out: bigint[] = [];
    for (const [base, max] of spec) {
      // Past the end of the text there is nothing left to read.
      const v = r.at > text.length ? null : r.next(base, max);
      if (v === null) return null;
      out.push(v);
    }
    return out;
  };
  switch (type) {
    case 'pci': {
      const f = fields([[16, UINT], [16, UINT], [16, UINT], [16, UINT]]);
      return f && { type: 'pci', domain: Number(f[0]), bus: Number(f[1]), slot: Number(f[2]), fn: Number(f[3]), multifunction };
    }
    case 'scsi': case 'ide': case 'sata': {
      const f = fields([[10, UINT], [10, UINT], [10, ULLONG]]);
      return f && { type: 'drive', kind: type, controller: Number(f[0]), bus: Number(f[1]), unit: f[2]! };
    }
    case 'ccw': {
      const f = fields([[16, UINT], [16, UINT], [16, UINT]]);
      return f && { type: 'ccw', cssid: Number(f[0]), ssid: Number(f[1]), devno: Number(f[2]) };
    }
    case 'usb': {
      const f = fields([[10, UINT], [10, UINT]]);
      return f && { type: 'usb', bus: Number(f[0]), port: Number(f[1]) };
    }
    default: return null;
  }
}

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');

/** virshAddressFormat: the `<address/>` line, at `indent`. */
export function formatAddress(indent: string, a: Address): string {
  switch (a.type) {
    case 'pci':
      return `${indent}<address type='pci' domain='0x${hex(a.domain, 4)}' bus='0x${hex(a.bus, 2)}' slot='0x${hex(a.slot, 2)}' function='0x${hex(a.fn, 1)}'`
        + `${a.multifunction ? " multifunction='on'" : ''}/>\n`;
    case 'drive': return `${indent}<address type='drive' controller='${a.controller}' bus='${a.bus}' unit='${a.unit}'/>\n`;
    case 'ccw': return `${indent}<address type='ccw' cssid='0x${hex(a.cssid, 2)}' ssid='0x${hex(a.ssid, 1)}' devno='0x${hex(a.devno, 4)}'/>\n`;
    case 'usb': return `${indent}<address type='usb' bus='${a.bus}' port='${a.port}'/>\n`;
  }
}

/** The kind of address a parsed one is, as virsh names it in its messages. */
export const addressKind = (a: Address): string => (a.type === 'drive' ? a.kind : a.type);

const isHex = (c: string | undefined): boolean => c !== undefined && /[0-9a-fA-F]/.test(c);

/** virMacAddrCompare: compare MAC strings ignoring case and leading zeros of each group. */
export function macEqual(a: string, b: string): boolean {
  let p = 0;
  let q = 0;
  for (;;) {
    while (a[p] === '0' && isHex(a[p + 1])) p++;
    while (b[q] === '0' && isHex(b[q + 1])) q++;
    const c = (a[p] ?? '').toUpperCase();
    const d = (b[q] ?? '').toUpperCase();
    if (c === '' || d === '') return c === d;
    if (c !== d) return false;
    p++;
    q++;
  }
}

/**
 * virXPathNodeSet over a whole document: the element nodes an absolute expression selects, none
 * when libxml2 refuses it (after what it prints on stderr).
 */
export async function nodeSet(s: Session, root: XmlElement, expression: string): Promise<XmlElement[]> {
  const { selectNodes } = await import('./xml.js');
  const check = checkXPath(expression);
  if (check.stderr) s.out.stderrRaw(check.stderr);
  if (check.usable === null) return [];
  const result = selectNodes(root, check.usable);
  if ('invalid' in result) {
    s.out.stderrRaw(check.predicateError);
    return [];
  }
  return 'nodes' in result ? result.nodes.filter((n: XmlNode): n is XmlElement => n.nodeType === 1) : [];
}
