/**
 * Stateful drivers live as long as the daemon, as libvirtd's do: the first client connection to
 * one (the QEMU driver) makes the daemon open its own connection to the same URI and keep it, so
 * running guests, monitors, live XML and state reasons do not go away between clients.
 */
import { openAuth } from '../api/open.js';
import type { Connect } from '../api/connect.js';
import { createLogger } from '../log/index.js';

const log = createLogger('daemon.holds');

export class DriverHolds {
  readonly #held = new Map<string, Promise<Connect | null>>();

  /** Keep the driver behind `conn` for the daemon's lifetime when it is stateful. */
  async hold(conn: Connect): Promise<void> {
    if (conn.driver.stateful) await this.holdURI(await conn.getURI());
  }

  /** Open and keep the driver of `uri` (a failure is logged: the daemon serves on without it). */
  async holdURI(uri: string): Promise<void> {
    if (this.#held.has(uri)) return;
    this.#held.set(uri, openAuth(uri, null, 0).catch((err) => {
      log.warn(`cannot hold the driver of ${uri}: ${(err as Error).message}`);
      this.#held.delete(uri);
      return null;
    }));
    await this.#held.get(uri);
  }

  async releaseAll(): Promise<void> {
    const held = await Promise.all(this.#held.values());
    this.#held.clear();
    await Promise.all(held.map((c) => c?.close()));
  }
}
