import type { CheckpointRef } from '../drivers/types.js';
import type { Domain } from './domain.js';
import { ConnectObject } from './object.js';

/** A domain checkpoint (virDomainCheckpoint): a point incremental backups can start from. */
export class DomainCheckpoint extends ConnectObject {
  readonly #domain: Domain;
  readonly #ref: CheckpointRef;

  /** @internal */
  constructor(domain: Domain, ref: CheckpointRef) {
    super(domain.connect());
    this.#domain = domain;
    this.#ref = ref;
  }

  /** @internal */
  get ref(): CheckpointRef {
    return this.#ref;
  }

  getName(): string { return this.#ref.name; }
  /** virDomainCheckpointGetDomain. */
  getDomain(): Domain { return this.#domain; }

  private get conn() {
    return this.connect();
  }

  getXMLDesc(flags = 0): Promise<string> { return this.conn.invoke('domainCheckpointGetXMLDesc', this.#ref, flags); }
  async getParent(flags = 0): Promise<DomainCheckpoint> {
    return new DomainCheckpoint(this.#domain, await this.conn.invoke('domainCheckpointGetParent', this.#ref, flags));
  }
  async listAllChildren(flags = 0): Promise<DomainCheckpoint[]> {
    return (await this.conn.invoke('domainCheckpointListAllChildren', this.#ref, flags)).map((c) => new DomainCheckpoint(this.#domain, c));
  }
  delete(flags = 0): Promise<void> { return this.conn.invoke('domainCheckpointDelete', this.#ref, flags); }
}
