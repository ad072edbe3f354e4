/** `<interface>`: type check, MAC address, canonical child order, test-driver ifnames. */
import type { XmlElement } from '../../xml.js';
import { enumAttr, uintValue, xmlError } from '../parse-util.js';
import { getAttr, getChild, newXNode, orderAttrs, orderChildren, setAttr, toXNode, type XNode } from '../xnode.js';
import { DEVICE_INFO_ORDER, normalizeAddress } from './address.js';
import { canonicalHostdevSource } from './hostdev.js';
import { randomBytes } from 'node:crypto';
import { ErrorDomain, ErrorNumber } from '../../../errors/codes.js';
import { virError } from '../../../errors/vir-error.js';

const NET_TYPES = ['user', 'ethernet', 'vhostuser', 'server', 'client', 'mcast', 'network', 'bridge', 'internal',
  'direct', 'hostdev', 'udp', 'vdpa', 'null', 'vds'] as const;
export const NET_CHILD_ORDER = ['mac', 'source', 'vlan', 'virtualport', 'bandwidth', 'port', 'ip', 'route', 'portForward',
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
  const type = getAttr(node, 'type') ?? 'user';
  const model = canonicalModel(node);
  const driver = getChild(node, 'driver');
  const source = getChild(node, 'source');
  if (type === 'hostdev' && source) {
    // the source names a host device as <hostdev> does; vendor ids alone mean USB
    const addrType = getAttr(getChild(source, 'address'), 'type') ?? (getChild(source, 'vendor') ? 'usb' : undefined);
    canonicalHostdevSource(source, addrType);
  }
  if (driver && type === 'hostdev') {
    // a hostdev interface's <driver> names the PCI backend; it sits before the source
    driver.attrs = driver.attrs.filter(([k]) => k === 'name');
    driver.children = [];
    if (driver.attrs.length === 0 || getAttr(driver, 'name') === 'default') node.children.splice(node.children.indexOf(driver), 1);
  } else if (driver && !VIRTIO_MODELS.includes(model ?? '')) {
    // the virtio-net driver options are written only for a virtio model
    node.children.splice(node.children.indexOf(driver), 1);
  } else if (driver) {
    // queue counts are unsigned; one queue is what there always is, so it is not written
    for (const name of ['queues', 'rx_queue_size', 'tx_queue_size']) {
      const v = getAttr(driver, name);
      const n = v === undefined ? 0 : uintValue(v, name, 'driver');
      setAttr(driver, name, n === 0 || (name === 'queues' && n === 1) ? undefined : String(n));
    }
    orderAttrs(driver, DRIVER_ATTR_ORDER);
  }
  if (!FILTERREF_TYPES.includes(type)) node.children = node.children.filter((c) => c.name !== 'filterref');
  for (const ip of node.children.filter((c) => c.name === 'ip')) orderAttrs(ip, ['address', 'family', 'prefix', 'peer']);
  normalizeAddress(node);
  orderInterfaceChildren(node);
  return node;
}

/** libvirt's child order; a hostdev interface's backend `<driver>` comes right after the MAC. */
function orderInterfaceChildren(node: XNode): void {
  orderChildren(node, getAttr(node, 'type') === 'hostdev' ? ['mac', 'driver', ...NET_CHILD_ORDER.slice(1)] : NET_CHILD_ORDER);
}

/** Model names libvirt knows, matched without regard to case and written as listed. */
const KNOWN_MODELS = ['netfront', 'rtl8139', 'virtio', 'e1000', 'e1000e', 'virtio-transitional', 'virtio-non-transitional',
  'usb-net', 'spapr-vlan', 'lan9118', 'scm91c111', 'vlance', 'vmxnet', 'vmxnet2', 'vmxnet3', 'Am79C970A', 'Am79C973',
  '82540EM', '82545EM', '82543GC'];
const VIRTIO_MODELS = ['virtio', 'virtio-transitional', 'virtio-non-transitional'];
/** Interface types whose `<filterref>` libvirt reads. */
const FILTERREF_TYPES = ['network', 'bridge', 'ethernet'];

function canonicalModel(node: XNode): string | undefined {
  const model = getChild(node, 'model');
  const type = getAttr(model, 'type');
  if (!model || type === undefined) return undefined;
  const known = KNOWN_MODELS.find((m) => m.toLowerCase() === type.toLowerCase());
  if (known) setAttr(model, 'type', known);
  else if (!/^[A-Za-z0-9_-]*$/.test(type)) {
    throw virError(ErrorDomain.VIR_FROM_DOMAIN, ErrorNumber.VIR_ERR_INVALID_ARG, 'Model name contains invalid characters');
  }
  return known ?? type;
}

/** Source attributes libvirt reads per interface type; it drops the others (e.g. `bridge` of a network source). */
const SOURCE_ATTRS: Record<string, readonly string[]> = {
  // a port id belongs to a running guest's connection: a definition does not keep it
  network: ['network', 'portgroup'],
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
    orderInterfaceChildren(net);
  }
}
