import { cloneDomainDef, type DomainDef } from '../../conf/domain/index.js';
import type { SnapshotDef } from '../../conf/snapshot/index.js';
import * as C from '../../api/constants.js';

/** A snapshot: its definition and the domain definition it can be reverted to. */
export interface SnapshotObj {
  def: SnapshotDef;
  dom: DomainDef | null;
}

/**
 * The snapshots of one domain, in creation order, with their tree and the current one.
 * libvirt keeps the snapshots themselves in a hash table (so a plain listing comes back in an
 * order that changes with every process: its hash seed is random), but each snapshot's children
 * in a linked list: those orders are the same every time, and are kept here as libvirt builds them.
 */
export class SnapshotList {
  readonly #byName = new Map<string, SnapshotObj>();
  /** Each parent's children, first child first; `null` is the list of roots (libvirt's metaroot). */
  readonly #children = new Map<string | null, string[]>([[null, []]]);
  /** The parent whose child list a snapshot is in (a root's parent may name a missing snapshot). */
  readonly #linkedTo = new Map<string, string | null>();
  current: string | null = null;

  clone(): SnapshotList {
    const copy = new SnapshotList();
    for (const s of this.all()) copy.#byName.set(s.def.name, { def: structuredClone(s.def), dom: s.dom && cloneDomainDef(s.dom) });
    for (const [parent, kids] of this.#children) copy.#children.set(parent, [...kids]);
    for (const [name, parent] of this.#linkedTo) copy.#linkedTo.set(name, parent);
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

  /**
   * A new snapshot, or a redefinition of one: either way it goes in front of its parent's
   * children (libvirt unlinks a redefined snapshot and links it again; its own children stay).
   */
  add(obj: SnapshotObj): void {
    if (this.#byName.has(obj.def.name)) this.#unlink(obj.def.name);
    this.#byName.set(obj.def.name, obj);
    this.#link(obj.def);
  }

  /**
   * Link every snapshot again, as libvirt does after loading a batch whose parents may come
   * after their children (it walks its hash table there, so that order is not reproducible).
   */
  relinkAll(): void {
    this.#children.clear();
    this.#linkedTo.clear();
    for (const s of this.all()) this.#link(s.def);
  }

  /** Forget a snapshot (its children, if any, are the caller's to move or remove first). */
  remove(name: string): void {
    if (!this.#byName.has(name)) return;
    this.#unlink(name);
    this.#byName.delete(name);
    this.#children.delete(name);
    if (this.current === name) this.current = null;
  }

  /**
   * The children of a snapshot being deleted become its parent's, in their order and in front
   * of the parent's own (virDomainMomentMoveChildren); their definitions name the new parent.
   */
  reparentChildren(name: string): void {
    const kids = this.#kids(name);
    const to = this.#linkedTo.get(name) ?? null;
    for (const kid of kids) {
      const def = this.#byName.get(kid)!.def;
      if (to === null) delete def.parent;
      else def.parent = to;
      this.#linkedTo.set(kid, to);
    }
    this.#children.set(to, [...kids, ...this.#kids(to)]);
    this.#children.set(name, []);
  }

  /** The children in libvirt's list order: the one linked last first. */
  children(name: string | null): SnapshotObj[] {
    return this.#kids(name).map((n) => this.#byName.get(n)!);
  }

  /** Depth first, each parent before its children (libvirt's topological visit). */
  descendants(name: string | null): SnapshotObj[] {
    const out: SnapshotObj[] = [];
    for (const child of this.children(name)) out.push(child, ...this.descendants(child.def.name));
    return out;
  }

  #kids(parent: string | null): string[] {
    let kids = this.#children.get(parent);
    if (!kids) this.#children.set(parent, kids = []);
    return kids;
  }

  #link(def: SnapshotDef): void {
    const parent = def.parent !== undefined && this.#byName.has(def.parent) ? def.parent : null;
    this.#kids(parent).unshift(def.name);
    this.#linkedTo.set(def.name, parent);
  }

  #unlink(name: string): void {
    const kids = this.#kids(this.#linkedTo.get(name) ?? null);
    const at = kids.indexOf(name);
    if (at >= 0) kids.splice(at, 1);
    this.#linkedTo.delete(name);
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
