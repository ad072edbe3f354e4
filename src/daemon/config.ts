/**
 * tsvirtd's configuration: libvirtd.conf's syntax and keys (those tsvirtd acts on), read with
 * src/util/conf, checked with libvirt's errors. Keys tsvirtd does not know are ignored, as libvirtd
 * ignores them.
 */
import { ErrorDomain, ErrorNumber, virError } from '../errors/index.js';
import { VirConf } from '../util/conf/index.js';
import { DEFAULT_TCP_PORT, isPrivileged, runtimeDir } from './paths.js';

export type AuthType = 'none' | 'sasl' | 'polkit';

export interface DaemonConfig {
  listenTcp: boolean;
  tcpPort: number;
  listenAddr: string | null;
  unixSockDir: string;
  unixSockGroup: string | null;
  unixSockRoPerms: number;
  unixSockRwPerms: number;
  authUnixRw: AuthType;
  authUnixRo: AuthType;
  authTcp: AuthType;
  maxClients: number;
  maxClientRequests: number;
  /** Seconds; -1 disables the daemon's keepalive. */
  keepaliveInterval: number;
  keepaliveCount: number;
  logLevel: number | null;
  logFilters: string | null;
  logOutputs: string | null;
}

export function defaultConfig(privileged = isPrivileged(), env: NodeJS.ProcessEnv = process.env): DaemonConfig {
  return {
    listenTcp: false,
    tcpPort: DEFAULT_TCP_PORT,
    listenAddr: null,
    unixSockDir: runtimeDir(privileged, env),
    unixSockGroup: null,
    unixSockRoPerms: 0o777,
    unixSockRwPerms: 0o700,
    authUnixRw: 'none',
    authUnixRo: 'none',
    // libvirtd built without SASL defaults TCP to none; tsvirtd has no SASL server yet.
    authTcp: 'none',
    maxClients: 5000,
    maxClientRequests: 5,
    keepaliveInterval: 5,
    keepaliveCount: 5,
    logLevel: null,
    logFilters: null,
    logOutputs: null,
  };
}

function unsupported(message: string) {
  return virError(ErrorDomain.VIR_FROM_CONF, ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED, message);
}

/** Auth methods tsvirtd can serve: only "none" (SASL and polkit are not implemented). */
function auth(conf: VirConf, key: string, current: AuthType): AuthType {
  const v = conf.getString(key);
  if (v === undefined) return current;
  if (v === 'none') return v;
  throw unsupported(`${conf.filename}: ${key}: unsupported auth ${v}`);
}

function perms(conf: VirConf, key: string, current: number): number {
  const v = conf.getString(key);
  if (v === undefined) return current;
  if (!/^0?[0-7]{1,4}$/.test(v)) throw unsupported(`${conf.filename}: ${key}: Failed to parse mode '${v}'`);
  return parseInt(v, 8);
}

function port(conf: VirConf, key: string, current: number): number {
  const v = conf.getString(key);
  if (v === undefined) return current;
  const n = /^[0-9]+$/.test(v) ? Number(v) : NaN;
  if (!(n >= 1 && n <= 65535)) throw unsupported(`${conf.filename}: ${key}: invalid port '${v}'`);
  return n;
}

/** Apply a parsed config file over `base` (the defaults). Throws libvirt's error for a bad value. */
export function applyConfig(conf: VirConf, base: DaemonConfig): DaemonConfig {
  const c = { ...base };
  c.listenTcp = conf.getBool('listen_tcp') ?? c.listenTcp;
  if (conf.getBool('listen_tls')) throw unsupported(`${conf.filename}: listen_tls: TLS listeners are not supported by tsvirtd yet`);
  c.tcpPort = port(conf, 'tcp_port', c.tcpPort);
  c.listenAddr = conf.getString('listen_addr') ?? c.listenAddr;
  c.unixSockDir = conf.getString('unix_sock_dir') ?? c.unixSockDir;
  c.unixSockGroup = conf.getString('unix_sock_group') ?? c.unixSockGroup;
  c.unixSockRoPerms = perms(conf, 'unix_sock_ro_perms', c.unixSockRoPerms);
  c.unixSockRwPerms = perms(conf, 'unix_sock_rw_perms', c.unixSockRwPerms);
  c.authUnixRw = auth(conf, 'auth_unix_rw', c.authUnixRw);
  c.authUnixRo = auth(conf, 'auth_unix_ro', c.authUnixRo);
  c.authTcp = auth(conf, 'auth_tcp', c.authTcp);
  c.maxClients = conf.getUInt('max_clients') ?? c.maxClients;
  c.maxClientRequests = conf.getUInt('max_client_requests') ?? c.maxClientRequests;
  if (c.maxClientRequests === 0) throw unsupported(`${conf.filename}: max_client_requests: must be greater than 0`);
  c.keepaliveInterval = conf.getInt('keepalive_interval') ?? c.keepaliveInterval;
  c.keepaliveCount = conf.getUInt('keepalive_count') ?? c.keepaliveCount;
  c.logLevel = conf.getUInt('log_level') ?? c.logLevel;
  c.logFilters = conf.getString('log_filters') ?? c.logFilters;
  c.logOutputs = conf.getString('log_outputs') ?? c.logOutputs;
  return c;
}

/** Read `path` (libvirt's errors if unreadable or malformed) over the defaults. */
export function loadDaemonConfig(path: string | null, base = defaultConfig()): DaemonConfig {
  return path === null ? base : applyConfig(VirConf.readFile(path), base);
}
