import { cloneDomainDef } from '../../conf/domain/index.js';
import { DomainObj as SharedDomainObj } from '../shared/domain-obj.js';
import type { SnapshotList } from './snapshot-list.js';

/** An IOThread's polling settings as the test driver keeps them. */
export interface IOThreadInfo { id: number; pollMaxNs: bigint; pollGrow: number; pollShrink: number }

/** A domain of the test driver: the shared domain object plus its snapshots and IOThreads. */
export class DomainObj extends SharedDomainObj {
  snapshots: SnapshotList | null = null;
  iothreads: IOThreadInfo[] = [];

  /** A deep copy, snapshots included. */
  clone(): DomainObj {
    const copy = this.copyInto(new DomainObj(cloneDomainDef(this.def)));
    copy.snapshots = this.snapshots?.clone() ?? null;
    copy.iothreads = this.iothreads.map((t) => ({ ...t }));
    return copy;
  }

  override snapshotCount(): number {
    return this.snapshots?.count() ?? 0;
  }
}
