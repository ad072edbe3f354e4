import { ErrorDomain, ErrorNumber, virError } from '../errors/index.js';
import type { VirConf } from '../util/conf/index.js';

const ALIAS_NAME = /^[A-Za-z0-9_-]*/;

/**
 * Resolve `alias` through the config's `uri_aliases = [ "name=uri", ... ]` as libvirt does: the
 * entries are checked in order up to the first match, each must have `=` and a name of
 * `a-Z, 0-9, _, -`; null when nothing matches (the text is then used as a URI).
 */
export function resolveURIAlias(config: VirConf | null, alias: string): string | null {
  const entries = config?.getStringList('uri_aliases') ?? [];
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    if (eq < 0) {
      throw virError(ErrorDomain.VIR_FROM_URI, ErrorNumber.VIR_ERR_CONF_SYNTAX,
        `Malformed 'uri_aliases' config entry '${entry}', expected 'alias=uri://host/path'`);
    }
    if (ALIAS_NAME.exec(entry)![0].length < eq) {
      throw virError(ErrorDomain.VIR_FROM_URI, ErrorNumber.VIR_ERR_CONF_SYNTAX,
        `Malformed 'uri_aliases' config entry '${entry}', aliases may only contain 'a-Z, 0-9, _, -'`);
    }
    if (entry.slice(0, eq) === alias) return entry.slice(eq + 1);
  }
  return null;
}
