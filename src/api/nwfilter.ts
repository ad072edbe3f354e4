import type { NWFilterBindingRef, NWFilterRef } from '../drivers/types.js';
import type { Connect } from './connect.js';
import { NamedObject, RefObject } from './object.js';

/** A network filter (virNWFilter). */
export class NWFilter extends NamedObject<NWFilterRef> {
  /** @internal */
  constructor(conn: Connect, ref: NWFilterRef) {
    super(conn, ref);
  }

  XMLDesc(flags = 0): Promise<string> { return this.connect().invoke('nwfilterGetXMLDesc', this.ref, flags); }
  undefine(): Promise<void> { return this.connect().invoke('nwfilterUndefine', this.ref); }
}

/** A network filter applied to one guest port (virNWFilterBinding). */
export class NWFilterBinding extends RefObject<NWFilterBindingRef> {
  portDev(): string { return this.ref.portdev; }
  filterName(): string { return this.ref.filtername; }
  XMLDesc(flags = 0): Promise<string> { return this.connect().invoke('nwfilterBindingGetXMLDesc', this.ref, flags); }
  delete(): Promise<void> { return this.connect().invoke('nwfilterBindingDelete', this.ref); }
}
