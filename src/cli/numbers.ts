/**
 * libvirt's strict number parsing (virStrToLong_* over strtol/strtoul, base 10): optional
 * leading blanks and sign, digits, nothing after. The unsigned forms either refuse a minus
 * sign or wrap it as C does. Results are bigint so 64-bit values stay exact.
 */
const NUMBER = /^[ \t\n\v\f\r]*([+-]?)(\d+)/;

interface Lead {
  negative: boolean;
  magnitude: bigint;
  rest: string;
}

function lead(text: string): Lead | null {
  const m = NUMBER.exec(text);
  if (!m) return null;
  return { negative: m[1] === '-', magnitude: BigInt(m[2]!), rest: text.slice(m[0].length) };
}

const INT32_MIN = -(2n ** 31n);
const INT32_MAX = 2n ** 31n - 1n;
const UINT32_MAX = 2n ** 32n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** virStrToLong_i. */
export function parseInt32(text: string): number | null {
  const n = lead(text);
  if (!n || n.rest !== '') return null;
  const v = n.negative ? -n.magnitude : n.magnitude;
  return v < INT32_MIN || v > INT32_MAX ? null : Number(v);
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** virStrToLong_ll. */
export function parseInt64(text: string): bigint | null {
  const n = lead(text);
  if (!n || n.rest !== '') return null;
  const v = n.negative ? -n.magnitude : n.magnitude;
  return v < INT64_MIN || v > INT64_MAX ? null : v;
}

/** virStrToLong_ui (wrap: "-1" is 4294967295) and virStrToLong_uip (no minus at all). */
export function parseUInt32(text: string, wrap: boolean): number | null {
  const n = lead(text);
  if (!n || n.rest !== '') return null;
  if (n.negative) {
    if (!wrap || n.magnitude > UINT32_MAX) return null;
    return Number((2n ** 32n - n.magnitude) & UINT32_MAX);
  }
  return n.magnitude > UINT32_MAX ? null : Number(n.magnitude);
}

/** virStrToLong_ull / _ullp; `allowRest` returns the unparsed tail (a unit suffix). */
export function parseUInt64(text: string, wrap: boolean): bigint | null {
  const r = parseUInt64Prefix(text, wrap);
  return r && r.rest === '' ? r.value : null;
}

export function parseUInt64Prefix(text: string, wrap: boolean): { value: bigint; rest: string } | null {
  const n = lead(text);
  if (!n || n.magnitude > UINT64_MAX) return null;
  if (n.negative) {
    if (!wrap) return null;
    return { value: (2n ** 64n - n.magnitude) & UINT64_MAX, rest: n.rest };
  }
  return { value: n.magnitude, rest: n.rest };
}

/** The unit error virScaleInteger raises, with libvirt's wording; null when the value scales. */
export type ScaleFailure = { kind: 'suffix'; suffix: string } | { kind: 'overflow'; value: bigint; suffix: string };

/** virScaleInteger: apply a unit suffix (k, M, GiB, KB, bytes...) or the default scale. */
export function scaleInteger(value: bigint, suffix: string, scale: bigint, limit: bigint): bigint | ScaleFailure {
  let factor = scale;
  const lower = suffix.toLowerCase();
  if (suffix === '') {
    factor = scale;
  } else if (lower === 'b' || lower === 'byte' || lower === 'bytes') {
    factor = 1n;
  } else {
    let base: bigint;
    if (suffix.length === 1 || lower.slice(1) === 'ib') base = 1024n;
    else if (lower[1] === 'b' && suffix.length === 2) base = 1000n;
    else return { kind: 'suffix', suffix };
    const power = 'kmgtpe'.indexOf(lower[0]!);
    if (power < 0) return { kind: 'suffix', suffix };
    factor = base ** BigInt(power + 1);
  }
  if (value !== 0n && value > limit / factor) return { kind: 'overflow', value, suffix };
  return value * factor;
}

/** strtol/strtoul with base 0 over the whole text: decimal, 0x hex or 0 octal, optionally signed. */
export function parseAnyBase(text: string): bigint | null {
  const m = /^[ \t\n\v\f\r]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)$/.exec(text);
  if (!m) return null;
  const digits = m[2]!;
  const magnitude = /^0[xX]/.test(digits) ? BigInt(digits) : digits.length > 1 && digits[0] === '0' ? BigInt(`0o${digits.slice(1)}`) : BigInt(digits);
  return m[1] === '-' ? -magnitude : magnitude;
}
