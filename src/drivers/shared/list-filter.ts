/**
 * One pair of listing flags (ACTIVE/INACTIVE, PERSISTENT/TRANSIENT, ...): with neither set every
 * object passes; otherwise an object passes when a set flag matches its side.
 */
export function flagPair(flags: number, yes: number, no: number, value: boolean): boolean {
  if (!(flags & (yes | no))) return true;
  return Boolean((flags & yes && value) || (flags & no && !value));
}
