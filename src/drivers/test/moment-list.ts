/** The tree of a domain's snapshots or checkpoints, in libvirt's orders. */
import { ErrorDomain, ErrorNumber, virError } from '../../errors/index.js';

/** What a moment list holds: a definition naming itself and its parent. */
export interface MomentObj {
  def: { name: string; parent?: string };
}

/**
 * The moments (snapshots or checkpoints) of one domain, in creation order, with their tree and
 * the current one (libvirt's virDomainMomentObjList). libvirt keeps the moments themselves in a
 * hash table (so a plain listing comes back in an order that changes with every process: its
 * hash seed is random), but each moment's children in a linked list: those orders are the same
 * every time, and are kept here as libvirt builds them.
 */
export class MomentList<T extends MomentObj> {
  readonly #byName = new Map<string, T>();
  /** Each parent's children, first child first; `null` is the list of roots (libvirt's metaroot). */
  readonly #children = new Map<string | null, string[]>([[null, []]]);
  /** The parent whose child list a moment is in (a root's parent may name a missing moment). */
  readonly #linkedTo = new Map<string, string | null>();
  current: string | null = null;

  /** Fill `copy` with copies (made by `copyObj`) of this list's moments, tree and current one. */
  protected copyInto<L extends MomentList<T>>(copy: L, copyObj: (obj: T) => T): L {
    for (const s of this.all()) copy.#byName.set(s.def.name, copyObj(s));
    for (const [parent, kids] of this.#children) copy.#children.set(parent, [...kids]);
    for (const [name, parent] of this.#linkedTo) copy.#linkedTo.set(name, parent);
    copy.current = this.current;
    return copy;
  }

  count(): number {
    return this.#byName.size;
  }

  get(name: string): T | undefined {
    return this.#byName.get(name);
  }

  all(): T[] {
    return [...this.#byName.values()];
  }

  /**
   * A new moment, or a redefinition of one: either way it goes in front of its parent's
   * children (libvirt unlinks a redefined one and links it again; its own children stay).
   */
  add(obj: T): void {
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
  children(name: string | null): T[] {
    return this.#kids(name).map((n) => this.#byName.get(n)!);
  }

  /**
   * virDomainMomentObjListGetNames's walk: from the top, the roots (`down` false) or every moment
   * (in topological order when asked); from a moment, its children or (`down`) all below it.
   */
  walk(from: string | null, down: boolean, topological: boolean): T[] {
    if (from !== null) return down ? this.descendants(from) : this.children(from);
    if (!down) return this.children(null);
    return topological ? this.descendants(null) : this.all();
  }

  /**
   * The tree work of a snapshot's or checkpoint's deletion: with all its descendants, only them,
   * or alone (its children move up to its parent); the current one moves up as needed.
   */
  deleteMoment(name: string, withChildren: boolean, childrenOnly: boolean): void {
    const obj = this.get(name)!;
    if (withChildren || childrenOnly) {
      let currentGone = false;
      for (const d of this.descendants(name)) {
        currentGone ||= this.current === d.def.name;
        this.remove(d.def.name);
      }
      if (currentGone) this.current = name;
    } else {
      this.reparentChildren(name);
    }
    if (childrenOnly) return;
    const wasCurrent = this.current === name;
    this.remove(name);
    if (wasCurrent) this.current = obj.def.parent && this.get(obj.def.parent) ? obj.def.parent : null;
  }

  /** virDomainMomentCheckCycles: a redefinition's parent must exist and not descend from it. */
  checkCycles(def: { name: string; parent?: string }): void {
    if (def.parent === undefined) return;
    const bad = (detail: string) => virError(ErrorDomain.VIR_FROM_DOMAIN, ErrorNumber.VIR_ERR_INVALID_ARG, detail);
    if (def.parent === def.name) throw bad(`cannot set moment ${def.name} as its own parent`);
    let other = this.get(def.parent);
    if (!other) throw bad(`parent ${def.parent} for moment ${def.name} not found`);
    while (other?.def.parent !== undefined) {
      if (other.def.parent === def.name) throw bad(`parent ${other.def.name} would create cycle to ${def.name}`);
      other = this.get(other.def.parent);
    }
  }

  /** Depth first, each parent before its children (libvirt's topological visit). */
  descendants(name: string | null): T[] {
    const out: T[] = [];
    for (const child of this.children(name)) out.push(child, ...this.descendants(child.def.name));
    return out;
  }

  #kids(parent: string | null): string[] {
    let kids = this.#children.get(parent);
    if (!kids) this.#children.set(parent, kids = []);
    return kids;
  }

  #link(def: T['def']): void {
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
}
