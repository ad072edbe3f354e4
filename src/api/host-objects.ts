import type { InterfaceRef, NodeDeviceRef } from '../drivers/types.js';
import { RefObject } from './object.js';

/** A host network interface (virInterface). */
export class HostInterface extends RefObject<InterfaceRef> {
  name(): string { return this.ref.name; }
  MACString(): string { return this.ref.mac; }
  xmlDesc(flags = 0): Promise<string> { return this.connect().invoke('interfaceGetXMLDesc', this.ref, flags); }
  XMLDesc(flags = 0): Promise<string> { return this.xmlDesc(flags); }
  undefine(): Promise<void> { return this.connect().invoke('interfaceUndefine', this.ref); }
  create(flags = 0): Promise<void> { return this.connect().invoke('interfaceCreate', this.ref, flags); }
  destroy(flags = 0): Promise<void> { return this.connect().invoke('interfaceDestroy', this.ref, flags); }
  isActive(): Promise<boolean> { return this.connect().invoke('interfaceIsActive', this.ref); }
}

/** A host device (virNodeDevice). */
export class NodeDevice extends RefObject<NodeDeviceRef> {
  name(): string { return this.ref.name; }
  xmlDesc(flags = 0): Promise<string> { return this.connect().invoke('nodeDeviceGetXMLDesc', this.ref, flags); }
  XMLDesc(flags = 0): Promise<string> { return this.xmlDesc(flags); }
  /** virNodeDeviceGetParent: null for a device without a parent. */
  parent(): Promise<string | null> { return this.connect().invoke('nodeDeviceGetParent', this.ref); }
  numOfCaps(): Promise<number> { return this.connect().invoke('nodeDeviceNumOfCaps', this.ref); }
  async listCaps(): Promise<string[]> {
    return this.connect().invoke('nodeDeviceListCaps', this.ref, await this.numOfCaps());
  }
  destroy(): Promise<void> { return this.connect().invoke('nodeDeviceDestroy', this.ref); }
  /** virNodeDeviceCreate: start a defined (inactive) device. */
  create(flags = 0): Promise<void> { return this.connect().invoke('nodeDeviceCreate', this.ref, flags); }
  undefine(flags = 0): Promise<void> { return this.connect().invoke('nodeDeviceUndefine', this.ref, flags); }
  autostart(): Promise<boolean> { return this.connect().invoke('nodeDeviceGetAutostart', this.ref); }
  setAutostart(autostart: boolean | number): Promise<void> { return this.connect().invoke('nodeDeviceSetAutostart', this.ref, Boolean(autostart)); }
  isActive(): Promise<boolean> { return this.connect().invoke('nodeDeviceIsActive', this.ref); }
  isPersistent(): Promise<boolean> { return this.connect().invoke('nodeDeviceIsPersistent', this.ref); }
  /** virNodeDeviceDettach: unbind from the host driver, the hypervisor choosing the stub. */
  dettach(): Promise<void> { return this.connect().invokeAs('virNodeDeviceDettach', 'nodeDeviceDetachFlags', this.ref, null, 0); }
  detachFlags(driverName: string | null = null, flags = 0): Promise<void> {
    return this.connect().invoke('nodeDeviceDetachFlags', this.ref, driverName, flags);
  }
  reAttach(): Promise<void> { return this.connect().invoke('nodeDeviceReAttach', this.ref); }
  reset(): Promise<void> { return this.connect().invoke('nodeDeviceReset', this.ref); }
}
