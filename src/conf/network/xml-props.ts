/**
 * Typed reads of attributes and child text with the errors of libvirt's virXMLProp* and
 * virXPath* helpers. Shared by the network, storage and snapshot models.
 */
import { ErrorDomain, ErrorNumber } from '../../errors/codes.js';
import { virError } from '../../errors/vir-error.js';
import { attr, childText, firstChild, type XmlElement } from '../xml.js';

export type YesNo = 'yes' | 'no';

/** libvirt's `string(./name[1])`: the text of the first child, undefined when absent or empty. */
export function xpathText(el: XmlElement | undefined, name: string): string | undefined {
  if (!el) return undefined;
  const text = childText(el, name);
  return text === undefined || text === '' ? undefined : text;
}

/** libvirt's `string(./@name)`: undefined when absent or empty. */
export function xpathAttr(el: XmlElement | undefined, name: string): string | undefined {
  const value = attr(el, name);
  return value === '' ? undefined : value;
}

function xmlPropError(detail: string) {
  return virError(ErrorDomain.VIR_FROM_XML, ErrorNumber.VIR_ERR_XML_ERROR, detail);
}

/** An enumerated attribute, as virXMLPropEnum: absent is undefined, an unknown value an error. */
export function propEnum<T extends string>(el: XmlElement | undefined, name: string, values: readonly T[],
  required = false): T | undefined {
  const value = attr(el, name);
  if (value === undefined) {
    if (required && el) throw xmlPropError(`Missing required attribute '${name}' in element '${el.nodeName}'`);
    return undefined;
  }
  if (!(values as readonly string[]).includes(value)) {
    throw xmlPropError(`Invalid value for attribute '${name}' in element '${el!.nodeName}': '${value}'.`);
  }
  return value as T;
}

/** A yes/no attribute, as virXMLPropTristateBool. */
export function propYesNo(el: XmlElement | undefined, name: string): YesNo | undefined {
  return propEnum(el, name, ['yes', 'no'] as const);
}

/** strtoul-style unsigned decimal: optional leading spaces and '+', digits to the end. */
export function parseUnsigned(text: string, max: bigint): bigint | null {
  const m = /^\s*\+?(\d+)$/.exec(text);
  if (!m) return null;
  const value = BigInt(m[1]);
  return value > max ? null : value;
}

/** An unsigned int attribute, as virXMLPropUInt. */
export function propUInt(el: XmlElement | undefined, name: string): number | undefined {
  const value = attr(el, name);
  if (value === undefined) return undefined;
  const parsed = parseUnsigned(value, 0xffffffffn);
  if (parsed === null) {
    throw xmlPropError(`Invalid value for attribute '${name}' in element '${el!.nodeName}': '${value}'. Expected non-negative integer value`);
  }
  return Number(parsed);
}

/** An unsigned long long attribute, as virXMLPropULongLong. */
export function propULongLong(el: XmlElement | undefined, name: string): bigint | undefined {
  const value = attr(el, name);
  if (value === undefined) return undefined;
  const parsed = parseUnsigned(value, 0xffffffffffffffffn);
  if (parsed === null) {
    throw xmlPropError(`Invalid value for attribute '${name}' in element '${el!.nodeName}': '${value}'. Expected non-negative integer value`);
  }
  return parsed;
}

/** The element at a path of first children (`./a/b/c`), or undefined when any step is missing. */
export function descend(el: XmlElement | undefined, ...names: string[]): XmlElement | undefined {
  let cur = el;
  for (const name of names) cur = cur ? firstChild(cur, name) : undefined;
  return cur;
}

/**
 * strtol/strtoul with base 0, as libvirt's virStrToLong_*(..., 0, ...): optional spaces and sign,
 * then decimal, 0x hex or leading-0 octal, to the end of the text. Null when malformed.
 */
export function parseCInteger(text: string): bigint | null {
  const m = /^\s*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)$/.exec(text);
  if (!m) return null;
  const digits = m[2]!;
  const value = /^0[xX]/.test(digits) ? BigInt(digits) : digits.length > 1 && digits.startsWith('0') ? BigInt(`0o${digits.slice(1)}`) : BigInt(digits);
  return m[1] === '-' ? -value : value;
}

/** A signed int attribute in base 0 (virXMLPropInt with base 0). */
export function propIntBase0(el: XmlElement | undefined, name: string): number | undefined {
  const value = attr(el, name);
  if (value === undefined) return undefined;
  const n = parseCInteger(value);
  if (n === null || n < -0x80000000n || n > 0x7fffffffn) {
    throw xmlPropError(`Invalid value for attribute '${name}' in element '${el!.nodeName}': '${value}'. Expected integer value`);
  }
  return Number(n);
}

/** A signed int attribute, as virXMLPropInt. */
export function propInt(el: XmlElement | undefined, name: string): number | undefined {
  const value = attr(el, name);
  if (value === undefined) return undefined;
  const m = /^\s*[+-]?\d+$/.exec(value);
  const n = m ? Number(value.trim()) : NaN;
  if (!Number.isInteger(n) || n < -0x80000000 || n > 0x7fffffff) {
    throw xmlPropError(`Invalid value for attribute '${name}' in element '${el!.nodeName}': '${value}'. Expected integer value`);
  }
  return n;
}
