import type { NWFilterBindingRef, NWFilterRef } from '../drivers/types.js';
import type { Connect } from './connect.js';
import { ConnectObject, NamedObject } from './object.js';

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
export class NWFilterBinding extends ConnectObject {
  readonly #ref: NWFilterBindingRef;

  /** @internal */
  constructor(conn: Connect, ref: NWFilterBindingRef) {
    super(conn);
    this.#ref = ref;
  }

  /** @internal The reference the driver contract takes. */
  get ref(): NWFilterBindingRef { return this.#ref; }

  portDev(): string { return this.#ref.portdev; }
  filterName(): string { return this.#ref.filtername; }
  XMLDesc(flags = 0): Promise<string> { return this.connect().invoke('nwfilterBindingGetXMLDesc', this.#ref, flags); }
  delete(): Promise<void> { return this.connect().invoke('nwfilterBindingDelete', this.#ref); }
}
