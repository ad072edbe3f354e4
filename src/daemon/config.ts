/**
 * tsvirtd's configuration: libvirtd.conf's syntax and keys (those tsvirtd acts on), read with
 * src/util/conf, checked with libvirt's errors. Keys tsvirtd does not know are ignored, as libvirtd
 * ignores them.
 */
import { ErrorDomain, ErrorNumber, virError } from '../errors/index.js';
import { VirConf } from '../util/conf/index.js';
import { DEFAULT_TCP_PORT, DEFAULT_TLS_PORT, isPrivileged, runtimeDir } from './paths.js';

export type AuthType = 'none' | 'sasl' | 'polkit';

export interface DaemonConfig {
  listenTcp: boolean;
  tcpPort: number;
  listenTls: boolean;
  tlsPort: number;
  /** Server PKI files; all null = libvirt's default layout (see tls.ts). */
  keyFile: string | null;
  certFile: string | null;
  caFile: string | null;
  crlFile: string | null;
  tlsNoVerifyCertificate: boolean;
  /** Glob patterns (`*`, `?`) a client certificate's DN must match; null = any. */
  tlsAllowedDnList: string[] | null;
  /** Glob patterns a SASL user name must match; null = any. */
  saslAllowedUsernameList: string[] | null;
  listenAddr: string | null;
  unixSockDir: string;
  unixSockGroup: string | null;
  unixSockRoPerms: number;
  unixSockRwPerms: number;
  /** tsvirtd has no admin socket: read and checked for libvirtd.conf compatibility only. */
  unixSockAdminPerms: number;
  authUnixRw: AuthType;
  authUnixRo: AuthType;
  authTcp: AuthType;
  authTls: AuthType;
  maxClients: number;
  /** Connections the kernel holds waiting to be accepted (the listen backlog). */
  maxQueuedClients: number;
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
    listenTls: false,
    tlsPort: DEFAULT_TLS_PORT,
    keyFile: null,
    certFile: null,
    caFile: null,
    crlFile: null,
    tlsNoVerifyCertificate: false,
    tlsAllowedDnList: null,
    saslAllowedUsernameList: null,
    listenAddr: null,
    unixSockDir: runtimeDir(privileged, env),
    unixSockGroup: null,
    unixSockRoPerms: 0o777,
    unixSockRwPerms: 0o700,
    unixSockAdminPerms: 0o700,
    authUnixRw: 'none',
    authUnixRo: 'none',
    // libvirtd (built with SASL, as Debian's) defaults TCP to sasl and TLS to none.
    authTcp: 'sasl',
    authTls: 'none',
    maxClients: 5000,
    maxQueuedClients: 1000,
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

/** Auth methods tsvirtd can serve: "none" and "sasl" (polkit is not implemented). */
function auth(conf: VirConf, key: string, current: AuthType): AuthType {
  const v = conf.getString(key);
  if (v === undefined) return current;
  if (v === 'none' || v === 'sasl') return v;
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
  c.listenTls = conf.getBool('listen_tls') ?? c.listenTls;
  c.tcpPort = port(conf, 'tcp_port', c.tcpPort);
  c.tlsPort = port(conf, 'tls_port', c.tlsPort);
  c.keyFile = conf.getString('key_file') ?? c.keyFile;
  c.certFile = conf.getString('cert_file') ?? c.certFile;
  c.caFile = conf.getString('ca_file') ?? c.caFile;
  c.crlFile = conf.getString('crl_file') ?? c.crlFile;
  c.tlsNoVerifyCertificate = conf.getBool('tls_no_verify_certificate') ?? c.tlsNoVerifyCertificate;
  c.tlsAllowedDnList = conf.getStringList('tls_allowed_dn_list') ?? c.tlsAllowedDnList;
  c.saslAllowedUsernameList = conf.getStringList('sasl_allowed_username_list') ?? c.saslAllowedUsernameList;
  c.listenAddr = conf.getString('listen_addr') ?? c.listenAddr;
  c.unixSockDir = conf.getString('unix_sock_dir') ?? c.unixSockDir;
  c.unixSockGroup = conf.getString('unix_sock_group') ?? c.unixSockGroup;
  c.unixSockRoPerms = perms(conf, 'unix_sock_ro_perms', c.unixSockRoPerms);
  c.unixSockRwPerms = perms(conf, 'unix_sock_rw_perms', c.unixSockRwPerms);
  c.unixSockAdminPerms = perms(conf, 'unix_sock_admin_perms', c.unixSockAdminPerms);
  c.authUnixRw = auth(conf, 'auth_unix_rw', c.authUnixRw);
  c.authUnixRo = auth(conf, 'auth_unix_ro', c.authUnixRo);
  c.authTcp = auth(conf, 'auth_tcp', c.authTcp);
  c.authTls = auth(conf, 'auth_tls', c.authTls);
  c.maxClients = conf.getUInt('max_clients') ?? c.maxClients;
  c.maxQueuedClients = conf.getUInt('max_queued_clients') ?? c.maxQueuedClients;
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
