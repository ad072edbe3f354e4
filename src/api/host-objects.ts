import type { InterfaceRef, NodeDeviceRef } from '../drivers/types.js';
import type { Connect } from './connect.js';
import { ConnectObject } from './object.js';

/** A host network interface (virInterface). */
export class HostInterface extends ConnectObject {
  readonly #ref: InterfaceRef;

  /** @internal */
  constructor(conn: Connect, ref: InterfaceRef) {
    super(conn);
    this.#ref = ref;
  }

  name(): string { return this.#ref.name; }
  MACString(): string { return this.#ref.mac; }
  xmlDesc(flags = 0): Promise<string> { return this.connect().invoke('interfaceGetXMLDesc', this.#ref, flags); }
  XMLDesc(flags = 0): Promise<string> { return this.xmlDesc(flags); }
}

/** A host device (virNodeDevice). */
export class NodeDevice extends ConnectObject {
  readonly #ref: NodeDeviceRef;

  /** @internal */
  constructor(conn: Connect, ref: NodeDeviceRef) {
    super(conn);
    this.#ref = ref;
  }

  name(): string { return this.#ref.name; }
  xmlDesc(flags = 0): Promise<string> { return this.connect().invoke('nodeDeviceGetXMLDesc', this.#ref, flags); }
  XMLDesc(flags = 0): Promise<string> { return this.xmlDesc(flags); }
}
