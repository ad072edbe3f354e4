/** The host interface model: what libvirt's virInterfaceDef holds (interface_conf.h). */

export type InterfaceType = 'ethernet' | 'bridge' | 'bond' | 'vlan';
export const INTERFACE_TYPES: readonly InterfaceType[] = ['ethernet', 'bridge', 'bond', 'vlan'];

export type StartMode = 'none' | 'onboot' | 'hotplug';
export type BondMode = 'balance-rr' | 'active-backup' | 'balance-xor' | 'broadcast' | '802.3ad' | 'balance-tlb' | 'balance-alb';
export const BOND_MODES: readonly BondMode[] = ['balance-rr', 'active-backup', 'balance-xor', 'broadcast', '802.3ad', 'balance-tlb', 'balance-alb'];
export const LINK_STATES = ['unknown', 'notpresent', 'down', 'lowerlayerdown', 'testing', 'dormant', 'up'] as const;
export type LinkState = (typeof LINK_STATES)[number];

export interface InterfaceIP { address?: string; prefix: number }

export interface InterfaceProtocol {
  family: 'ipv4' | 'ipv6';
  autoconf: boolean;
  dhcp: boolean;
  /** dhcp peerdns: undefined when not given. */
  peerdns?: boolean;
  ips: InterfaceIP[];
  gateway?: string;
}

export interface BondMonitor {
  kind: 'mii' | 'arp';
  frequency?: number;
  downdelay?: number;
  updelay?: number;
  carrier?: 'ioctl' | 'netif';
  interval?: number;
  target?: string;
  validate?: 'active' | 'backup' | 'all';
}

export interface InterfaceDef {
  type: InterfaceType;
  name: string;
  startMode?: StartMode;
  mtu: number;
  protocols: InterfaceProtocol[];
  link: { speed: number; state?: LinkState };
  mac?: string;
  bridge?: { stp?: boolean; delay?: string; interfaces: InterfaceDef[] };
  bond?: { mode?: BondMode; monitor?: BondMonitor; interfaces: InterfaceDef[] };
  vlan?: { tag: string; device: string };
}
