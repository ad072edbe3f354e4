/**
 * One client of tsvirtd: its RPC connection, its hypervisor connection (opened through the public
 * API, so read-only denial and NO_SUPPORT come from src/api exactly as for local callers), its
 * event registrations, and the dispatch of its calls. When the client goes away everything it
 * holds is released: events deregistered, the hypervisor connection closed.
 */
import { Duplex } from 'node:stream';
import { openAuth } from '../api/open.js';
import type { Connect } from '../api/connect.js';
import { VIR_CONNECT_RO } from '../api/constants.js';
import { ENTRY_POINTS } from '../api/entry-points.js';
import { ErrorDomain, ErrorNumber, VirError, isVirError, virError } from '../errors/index.js';
import type { DriverMethod } from '../drivers/types.js';
import { RpcConnection } from '../rpc/connection.js';
import { decodeValue, encodeValue, xvoid } from '../rpc/codec.js';
import { MessageStatus, rpcError, type Header, type Packet } from '../rpc/packet.js';
import type { ProcedureInfo, Program } from '../rpc/program.js';
import { XdrError } from '../rpc/xdr.js';
import { remoteProgram } from '../rpc/protocol/remote.js';
import { qemuProgram } from '../rpc/protocol/qemu.js';
import { lxcProgram } from '../rpc/protocol/lxc.js';
import { BINDING_BY_PROC, type FdSpec } from '../remote/bindings/index.js';
import { isSparseCall } from '../remote/bindings/streams.js';
import { closeFds } from '../rpc/fd-carrier.js';
import { nativeMissing } from '../native/index.js';
import type { AuthType, DaemonConfig } from './config.js';
import { SPECIAL_HANDLERS, type ClientContext } from './handlers.js';
import { EventRegistry } from './events.js';
import { SaslServerSession, SaslRefused, type SaslAnswer } from './sasl-server.js';
import { saslSettings } from './sasldb.js';
import { globMatch } from './tls.js';
import { pumpStream } from './stream-pump.js';
import type { DriverHolds } from './driver-holds.js';
import { createLogger } from '../log/index.js';

const log = createLogger('daemon.client');

export interface ListenerInfo {
  readonly readOnly: boolean;
  readonly auth: AuthType;
  /** Everything but plain TCP counts as a secure transport (SASL PLAIN is allowed on it). */
  readonly transport: 'unix' | 'tcp' | 'tls' | 'stdio';
}

const AUTH_NUMBER: Record<AuthType, number> = { none: 0, sasl: 1, polkit: 2 };

/** The programs tsvirtd serves, as libvirtd: the remote API, libvirt-qemu's and libvirt-lxc's. */
const PROGRAMS: ReadonlyMap<number, Program> = new Map([remoteProgram, qemuProgram, lxcProgram].map((p) => [p.number, p]));

/** libvirt's C names for the error of an unimplemented procedure: REMOTE_PROC_DOMAIN_GET_INFO -> virDomainGetInfo. */
/** Words of procedure names that libvirt's public function names spell with capitals (virDomainGetXMLDesc). */
const API_WORDS: Readonly<Record<string, string>> = {
  xml: 'XML', uuid: 'UUID', id: 'ID', os: 'OS', uri: 'URI', mac: 'MAC', cpu: 'CPU', nmi: 'NMI', pm: 'PM', scsi: 'SCSI',
  wwn: 'WWN', dhcp: 'DHCP', fd: 'FD', sev: 'SEV', ssh: 'SSH', nwfilter: 'NWFilter', nwfilters: 'NWFilters',
  iothread: 'IOThread', fstrim: 'FSTrim', fsfreeze: 'FSFreeze', fsthaw: 'FSThaw', fsinfo: 'FSInfo',
};

/** The public function a procedure stands for, as libvirt's "not supported" errors name it. */
function apiName(proc: ProcedureInfo): string {
  return 'vir' + proc.name.toLowerCase().split('_').map((w) => API_WORDS[w] ?? w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

function errorDomainOf(proc: ProcedureInfo): number {
  const n = proc.name;
  if (n.startsWith('NETWORK') || n.includes('_NETWORK')) return ErrorDomain.VIR_FROM_NETWORK;
  if (n.startsWith('STORAGE') || n.includes('STORAGE_')) return ErrorDomain.VIR_FROM_STORAGE;
  if (n.startsWith('SECRET') || n.includes('_SECRET')) return ErrorDomain.VIR_FROM_SECRET;
  if (n.startsWith('NODE_DEVICE') || n.includes('NODE_DEVICE')) return ErrorDomain.VIR_FROM_NODEDEV;
  if (n.startsWith('INTERFACE') || n.includes('INTERFACE')) return ErrorDomain.VIR_FROM_INTERFACE;
  if (n.startsWith('NWFILTER') || n.includes('NWFILTER')) return ErrorDomain.VIR_FROM_NWFILTER;
  return ErrorDomain.VIR_FROM_DOMAIN;
}

export class DaemonClient implements ClientContext {
  readonly rpc: RpcConnection;
  conn: Connect | null = null;
  authenticated: boolean;
  /** The method still to pass: the listener's, 'none' once passed (AUTH_LIST then says none). */
  private auth: AuthType;
  private sasl: SaslServerSession | null = null;
  closeCallbackRegistered = false;
  readonly events: EventRegistry;
  private inFlight = 0;
  private opening: Promise<void> | null = null;
  private paused = false;
  private released = false;

  constructor(
    readonly socket: Duplex,
    readonly listener: ListenerInfo,
    private config: DaemonConfig,
    onGone: (client: DaemonClient) => void,
    private readonly holds?: DriverHolds,
  ) {
    this.rpc = new RpcConnection(socket, { callTimeoutMs: 0, unixSocket: listener.transport === 'unix', readOnlyWhenDrained: true });
    this.auth = listener.auth;
    this.authenticated = listener.auth === 'none';
    this.events = new EventRegistry(this);
    this.rpc.on('call', (p: Packet) => this.onCall(p));
    this.rpc.on('close', () => {
      void this.release().finally(() => onGone(this));
    });
  }

  get readOnly(): boolean {
    return this.listener.readOnly;
  }

  get authNumber(): number {
    return AUTH_NUMBER[this.auth];
  }

  saslInit(): string {
    if (this.auth !== 'sasl' || this.sasl) throw new SaslRefused('invalid SASL init request');
    const session = new SaslServerSession(saslSettings(), this.listener.transport !== 'tcp');
    const mechs = session.mechanisms();
    this.sasl = session;
    return mechs;
  }

  saslStart(mech: string, data: Buffer | null): SaslAnswer {
    return this.saslRun((s) => s.start(mech, data));
  }

  saslStep(data: Buffer | null): SaslAnswer {
    return this.saslRun((s) => s.step(data));
  }

  /** One SASL call; a failure ends the exchange, completion checks sasl_allowed_username_list. */
  private saslRun(run: (s: SaslServerSession) => SaslAnswer): SaslAnswer {
    const session = this.sasl;
    if (this.auth !== 'sasl' || !session) throw new SaslRefused('invalid SASL start request');
    try {
      const answer = run(session);
      if (answer.complete) {
        const allowed = this.config.saslAllowedUsernameList;
        if (allowed && !allowed.some((p) => globMatch(p, session.identity!))) {
          throw new SaslRefused(`Client's username '${session.identity}' is not on the list of allowed clients`);
        }
        this.sasl = null;
        this.auth = 'none';
        this.authenticated = true;
      }
      return answer;
    } catch (err) {
      this.sasl = null;
      throw err;
    }
  }

  get keepalive(): { interval: number; count: number } {
    return { interval: this.config.keepaliveInterval, count: this.config.keepaliveCount };
  }

  /** New limits after a reload. */
  reconfigure(config: DaemonConfig): void {
    this.config = config;
  }

  /** Open the hypervisor connection through the public API. */
  openConnection(name: string | null, flags: number): Promise<void> {
    const opening = this.open(name, flags);
    this.opening = opening;
    return opening.finally(() => { if (this.opening === opening) this.opening = null; });
  }

  private async open(name: string | null, flags: number): Promise<void> {
    if (this.conn) throw virError(ErrorDomain.VIR_FROM_RPC, ErrorNumber.VIR_ERR_INTERNAL_ERROR, 'connection already open');
    const ro = this.readOnly || (flags & VIR_CONNECT_RO) !== 0;
    const conn = await openAuth(name === '' ? null : name, null, ro ? VIR_CONNECT_RO : 0);
    if (this.released) {
      await conn.close();
      throw virError(ErrorDomain.VIR_FROM_RPC, ErrorNumber.VIR_ERR_INTERNAL_ERROR, 'client socket is closed');
    }
    this.conn = conn;
    await this.holds?.hold(conn);
  }

  async closeConnection(): Promise<void> {
    const conn = this.conn;
    this.conn = null;
    await this.events.clear(conn);
    if (conn && !conn.closed) await conn.close();
  }

  /** The open hypervisor connection, or libvirt's error for a client that has not opened one. */
  requireConn(): Connect {
    if (!this.conn) throw virError(ErrorDomain.VIR_FROM_RPC, ErrorNumber.VIR_ERR_INTERNAL_ERROR, 'hypervisor connection not open');
    return this.conn;
  }

  private async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    try {
      await this.closeConnection();
    } catch (err) {
      log.debug(`releasing client: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** Limit calls in flight: stop reading the socket at the limit, as libvirtd does. */
  private throttle(delta: number): void {
    this.inFlight += delta;
    const full = this.inFlight >= this.config.maxClientRequests;
    if (full && !this.paused) { this.paused = true; this.rpc.pauseInput(); }
    if (!full && this.paused) { this.paused = false; this.rpc.resumeInput(); }
  }

  /**
   * A call goes from its packet to the driver's promise and from the result to its reply with no
   * async frames between (this is every call's path); checks and decoding fail at once.
   */
  private onCall(p: Packet): void {
    this.throttle(+1);
    const h = p.header;
    // The call's descriptors are closed before the reply goes out, so a client that counts them
    // after the reply never sees one still open.
    const done = (r: Dispatched): void => {
      closeFds(p.fds);
      this.answer(h, r.payload, undefined, r.fds);
      r.afterReply?.();
      this.throttle(-1);
    };
    const failed = (err: unknown): void => {
      closeFds(p.fds);
      this.answer(h, undefined, toVirError(err));
      this.throttle(-1);
    };
    let dispatched: Dispatched | Promise<Dispatched>;
    try {
      // Calls pipelined behind CONNECT_OPEN are answered after it, and see the connection it opens.
      dispatched = this.opening
        ? this.opening.catch(() => undefined).then(() => this.dispatch(h, p.payload, p.fds))
        : this.dispatch(h, p.payload, p.fds);
    } catch (err) {
      failed(err);
      return;
    }
    if (dispatched instanceof Promise) dispatched.then(done, failed);
    else done(dispatched);
  }

  /**
   * Send the reply (with `fds`, which are ours and closed once queued); a failure to send it
   * (client gone, unencodable value, descriptors on a socket that cannot carry them) never escapes.
   */
  private answer(h: Header, ret: Uint8Array | undefined, err?: VirError, fds?: number[]): void {
    if (this.rpc.closed) { closeFds(fds); return; }
    try {
      if (err) this.rpc.replyError(h, err);
      else this.rpc.reply(h, ret, fds);
    } catch (e) {
      log.error(`reply to procedure ${h.proc} failed: ${e instanceof Error ? e.message : String(e)}`);
      if (!this.rpc.closed) this.rpc.replyError(h, toVirError(e));
    } finally {
      closeFds(fds);
    }
  }

  /**
   * Check the header, find the handler, decode, run, encode: the reply payload and, for a call
   * that opened a stream, what starts its data once the reply is out. A handler that answers at
   * once is answered at once.
   */
  private dispatch(h: Header, payload: Uint8Array, fds: number[] | null | undefined): Dispatched | Promise<Dispatched> {
    const program = PROGRAMS.get(h.prog >>> 0);
    if (!program || h.vers !== program.version) {
      throw rpcError(`Cannot find program ${h.prog >>> 0} version ${h.vers >>> 0}`);
    }
    if (h.status !== MessageStatus.OK) throw rpcError(`Unexpected message status ${h.status}`);
    const proc = program.procedures.get(h.proc);
    if (!proc || proc.msg) throw rpcError(`unknown procedure: ${h.proc}`);
    if (proc.needAuth && !this.authenticated) throw rpcError('authentication required');
    let args: unknown;
    try {
      args = decodeValue(proc.args, payload);
    } catch (e) {
      if (e instanceof XdrError) throw rpcError('Unable to decode message payload');
      throw e;
    }
    const special = SPECIAL_HANDLERS.get(program.number)?.get(proc.number);
    if (special) {
      const ret = special(this, args);
      return ret instanceof Promise ? ret.then((r: unknown) => encoded(proc, { ret: r })) : encoded(proc, { ret });
    }
    return this.run(h, program, proc, args, fds === undefined ? [] : fds).then((r) => encoded(proc, r));
  }

  private run(h: Header, program: Program, proc: ProcedureInfo, args: unknown, fds: number[] | null): Promise<Ran> {
    const conn = this.requireConn();
    const binding = BINDING_BY_PROC.get(program.number)?.get(proc.number);
    if (!binding) {
      throw virError(errorDomainOf(proc), ErrorNumber.VIR_ERR_NO_SUPPORT, apiName(proc));
    }
    if (binding.fds) checkCallFds(binding.fds, fds);
    // The binding table guarantees the arguments fit the method; the compiler cannot see it.
    const invokeAs = conn.invokeAs as unknown as (this: Connect, cName: string, method: DriverMethod, ...a: unknown[]) => Promise<unknown>;
    const call = () => invokeAs.call(conn, binding.api ?? ENTRY_POINTS[binding.method].c, binding.method, ...binding.driverArgs(args, fds ?? []));
    if (binding.fds === 'result') return call().then((fd) => ({ ret: undefined, fds: [fd as number] }));
    if (binding.fds === 'results') return call().then((list) => ({ ret: undefined, fds: list as number[] }));
    const direction = proc.stream?.direction;
    if (!direction) return call().then((result) => ({ ret: binding.wireRet(result, args) }));
    return this.runStream(h, proc, args, direction, call, (result) => binding.wireRet(result, args));
  }

  /** A call that opens a stream: the stream exists before the driver runs, so client packets that follow the reply find it. */
  private async runStream(h: Header, proc: ProcedureInfo, args: unknown, direction: 'read' | 'write',
    call: () => Promise<unknown>, wire: (result: unknown) => unknown): Promise<Ran> {
    const stream = this.rpc.openStream(h.prog, h.vers, h.proc, h.serial);
    let result: unknown;
    try {
      result = await call();
    } catch (err) {
      stream.close();
      throw err;
    }
    const duplex = streamOf(result);
    return {
      ret: wire(result),
      afterReply: () => {
        if (this.rpc.closed) { stream.close(); duplex.destroy(); return; }
        pumpStream(this.rpc, stream, duplex, direction, isSparseCall(proc, args), this);
      },
    };
  }

  /** Stop (or resume) reading the client's socket while a stream's driver side is full. */
  hold(on: boolean): void {
    if (on) this.rpc.pauseInput();
    else this.rpc.resumeInput();
  }

  /** Send an event MESSAGE (serial 1, as libvirtd) of the REMOTE program, or of `program`. */
  sendEvent(proc: ProcedureInfo<unknown, unknown, any>, msg: unknown, program: Program = remoteProgram): void {
    if (this.rpc.closed) return;
    try {
      this.rpc.sendEvent(program, proc, msg);
    } catch (err) {
      log.warn(`event ${proc.name} not sent: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** Drop the client now (shutdown, or a limit). */
  destroy(): void {
    this.rpc.destroy();
  }
}

interface Dispatched { payload: Uint8Array | undefined; afterReply?: () => void; fds?: number[] }
interface Ran { ret: unknown; afterReply?: () => void; fds?: number[] }

function encoded(proc: ProcedureInfo, ran: Ran): Dispatched {
  return { payload: proc.ret === xvoid ? undefined : encodeValue(proc.ret, ran.ret), afterReply: ran.afterReply, fds: ran.fds };
}

/** The descriptors a procedure needs from its call: received at all (null: no native helper), and one where it takes one. */
function checkCallFds(spec: FdSpec, fds: number[] | null): void {
  if (spec === 'result' || spec === 'results') return;
  if (fds === null) throw nativeMissing('receiving file descriptors');
  if (spec.one && fds.length === 0) throw virError(ErrorDomain.VIR_FROM_RPC, ErrorNumber.VIR_ERR_INTERNAL_ERROR, 'No FD available at slot 0');
}

/** A stream procedure's driver result: the Duplex itself, or an object carrying it (`stream`) beside other results. */
function streamOf(result: unknown): Duplex {
  return result instanceof Duplex ? result : (result as { stream: Duplex }).stream;
}

function toVirError(err: unknown): VirError {
  if (isVirError(err)) return err;
  if (err instanceof XdrError) return rpcError(`Unable to encode message payload: ${err.message}`);
  return virError(ErrorDomain.VIR_FROM_RPC, ErrorNumber.VIR_ERR_INTERNAL_ERROR, err instanceof Error ? err.message : String(err));
}
