import { cloneDomainDef, type DomainDef } from '../../conf/domain/index.js';
import type { SnapshotDef } from '../../conf/snapshot/index.js';
import * as C from '../../api/constants.js';
import { MomentList } from './moment-list.js';

/** A snapshot: its definition and the domain definition it can be reverted to. */
export interface SnapshotObj {
  def: SnapshotDef;
  dom: DomainDef | null;
}

/** The snapshots of one domain (see MomentList), with libvirt's snapshot list filters. */
export class SnapshotList extends MomentList<SnapshotObj> {
  clone(): SnapshotList {
    return this.copyInto(new SnapshotList(), (s) => ({ def: structuredClone(s.def), dom: s.dom && cloneDomainDef(s.dom) }));
  }

  /**
   * virDomainSnapshotObjListGetNames's selection: all, roots only, or (from a snapshot) its
   * children or all descendants; then the leaf, metadata, state and location filters.
   */
  select(from: string | null, flags: number): SnapshotObj[] {
    const down = Boolean(flags & (from === null ? C.VIR_DOMAIN_SNAPSHOT_LIST_ROOTS : C.VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS));
    const list = this.walk(from, from === null ? !down : down, Boolean(flags & C.VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL));
    const leaf = (s: SnapshotObj) => this.children(s.def.name).length === 0;
    return list.filter((s) => {
      const st = s.def.state;
      if (flags & (C.VIR_DOMAIN_SNAPSHOT_LIST_LEAVES | C.VIR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES) &&
        !((flags & C.VIR_DOMAIN_SNAPSHOT_LIST_LEAVES && leaf(s)) || (flags & C.VIR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES && !leaf(s)))) return false;
      if (flags & C.VIR_DOMAIN_SNAPSHOT_LIST_NO_METADATA && !(flags & C.VIR_DOMAIN_SNAPSHOT_LIST_METADATA)) return false;
      const stateFlags = C.VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE | C.VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE | C.VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY;
      if (flags & stateFlags) {
        const ok = (flags & C.VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE && st === 'shutoff') ||
          (flags & C.VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY && st === 'disk-snapshot') ||
          (flags & C.VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE && st !== 'shutoff' && st !== 'disk-snapshot');
        if (!ok) return false;
      }
      const locFlags = C.VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL | C.VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL;
      if (flags & locFlags) {
        const external = s.def.memory === 'external' || s.def.disks.some((d) => d.snapshot === 'external');
        if (!((flags & C.VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL && !external) || (flags & C.VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL && external))) return false;
      }
      return true;
    });
  }
}
