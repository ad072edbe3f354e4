/** Sizes with unit suffixes, as libvirt's virScaleInteger and virStorageSize read them. */
import { ErrorDomain, ErrorNumber } from '../../errors/codes.js';
import { virError } from '../../errors/vir-error.js';
import { parseUnsigned } from '../network/xml-props.js';

const POWERS = ['k', 'm', 'g', 't', 'p', 'e'];
const LLONG_MAX = 0x7fffffffffffffffn;

/**
 * Multiply `value` by the unit `suffix` names: none or b/byte/bytes = 1, "K"/"KiB" = 1024,
 * "KB" = 1000 and so on up to exa; errors as virScaleInteger words them.
 */
export function scaleInteger(value: bigint, suffix: string | undefined, limit: bigint): bigint {
  let scale = 1n;
  const unit = suffix ?? '';
  if (unit !== '' && !['b', 'byte', 'bytes'].includes(unit.toLowerCase())) {
    let base: bigint;
    if (unit.length === 1 || unit.slice(1).toLowerCase() === 'ib') base = 1024n;
    else if (unit[1].toLowerCase() === 'b' && unit.length === 2) base = 1000n;
    else throw virError(ErrorDomain.VIR_FROM_NONE, ErrorNumber.VIR_ERR_INVALID_ARG, `unknown suffix '${unit}'`);
    const power = POWERS.indexOf(unit[0].toLowerCase());
    if (power < 0) throw virError(ErrorDomain.VIR_FROM_NONE, ErrorNumber.VIR_ERR_INVALID_ARG, `unknown suffix '${unit}'`);
    scale = base ** BigInt(power + 1);
  }
  if (value && value > limit / scale) {
    throw virError(ErrorDomain.VIR_FROM_NONE, ErrorNumber.VIR_ERR_OVERFLOW, `value too large: ${value}${unit}`);
  }
  return value * scale;
}

/** A volume size element's text and unit, in bytes (at most 2^63-1, as off_t allows). */
export function parseStorageSize(text: string, unit: string | undefined): bigint {
  const value = parseUnsigned(text, 0xffffffffffffffffn);
  if (value === null) throw virError(ErrorDomain.VIR_FROM_STORAGE, ErrorNumber.VIR_ERR_XML_ERROR, 'malformed capacity element');
  return scaleInteger(value, unit, LLONG_MAX);
}
