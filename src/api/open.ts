import { ErrorDomain, ErrorNumber, dispatchError, isVirError, virError } from '../errors/index.js';
import type { ConnectAuth, ConnectionDriver, ConnectTarget, DriverFactory, OpenOptions } from '../drivers/types.js';
import { isRemote, resolveConnectURI, splitScheme, type VirURI } from '../uri/index.js';
import { VIR_CONNECT_RO } from './constants.js';
import { Connect } from './connect.js';
import { localDriverFor, remoteDriver, secondaryDrivers } from './registry.js';
import { composeDrivers } from './compose.js';

/** The URI used when none is given and nothing configures one: the embedded test driver. */
export const EMBEDDED_DEFAULT_URI = 'test:///default';

function toTarget(uri: string, parsed: VirURI, options: OpenOptions): ConnectTarget {
  return {
    options,
    uri,
    scheme: parsed.scheme ?? '',
    server: parsed.server,
    user: parsed.user,
    port: parsed.port,
    path: parsed.path ?? '',
    params: parsed.params,
  };
}

function pickDriver(uri: string, parsed: VirURI): DriverFactory {
  const local = isRemote(parsed) ? undefined : localDriverFor(splitScheme(parsed.scheme ?? '').driver);
  const driver = local ?? remoteDriver();
  if (!driver) throw virError(ErrorDomain.VIR_FROM_NONE, ErrorNumber.VIR_ERR_NO_CONNECT, uri);
  return driver;
}

/** Open the hypervisor driver, then the secondary drivers it shares; a failure closes what opened. */
async function openDrivers(driver: DriverFactory, target: ConnectTarget, auth: ConnectAuth | null, flags: number): Promise<ConnectionDriver> {
  const primary = await driver.open(target, auth, flags);
  if (!driver.sharesSecondaryDrivers || secondaryDrivers().length === 0) return primary;
  const opened: ConnectionDriver[] = [];
  try {
    for (const secondary of secondaryDrivers()) opened.push(await secondary.open(target, flags));
  } catch (err) {
    await Promise.allSettled([primary, ...opened].map((d) => d.close()));
    throw err;
  }
  return composeDrivers(primary, opened);
}

/**
 * virConnectOpenAuth: resolve the URI (default, aliases), pick the driver that serves it, open.
 * Failures are reported through the global error handler and reject with a VirError.
 */
export async function openAuth(uri: string | null | undefined, auth: ConnectAuth | null, flags = 0, options: OpenOptions = {}): Promise<Connect> {
  try {
    const resolved = resolveConnectURI(uri ?? null, { flags }) ?? resolveConnectURI(EMBEDDED_DEFAULT_URI, { flags })!;
    const name = resolved.text;
    const parsed = resolved.uri;
    const driver = pickDriver(name, parsed);
    const conn = await openDrivers(driver, toTarget(name, parsed, options), auth, flags);
    return new Connect(conn, name, Boolean(flags & VIR_CONNECT_RO));
  } catch (err) {
    const error = isVirError(err) ? err : virError(ErrorDomain.VIR_FROM_NONE, ErrorNumber.VIR_ERR_INTERNAL_ERROR, String(err));
    dispatchError(error);
    throw error;
  }
}

/** virConnectOpen: read-write, no credentials. */
export function open(uri?: string | null, options?: OpenOptions): Promise<Connect> {
  return openAuth(uri, null, 0, options);
}

/** virConnectOpenReadOnly: every call that changes state is refused. */
export function openReadOnly(uri?: string | null, options?: OpenOptions): Promise<Connect> {
  return openAuth(uri, null, VIR_CONNECT_RO, options);
}
