/** Finding the volume a command names (virshCommandOptVol) and reading sizes (virshVolSize). */
import type { StoragePool, StorageVol } from '../../index.js';
import type { OptionDef, ParsedCommand } from '../command.js';
import type { Session } from '../session.js';
import { CommandFailed, fail, optString } from '../opts.js';
import { parseUInt64Prefix, scaleInteger } from '../numbers.js';
import { findObject } from '../objects.js';
import { poolOption } from './pool.js';

export const VOL_ARG: OptionDef = { name: 'vol', type: 'data', required: true, help: 'volume name, key or path' };
export const POOL_OPTIONAL: OptionDef = { name: 'pool', type: 'string', help: 'pool name or UUID (to find the volume by name)' };

/**
 * virshCommandOptVolBy: with a pool, by name inside it; then by key, then by path. A volume
 * found outside the named pool is refused.
 */
export async function volumeOption(s: Session, cmd: ParsedCommand, withPool = true, poolOpt = 'pool'): Promise<StorageVol> {
  const name = optString(s, cmd, 'vol')!;
  const poolName = withPool ? optString(s, cmd, poolOpt) : undefined;
  let pool: StoragePool | null = null;
  if (poolName !== undefined) {
    pool = await poolOption(s, cmd, poolOpt);
    if (!(await pool.isActive().catch(() => false))) {
      pool.free();
      fail(s, `pool '${poolName}' is not active`);
    }
  }
  try {
    const attempts: (() => Promise<StorageVol>)[] = [];
    if (pool) attempts.push(() => pool.storageVolLookupByName(name));
    attempts.push(() => s.conn.storageVolLookupByKey(name), () => s.conn.storageVolLookupByPath(name));
    const what = pool || !withPool ? `failed to get vol '${name}'` : `failed to get vol '${name}', specifying --${poolOpt} might help`;
    const vol = await findObject(s, what, attempts);
    if (pool) {
      using owner = await vol.storagePoolLookupByVolume().catch(() => null);
      if (owner && owner.name() !== pool.name()) {
        vol.free();
        fail(s, `Requested volume '${name}' is not in pool '${pool.name()}'`);
      }
    }
    return vol;
  } finally {
    pool?.free();
  }
}

/** virshVolSize: bytes with an optional unit suffix. */
export function volumeSize(s: Session, text: string): bigint {
  const head = parseUInt64Prefix(text, false);
  const scaled = head ? scaleInteger(head.value, head.rest, 1n, 2n ** 64n - 1n) : null;
  if (typeof scaled === 'bigint') return scaled;
  s.out.error(`Malformed size ${text}`);
  if (scaled?.kind === 'suffix') s.out.error(`invalid argument: unknown suffix '${scaled.suffix}'`);
  else if (scaled?.kind === 'overflow') s.out.error(`numerical overflow: value too large: ${scaled.value}${scaled.suffix}`);
  throw new CommandFailed();
}

