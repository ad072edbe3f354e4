/** The network model: what libvirt's virNetworkDef holds, with addresses kept in canonical text. */
import type { Bandwidth } from '../netdev/bandwidth.js';
import type { Vlan } from '../netdev/vlan.js';
import type { VirtualPort } from '../netdev/virtualport.js';

export type ForwardMode = 'nat' | 'route' | 'open' | 'bridge' | 'private' | 'vepa' | 'passthrough' | 'hostdev';
export const FORWARD_MODES: readonly ForwardMode[] = ['nat', 'route', 'open', 'bridge', 'private', 'vepa', 'passthrough', 'hostdev'];

export type TriState = 'yes' | 'no';

export interface PciAddress {
  domain: number;
  bus: number;
  slot: number;
  function: number;
}

export type ForwardInterface =
  | { type: 'netdev'; dev: string; connections?: number }
  | { type: 'pci'; pci: PciAddress };

export interface NetworkForward {
  mode: ForwardMode;
  /** hostdev mode: `managed='yes'`. */
  managed: boolean;
  driverName?: 'kvm' | 'vfio';
  /** NAT address range and port range (nat mode only). */
  natAddressStart?: string;
  natAddressEnd?: string;
  natPortStart?: number;
  natPortEnd?: number;
  natIPv6?: TriState;
  interfaces: ForwardInterface[];
  /** The physical function device (at most one). */
  pf?: string;
}

export interface DhcpLease {
  /** 0 means infinite. */
  expiry: number;
  unit: 'seconds' | 'minutes' | 'hours';
}

export interface DhcpRange {
  start: string;
  end: string;
  lease?: DhcpLease;
}

export interface DhcpHost {
  mac?: string;
  id?: string;
  name?: string;
  ip?: string;
  lease?: DhcpLease;
}

export interface NetworkIP {
  family?: string;
  address: string;
  netmask?: string;
  /** 0 = not given. */
  prefix: number;
  localPtr?: TriState;
  tftpRoot?: string;
  dhcpRanges: DhcpRange[];
  dhcpHosts: DhcpHost[];
  bootpFile?: string;
  bootpServer?: string;
}

export interface DnsForwarder {
  domain?: string;
  addr?: string;
}

export interface DnsTxt {
  name: string;
  value: string;
}

export interface DnsSrv {
  service?: string;
  protocol?: string;
  domain?: string;
  target?: string;
  port?: number;
  priority?: number;
  weight?: number;
}

export interface DnsHost {
  ip: string;
  hostnames: string[];
}

export interface NetworkDNS {
  enable?: TriState;
  forwardPlainNames?: TriState;
  forwarders: DnsForwarder[];
  txts: DnsTxt[];
  srvs: DnsSrv[];
  hosts: DnsHost[];
}

export interface NetworkRoute {
  family?: string;
  address: string;
  netmask?: string;
  /** undefined = not given. */
  prefix?: number;
  gateway: string;
  metric?: number;
}

export interface NetworkBridge {
  name?: string;
  zone?: string;
  stp: boolean;
  delay: number;
  macTableManager?: 'kernel' | 'libvirt';
}

/** Port settings a network or one of its portgroups gives the guest interfaces it serves. */
export interface PortSettings {
  vlan?: Vlan;
  virtualPort?: VirtualPort;
  bandwidth?: Bandwidth;
}

export interface PortGroup extends PortSettings {
  name: string;
  isDefault: boolean;
  trustGuestRxFilters?: TriState;
}

export interface NetworkDef extends PortSettings {
  name: string;
  /** Canonical lowercase UUID. */
  uuid: string;
  /** Whether the XML carried the UUID (otherwise it was generated). */
  uuidSpecified: boolean;
  /** Live only: number of guest connections. */
  connections: number;
  ipv6: boolean;
  trustGuestRxFilters?: TriState;
  /** The `<metadata>` element, serialized verbatim. */
  metadata?: string;
  forward?: NetworkForward;
  bridge: NetworkBridge;
  mtu?: number;
  mac?: string;
  domain?: string;
  domainLocalOnly?: TriState;
  dns: NetworkDNS;
  portIsolated?: TriState;
  ips: NetworkIP[];
  routes: NetworkRoute[];
  portGroups: PortGroup[];
  /** `<dnsmasq:options>` values; only parsers given the dnsmasq namespace set them. */
  dnsmasqOptions?: string[];
}
