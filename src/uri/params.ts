import { unescapeURIString } from './rfc3986.js';

/** One `name=value` of a URI query, decoded. */
export interface URIParam {
  readonly name: string;
  readonly value: string;
}

/**
 * Split a raw query into parameters as libvirt's virURIParseParams does: `&` separates, and `;`
 * only when no `&` follows; `name` alone means an empty value; `=value` alone is dropped.
 */
export function parseQueryParams(query: string | null): URIParam[] {
  const params: URIParam[] = [];
  let rest = query ?? '';
  while (rest !== '') {
    let end = rest.indexOf('&');
    if (end < 0) end = rest.indexOf(';');
    if (end < 0) end = rest.length;
    const section = rest.slice(0, end);
    rest = rest.slice(end + 1);
    const eq = section.indexOf('=');
    if (section === '' || eq === 0) continue;
    if (eq < 0) params.push({ name: unescapeURIString(section), value: '' });
    else params.push({ name: unescapeURIString(section.slice(0, eq)), value: unescapeURIString(section.slice(eq + 1)) });
  }
  return params;
}

/** GLib's g_uri_escape_string without exceptions: all but A-Z a-z 0-9 - . _ ~ as %XX. */
function escapeParamValue(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Build a query from parameters as virURIFormatParams does: names as they are, values escaped. */
export function formatQueryParams(params: readonly URIParam[]): string {
  return params.map((p) => `${p.name}=${escapeParamValue(p.value)}`).join('&');
}
