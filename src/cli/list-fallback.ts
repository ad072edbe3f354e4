/**
 * virsh's listing of secrets and network filters: the list-all call, or on a driver without it
 * the older count, names and one lookup per name (objects gone meanwhile are skipped).
 */
import { ErrorNumber } from '../index.js';
import { fail } from './opts.js';
import { must } from './lookup.js';
import type { Session } from './session.js';

export interface ListCalls<T> {
  listAll(): Promise<T[]>;
  /** virsh's line when list-all fails for another reason than lacking support. */
  listFailed: string;
  /** Flags were asked for: the old calls cannot filter. */
  filtered: boolean;
  count(): Promise<number>;
  countFailed: string;
  names(count: number): Promise<string[]>;
  namesFailed: string;
  lookup(name: string): Promise<T>;
}

export async function listWithFallback<T>(s: Session, calls: ListCalls<T>): Promise<T[]> {
  try {
    return await calls.listAll();
  } catch (err) {
    if ((err as { code?: number }).code !== ErrorNumber.VIR_ERR_NO_SUPPORT) {
      s.out.error(calls.listFailed);
      throw err;
    }
  }
  if (calls.filtered) fail(s, 'Filtering is not supported by this libvirt');
  const count = await must(s, calls.countFailed, () => calls.count());
  if (count === 0) return [];
  const names = await must(s, calls.namesFailed, () => calls.names(count));
  const found: T[] = [];
  for (const name of names) {
    try {
      found.push(await calls.lookup(name));
    } catch {
      // gone since it was listed
    }
  }
  return found;
}
