/** vshGetTypedParamValue: a typed parameter's value as virsh prints it in `field=value` lines. */
import { VIR_TYPED_PARAM_BOOLEAN, VIR_TYPED_PARAM_DOUBLE, type TypedParam } from '../index.js';

export function typedParamText(p: TypedParam): string {
  if (p.type === VIR_TYPED_PARAM_DOUBLE) return Number(p.value).toFixed(6);
  if (p.type === VIR_TYPED_PARAM_BOOLEAN) return p.value ? 'yes' : 'no';
  return String(p.value);
}
