/** `<interface>`: type check, MAC address, canonical child order, test-driver ifnames. */
import type { XmlElement } from '../../xml.js';
import { enumAttr, xmlError } from '../parse-util.js';
import { getAttr, getChild, newXNode, orderAttrs, orderChildren, setAttr, toXNode, type XNode } from '../xnode.js';
import { DEVICE_INFO_ORDER, normalizeAddress } from './address.js';
import { randomBytes } from 'node:crypto';

const NET_TYPES = ['user', 'ethernet', 'vhostuser', 'server', 'client', 'mcast', 'network', 'bridge', 'internal',
  'direct', 'hostdev', 'udp', 'vdpa', 'null', 'vds'] as const;
const NET_CHILD_ORDER = ['mac', 'source', 'vlan', 'virtualport', 'bandwidth', 'port', 'ip', 'route', 'portForward',
  'script', 'downscript', 'backenddomain', 'target', 'guest', 'model', 'driver', 'backend', 'filterref', 'tune',
  'teaming', 'link', 'mtu', 'coalesce', ...DEVICE_INFO_ORDER];
const DRIVER_ATTR_ORDER = ['name', 'txmode', 'ioeventfd', 'event_idx', 'queues', 'rx_queue_size', 'tx_queue_size',
  'rss', 'rss_hash_report'];
/** Target names libvirt generates itself; a definition does not keep them. */
const GENERATED_IFNAME_PREFIXES = ['vnet', 'macvtap', 'macvlan'];

export function parseInterface(el: XmlElement): XNode {
  enumAttr(el, 'type', NET_TYPES);
  const node = toXNode(el);
  let mac = getChild(node, 'mac');
  if (!mac) {
    mac = newXNode('mac', [['address', randomMac()]]);
    node.children.unshift(mac);
  }
  const address = getAttr(mac, 'address') ?? '';
  if (!/^[0-9a-fA-F]{1,2}(:[0-9a-fA-F]{1,2}){5}$/.test(address)) throw xmlError(`unable to parse mac address '${address}'`);
  setAttr(mac, 'address', address.split(':').map((b) => b.toLowerCase().padStart(2, '0')).join(':'));
  dropUnreadSourceAttrs(node);
  const target = getChild(node, 'target');
  const ifname = getAttr(target, 'dev');
  if (target && ifname && getAttr(target, 'managed') !== 'no' && GENERATED_IFNAME_PREFIXES.some((p) => ifname.startsWith(p))) {
    setAttr(target, 'dev', undefined);
    if (target.attrs.length === 0) node.children.splice(node.children.indexOf(target), 1);
  }
  const driver = getChild(node, 'driver');
  if (driver) orderAttrs(driver, DRIVER_ATTR_ORDER);
  for (const ip of node.children.filter((c) => c.name === 'ip')) orderAttrs(ip, ['address', 'family', 'prefix', 'peer']);
  normalizeAddress(node);
  orderChildren(node, NET_CHILD_ORDER);
  return node;
}

/** Source attributes libvirt reads per interface type; it drops the others (e.g. `bridge` of a network source). */
const SOURCE_ATTRS: Record<string, readonly string[]> = {
  network: ['network', 'portgroup', 'portid'],
  bridge: ['bridge'],
};

function dropUnreadSourceAttrs(node: XNode): void {
  const allowed = SOURCE_ATTRS[getAttr(node, 'type') ?? ''];
  const source = getChild(node, 'source');
  if (allowed && source) source.attrs = source.attrs.filter(([name]) => allowed.includes(name));
}

/** libvirt's generated MAC: the QEMU/KVM OUI 52:54:00 and three random bytes. */
function randomMac(): string {
  return ['52', '54', '00', ...[...randomBytes(3)].map((b) => b.toString(16).padStart(2, '0'))].join(':');
}

/**
 * Give every interface without `<target dev>` a free `<prefix>N` name, as the test driver does
 * with `testnet` when a domain is defined.
 */
export function assignInterfaceNames(interfaces: XNode[], prefix: string): void {
  const taken = new Set(interfaces.map((n) => getAttr(getChild(n, 'target'), 'dev')).filter((d) => d !== undefined));
  for (const net of interfaces) {
    if (getAttr(getChild(net, 'target'), 'dev') !== undefined) continue;
    let i = 0;
    while (taken.has(`${prefix}${i}`)) i++;
    taken.add(`${prefix}${i}`);
    const target = getChild(net, 'target');
    if (target) {
      setAttr(target, 'dev', `${prefix}${i}`);
      orderAttrs(target, ['dev', 'managed']);
    } else net.children.push(newXNode('target', [['dev', `${prefix}${i}`]]));
    orderChildren(net, NET_CHILD_ORDER);
  }
}
