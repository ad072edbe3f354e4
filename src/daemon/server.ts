/**
 * tsvirtd's listeners and clients: a read-write and a read-only unix socket under
 * `unix_sock_dir` (mode and group from the config), optionally TCP and TLS; limits from the
 * config; clean shutdown and reload.
 */
import { EventEmitter } from 'node:events';
import net from 'node:net';
import tls from 'node:tls';
import { Duplex } from 'node:stream';
import { chmodSync, chownSync, existsSync, mkdirSync, renameSync, unlinkSync, lstatSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ErrorDomain, ErrorNumber, virError } from '../errors/index.js';
import { DaemonClient, type ListenerInfo } from './client.js';
import { DriverHolds } from './driver-holds.js';
import type { DaemonConfig } from './config.js';
import { SOCKET_NAME, SOCKET_RO_NAME, isPrivileged } from './paths.js';
import { groupId } from './group.js';
import { accepts, tlsServerOptions } from './tls.js';
import { createLogger } from '../log/index.js';
import { nativeHelper } from '../native/index.js';
import { fdPassingSocket } from '../native/fd-socket.js';

const log = createLogger('daemon');

export interface DaemonOptions {
  /** Open the TCP listener if the config has `listen_tcp = 1` (libvirtd's --listen). */
  listen?: boolean;
  /** Exit (emit `idle`) after this many seconds without clients; 0 = never. */
  timeoutSec?: number;
  /** Serve as root (qemu:///system by default) or as a user (qemu:///session); the process's own by default. */
  privileged?: boolean;
}

interface Listener { server: net.Server; info: ListenerInfo; path?: string }

/** Events: `idle` (the -t timeout expired with no clients), `client` / `clientGone` (DaemonClient). */
export class Daemon extends EventEmitter {
  private readonly endpoints: Listener[] = [];
  private readonly holds = new DriverHolds();
  readonly clients = new Set<DaemonClient>();
  private idleTimer: NodeJS.Timeout | null = null;
  private stopping = false;

  constructor(private config: DaemonConfig, private readonly options: DaemonOptions = {}) {
    super();
  }

  get socketPath(): string {
    return join(this.config.unixSockDir, SOCKET_NAME);
  }

  get readOnlySocketPath(): string {
    return join(this.config.unixSockDir, SOCKET_RO_NAME);
  }

  /** Where the TCP listener is bound, if there is one. */
  get tcpAddress(): net.AddressInfo | null {
    const l = this.endpoints.find((x) => x.info.transport === 'tcp');
    return (l?.server.address() as net.AddressInfo | null) ?? null;
  }

  async start(): Promise<void> {
    const c = this.config;
    // Everything that can fail on the config is checked before anything listens.
    const gid = c.unixSockGroup === null ? null : groupId(c.unixSockGroup);
    const tlsOptions = this.options.listen && c.listenTls ? tlsServerOptions(c, isPrivileged()) : null;
    mkdirSync(c.unixSockDir, { recursive: true, mode: 0o755 });
    await this.listenUnix(this.socketPath, c.unixSockRwPerms, gid, { readOnly: false, auth: c.authUnixRw, transport: 'unix' });
    await this.listenUnix(this.readOnlySocketPath, c.unixSockRoPerms, gid, { readOnly: true, auth: c.authUnixRo, transport: 'unix' });
    const host = c.listenAddr ?? undefined;
    if (this.options.listen && c.listenTcp) {
      await this.listenOn(net.createServer(), { port: c.tcpPort, host }, { readOnly: false, auth: c.authTcp, transport: 'tcp' });
    }
    if (tlsOptions) {
      const server = tls.createServer(tlsOptions);
      server.on('tlsClientError', (err) => log.info(`TLS handshake failed: ${err.message}`));
      await this.listenOn(server, { port: c.tlsPort, host }, { readOnly: false, auth: c.authTls, transport: 'tls' }, 'secureConnection');
    }
    this.armIdle();
    await this.startStatefulDrivers();
  }

  /**
   * libvirtd starts its QEMU driver with the daemon, so running guests are taken back and
   * autostart domains started without waiting for a client; tsvirtd does so when the instance
   * it serves by default has such work (a daemon without guests never probes QEMU).
   */
  private async startStatefulDrivers(): Promise<void> {
    const { daemonDefaultPaths } = await import('../drivers/qemu/paths.js');
    const { hasStartupWork } = await import('../drivers/qemu/startup-work.js');
    const { uri, paths } = daemonDefaultPaths(this.options.privileged ?? isPrivileged());
    if (await hasStartupWork(paths)) await this.holds.holdURI(uri);
  }

  /**
   * Bound under a private name, given its group and mode, then renamed into place: a client
   * never finds the socket before its permissions are set.
   */
  private async listenUnix(path: string, mode: number, gid: number | null, info: ListenerInfo): Promise<void> {
    await removeStaleSocket(path);
    const bound = join(dirname(path), `.${basename(path)}.${process.pid}`);
    if (existsSync(bound)) unlinkSync(bound);
    // Clients of a unix socket move to the native helper (fd passing) before anything is read.
    const server = net.createServer({ pauseOnConnect: nativeHelper() !== null });
    await this.listenOn(server, { path: bound }, info, 'connection', path);
    this.endpoints[this.endpoints.length - 1].path = path;
    if (gid !== null) chownSync(bound, -1, gid);
    chmodSync(bound, mode);
    renameSync(bound, path);
  }

  private listenOn(server: net.Server, where: net.ListenOptions, info: ListenerInfo, event = 'connection', name = where.path): Promise<void> {
    return new Promise((resolve, reject) => {
      server.once('error', (err: NodeJS.ErrnoException) => {
        const what = name ?? `${where.host ?? '*'}:${where.port}`;
        reject(virError(ErrorDomain.VIR_FROM_RPC, ErrorNumber.VIR_ERR_SYSTEM_ERROR, `Failed to bind socket to '${what}': ${err.message}`));
      });
      server.listen({ ...where, backlog: this.config.maxQueuedClients }, () => {
        server.removeAllListeners('error');
        server.on('error', (err) => log.error(`listener: ${err.message}`));
        server.on(event, (s: net.Socket) => {
          if (info.transport === 'tls') this.acceptTls(s as tls.TLSSocket, info);
          else this.accept(info.transport === 'unix' ? fdPassingSocket(s) : s, info);
        });
        this.endpoints.push({ server, info });
        log.info(`listening on ${name ?? `${where.host ?? '*'}:${(server.address() as net.AddressInfo).port}`}`);
        resolve();
      });
    });
  }

  /**
   * Serve one client on the process's stdin/stdout (the ssh transport: the remote side runs
   * `tsvirtd --stdio`, as libvirt runs virt-ssh-helper). Resolves when that client is gone.
   */
  serveStdio(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<void> {
    const duplex = Duplex.from({ readable: input, writable: output });
    return new Promise((resolve) => {
      this.once('clientGone', () => resolve());
      this.accept(duplex, { readOnly: false, auth: this.config.authUnixRw, transport: 'stdio' });
    });
  }

  /** A TLS client whose handshake is done: checked, confirmed with the byte 1, then served. */
  private acceptTls(socket: tls.TLSSocket, info: ListenerInfo): void {
    if (!accepts(socket, this.config)) {
      socket.destroy();
      return;
    }
    socket.write(Buffer.of(1));
    this.accept(socket, info);
  }

  private accept(socket: Duplex, info: ListenerInfo): void {
    if (this.stopping || this.clients.size >= this.config.maxClients) {
      log.warn(`refusing a client: ${this.clients.size} clients already (max_clients ${this.config.maxClients})`);
      socket.destroy();
      return;
    }
    (socket as net.Socket).setNoDelay?.(true);
    const client = new DaemonClient(socket, info, this.config, (c) => {
      this.clients.delete(c);
      this.emit('clientGone', c);
      this.armIdle();
    }, this.holds);
    this.clients.add(client);
    this.disarmIdle();
    this.emit('client', client);
  }

  private armIdle(): void {
    const t = this.options.timeoutSec ?? 0;
    if (t <= 0 || this.clients.size > 0 || this.stopping) return;
    this.disarmIdle();
    this.idleTimer = setTimeout(() => this.emit('idle'), t * 1000);
  }

  private disarmIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  /** SIGHUP: new limits and keepalive settings for new and existing clients; listeners stay. */
  reload(config: DaemonConfig): void {
    this.config = { ...config, unixSockDir: this.config.unixSockDir };
    for (const c of this.clients) c.reconfigure(this.config);
  }

  /** Stop listening, drop every client (releasing what each holds), remove the sockets. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.disarmIdle();
    // net.Server.close() only calls back once every connection has ended, so the clients are
    // dropped before waiting for it (waiting first hangs as long as one client stays connected).
    const closed = this.endpoints.map((l) => new Promise<void>((r) => l.server.close(() => r())));
    // A client whose connection already closed is only waiting for its release below.
    const gone = [...this.clients].filter((c) => !c.rpc.closed)
      .map((c) => new Promise<void>((r) => { c.rpc.once('close', () => r()); c.destroy(); }));
    await Promise.all([...gone, ...closed]);
    // Let the clients' release (closing their hypervisor connections) finish.
    while (this.clients.size > 0) await new Promise((r) => setTimeout(r, 5));
    await this.holds.releaseAll();
    for (const l of this.endpoints) {
      if (l.path && existsSync(l.path)) unlinkSync(l.path);
    }
  }
}

/** A socket file left by a daemon that died: remove it; a live one means another daemon runs. */
async function removeStaleSocket(path: string): Promise<void> {
  let isSocket = false;
  try { isSocket = lstatSync(path).isSocket(); } catch { return; }
  if (!isSocket) throw virError(ErrorDomain.VIR_FROM_RPC, ErrorNumber.VIR_ERR_SYSTEM_ERROR, `Failed to bind socket to '${path}': the path exists and is not a socket`);
  const alive = await new Promise<boolean>((resolve) => {
    const s = net.connect(path);
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
  });
  if (alive) throw virError(ErrorDomain.VIR_FROM_RPC, ErrorNumber.VIR_ERR_SYSTEM_ERROR, `Failed to bind socket to '${path}': Address already in use`);
  unlinkSync(path);
}
