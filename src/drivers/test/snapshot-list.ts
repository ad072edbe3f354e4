import type { SnapshotDef } from '../../conf/snapshot/index.js';

/** The snapshots of one domain: definitions by name, their tree, and which one is current. */
export class SnapshotList {
  readonly #byName = new Map<string, SnapshotDef>();
  current: string | null = null;

  count(): number {
    return this.#byName.size;
  }

  get(name: string): SnapshotDef | undefined {
    return this.#byName.get(name);
  }

  all(): SnapshotDef[] {
    return [...this.#byName.values()];
  }

  add(def: SnapshotDef): void {
    this.#byName.set(def.name, def);
  }

  remove(name: string): void {
    this.#byName.delete(name);
    if (this.current === name) this.current = null;
  }

  children(name: string | null): SnapshotDef[] {
    return this.all().filter((s) => (s.parent ?? null) === name);
  }

  descendants(name: string): SnapshotDef[] {
    const out: SnapshotDef[] = [];
    for (const child of this.children(name)) out.push(child, ...this.descendants(child.name));
    return out;
  }
}
