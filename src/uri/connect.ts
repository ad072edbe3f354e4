import { ErrorDomain, ErrorNumber, virError } from '../errors/index.js';
import { loadClientConfig, type VirConf } from '../util/conf/index.js';
import { resolveURIAlias } from './aliases.js';
import { getURIParam, parseURI, type VirURI } from './vir-uri.js';

/** virConnectOpen's flag that skips alias lookup. */
export const VIR_CONNECT_NO_ALIASES = 2;

/**
 * The URI to use when none is given: LIBVIRT_DEFAULT_URI, else the client config's `uri_default`,
 * else null (the caller then picks its own default, `test:///default` for tsvirt).
 */
export function resolveDefaultURI(config: VirConf | null = loadClientConfig(), env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.LIBVIRT_DEFAULT_URI) return env.LIBVIRT_DEFAULT_URI;
  return config?.getString('uri_default') ?? null;
}

export interface ResolveOptions {
  /** virConnectOpen flags; VIR_CONNECT_NO_ALIASES skips aliases. */
  flags?: number;
  /** The client config; loaded from the usual place when not given. */
  config?: VirConf | null;
  env?: NodeJS.ProcessEnv;
}

/** A connection URI as virConnectOpen settles it, ready for driver selection. */
export interface ConnectURI {
  /** The text finally parsed (after default and alias resolution). */
  readonly text: string;
  /** The parsed URI; `path` is '' rather than null, as drivers expect. */
  readonly uri: VirURI;
  /** For `DRIVER:///embed?root=DIR`: the absolute root directory of the embedded driver. */
  readonly embedRoot: string | null;
}

/**
 * Settle the URI a connection opens, with libvirt's rules and errors: '' means none; `xen` and
 * `xen://` mean `xen:///system`; none means the default URI (null if there is none); aliases;
 * a driver name is required; `qemu://system` is refused as a missing slash; `/embed` needs an
 * absolute `root` and a lower-case driver name.
 */
export function resolveConnectURI(name: string | null | undefined, options: ResolveOptions = {}): ConnectURI | null {
  const config = options.config === undefined ? loadClientConfig(options.env) : options.config;
  let given = name || null;
  if (given !== null && (given.toLowerCase() === 'xen' || given === 'xen://')) given = 'xen:///system';
  let text = given ?? resolveDefaultURI(config, options.env);
  if (text === null) return null;
  if (!((options.flags ?? 0) & VIR_CONNECT_NO_ALIASES)) text = resolveURIAlias(config, text) ?? text;

  const parsed = parseURI(text);
  const uri: VirURI = { ...parsed, path: parsed.path ?? '' };
  if (uri.scheme === null) {
    throw virError(ErrorDomain.VIR_FROM_NONE, ErrorNumber.VIR_ERR_NO_CONNECT,
      `URI '${given ?? '(null)'}' does not include a driver name`);
  }
  checkMissingSlash(text, uri);
  return { text, uri, embedRoot: uri.path === '/embed' ? embedRoot(uri) : null };
}

/** `qemu://system` parses with "system" as host: libvirt points at the likely typo. */
function checkMissingSlash(text: string, uri: VirURI): void {
  if (!uri.server || !['qemu', 'vbox', 'vz'].includes(uri.scheme ?? '')) return;
  if (uri.server === 'session' || uri.server === 'system') {
    throw virError(ErrorDomain.VIR_FROM_NONE, ErrorNumber.VIR_ERR_INTERNAL_ERROR,
      `invalid URI ${text} (maybe you want ${uri.scheme}:///${uri.server})`);
  }
}

function embedRoot(uri: VirURI): string {
  if (!/^[a-z]*$/.test(uri.scheme ?? '')) {
    throw virError(ErrorDomain.VIR_FROM_NONE, ErrorNumber.VIR_ERR_NO_CONNECT,
      `URI scheme '${uri.scheme}' for embedded driver is not valid`);
  }
  const root = getURIParam(uri, 'root');
  if (!root.startsWith('/')) {
    throw virError(ErrorDomain.VIR_FROM_NONE, ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED, 'root path must be absolute');
  }
  return root;
}
