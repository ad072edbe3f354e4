import { cloneDomainDef, type DomainDef } from '../../conf/domain/index.js';
import type { SnapshotDef } from '../../conf/snapshot/index.js';
import * as C from '../../api/constants.js';

/** A snapshot: its definition and the domain definition it can be reverted to. */
export interface SnapshotObj {
  def: SnapshotDef;
  dom: DomainDef | null;
}

/** The snapshots of one domain, in creation order, with their tree and the current one. */
export class SnapshotList {
  readonly #byName = new Map<string, SnapshotObj>();
  current: string | null = null;

  clone(): SnapshotList {
    const copy = new SnapshotList();
    for (const s of this.all()) copy.add({ def: structuredClone(s.def), dom: s.dom && cloneDomainDef(s.dom) });
    copy.current = this.current;
    return copy;
  }

  count(): number {
    return this.#byName.size;
  }

  get(name: string): SnapshotObj | undefined {
    return this.#byName.get(name);
  }

  all(): SnapshotObj[] {
    return [...this.#byName.values()];
  }

  add(obj: SnapshotObj): void {
    this.#byName.set(obj.def.name, obj);
  }

  remove(name: string): void {
    this.#byName.delete(name);
    if (this.current === name) this.current = null;
  }

  /** Newest first, as libvirt links each new child in front of its siblings. */
  children(name: string | null): SnapshotObj[] {
    return this.all().filter((s) => (s.def.parent ?? null) === name).reverse();
  }

  /** Depth first, each parent before its children (libvirt's topological visit). */
  descendants(name: string | null): SnapshotObj[] {
    const out: SnapshotObj[] = [];
    for (const child of this.children(name)) out.push(child, ...this.descendants(child.def.name));
    return out;
  }

  /**
   * virDomainSnapshotObjListGetNames's selection: all, roots only, or (from a snapshot) its
   * children or all descendants; then the leaf, metadata, state and location filters.
   */
  select(from: string | null, flags: number): SnapshotObj[] {
    let list: SnapshotObj[];
    if (from !== null) {
      list = flags & C.VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS ? this.descendants(from) : this.children(from);
    } else {
      if (flags & C.VIR_DOMAIN_SNAPSHOT_LIST_ROOTS) list = this.children(null);
      else list = flags & C.VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL ? this.descendants(null) : this.all();
    }
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
