import type { CheckpointRef } from '../drivers/types.js';
import type { Domain } from './domain.js';
import { DomainMoment } from './object.js';

/** A domain checkpoint (virDomainCheckpoint): a point incremental backups can start from. */
export class DomainCheckpoint extends DomainMoment<CheckpointRef> {
  /** @internal */
  constructor(domain: Domain, ref: CheckpointRef) {
    super(domain, ref);
  }

  getXMLDesc(flags = 0): Promise<string> { return this.conn.invoke('domainCheckpointGetXMLDesc', this.ref, flags); }
  async getParent(flags = 0): Promise<DomainCheckpoint> {
    return new DomainCheckpoint(this.getDomain(), await this.conn.invoke('domainCheckpointGetParent', this.ref, flags));
  }
  async listAllChildren(flags = 0): Promise<DomainCheckpoint[]> {
    return (await this.conn.invoke('domainCheckpointListAllChildren', this.ref, flags)).map((c) => new DomainCheckpoint(this.getDomain(), c));
  }
  delete(flags = 0): Promise<void> { return this.conn.invoke('domainCheckpointDelete', this.ref, flags); }
}
