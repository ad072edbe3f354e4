import type { NetworkRef } from '../drivers/types.js';
import type { Connect } from './connect.js';
import { NamedObject } from './object.js';

/** A virtual network (virNetwork). */
export class Network extends NamedObject<NetworkRef> {
  /** @internal */
  constructor(conn: Connect, ref: NetworkRef) {
    super(conn, ref);
  }

  private get conn(): Connect {
    return this.connect();
  }

  create(): Promise<void> { return this.conn.invoke('networkCreate', this.ref); }
  destroy(): Promise<void> { return this.conn.invoke('networkDestroy', this.ref); }
  undefine(): Promise<void> { return this.conn.invoke('networkUndefine', this.ref); }
  xmlDesc(flags = 0): Promise<string> { return this.conn.invoke('networkGetXMLDesc', this.ref, flags); }
  XMLDesc(flags = 0): Promise<string> { return this.xmlDesc(flags); }
  bridgeName(): Promise<string> { return this.conn.invoke('networkGetBridgeName', this.ref); }
  autostart(): Promise<boolean> { return this.conn.invoke('networkGetAutostart', this.ref); }
  setAutostart(autostart: boolean | number): Promise<void> {
    return this.conn.invoke('networkSetAutostart', this.ref, Boolean(autostart));
  }
  isActive(): Promise<boolean> { return this.conn.invoke('networkIsActive', this.ref); }
  isPersistent(): Promise<boolean> { return this.conn.invoke('networkIsPersistent', this.ref); }
  /** virNetworkUpdate: one VIR_NETWORK_UPDATE_COMMAND_* on one VIR_NETWORK_SECTION_* (parentIndex -1: the obvious parent). */
  update(command: number, section: number, parentIndex: number, xml: string, flags = 0): Promise<void> {
    return this.conn.invoke('networkUpdate', this.ref, command, section, parentIndex, xml, flags);
  }
}
