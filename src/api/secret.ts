import type { SecretRef } from '../drivers/types.js';
import { RefObject } from './object.js';
import { uuidBytes } from './uuid.js';

/** A secret the host keeps for guests (virSecret): known by UUID and by its usage. */
export class Secret extends RefObject<SecretRef> {
  UUIDString(): string { return this.ref.uuid; }
  UUID(): Uint8Array { return uuidBytes(this.ref.uuid); }
  /** A VIR_SECRET_USAGE_TYPE_*. */
  usageType(): number { return this.ref.usageType; }
  usageID(): string { return this.ref.usageID; }
  XMLDesc(flags = 0): Promise<string> { return this.connect().invoke('secretGetXMLDesc', this.ref, flags); }
  setValue(value: Uint8Array | string, flags = 0): Promise<void> {
    return this.connect().invoke('secretSetValue', this.ref, Buffer.from(value), flags);
  }
  value(flags = 0): Promise<Buffer> { return this.connect().invoke('secretGetValue', this.ref, flags); }
  undefine(): Promise<void> { return this.connect().invoke('secretUndefine', this.ref); }
}
