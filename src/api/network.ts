import type { NetworkRef } from '../drivers/types.js';
import type { Connect } from './connect.js';
import { uuidBytes } from './connect.js';
import { ConnectObject } from './object.js';

/** A virtual network (virNetwork). */
export class Network extends ConnectObject {
  readonly #ref: NetworkRef;

  /** @internal */
  constructor(conn: Connect, ref: NetworkRef) {
    super(conn);
    this.#ref = ref;
  }

  /** @internal */
  get ref(): NetworkRef {
    return this.#ref;
  }

  name(): string { return this.#ref.name; }
  uuidString(): string { return this.#ref.uuid; }
  uuid(): Uint8Array { return uuidBytes(this.#ref.uuid); }

  private get conn(): Connect {
    return this.connect();
  }

  create(): Promise<void> { return this.conn.invoke('networkCreate', this.#ref); }
  destroy(): Promise<void> { return this.conn.invoke('networkDestroy', this.#ref); }
  undefine(): Promise<void> { return this.conn.invoke('networkUndefine', this.#ref); }
  xmlDesc(flags = 0): Promise<string> { return this.conn.invoke('networkGetXMLDesc', this.#ref, flags); }
  XMLDesc(flags = 0): Promise<string> { return this.xmlDesc(flags); }
  bridgeName(): Promise<string> { return this.conn.invoke('networkGetBridgeName', this.#ref); }
  autostart(): Promise<boolean> { return this.conn.invoke('networkGetAutostart', this.#ref); }
  setAutostart(autostart: boolean | number): Promise<void> {
    return this.conn.invoke('networkSetAutostart', this.#ref, Boolean(autostart));
  }
  isActive(): Promise<boolean> { return this.conn.invoke('networkIsActive', this.#ref); }
  isPersistent(): Promise<boolean> { return this.conn.invoke('networkIsPersistent', this.#ref); }
}
