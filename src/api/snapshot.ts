import type { SnapshotRef } from '../drivers/types.js';
import type { Domain } from './domain.js';
import { DomainMoment } from './object.js';

/** A domain snapshot (virDomainSnapshot). */
export class DomainSnapshot extends DomainMoment<SnapshotRef> {
  /** @internal */
  constructor(domain: Domain, ref: SnapshotRef) {
    super(domain, ref);
  }

  getXMLDesc(flags = 0): Promise<string> { return this.conn.invoke('domainSnapshotGetXMLDesc', this.ref, flags); }
  async getParent(flags = 0): Promise<DomainSnapshot> {
    return new DomainSnapshot(this.getDomain(), await this.conn.invoke('domainSnapshotGetParent', this.ref, flags));
  }
  isCurrent(flags = 0): Promise<boolean> { return this.conn.invoke('domainSnapshotIsCurrent', this.ref, flags); }
  hasMetadata(flags = 0): Promise<boolean> { return this.conn.invoke('domainSnapshotHasMetadata', this.ref, flags); }
  numChildren(flags = 0): Promise<number> { return this.conn.invoke('domainSnapshotNumChildren', this.ref, flags); }
  listChildrenNames(flags = 0): Promise<string[]> {
    return this.conn.invoke('domainSnapshotListChildrenNames', this.ref, 1 << 16, flags);
  }
  async listAllChildren(flags = 0): Promise<DomainSnapshot[]> {
    return (await this.conn.invoke('domainSnapshotListAllChildren', this.ref, flags)).map((s) => new DomainSnapshot(this.getDomain(), s));
  }
  revert(flags = 0): Promise<void> { return this.conn.invoke('domainRevertToSnapshot', this.ref, flags); }
  delete(flags = 0): Promise<void> { return this.conn.invoke('domainSnapshotDelete', this.ref, flags); }
}
