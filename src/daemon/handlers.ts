/**
 * The procedures tsvirtd answers itself rather than through a driver binding: authentication,
 * opening and closing the hypervisor connection, feature queries, event registration.
 */
import type { Connect } from '../api/connect.js';
import { LIB_VERSION } from '../api/version.js';
import { ErrorDomain, ErrorNumber, virError } from '../errors/index.js';
import { REMOTE_PROGRAM, procedures as P, type remote_auth_sasl_start_args, type remote_auth_sasl_step_args, type remote_connect_open_args } from '../rpc/protocol/remote.js';
import { QEMU_PROGRAM, procedures as Q, type qemu_connect_domain_monitor_event_register_args } from '../rpc/protocol/qemu.js';
import type { RpcConnection } from '../rpc/connection.js';
import type { EventRegistry } from './events.js';
import type { SaslAnswer } from './sasl-server.js';
import { createLogger } from '../log/index.js';

const log = createLogger('daemon.auth');

/** What a handler may use of its client. */
export interface ClientContext {
  readonly rpc: RpcConnection;
  readonly readOnly: boolean;
  readonly authNumber: number;
  /** SASL: begin an exchange (mechanism list), run its steps; any failure ends the exchange. */
  saslInit(): string;
  saslStart(mech: string, data: Buffer | null): SaslAnswer;
  saslStep(data: Buffer | null): SaslAnswer;
  readonly keepalive: { interval: number; count: number };
  readonly events: EventRegistry;
  conn: Connect | null;
  closeCallbackRegistered: boolean;
  openConnection(name: string | null, flags: number): Promise<void>;
  closeConnection(): Promise<void>;
  requireConn(): Connect;
}

type Handler = (client: ClientContext, args: any) => Promise<unknown> | unknown;

/** VIR_DRV_FEATURE_* answers of tsvirtd (libvirtd 9.0 with the test driver, minus fd passing). */
const FEATURE_PROGRAM_KEEPALIVE = 10;
const FEATURES: Record<number, number> = {
  8: 1, // FD_PASSING: libvirtd says yes on every transport; the client knows its own
  9: 1, // TYPED_PARAM_STRING
  14: 1, // REMOTE_EVENT_CALLBACK
  15: 1, // REMOTE_CLOSE_CALLBACK
  16: 1, // NETWORK_UPDATE_HAS_CORRECT_ORDER
};

function authFailed() {
  return virError(ErrorDomain.VIR_FROM_RPC, ErrorNumber.VIR_ERR_AUTH_FAILED, 'authentication failed');
}

/** Every SASL failure answers libvirtd's one error; the reason goes to the log only. */
function saslCall<T>(what: string, run: () => T): T {
  try {
    return run();
  } catch (err) {
    log.info(`SASL ${what} refused: ${err instanceof Error ? err.message : String(err)}`);
    throw authFailed();
  }
}

const wireAnswer = (a: SaslAnswer) => ({ complete: a.complete ? 1 : 0, nil: a.data === null ? 1 : 0, data: a.data ?? Buffer.alloc(0) });

const REMOTE_HANDLERS = new Map<number, Handler>([
  [P.AUTH_LIST.number, (c) => ({ types: [c.authNumber] })],
  [P.AUTH_SASL_INIT.number, (c) => ({ mechlist: saslCall('init', () => c.saslInit()) })],
  [P.AUTH_SASL_START.number, (c, a: remote_auth_sasl_start_args) =>
    wireAnswer(saslCall('start', () => c.saslStart(a.mech, a.nil ? null : a.data)))],
  [P.AUTH_SASL_STEP.number, (c, a: remote_auth_sasl_step_args) =>
    wireAnswer(saslCall('step', () => c.saslStep(a.nil ? null : a.data)))],
  // No polkit on tsvirtd: a client asking for it fails as libvirtd's does on a socket not
  // configured for it.
  [P.AUTH_POLKIT.number, () => { throw authFailed(); }],

  [P.CONNECT_OPEN.number, async (c, a: remote_connect_open_args) => {
    await c.openConnection(a.name, a.flags);
  }],
  [P.CONNECT_CLOSE.number, async (c) => {
    c.requireConn();
    await c.closeConnection();
  }],
  [P.CONNECT_SUPPORTS_FEATURE.number, (c, a: { feature: number }) => {
    if (a.feature === FEATURE_PROGRAM_KEEPALIVE) {
      // Asking is what turns the daemon's pings on for this client, as with libvirtd.
      if (c.keepalive.interval > 0) c.rpc.startKeepAlive(c.keepalive.interval, c.keepalive.count);
      return { supported: 1 };
    }
    c.requireConn();
    return { supported: FEATURES[a.feature] ?? 0 };
  }],
  [P.CONNECT_GET_URI.number, async (c) => ({ uri: await c.requireConn().getURI() })],
  [P.CONNECT_GET_LIB_VERSION.number, (c) => { c.requireConn(); return { lib_ver: BigInt(LIB_VERSION) }; }],
  [P.CONNECT_REGISTER_CLOSE_CALLBACK.number, (c) => { c.requireConn(); c.closeCallbackRegistered = true; }],
  [P.CONNECT_UNREGISTER_CLOSE_CALLBACK.number, (c) => { c.requireConn(); c.closeCallbackRegistered = false; }],

  [P.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY.number, async (c, a) => ({ callbackID: await c.events.register('domain', a.eventID, a.dom) })],
  [P.CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY.number, (c, a) => c.events.deregister('domain', a.callbackID)],
  [P.CONNECT_NETWORK_EVENT_REGISTER_ANY.number, async (c, a) => ({ callbackID: await c.events.register('network', a.eventID, a.net) })],
  [P.CONNECT_NETWORK_EVENT_DEREGISTER_ANY.number, (c, a) => c.events.deregister('network', a.callbackID)],
  [P.CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY.number, async (c, a) => ({ callbackID: await c.events.register('pool', a.eventID, a.pool) })],
  [P.CONNECT_STORAGE_POOL_EVENT_DEREGISTER_ANY.number, (c, a) => c.events.deregister('pool', a.callbackID)],
  [P.CONNECT_NODE_DEVICE_EVENT_REGISTER_ANY.number, async (c, a) => ({ callbackID: await c.events.register('nodedev', a.eventID, a.dev) })],
  [P.CONNECT_NODE_DEVICE_EVENT_DEREGISTER_ANY.number, (c, a) => c.events.deregister('nodedev', a.callbackID)],
]);

const QEMU_HANDLERS = new Map<number, Handler>([
  [Q.CONNECT_DOMAIN_MONITOR_EVENT_REGISTER.number, async (c, a: qemu_connect_domain_monitor_event_register_args) =>
    ({ callbackID: await c.events.registerQemuMonitor(a.dom, a.event, a.flags) })],
  [Q.CONNECT_DOMAIN_MONITOR_EVENT_DEREGISTER.number, (c, a) => c.events.deregister('qemu', a.callbackID)],
]);

/** The handlers by program number, then procedure number. */
export const SPECIAL_HANDLERS: ReadonlyMap<number, ReadonlyMap<number, Handler>> = new Map([
  [REMOTE_PROGRAM, REMOTE_HANDLERS],
  [QEMU_PROGRAM, QEMU_HANDLERS],
]);
