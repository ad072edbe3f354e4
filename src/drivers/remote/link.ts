/**
 * The RPC connection behind one remote connection, and (when the caller asked for it) its
 * replacement after the transport drops: a new channel, authentication and CONNECT_OPEN through
 * the same `dial` as the first, retried with doubling delays a bounded number of times, then the
 * `restore` hooks (event re-registration, keepalive) before any call uses it. Calls in flight at
 * the drop fail with the drop's error; calls made later wait for the new connection. libvirt's
 * client never reconnects, so without `reconnect` a dropped connection stays dropped.
 */
import type { RpcConnection } from '../../rpc/connection.js';
import type { ReconnectOptions } from '../types.js';

export type Dial = () => Promise<RpcConnection>;
type Restore = (rpc: RpcConnection) => Promise<void>;

const DEFAULTS: Required<ReconnectOptions> = { attempts: 10, initialDelayMs: 100, maxDelayMs: 2000 };

export function reconnectPolicy(option: boolean | ReconnectOptions | undefined): Required<ReconnectOptions> | null {
  if (!option) return null;
  return { ...DEFAULTS, ...(option === true ? {} : option) };
}

export class RemoteLink {
  #rpc: RpcConnection;
  readonly #dial: Dial | null;
  readonly #policy: Required<ReconnectOptions> | null;
  readonly #restores: Restore[] = [];
  #redialing: Promise<RpcConnection> | null = null;
  #closed = false;

  constructor(rpc: RpcConnection, dial: Dial, policy: Required<ReconnectOptions> | null) {
    this.#rpc = rpc;
    this.#dial = policy ? dial : null;
    this.#policy = policy;
    this.#watch(rpc);
  }

  /** The current RPC connection, open or not. */
  get rpc(): RpcConnection {
    return this.#rpc;
  }

  /** The open connection without waiting, or null when a reconnect is due. */
  get live(): RpcConnection | null {
    return !this.#rpc.closed || !this.#dial || this.#closed ? this.#rpc : null;
  }

  /** The connection a call should use: the current one, or its replacement once the old has dropped. */
  get(): Promise<RpcConnection> {
    const live = this.live;
    if (live) return Promise.resolve(live);
    return (this.#redialing ??= this.#redial().finally(() => { this.#redialing = null; }));
  }

  /** Run `restore` on every replacement connection before calls may use it. */
  onRestore(restore: Restore): void {
    this.#restores.push(restore);
  }

  /** The caller closed the connection: never reconnect again. */
  close(): void {
    this.#closed = true;
  }

  /** A drop with an error (not our own close) starts the reconnect at once, so events resume without a call. */
  #watch(rpc: RpcConnection): void {
    rpc.once('close', (err) => {
      if (err && this.#dial && !this.#closed) this.get().catch(() => { /* the next call retries and reports */ });
    });
  }

  async #redial(): Promise<RpcConnection> {
    const policy = this.#policy!;
    let failure: unknown = this.#rpc.error;
    let delay = policy.initialDelayMs;
    for (let attempt = 0; attempt < policy.attempts && !this.#closed; attempt++) {
      if (attempt > 0) {
        await new Promise((r) => setTimeout(r, delay).unref());
        delay = Math.min(delay * 2, policy.maxDelayMs);
      }
      let rpc: RpcConnection | undefined;
      try {
        rpc = await this.#dial!();
        for (const restore of this.#restores) await restore(rpc);
      } catch (err) {
        rpc?.destroy(null);
        failure = err;
        continue;
      }
      if (this.#closed) {
        await rpc.close();
        return this.#rpc;
      }
      this.#rpc = rpc;
      this.#watch(rpc);
      return rpc;
    }
    if (this.#closed || !failure) return this.#rpc; // its calls fail with the drop's error
    throw failure;
  }
}
