import { ErrorDomain } from '../errors/index.js';
import type { NetworkDHCPLease, NetworkPortRef, NetworkRef } from '../drivers/types.js';
import type { Connect } from './connect.js';
import { NamedObject, RefObject } from './object.js';
import { parseUUIDString } from './arg-checks.js';

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
  /** virNetworkGetDHCPLeases: every lease, or those of one MAC address. */
  dhcpLeases(mac: string | null = null, flags = 0): Promise<NetworkDHCPLease[]> { return this.conn.invoke('networkGetDHCPLeases', this.ref, mac, flags); }

  // Ports (the connections of guests and other users to the network)

  async listAllPorts(flags = 0): Promise<NetworkPort[]> {
    return (await this.conn.invoke('networkListAllPorts', this.ref, flags)).map((p) => new NetworkPort(this.conn, p));
  }
  async portLookupByUUID(uuid: string): Promise<NetworkPort> {
    return new NetworkPort(this.conn, await this.conn.invoke('networkPortLookupByUUID', this.ref, uuid));
  }
  async portLookupByUUIDString(uuid: string): Promise<NetworkPort> {
    const func = 'virNetworkPortLookupByUUIDString';
    const canonical = await this.conn.guard(ErrorDomain.VIR_FROM_NETWORK, () => parseUUIDString(ErrorDomain.VIR_FROM_NETWORK, func, uuid));
    return new NetworkPort(this.conn, await this.conn.invokeAs(func, 'networkPortLookupByUUID', this.ref, canonical));
  }
  async portCreateXML(xml: string, flags = 0): Promise<NetworkPort> {
    return new NetworkPort(this.conn, await this.conn.invoke('networkPortCreateXML', this.ref, xml, flags));
  }
}

/** A port of a virtual network (virNetworkPort). */
export class NetworkPort extends RefObject<NetworkPortRef> {
  uuidString(): string { return this.ref.uuid; }
  xmlDesc(flags = 0): Promise<string> { return this.connect().invoke('networkPortGetXMLDesc', this.ref, flags); }
  delete(flags = 0): Promise<void> { return this.connect().invoke('networkPortDelete', this.ref, flags); }
}
