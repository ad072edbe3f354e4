/** Host CPU maps as virsh reads and prints them: the host's CPU count, virBitmapParse, virBitmapFormat. */
import type { Session } from './session.js';

/** virshNodeGetCPUCount: the CPU map's count, else the node info's. */
export async function hostCpus(s: Session): Promise<number> {
  try {
    return (await s.conn.getCPUMap()).cpus;
  } catch {
    const info = await s.conn.getInfo();
    return info.nodes * info.sockets * info.cores * info.threads;
  }
}

/** Ranges of set members, `0-3,5` (virBitmapDataFormat); empty when none is set. */
export function formatRanges(members: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < members.length;) {
    let j = i;
    while (j + 1 < members.length && members[j + 1] === members[j]! + 1) j++;
    out.push(i === j ? String(members[i]) : `${members[i]}-${members[j]}`);
    i = j + 1;
  }
  return out.join(',');
}

/** The members of a boolean map, formatted as ranges. */
export const formatMap = (map: boolean[]): string => formatRanges(map.flatMap((b, i) => (b ? [i] : [])));

const SPACES = /^[ \t\n\v\f\r]*/;
const INT32_MAX = 2 ** 31 - 1;

/** strtol's reading of a base-10 int at the start of `text`: the value and the rest, or null. */
function leadingInt(text: string): { value: number; rest: string } | null {
  const m = /^[ \t\n\v\f\r]*([+-]?)(\d+)/.exec(text);
  if (!m) return null;
  const value = Number(m[1] === '-' ? -m[2]! : m[2]);
  if (value > INT32_MAX || value < -INT32_MAX - 1) return null;
  return { value, rest: text.slice(m[0].length) };
}

/**
 * virBitmapParse into a map of `size` bits: `N`, `N-M`, `^N` items separated by commas,
 * blanks allowed around them. Null where libvirt reports "Failed to parse bitmap".
 */
export function parseBitmap(text: string, size: number): Set<number> | null {
  const set = new Set<number>();
  let cur = text.replace(SPACES, '');
  if (cur === '') return null;
  while (cur !== '') {
    let negate = false;
    if (cur[0] === '^') {
      cur = cur.slice(1);
      negate = true;
    }
    if (!/^\d/.test(cur)) return null;
    const start = leadingInt(cur);
    if (!start) return null;
    cur = start.rest.replace(SPACES, '');
    if (cur === '' || cur[0] === ',') {
      if (start.value >= size) return null;
      if (negate) set.delete(start.value);
      else set.add(start.value);
    } else if (cur[0] === '-') {
      if (negate) return null;
      const last = leadingInt(cur.slice(1).replace(SPACES, ''));
      if (!last || last.value < start.value) return null;
      for (let i = start.value; i <= last.value; i++) {
        if (i >= size) return null;
        set.add(i);
      }
      cur = last.rest.replace(SPACES, '');
    }
    if (cur[0] === ',') cur = cur.slice(1).replace(SPACES, '');
    else if (cur !== '') return null;
  }
  return set;
}
