import { cloneDomainDef, formatDomainXML, parseDomainXML, type DomainDef } from '../../conf/domain/index.js';
import { DomainObj as SharedDomainObj } from '../shared/domain-obj.js';
import type { SnapshotList } from './snapshot-list.js';
import type { CheckpointList } from './checkpoints.js';

/**
 * What libvirt's virDomainDefCopy checks when a snapshot or checkpoint takes a copy of the domain:
 * the definition is formatted (inactive, secure) and parsed again, so one that does not read back
 * (a vCPU pinned to no CPU: cpuset='') fails there with the parser's error.
 */
export function checkMomentCopy(def: DomainDef): void {
  parseDomainXML(formatDomainXML(def, { inactive: true, secure: true }));
}

/** An IOThread's polling settings as the test driver keeps them. */
export interface IOThreadInfo { id: number; pollMaxNs: bigint; pollGrow: number; pollShrink: number }

/** The pretend guest: whether `/` and `/boot` are frozen, and its clock. */
export interface GuestState { frozen: [boolean, boolean]; seconds: bigint; nseconds: number }

/** Every domain's guest starts thawed with its clock at 627319920 s (1989-11-17), as libvirt's. */
function newGuestState(): GuestState {
  return { frozen: [false, false], seconds: 627319920n, nseconds: 0 };
}

/** A domain of the test driver: the shared domain object plus its snapshots, IOThreads and pretend guest. */
export class DomainObj extends SharedDomainObj {
  snapshots: SnapshotList | null = null;
  checkpoints: CheckpointList | null = null;
  iothreads: IOThreadInfo[] = [];
  /** What the guest-information calls read and change (libvirt's testDomainObjPrivate). */
  guest: GuestState = newGuestState();

  /** A deep copy, snapshots included. */
  clone(): DomainObj {
    const copy = this.copyInto(new DomainObj(cloneDomainDef(this.def)));
    copy.snapshots = this.snapshots?.clone() ?? null;
    copy.checkpoints = this.checkpoints?.clone() ?? null;
    copy.iothreads = this.iothreads.map((t) => ({ ...t }));
    copy.guest = { ...this.guest, frozen: [this.guest.frozen[0], this.guest.frozen[1]] };
    return copy;
  }

  /**
   * virDomainDefCopy: a round trip through the XML, which files disks again by their now explicit
   * buses, so a running domain's persistent definition may list them in another order.
   */
  protected override copyDef(def: DomainDef): DomainDef {
    return DomainObj.builtInNode ? cloneDomainDef(def) : parseDomainXML(formatDomainXML(def, { secure: true }));
  }

  /**
   * Set while the built-in default node loads: its definitions read back unchanged (a test checks
   * it), so a plain copy gives what the round trip would, without loading the XML parser, which
   * costs a one-shot tsvirsh command about 20 ms.
   */
  static builtInNode = false;

  override snapshotCount(): number {
    return this.snapshots?.count() ?? 0;
  }

  override checkpointCount(): number {
    return this.checkpoints?.count() ?? 0;
  }
}
