import type { Connect } from './connect.js';
import type { Domain } from './domain.js';
import { uuidBytes } from './uuid.js';

/**
 * Release of the connection reference an object holds, when the object is garbage collected
 * without free(): what the Python binding does in __del__.
 */
const finalizer = new FinalizationRegistry<Connect>((conn) => {
  conn.unref();
});

/**
 * Base of every object handed out by a connection (domain, network, pool, volume, snapshot):
 * each holds one reference on its connection, released by free() or by garbage collection.
 */
export abstract class ConnectObject {
  readonly #conn: Connect;
  #freed = false;

  protected constructor(conn: Connect) {
    this.#conn = conn;
    conn.ref();
    finalizer.register(this, conn, this);
  }

  /** The connection this object belongs to (virDomainGetConnect and friends). */
  connect(): Connect {
    return this.#conn;
  }

  /** Release this object's reference on its connection. Idempotent. */
  free(): void {
    if (this.#freed) return;
    this.#freed = true;
    finalizer.unregister(this);
    this.#conn.unref();
  }

  [Symbol.dispose](): void {
    this.free();
  }
}

/** An object that carries the reference the driver contract takes for it. */
export abstract class RefObject<R> extends ConnectObject {
  readonly #ref: R;

  /** @internal */
  constructor(conn: Connect, ref: R) {
    super(conn);
    this.#ref = ref;
  }

  /** @internal The reference the driver contract takes. */
  get ref(): R {
    return this.#ref;
  }
}

/** An object known by name and UUID (network, storage pool). */
export abstract class NamedObject<R extends { name: string; uuid: string }> extends RefObject<R> {
  protected constructor(conn: Connect, ref: R) {
    super(conn, ref);
  }

  name(): string { return this.ref.name; }
  uuidString(): string { return this.ref.uuid; }
  /** UUID(): the 16 raw bytes. */
  uuid(): Uint8Array { return uuidBytes(this.ref.uuid); }
}

/** A point in a domain's history known by name (snapshot, checkpoint), with the reference the driver contract takes. */
export abstract class DomainMoment<R extends { name: string }> extends ConnectObject {
  readonly #domain: Domain;
  readonly #ref: R;

  protected constructor(domain: Domain, ref: R) {
    super(domain.connect());
    this.#domain = domain;
    this.#ref = ref;
  }

  /** @internal */
  get ref(): R {
    return this.#ref;
  }

  getName(): string { return this.#ref.name; }
  /** virDomainSnapshotGetDomain / virDomainCheckpointGetDomain. */
  getDomain(): Domain { return this.#domain; }

  protected get conn(): Connect {
    return this.connect();
  }
}
