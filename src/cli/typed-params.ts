/** Typed parameters as virsh shows and reads them. */
import {
  VIR_TYPED_PARAM_BOOLEAN, VIR_TYPED_PARAM_DOUBLE, VIR_TYPED_PARAM_INT, VIR_TYPED_PARAM_LLONG, VIR_TYPED_PARAM_UINT,
  VIR_TYPED_PARAM_ULLONG, type TypedParam,
} from '../index.js';
import { parseInt32, parseInt64, parseUInt32, parseUInt64 } from './numbers.js';

/** vshGetTypedParamValue: a typed parameter's value as virsh prints it in `field=value` lines. */
export function typedParamText(p: TypedParam): string {
  if (p.type === VIR_TYPED_PARAM_DOUBLE) return Number(p.value).toFixed(6);
  if (p.type === VIR_TYPED_PARAM_BOOLEAN) return p.value ? 'yes' : 'no';
  return String(p.value);
}

/** What virTypedParameterAssignFromStr expects of each type, as its error names it. */
const EXPECTED: Record<number, string> = {
  [VIR_TYPED_PARAM_INT]: 'int', [VIR_TYPED_PARAM_UINT]: 'unsigned int', [VIR_TYPED_PARAM_LLONG]: 'long long',
  [VIR_TYPED_PARAM_ULLONG]: 'unsigned long long', [VIR_TYPED_PARAM_DOUBLE]: 'double',
};

function valueFromString(type: number, text: string): TypedParam['value'] | null {
  switch (type) {
    case VIR_TYPED_PARAM_INT: return parseInt32(text);
    case VIR_TYPED_PARAM_UINT: return parseUInt32(text, true);
    case VIR_TYPED_PARAM_LLONG: return parseInt64(text);
    case VIR_TYPED_PARAM_ULLONG: return parseUInt64(text, true);
    case VIR_TYPED_PARAM_DOUBLE: {
      const n = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text) ? Number(text) : NaN;
      return Number.isFinite(n) ? n : null;
    }
    case VIR_TYPED_PARAM_BOOLEAN: {
      const lower = text.toLowerCase();
      return lower === 'true' || text === '1' ? true : lower === 'false' || text === '0' ? false : null;
    }
    default: return text;
  }
}

/**
 * virTypedParamsAddFromString: the parameter `field` of `type` from its text, or libvirt's
 * error message when the text does not fit the type.
 */
export function typedParamFromString(field: string, type: number, text: string): TypedParam | string {
  const value = valueFromString(type, text);
  if (value !== null) return { field, type, value };
  if (type === VIR_TYPED_PARAM_BOOLEAN) return `invalid argument: Invalid boolean value for field '${field}'`;
  return `invalid argument: Invalid value for field '${field}': expected ${EXPECTED[type]}`;
}
