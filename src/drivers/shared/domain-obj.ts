import { cloneDomainDef, formatDomainXML, type DomainDef } from '../../conf/domain/index.js';
import {
  VIR_DOMAIN_AFFECT_CONFIG, VIR_DOMAIN_AFFECT_LIVE, VIR_DOMAIN_PAUSED, VIR_DOMAIN_RUNNING, VIR_DOMAIN_SHUTOFF,
  VIR_DOMAIN_XML_INACTIVE, VIR_DOMAIN_XML_MIGRATABLE, VIR_DOMAIN_XML_SECURE,
} from '../../api/constants.js';
import type { DomainRef } from '../types.js';
import { E, domainConfError, domainConfInvalidArg } from './errors.js';

/**
 * One domain of a driver (libvirt's virDomainObj): its live and persistent definitions and its
 * state. Drivers extend it with what they keep beside (snapshots, a running process).
 */
export class DomainObj {
  def: DomainDef;
  /** The persistent definition while a persistent domain runs (libvirt's newDef). */
  newDef: DomainDef | null = null;
  state = VIR_DOMAIN_SHUTOFF;
  reason = 0;
  persistent = false;
  autostart = false;
  hasManagedSave = false;
  /** Why the domain is tainted (a bit per DomainTaint) and its deprecated settings. */
  taint = 0;
  deprecations: string[] = [];
  /** Set while the domain is being removed, so racing calls see it gone. */
  removing = false;
  /** The id given when the domain started; meaningful only while active. */
  domId = -1;
  /**
   * The name the driver's list files the domain under (libvirt's name hash key): set when it is
   * added or renamed, kept when a snapshot revert brings back the name the domain had before.
   */
  listedName: string;

  constructor(def: DomainDef) {
    this.def = def;
    this.listedName = def.name;
  }

  /** Copy this object's definitions and state into `copy` (for a driver's clone()). */
  protected copyInto<T extends DomainObj>(copy: T): T {
    copy.newDef = this.newDef && cloneDomainDef(this.newDef);
    copy.state = this.state;
    copy.reason = this.reason;
    copy.persistent = this.persistent;
    copy.autostart = this.autostart;
    copy.hasManagedSave = this.hasManagedSave;
    copy.taint = this.taint;
    copy.deprecations = [...this.deprecations];
    copy.domId = this.domId;
    copy.listedName = this.listedName;
    return copy;
  }

  /** How many snapshots the domain has (for list filters); none unless a driver keeps them. */
  snapshotCount(): number {
    return 0;
  }

  /** How many checkpoints the domain has (for list filters); none unless a driver keeps them. */
  checkpointCount(): number {
    return 0;
  }

  get id(): number {
    return this.isActive() ? this.domId : -1;
  }

  /** virDomainGetXMLDesc once the driver has checked the flags: live or inactive definition. */
  formatXML(flags: number): string {
    const inactive = Boolean(flags & VIR_DOMAIN_XML_INACTIVE);
    const def = inactive && this.newDef ? this.newDef : this.def;
    return formatDomainXML(def, {
      id: !inactive && this.isActive() ? this.domId : undefined,
      inactive,
      secure: Boolean(flags & VIR_DOMAIN_XML_SECURE),
      migratable: Boolean(flags & VIR_DOMAIN_XML_MIGRATABLE),
    });
  }

  isActive(): boolean {
    return this.state !== VIR_DOMAIN_SHUTOFF;
  }

  ref(): DomainRef {
    return { name: this.def.name, uuid: this.def.uuid, id: this.id };
  }

  setState(state: number, reason: number): void {
    this.state = state;
    this.reason = reason;
  }

  /** The definition that survives a stop: newDef while running, def otherwise. */
  persistentDef(): DomainDef {
    return this.newDef ?? this.def;
  }

  /** virDomainObjSetDefTransient: a running persistent domain keeps its config apart from its live def. */
  setDefTransient(): void {
    if (!this.persistent || this.newDef) return;
    this.newDef = this.copyDef(this.def);
  }

  /** The copy setDefTransient keeps as the persistent definition (a driver may copy as libvirt's does). */
  protected copyDef(def: DomainDef): DomainDef {
    return cloneDomainDef(def);
  }

  /** virDomainObjRemoveTransientDef: back to the persistent definition when the domain stops. */
  removeTransientDef(): void {
    if (!this.newDef) return;
    this.def = this.newDef;
    this.newDef = null;
  }

  /** virDomainObjCheckActive. */
  checkActive(): void {
    if (!this.isActive()) throw domainConfError(E.VIR_ERR_OPERATION_INVALID, 'domain is not running');
  }

  /** virDomainObjUpdateModificationImpact: resolve AFFECT_CURRENT and check the target exists. */
  modificationImpact(flags: number): number {
    const active = this.isActive();
    if ((flags & (VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG)) === 0) {
      flags |= active ? VIR_DOMAIN_AFFECT_LIVE : VIR_DOMAIN_AFFECT_CONFIG;
    }
    if (!active && flags & VIR_DOMAIN_AFFECT_LIVE) {
      throw domainConfError(E.VIR_ERR_OPERATION_INVALID, 'domain is not running');
    }
    if (!this.persistent && flags & VIR_DOMAIN_AFFECT_CONFIG) {
      throw domainConfError(E.VIR_ERR_OPERATION_INVALID, 'transient domains do not have any persistent config');
    }
    return flags;
  }

  /** virDomainObjGetDefs: the live and/or persistent definitions the flags select. */
  getDefs(flags: number): { live: DomainDef | null; config: DomainDef | null } {
    flags = this.modificationImpact(flags);
    if (this.isActive()) {
      if (flags & VIR_DOMAIN_AFFECT_CONFIG) this.setDefTransient();
      return {
        live: flags & VIR_DOMAIN_AFFECT_LIVE ? this.def : null,
        config: flags & VIR_DOMAIN_AFFECT_CONFIG ? this.newDef : null,
      };
    }
    return { live: null, config: this.def };
  }

  /** virDomainObjGetOneDefState: exactly one definition, and whether it is the live one. */
  getOneDef(func: string, flags: number): { def: DomainDef; live: boolean } {
    if (flags & VIR_DOMAIN_AFFECT_LIVE && flags & VIR_DOMAIN_AFFECT_CONFIG) {
      throw domainConfInvalidArg(func, 'flags',
        "Flags 'VIR_DOMAIN_AFFECT_LIVE' and 'VIR_DOMAIN_AFFECT_CONFIG' are mutually exclusive");
    }
    flags = this.modificationImpact(flags);
    const live = Boolean(flags & VIR_DOMAIN_AFFECT_LIVE);
    if (this.isActive() && flags & VIR_DOMAIN_AFFECT_CONFIG) {
      this.setDefTransient();
      return { def: this.newDef!, live };
    }
    return { def: this.def, live };
  }
}

/** Is the domain running or paused (for list filters). */
export function isRunningState(state: number): boolean {
  return state === VIR_DOMAIN_RUNNING;
}

export function isPausedState(state: number): boolean {
  return state === VIR_DOMAIN_PAUSED;
}
