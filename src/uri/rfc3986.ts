/**
 * URI references parsed and written the way libxml2 2.9 does (xmlParseURI / xmlSaveUri), which is
 * what libvirt's virURIParse builds on: RFC 3986 syntax, percent escapes decoded in every part but
 * the query, which is kept raw.
 */

/** The parts of a URI reference, decoded except `query`. */
export interface RawURI {
  scheme: string | null;
  user: string | null;
  server: string | null;
  /** -1 when the authority is present but names no server, 0 when absent. */
  port: number;
  path: string | null;
  query: string | null;
  fragment: string | null;
}

const ALPHA = /[A-Za-z]/;
const DIGIT = /[0-9]/;
const HEX = /[0-9A-Fa-f]/;
const UNRESERVED_3986 = /[A-Za-z0-9\-._~]/;
const SUB_DELIM = /[!$&'()*+,;=]/;

class Cursor {
  constructor(readonly text: string, public at = 0) {}
  ch(): string {
    return this.text[this.at] ?? '';
  }
  peek(offset: number): string {
    return this.text[this.at + offset] ?? '';
  }
  isPctEncoded(): boolean {
    return this.ch() === '%' && HEX.test(this.peek(1)) && HEX.test(this.peek(2));
  }
  isPchar(): boolean {
    const c = this.ch();
    return c !== '' && (UNRESERVED_3986.test(c) || SUB_DELIM.test(c) || c === ':' || c === '@' || this.isPctEncoded());
  }
  /** Step over one character, or a whole `%XX`. */
  next(): void {
    this.at += this.ch() === '%' ? 3 : 1;
  }
  from(start: number): string {
    return this.text.slice(start, this.at);
  }
}

const utf8 = new TextDecoder();

/** Decode `%XX` escapes into bytes, read as UTF-8 (libxml2's xmlURIUnescapeString). */
export function unescapeURIString(text: string): string {
  if (!text.includes('%')) return text;
  const bytes: number[] = [];
  const raw = Buffer.from(text, 'utf8');
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === 0x25 && i + 2 < raw.length && isHexByte(raw[i + 1]) && isHexByte(raw[i + 2])) {
      bytes.push(parseInt(String.fromCharCode(raw[i + 1], raw[i + 2]), 16));
      i += 2;
    } else {
      bytes.push(raw[i]);
    }
  }
  return utf8.decode(Uint8Array.from(bytes));
}

function isHexByte(byte: number): boolean {
  return HEX.test(String.fromCharCode(byte));
}

function emptyURI(): RawURI {
  return { scheme: null, user: null, server: null, port: 0, path: null, query: null, fragment: null };
}

/** `segment`: pchars, optionally stopping at `forbid`; a non-empty one is required unless `empty`. */
function segment(cur: Cursor, forbid: string | null, empty: boolean): boolean {
  if (!cur.isPchar()) return empty;
  while (cur.isPchar() && cur.ch() !== forbid) cur.next();
  return true;
}

function setPath(uri: RawURI, cur: Cursor, start: number): void {
  uri.path = cur.at === start ? null : unescapeURIString(cur.from(start));
}

function pathAbEmpty(uri: RawURI, cur: Cursor): boolean {
  const start = cur.at;
  while (cur.ch() === '/') {
    cur.at++;
    segment(cur, null, true);
  }
  setPath(uri, cur, start);
  return true;
}

function pathAbsolute(uri: RawURI, cur: Cursor): boolean {
  const start = cur.at;
  cur.at++;
  if (segment(cur, null, false)) {
    while (cur.ch() === '/') {
      cur.at++;
      segment(cur, null, true);
    }
  }
  setPath(uri, cur, start);
  return true;
}

/** path-rootless (`forbid` null) or path-noscheme (`forbid` ':' in the first segment). */
function pathRelative(uri: RawURI, cur: Cursor, forbid: string | null): boolean {
  const start = cur.at;
  if (!segment(cur, forbid, false)) return false;
  while (cur.ch() === '/') {
    cur.at++;
    segment(cur, null, true);
  }
  setPath(uri, cur, start);
  return true;
}

function authority(uri: RawURI, cur: Cursor): boolean {
  const start = cur.at;
  while (UNRESERVED_3986.test(cur.ch()) || SUB_DELIM.test(cur.ch()) || cur.ch() === ':' || cur.isPctEncoded()) {
    cur.next();
  }
  if (cur.ch() === '@') {
    // libxml2 quirk: an empty userinfo is unescaped with length 0, meaning "to the end of the text".
    uri.user = unescapeURIString(cur.at === start ? cur.text.slice(start) : cur.from(start));
    cur.at++;
  } else {
    cur.at = start;
  }
  const hostStart = cur.at;
  if (cur.ch() === '[') {
    const close = cur.text.indexOf(']', cur.at);
    if (close < 0) return false;
    cur.at = close + 1;
  } else {
    // An IPv4 address is a reg-name as far as the result goes.
    while (cur.ch() !== '' && (UNRESERVED_3986.test(cur.ch()) || SUB_DELIM.test(cur.ch()) || cur.isPctEncoded())) cur.next();
  }
  uri.server = cur.at === hostStart ? null : unescapeURIString(cur.from(hostStart));
  if (cur.ch() === ':') {
    cur.at++;
    if (!DIGIT.test(cur.ch())) return false;
    let port = 0;
    while (DIGIT.test(cur.ch())) {
      port = port * 10 + Number(cur.ch());
      if (port > 0x7fffffff) return false;
      cur.at++;
    }
    uri.port = port;
  }
  return true;
}

function queryAndFragment(uri: RawURI, cur: Cursor): boolean {
  if (cur.ch() === '?') {
    cur.at++;
    const start = cur.at;
    while (cur.isPchar() || cur.ch() === '/' || cur.ch() === '?') cur.next();
    uri.query = cur.from(start);
  }
  if (cur.ch() === '#') {
    cur.at++;
    const start = cur.at;
    while (cur.isPchar() || cur.ch() === '/' || cur.ch() === '?' || cur.ch() === '[' || cur.ch() === ']') cur.next();
    uri.fragment = unescapeURIString(cur.from(start));
  }
  return cur.at === cur.text.length;
}

/** scheme ":" hier-part [ "?" query ] [ "#" fragment ] */
function absoluteURI(text: string): RawURI | null {
  const uri = emptyURI();
  const cur = new Cursor(text);
  if (!ALPHA.test(cur.ch())) return null;
  while (ALPHA.test(cur.ch()) || DIGIT.test(cur.ch()) || cur.ch() === '+' || cur.ch() === '-' || cur.ch() === '.') cur.at++;
  uri.scheme = cur.from(0);
  if (cur.ch() !== ':') return null;
  cur.at++;
  if (cur.ch() === '/' && cur.peek(1) === '/') {
    cur.at += 2;
    if (!authority(uri, cur)) return null;
    if (uri.server === null) uri.port = -1;
    pathAbEmpty(uri, cur);
  } else if (cur.ch() === '/') {
    pathAbsolute(uri, cur);
  } else if (cur.isPchar()) {
    pathRelative(uri, cur, null);
  }
  return queryAndFragment(uri, cur) ? uri : null;
}

/** relative-part [ "?" query ] [ "#" fragment ] */
function relativeRef(text: string): RawURI | null {
  const uri = emptyURI();
  const cur = new Cursor(text);
  if (cur.ch() === '/' && cur.peek(1) === '/') {
    cur.at += 2;
    if (!authority(uri, cur)) return null;
    pathAbEmpty(uri, cur);
  } else if (cur.ch() === '/') {
    pathAbsolute(uri, cur);
  } else if (cur.isPchar()) {
    if (!pathRelative(uri, cur, ':')) return null;
  }
  return queryAndFragment(uri, cur) ? uri : null;
}

/** Parse a URI reference as xmlParseURI: an absolute URI, else a relative one; null if neither. */
export function parseURIReference(text: string): RawURI | null {
  return absoluteURI(text) ?? relativeRef(text);
}

// RFC 2396 character classes, which xmlSaveUri still uses when escaping.
const UNRESERVED_2396 = /[A-Za-z0-9\-_.!~*'()]/;
const RESERVED_2396 = /[;/?:@&=+$,[\]]/;

/** Escape every UTF-8 byte that `keep` does not accept, with upper-case hex. */
function escapeExcept(text: string, keep: RegExp): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += byte < 0x80 && keep.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const USER_KEEP = new RegExp(`${UNRESERVED_2396.source}|[;:&=+$,]`);
const PATH_KEEP = new RegExp(`${UNRESERVED_2396.source}|[/;@&=+$,]`);
const FRAGMENT_KEEP = new RegExp(`${UNRESERVED_2396.source}|${RESERVED_2396.source}`);

/** Write a URI as xmlSaveUri does; the server and the raw query go out as they are. */
export function saveURI(uri: RawURI): string {
  let out = uri.scheme !== null ? `${uri.scheme}:` : '';
  if (uri.server !== null || uri.port === -1) {
    out += '//';
    if (uri.user !== null) out += `${escapeExcept(uri.user, USER_KEEP)}@`;
    if (uri.server !== null) {
      out += uri.server;
      if (uri.port > 0) out += `:${uri.port}`;
    }
  }
  if (uri.path !== null) out += escapeExcept(uri.path, PATH_KEEP);
  if (uri.query !== null) out += `?${uri.query}`;
  if (uri.fragment !== null) out += `#${escapeExcept(uri.fragment, FRAGMENT_KEEP)}`;
  return out;
}
