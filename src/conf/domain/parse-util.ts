/** Parsing helpers shared by the domain element families, with libvirt's error wording. */
import { ErrorDomain, ErrorNumber } from '../../errors/codes.js';
import { virError, type VirError } from '../../errors/vir-error.js';
import { attr, type XmlElement } from '../xml.js';

/** VIR_ERR_XML_ERROR from the domain config code. */
export function xmlError(detail: string): VirError {
  return virError(ErrorDomain.VIR_FROM_DOMAIN, ErrorNumber.VIR_ERR_XML_ERROR, detail);
}

/** VIR_ERR_XML_DETAIL from the domain config code. */
export function xmlDetail(detail: string): VirError {
  return virError(ErrorDomain.VIR_FROM_DOMAIN, ErrorNumber.VIR_ERR_XML_DETAIL, detail);
}

/** VIR_ERR_CONFIG_UNSUPPORTED from the domain config code. */
export function unsupported(detail: string): VirError {
  return virError(ErrorDomain.VIR_FROM_DOMAIN, ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED, detail);
}

/** VIR_ERR_INTERNAL_ERROR from the domain config code. */
export function internalError(detail: string): VirError {
  return virError(ErrorDomain.VIR_FROM_DOMAIN, ErrorNumber.VIR_ERR_INTERNAL_ERROR, detail);
}

/**
 * An enumerated attribute read as libvirt's virXMLPropEnum does: absent gives undefined, a
 * value outside `allowed` the XML-utility error naming attribute and element.
 */
export function enumAttr<T extends string>(el: XmlElement | undefined, name: string, allowed: readonly T[]): T | undefined {
  const value = attr(el, name);
  if (value === undefined || !el) return undefined;
  return enumValue(value, name, el.nodeName, allowed);
}

/** `value` of attribute `name` of `element` checked against `allowed`, as virXMLPropEnum does. */
export function enumValue<T extends string>(value: string, name: string, element: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw virError(ErrorDomain.VIR_FROM_XML, ErrorNumber.VIR_ERR_XML_ERROR,
      `Invalid value for attribute '${name}' in element '${element}': '${value}'.`);
  }
  return value as T;
}

/** A yes/no attribute (virTristateBool as 'yes'/'no'). */
export function yesNoAttr(el: XmlElement | undefined, name: string): 'yes' | 'no' | undefined {
  return enumAttr(el, name, ['yes', 'no'] as const);
}

/** An on/off attribute (virTristateSwitch). */
export function onOffAttr(el: XmlElement | undefined, name: string): 'on' | 'off' | undefined {
  return enumAttr(el, name, ['on', 'off'] as const);
}

/** An unsigned integer attribute as virXMLPropUInt reads it; `nonZero` refuses 0 like VIR_XML_PROP_NONZERO. */
export function uintAttr(el: XmlElement | undefined, name: string, nonZero = false): number | undefined {
  const value = attr(el, name);
  if (value === undefined || !el) return undefined;
  return uintValue(value, name, el.nodeName, nonZero);
}

/** `value` of attribute `name` of `element` read as virXMLPropUInt reads it; `written` is what the error quotes. */
export function uintValue(value: string, name: string, element: string, nonZero = false, written = value): number {
  const n = /^\s*\+?\d+$/.test(value) ? Number(value.trim()) : NaN;
  if (!Number.isSafeInteger(n) || n > 0xffffffff) throw invalidInt(written, name, element, 'non-negative integer value');
  if (nonZero && n === 0) {
    throw virError(ErrorDomain.VIR_FROM_XML, ErrorNumber.VIR_ERR_XML_ERROR,
      `Invalid value for attribute '${name}' in element '${element}': Zero is not permitted`);
  }
  return n;
}

/** `value` of attribute `name` of `element` read as virXMLPropInt (base 10) reads it. */
export function intValue(value: string, name: string, element: string): number {
  const n = /^\s*[+-]?\d+$/.test(value) ? Number(value.trim()) : NaN;
  if (!Number.isSafeInteger(n) || n > 0x7fffffff || n < -0x80000000) throw invalidInt(value, name, element, 'integer value');
  return n;
}

/** A number as strtol with base 0 reads it (optional sign, 0x hex, leading-0 octal, decimal); NaN when it does not parse. */
export function cStyleInt(text: string): number {
  const m = /^\s*([+-]?)(0x[0-9a-f]+|0[0-7]*|[1-9]\d*)$/i.exec(text);
  if (!m) return NaN;
  const digits = m[2]!;
  const n = /^0x/i.test(digits) ? parseInt(digits.slice(2), 16) : digits.startsWith('0') ? parseInt(digits, 8) : Number(digits);
  return m[1] === '-' ? -n : n;
}

/** As intValue, with VIR_XML_PROP_NONNEGATIVE. */
export function nonNegativeIntValue(value: string, name: string, element: string): number {
  const n = intValue(value, name, element);
  if (n < 0) throw invalidInt(value, name, element, 'non-negative value');
  return n;
}

function invalidInt(value: string, name: string, element: string, expected: string): VirError {
  return virError(ErrorDomain.VIR_FROM_XML, ErrorNumber.VIR_ERR_XML_ERROR,
    `Invalid value for attribute '${name}' in element '${element}': '${value}'. Expected ${expected}`);
}

/** VIR_XML_PROP_REQUIRED's error for a missing attribute. */
export function missingAttr(name: string, element: string): VirError {
  return virError(ErrorDomain.VIR_FROM_XML, ErrorNumber.VIR_ERR_XML_ERROR, `Missing required attribute '${name}' in element '${element}'`);
}

const UNIT_SCALE: Record<string, number> = {
  b: 1, byte: 1, bytes: 1,
  k: 1024, kib: 1024, kb: 1000,
  m: 1024 ** 2, mib: 1024 ** 2, mb: 1000 ** 2,
  g: 1024 ** 3, gib: 1024 ** 3, gb: 1000 ** 3,
  t: 1024 ** 4, tib: 1024 ** 4, tb: 1000 ** 4,
  p: 1024 ** 5, pib: 1024 ** 5, pb: 1000 ** 5,
  e: 1024 ** 6, eib: 1024 ** 6, eb: 1000 ** 6,
};

/**
 * A scaled size element (`<memory unit='MiB'>512</memory>`) in KiB, rounded up as libvirt's
 * virDomainParseMemory does; `xpath` names the element in the "Invalid value" error.
 */
export function parseScaledKiB(el: XmlElement | undefined, xpath: string, defaultUnit = 1024): number | undefined {
  if (!el) return undefined;
  return scaledKiB((el.textContent ?? '').trim(), attr(el, 'unit'), xpath, defaultUnit);
}

/** A number with an optional unit suffix, in KiB rounded up; `what` names it in the error. */
export function scaledKiB(text: string, unit: string | undefined, what: string, defaultUnit = 1024): number {
  return Number((scaledBytes(text, unit, what, defaultUnit) + 1023n) / 1024n);
}

/** A number with an optional unit suffix, in bytes (virParseScaledValue). */
export function scaledBytes(text: string, unit: string | undefined, what: string, defaultUnit = 1024): bigint {
  if (!/^\d+$/.test(text)) {
    throw virError(ErrorDomain.VIR_FROM_XML, ErrorNumber.VIR_ERR_XML_ERROR,
      `Invalid value '${text}' for element or attribute '${what}'`);
  }
  let scale = defaultUnit;
  if (unit !== undefined) {
    const s = UNIT_SCALE[unit.toLowerCase()];
    if (s === undefined) {
      throw virError(ErrorDomain.VIR_FROM_NONE, ErrorNumber.VIR_ERR_INVALID_ARG, `unknown suffix '${unit}'`);
    }
    scale = s;
  }
  return BigInt(text) * BigInt(scale);
}

/** A byte count in the largest binary unit that divides it (virFormatIntPretty). */
export function prettyBytes(bytes: bigint): [bigint, string] {
  if (bytes === 0n || bytes % 1024n) return [bytes, 'B'];
  let value = bytes / 1024n;
  for (const unit of ['KiB', 'MiB', 'GiB', 'TiB']) {
    if (value % 1024n) return [value, unit];
    value /= 1024n;
  }
  return [value, 'PiB'];
}
