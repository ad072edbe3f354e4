import { ErrorDomain, ErrorNumber, virError } from '../errors/index.js';
import { formatQueryParams, type URIParam } from './params.js';
import { formatURI, type VirURI } from './vir-uri.js';

/** The transports libvirt's remote driver knows, as written after `+` in a scheme. */
export const REMOTE_TRANSPORTS = ['tls', 'unix', 'ssh', 'libssh2', 'ext', 'tcp', 'libssh'] as const;
export type RemoteTransport = (typeof REMOTE_TRANSPORTS)[number];

export const REMOTE_MODES = ['auto', 'legacy', 'direct'] as const;
export type RemoteMode = (typeof REMOTE_MODES)[number];

export const REMOTE_PROXIES = ['auto', 'netcat', 'native'] as const;
export type RemoteProxy = (typeof REMOTE_PROXIES)[number];

function remoteError(detail: string): Error {
  return virError(ErrorDomain.VIR_FROM_REMOTE, ErrorNumber.VIR_ERR_INVALID_ARG, detail);
}

/** The driver and transport written in the scheme (`qemu+ssh` gives qemu and ssh), not checked. */
export function splitScheme(scheme: string): { driver: string; transport: string | null } {
  const plus = scheme.indexOf('+');
  return plus < 0 ? { driver: scheme, transport: null } : { driver: scheme.slice(0, plus), transport: scheme.slice(plus + 1) };
}

/**
 * The driver and transport the remote driver would use (remoteSplitURIScheme): the written
 * transport (case-insensitive), else TLS with a host and a Unix socket without; libvirt's errors.
 */
export function remoteTransport(uri: VirURI): { driver: string; transport: RemoteTransport } {
  if (!uri.scheme) throw remoteError('missing scheme for URI');
  const { driver, transport: written } = splitScheme(uri.scheme);
  if (written === null) return { driver, transport: uri.server ? 'tls' : 'unix' };
  const transport = REMOTE_TRANSPORTS.find((t) => t === written.toLowerCase());
  if (!transport) {
    throw remoteError('remote_open: transport in URL not recognised (should be tls|unix|ssh|ext|tcp|libssh2|libssh)');
  }
  if (transport === 'unix' && uri.server) {
    throw remoteError(`using unix socket and remote server '${uri.server}' is not supported.`);
  }
  return { driver, transport };
}

/**
 * Whether a URI goes to a daemon through the remote driver rather than to a local driver: it
 * names a host or a transport, or its driver is `remote`. Local drivers never take those.
 */
export function isRemote(uri: VirURI): boolean {
  if (uri.server) return true;
  if (!uri.scheme) return false;
  const { driver, transport } = splitScheme(uri.scheme);
  return transport !== null || driver === 'remote';
}

export function isLocal(uri: VirURI): boolean {
  return !isRemote(uri);
}

/** The query parameters the remote driver reads itself; the others are passed on to the daemon. */
export interface RemoteParams {
  /** The URI to open on the daemon (`name=`). */
  name?: string;
  /** The command run by the `ext` transport. */
  command?: string;
  /** The daemon's Unix socket path. */
  socket?: string;
  auth?: string;
  /** SSH authentication methods in order, e.g. `agent,privkey,password`. */
  sshauth?: string;
  /** The netcat binary on the remote host. */
  netcat?: string;
  keyfile?: string;
  /** The directory holding the TLS certificates. */
  pkipath?: string;
  knownHosts?: string;
  knownHostsVerify?: string;
  tlsPriority?: string;
  mode?: RemoteMode;
  proxy?: RemoteProxy;
  /** `no_sanity`: skip the sanity checks on TLS certificates. */
  noSanity: boolean;
  /** `no_verify`: accept a server certificate that fails verification. */
  noVerify: boolean;
  /** `no_tty`: never prompt for an SSH password on a terminal. */
  noTty: boolean;
  /** Parameters meant for the daemon, in order. */
  passthrough: URIParam[];
}

type StringParam = Exclude<keyof RemoteParams, 'noSanity' | 'noVerify' | 'noTty' | 'passthrough' | 'mode' | 'proxy'>;

const STRING_PARAMS = new Map<string, StringParam>(Object.entries({
  name: 'name', command: 'command', socket: 'socket', auth: 'auth', sshauth: 'sshauth', netcat: 'netcat',
  keyfile: 'keyfile', pkipath: 'pkipath', known_hosts: 'knownHosts', known_hosts_verify: 'knownHostsVerify',
  tls_priority: 'tlsPriority',
} satisfies Record<string, StringParam>));
const FLAG_PARAMS = new Map<string, 'noSanity' | 'noVerify' | 'noTty'>([
  ['no_sanity', 'noSanity'], ['no_verify', 'noVerify'], ['no_tty', 'noTty'],
]);

/** A flag value as libvirt reads it: a whole decimal int (strtol), non-zero meaning set. */
function parseFlag(param: URIParam): boolean {
  const value = /^\s*[+-]?\d+$/.test(param.value) ? Number(param.value) : NaN;
  if (!Number.isSafeInteger(value) || value > 0x7fffffff || value < -0x80000000) {
    throw remoteError(`Failed to parse value of URI component ${param.name}`);
  }
  return value !== 0;
}

/**
 * The remote driver's parameters, typed (names match case-insensitively, the last one wins, as
 * in libvirt's doRemoteOpen); `authfile` is dropped, the rest kept in `passthrough`.
 */
export function remoteParams(uri: VirURI): RemoteParams {
  const out: RemoteParams = { noSanity: false, noVerify: false, noTty: false, passthrough: [] };
  for (const param of uri.params) {
    const key = param.name.toLowerCase();
    const stringField = STRING_PARAMS.get(key);
    const flagField = FLAG_PARAMS.get(key);
    if (stringField) out[stringField] = param.value;
    else if (flagField) out[flagField] = parseFlag(param);
    else if (key === 'mode') out.mode = oneOf(REMOTE_MODES, param.value, `Unknown remote mode '${param.value}'`);
    // libvirt's own message carries the misspelling.
    else if (key === 'proxy') out.proxy = oneOf(REMOTE_PROXIES, param.value, `Unnkown proxy type '${param.value}'`);
    else if (key !== 'authfile') out.passthrough.push(param);
  }
  return out;
}

function oneOf<T extends string>(allowed: readonly T[], value: string, detail: string): T {
  const found = allowed.find((a) => a === value);
  if (found === undefined) throw remoteError(detail);
  return found;
}

/**
 * The URI the remote driver asks the daemon to open: `name=` if given, '' for `remote` URIs (the
 * daemon picks), else the URI without host, transport and the remote driver's own parameters.
 */
export function remoteName(uri: VirURI): string {
  const params = remoteParams(uri);
  if (params.name !== undefined) return params.name;
  const scheme = uri.scheme ?? '';
  if (scheme === 'remote' || scheme.startsWith('remote+')) return '';
  return formatURI({
    scheme: splitScheme(scheme).driver,
    path: uri.path,
    query: params.passthrough.length ? formatQueryParams(params.passthrough) : null,
    fragment: uri.fragment,
  });
}
