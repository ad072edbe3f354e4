import { cloneDomainDef } from '../../conf/domain/index.js';
import { DomainObj as SharedDomainObj } from '../shared/domain-obj.js';
import type { SnapshotList } from './snapshot-list.js';

/** A domain of the test driver: the shared domain object plus its snapshots. */
export class DomainObj extends SharedDomainObj {
  snapshots: SnapshotList | null = null;

  /** A deep copy, snapshots included. */
  clone(): DomainObj {
    const copy = this.copyInto(new DomainObj(cloneDomainDef(this.def)));
    copy.snapshots = this.snapshots?.clone() ?? null;
    return copy;
  }

  override snapshotCount(): number {
    return this.snapshots?.count() ?? 0;
  }
}
