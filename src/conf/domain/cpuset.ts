/** CPU and NUMA node sets (`0-3,^2`) read and written as libvirt's virBitmapParse / virBitmapFormat do. */
import { ErrorDomain, ErrorNumber } from '../../errors/codes.js';
import { virError } from '../../errors/vir-error.js';

/** The members of a set; libvirt's error for text it cannot read. */
export function parseCpuset(text: string): number[] {
  const set = new Set<number>();
  const fail = (): never => {
    throw virError(ErrorDomain.VIR_FROM_NONE, ErrorNumber.VIR_ERR_INVALID_ARG, `Failed to parse bitmap '${text}'`);
  };
  const parts = text.split(',').map((p) => p.trim());
  for (const part of parts) {
    const m = /^(\^)?(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) fail();
    const [, neg, a, b] = m!;
    const from = Number(a);
    const to = b === undefined ? from : Number(b);
    if (neg && b !== undefined) fail();
    if (to < from) fail();
    for (let i = from; i <= to; i++) {
      if (neg) set.delete(i);
      else set.add(i);
    }
  }
  return [...set].sort((x, y) => x - y);
}

/** Ranges joined by commas, e.g. `0-1,3,7-9`. */
export function formatCpuset(members: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < members.length; ) {
    let j = i;
    while (j + 1 < members.length && members[j + 1] === members[j]! + 1) j++;
    out.push(i === j ? String(members[i]) : `${members[i]}-${members[j]}`);
    i = j + 1;
  }
  return out.join(',');
}

export function canonicalCpuset(text: string): string {
  return formatCpuset(parseCpuset(text));
}
