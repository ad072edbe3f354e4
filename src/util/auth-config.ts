/**
 * libvirt's client credentials file, auth.conf (a GLib key file), as virauth.c and
 * virauthconfig.c read it: before asking the caller, a driver looks for the credential in
 * [auth-SERVICE-HOST] (else [auth-SERVICE-default]), whose `credentials` item names the group
 * [credentials-NAME] that holds `username`, `password`, ...
 */
import { accessSync, constants, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorDomain, ErrorNumber, unknownCauseError, virError } from '../errors/index.js';
import { userConfigDir } from './conf/load.js';

/**
 * The file virAuthGetConfigFilePathURI picks: $LIBVIRT_AUTH_FILE, the URI's `authfile`, then the
 * first readable of ~/.config/libvirt/auth.conf and /etc/libvirt/auth.conf; null when none.
 */
export function authConfigPath(params: readonly { name: string; value: string }[], env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.LIBVIRT_AUTH_FILE !== undefined) return env.LIBVIRT_AUTH_FILE;
  const fromUri = params.find((p) => p.name === 'authfile' && p.value !== '');
  if (fromUri) return fromUri.value;
  const userDir = join(userConfigDir(env), 'libvirt');
  for (const path of [join(userDir, 'auth.conf'), '/etc/libvirt/auth.conf']) {
    try {
      accessSync(path, constants.R_OK);
      return path;
    } catch {
      // not readable: the next one
    }
  }
  return null;
}

type Groups = Map<string, Map<string, string>>;

/** GLib's key file syntax; null where g_key_file_load_from_data fails. */
function parseKeyFile(text: string): Groups | null {
  const groups: Groups = new Map();
  let current: Map<string, string> | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '').replace(/^[ \t]+/, '');
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('[')) {
      const m = /^\[([^[\]\x00-\x1f]+)\][ \t]*$/.exec(line);
      if (!m) return null;
      current = groups.get(m[1]!) ?? new Map();
      groups.set(m[1]!, current);
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0 || current === null) return null;
    const key = line.slice(0, eq).replace(/[ \t]+$/, '');
    if (key === '' || /[\x00-\x1f\]]/.test(key)) return null;
    current.set(key, line.slice(eq + 1).replace(/^[ \t]+/, ''));
  }
  return groups;
}

const ESCAPES: Record<string, string> = { s: ' ', n: '\n', t: '\t', r: '\r', '\\': '\\' };

/** g_key_file_get_string's unescaping: an unknown escape stays as written, a final backslash goes. */
function unescape(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    if (value[i] !== '\\') {
      out += value[i];
      continue;
    }
    if (i + 1 === value.length) break;
    const next = value[i + 1]!;
    out += ESCAPES[next] ?? `\\${next}`;
    i++;
  }
  return out;
}

/**
 * The credential `credname` for `service` on `host` from the file at `path` (null when the file
 * has none). A file that cannot be read or parsed fails as libvirt's does, with no cause given; a
 * group naming missing credentials is a syntax error.
 */
export function lookupAuthCredential(path: string, service: string, host: string, credname: string): string | null {
  let groups: Groups | null;
  try {
    groups = parseKeyFile(readFileSync(path, 'utf8'));
  } catch {
    groups = null;
  }
  if (!groups) throw unknownCauseError();
  let authGroup = `auth-${service}-${host}`;
  if (!groups.has(authGroup)) authGroup = `auth-${service}-default`;
  const auth = groups.get(authGroup);
  if (!auth) return null;
  const item = auth.get('credentials');
  if (item === undefined) {
    throw virError(ErrorDomain.VIR_FROM_NONE, ErrorNumber.VIR_ERR_CONF_SYNTAX, `Missing item 'credentials' in group '${authGroup}' in '${path}'`);
  }
  const name = unescape(item);
  const creds = groups.get(`credentials-${name}`);
  if (!creds) {
    throw virError(ErrorDomain.VIR_FROM_NONE, ErrorNumber.VIR_ERR_CONF_SYNTAX,
      `Missing group 'credentials-${name}' referenced from group '${authGroup}' in '${path}'`);
  }
  const value = creds.get(credname);
  return value === undefined ? null : unescape(value);
}
