import type { DomainDef } from '../../conf/domain/index.js';
import * as C from '../../api/constants.js';
import type { DomainObj } from './domain-obj.js';
import type { DomainRef } from '../types.js';
import { E, domainConfError } from './errors.js';
import { flagPair } from './list-filter.js';

export interface AddOptions {
  /** The definition is for a domain about to run (create, restore): replaces only an inactive one. */
  live?: boolean;
}

/** The domains of one driver state, in definition order, with libvirt's add/lookup rules. */
export class DomainObjList<O extends DomainObj = DomainObj> {
  readonly #objs: O[] = [];
  readonly #create: (def: DomainDef) => O;

  /** `create` makes the driver's object for a new definition. */
  constructor(create: (def: DomainDef) => O) {
    this.#create = create;
  }

  all(): O[] {
    return this.#objs.filter((o) => !o.removing);
  }

  // The lookups run on every call a handle makes: they walk the list without copying it.
  byName(name: string): O | undefined {
    for (const o of this.#objs) if (!o.removing && o.listedName === name) return o;
    return undefined;
  }

  byUUID(uuid: string): O | undefined {
    const u = uuid.toLowerCase();
    for (const o of this.#objs) if (!o.removing && o.def.uuid === u) return o;
    return undefined;
  }

  byID(id: number): O | undefined {
    for (const o of this.#objs) if (!o.removing && o.isActive() && o.domId === id) return o;
    return undefined;
  }

  /**
   * virDomainObjListAdd: a definition whose UUID is known replaces the domain's config (or, with
   * `live`, runs in place of an inactive domain's config, which is kept for its stop); a new UUID
   * with a known name is refused.
   * Returns the object and the definition it replaced, if any.
   */
  add(def: DomainDef, options: AddOptions = {}): { obj: O; oldDef: DomainDef | null } {
    const existing = this.byUUID(def.uuid);
    if (existing) {
      if (existing.def.name !== def.name) {
        throw domainConfError(E.VIR_ERR_OPERATION_FAILED, `domain '${existing.def.name}' is already defined with uuid ${existing.def.uuid}`);
      }
      if (options.live) {
        if (existing.isActive()) throw domainConfError(E.VIR_ERR_OPERATION_INVALID, `domain '${existing.def.name}' is already active`);
        // The persistent definition waits in newDef and comes back when the domain stops.
        if (!existing.newDef) existing.newDef = existing.def;
        existing.def = def;
        return { obj: existing, oldDef: null };
      }
      if (existing.isActive()) {
        const oldDef = existing.newDef;
        existing.newDef = def;
        return { obj: existing, oldDef };
      }
      const oldDef = existing.def;
      existing.def = def;
      return { obj: existing, oldDef };
    }
    const sameName = this.byName(def.name);
    if (sameName) {
      throw domainConfError(E.VIR_ERR_OPERATION_FAILED, `domain '${def.name}' already exists with uuid ${sameName.def.uuid}`);
    }
    const obj = this.#create(def);
    this.#objs.push(obj);
    return { obj, oldDef: null };
  }

  /** Take an object as it is (a copied state). */
  adopt(obj: O): void {
    this.#objs.push(obj);
  }

  remove(obj: O): void {
    const at = this.#objs.indexOf(obj);
    if (at >= 0) this.#objs.splice(at, 1);
  }

  /** Active domain ids, as virConnectListDomains returns them. */
  activeIDs(): number[] {
    return this.all().filter((o) => o.isActive()).map((o) => o.domId);
  }

  /** Names of inactive domains (virConnectListDefinedDomains). */
  inactiveNames(): string[] {
    return this.all().filter((o) => !o.isActive()).map((o) => o.def.name);
  }

  /** virConnectListAllDomains filtering, with every flag group libvirt's virDomainObjMatchFilter knows. */
  filter(flags: number): O[] {
    return this.all().filter((o) => matches(o, flags));
  }

  /**
   * The domains one all-domain-stats call reports: the given ones in their order (repeats kept,
   * ones gone meanwhile skipped, as libvirt skips them) or every domain, then the list filters.
   */
  statsTargets(refs: DomainRef[] | null, flags: number): O[] {
    const selected = this.filter(flags);
    if (refs === null) return selected;
    return refs.map((r) => selected.find((o) => o.def.uuid === r.uuid)).filter((o) => o !== undefined);
  }
}

function matches(o: DomainObj, flags: number): boolean {
  const active = o.isActive();
  const state = o.state;
  if (!flagPair(flags, C.VIR_CONNECT_LIST_DOMAINS_ACTIVE, C.VIR_CONNECT_LIST_DOMAINS_INACTIVE, active)) return false;
  if (!flagPair(flags, C.VIR_CONNECT_LIST_DOMAINS_PERSISTENT, C.VIR_CONNECT_LIST_DOMAINS_TRANSIENT, o.persistent)) return false;
  const stateFlags = C.VIR_CONNECT_LIST_DOMAINS_RUNNING | C.VIR_CONNECT_LIST_DOMAINS_PAUSED |
    C.VIR_CONNECT_LIST_DOMAINS_SHUTOFF | C.VIR_CONNECT_LIST_DOMAINS_OTHER;
  if (flags & stateFlags) {
    const known = [C.VIR_DOMAIN_RUNNING, C.VIR_DOMAIN_PAUSED, C.VIR_DOMAIN_SHUTOFF].includes(state);
    const ok = (flags & C.VIR_CONNECT_LIST_DOMAINS_RUNNING && state === C.VIR_DOMAIN_RUNNING) ||
      (flags & C.VIR_CONNECT_LIST_DOMAINS_PAUSED && state === C.VIR_DOMAIN_PAUSED) ||
      (flags & C.VIR_CONNECT_LIST_DOMAINS_SHUTOFF && state === C.VIR_DOMAIN_SHUTOFF) ||
      (flags & C.VIR_CONNECT_LIST_DOMAINS_OTHER && !known);
    if (!ok) return false;
  }
  const hasSave = o.hasManagedSave;
  if (!flagPair(flags, C.VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE, C.VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE, hasSave)) return false;
  if (!flagPair(flags, C.VIR_CONNECT_LIST_DOMAINS_AUTOSTART, C.VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART, o.autostart)) return false;
  const snaps = o.snapshotCount() > 0;
  if (!flagPair(flags, C.VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT, C.VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT, snaps)) return false;
  const checkpoints = o.checkpointCount() > 0;
  if (!flagPair(flags, C.VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT, C.VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT, checkpoints)) return false;
  return true;
}
