import { ErrorDomain, ErrorNumber, virError } from '../errors/index.js';
import { formatQueryParams, parseQueryParams, type URIParam } from './params.js';
import { parseURIReference, saveURI } from './rfc3986.js';

/** A parsed libvirt URI: libvirt's virURI fields, plus every query parameter in order. */
export interface VirURI {
  /** `qemu+ssh`: the driver and, after `+`, the transport. */
  readonly scheme: string | null;
  /** The host, IPv6 addresses without their brackets. */
  readonly server: string | null;
  readonly user: string | null;
  /** 0 when absent. */
  readonly port: number;
  readonly path: string | null;
  /** The query exactly as written (not decoded). */
  readonly query: string | null;
  readonly fragment: string | null;
  /** Every `name=value` of the query, decoded, in order, repeats kept. */
  readonly params: readonly URIParam[];
}

/** A URI to format: any field left out is absent; `params` is used when `query` is not given. */
export type VirURIInit = Partial<VirURI>;

function stripIPv6Brackets(server: string): string {
  return server.startsWith('[') && server.endsWith(']') && server.includes(':') ? server.slice(1, -1) : server;
}

/**
 * Parse a URI as libvirt's virURIParse: RFC 3986 as libxml2 reads it, percent escapes decoded
 * (all parts but the raw `query`). Relative references parse too; callers needing a driver name
 * check `scheme`. Throws libvirt's `Unable to parse URI` error (VIR_FROM_URI, internal error).
 */
export function parseURI(text: string): VirURI {
  const raw = parseURIReference(text);
  if (!raw) throw virError(ErrorDomain.VIR_FROM_URI, ErrorNumber.VIR_ERR_INTERNAL_ERROR, `Unable to parse URI ${text}`);
  const server = raw.server === null ? null : stripIPv6Brackets(raw.server);
  return {
    scheme: raw.scheme,
    server,
    user: raw.user,
    port: server ? raw.port : 0,
    path: raw.path,
    query: raw.query,
    fragment: raw.fragment,
    params: parseQueryParams(raw.query),
  };
}

/** Write a URI back as libvirt's virURIFormat: IPv6 hosts bracketed, `///` when there is no host. */
export function formatURI(uri: VirURIInit): string {
  const server = uri.server ?? null;
  const port = uri.port ?? 0;
  const query = uri.query !== undefined && uri.query !== null
    ? uri.query
    : uri.params?.length ? formatQueryParams(uri.params) : null;
  return saveURI({
    scheme: uri.scheme ?? null,
    user: uri.user ?? null,
    server: server !== null && server.includes(':') ? `[${server}]` : server,
    port: server === null && port === 0 ? -1 : port,
    path: uri.path ?? null,
    query,
    fragment: uri.fragment ?? null,
  });
}

/** The value of a parameter (first occurrence, exact name), or libvirt's `Missing URI parameter` error. */
export function getURIParam(uri: VirURI, name: string): string {
  const param = uri.params.find((p) => p.name === name);
  if (!param) throw virError(ErrorDomain.VIR_FROM_URI, ErrorNumber.VIR_ERR_INVALID_ARG, `Missing URI parameter '${name}'`);
  return param.value;
}
