/**
 * SASL users for tsvirtd, from the same files libvirtd's cyrus-sasl reads, so `saslpasswd2 -a
 * libvirt -f FILE USER` works for both daemons:
 *
 * - the application config `libvirt.conf` in $SASL_CONF_PATH (colon-separated), else
 *   /etc/sasl2: `mech_list` (space-separated, case-insensitive) and `sasldb_path`
 *   (default /etc/sasldb2);
 * - the sasldb itself: on Debian 12 a Berkeley DB 5.3 hash file. Its entries are keyed
 *   `user\0realm\0property` and saslpasswd2 stores the password as property `userPassword`.
 *   The file is read directly: the meta page gives the byte order and page size, and every hash
 *   page (types 2 and 13) holds key/data pairs of on-page items (type 1).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorDomain, ErrorNumber, virError } from '../errors/index.js';

export interface SaslSettings {
  /** Upper-case mechanism names from mech_list; null = every mechanism tsvirtd has. */
  mechList: string[] | null;
  dbPath: string;
}

const DEFAULT_DB = '/etc/sasldb2';

/** Read `libvirt.conf` the way cyrus-sasl finds it; defaults when there is none. */
export function saslSettings(env: NodeJS.ProcessEnv = process.env): SaslSettings {
  const dirs = (env.SASL_CONF_PATH || '/etc/sasl2').split(':').filter(Boolean);
  for (const dir of dirs) {
    let text: string;
    try { text = readFileSync(join(dir, 'libvirt.conf'), 'utf8'); } catch { continue; }
    const opts = new Map<string, string>();
    for (const line of text.split('\n')) {
      const m = /^\s*([A-Za-z0-9_]+)\s*:\s*(.*?)\s*$/.exec(line);
      if (m && !line.trimStart().startsWith('#')) opts.set(m[1]!, m[2]!);
    }
    const mech = opts.get('mech_list');
    return { mechList: mech ? mech.split(/\s+/).filter(Boolean).map((m) => m.toUpperCase()) : null, dbPath: opts.get('sasldb_path') || DEFAULT_DB };
  }
  return { mechList: null, dbPath: DEFAULT_DB };
}

const HASH_MAGIC = 0x061561;
const P_HASH_UNSORTED = 2;
const P_HASH = 13;
const H_KEYDATA = 1;
const PAGE_HEADER = 26;

/** Every key/data pair of a Berkeley DB hash file; throws if `buf` is not one. */
export function readBdbHash(buf: Buffer): Array<[Buffer, Buffer]> {
  if (buf.length < 512) throw new Error('too short for a Berkeley DB file');
  let le = true;
  if (buf.readUInt32LE(12) !== HASH_MAGIC) {
    if (buf.readUInt32BE(12) !== HASH_MAGIC) throw new Error('not a Berkeley DB hash file');
    le = false;
  }
  const u32 = (at: number) => (le ? buf.readUInt32LE(at) : buf.readUInt32BE(at));
  const u16 = (at: number) => (le ? buf.readUInt16LE(at) : buf.readUInt16BE(at));
  const pageSize = u32(20);
  if (pageSize < 512 || pageSize > 65536 || buf.length % pageSize !== 0) throw new Error(`bad page size ${pageSize}`);
  const out: Array<[Buffer, Buffer]> = [];
  for (let page = pageSize; page < buf.length; page += pageSize) {
    const type = buf[page + 25];
    if (type !== P_HASH && type !== P_HASH_UNSORTED) continue;
    const entries = u16(page + 20);
    if (PAGE_HEADER + entries * 2 > pageSize) throw new Error('corrupt hash page');
    const item = (i: number): Buffer | null => {
      const start = u16(page + PAGE_HEADER + i * 2);
      const end = i === 0 ? pageSize : u16(page + PAGE_HEADER + (i - 1) * 2);
      if (start >= end || end > pageSize) throw new Error('corrupt hash item');
      if (buf[page + start] !== H_KEYDATA) return null; // off-page or duplicate items: not used by sasldb's small values
      return buf.subarray(page + start + 1, page + end);
    };
    for (let i = 0; i + 1 < entries; i += 2) {
      const key = item(i);
      const data = item(i + 1);
      if (key && data) out.push([key, data]);
    }
  }
  return out;
}

/** The sasldb's users: `user@realm` -> password. */
export class SaslDb {
  private constructor(private readonly passwords: Map<string, string>) {}

  static load(path: string): SaslDb {
    let buf: Buffer;
    try {
      buf = readFileSync(path);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      throw virError(ErrorDomain.VIR_FROM_AUTH, ErrorNumber.VIR_ERR_AUTH_FAILED, `cannot read sasldb '${path}': ${e.code === 'ENOENT' ? 'No such file or directory' : e.message}`);
    }
    const passwords = new Map<string, string>();
    try {
      for (const [key, data] of readBdbHash(buf)) {
        const [user, realm, prop] = key.toString('utf8').split('\0');
        if (prop === 'userPassword' && user !== undefined && realm !== undefined) passwords.set(`${user}@${realm}`, data.toString('utf8'));
      }
    } catch (err) {
      throw virError(ErrorDomain.VIR_FROM_AUTH, ErrorNumber.VIR_ERR_AUTH_FAILED, `cannot read sasldb '${path}': ${(err as Error).message}`);
    }
    return new SaslDb(passwords);
  }

  /**
   * The password of `authname`: `user@realm` names its realm, a bare user is in `defaultRealm`
   * (the host name, as saslpasswd2 and the server default it).
   */
  password(authname: string, defaultRealm: string): string | null {
    const at = authname.lastIndexOf('@');
    const key = at > 0 ? authname : `${authname}@${defaultRealm}`;
    return this.passwords.get(key) ?? null;
  }
}
