/** The few printf conversions virsh's output relies on, with C's spelling of special values. */

/** %W.Pf (W may be negative for left alignment); NaN prints as glibc prints 0.0/0.0 ("-nan"). */
export function fixed(value: number, precision: number, width = 0): string {
  let text: string;
  if (Number.isNaN(value)) text = '-nan';
  else if (!Number.isFinite(value)) text = value > 0 ? 'inf' : '-inf';
  else text = value.toFixed(precision);
  return width < 0 ? text.padEnd(-width) : text.padStart(width);
}

/** %Ws / %-Ws. */
export function pad(text: string | number | bigint, width: number): string {
  const s = String(text);
  return width < 0 ? s.padEnd(-width) : s.padStart(width);
}
