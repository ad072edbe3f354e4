/** Checks of typed parameter lists that libvirt's drivers share (virtypedparam.c). */
import { ErrorDomain, ErrorNumber, virError } from '../../errors/index.js';
import type { TypedParam } from '../types.js';

/** virTypedParameterType names, by number. */
const TYPE_NAMES = ['unknown', 'int', 'uint', 'llong', 'ullong', 'double', 'boolean', 'string'];

/**
 * virTypedParamsValidate: every parameter is one `allowed` names (with its type), none twice.
 * Both lists are walked in name order, as libvirt does, so the first error is libvirt's.
 */
export function validateTypedParams(params: readonly TypedParam[], allowed: Readonly<Record<string, number>>): void {
  const sorted = [...params].sort((a, b) => (a.field < b.field ? -1 : a.field > b.field ? 1 : 0));
  const keys = Object.keys(allowed).sort();
  let last: string | null = null;
  let i = 0;
  let j = 0;
  while (i < sorted.length && j < keys.length) {
    const p = sorted[i]!;
    if (p.field !== keys[j]) { j++; continue; }
    if (p.field === last) throw virError(ErrorDomain.VIR_FROM_NONE, ErrorNumber.VIR_ERR_INVALID_ARG, `parameter '${p.field}' occurs multiple times`);
    if (p.type !== allowed[p.field]) {
      throw virError(ErrorDomain.VIR_FROM_NONE, ErrorNumber.VIR_ERR_INVALID_ARG,
        `invalid type '${TYPE_NAMES[p.type] ?? 'unknown'}' for parameter '${p.field}', expected '${TYPE_NAMES[allowed[p.field]!]}'`);
    }
    last = p.field;
    i++;
  }
  if (j === keys.length && i !== sorted.length) {
    throw virError(ErrorDomain.VIR_FROM_NONE, ErrorNumber.VIR_ERR_ARGUMENT_UNSUPPORTED, `parameter '${sorted[i]!.field}' not supported`);
  }
}
