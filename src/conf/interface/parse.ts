/** Parse `<interface>` host interface XML as libvirt's virInterfaceDefParseXML does. */
import { ErrorDomain, ErrorNumber } from '../../errors/codes.js';
import { unknownCauseError, virError } from '../../errors/vir-error.js';
import { attr, childElements, firstChild, parseXmlDocument, type XmlElement } from '../xml.js';
import { parseUnsigned, propEnum, propIntBase0, propUInt } from '../network/xml-props.js';
import {
  BOND_MODES, INTERFACE_TYPES, LINK_STATES, type BondMode, type BondMonitor, type InterfaceDef, type InterfaceProtocol,
  type InterfaceType, type StartMode,
} from './types.js';

const xmlErr = (detail: string) => virError(ErrorDomain.VIR_FROM_INTERFACE, ErrorNumber.VIR_ERR_XML_ERROR, detail);

/** virXPathInt: -1 absent, -2 not an int (the callers word their own errors). */
function xpathInt(el: XmlElement | undefined, name: string): number | 'absent' | 'invalid' {
  const text = attr(el, name);
  if (text === undefined || text === '') return 'absent';
  const m = /^\s*[+-]?\d+$/.exec(text);
  const n = m ? Number(text.trim()) : NaN;
  return Number.isInteger(n) && n >= -0x80000000 && n <= 0x7fffffff ? n : 'invalid';
}

function oneOf<T extends string>(text: string | undefined, values: readonly T[], what: string): T | undefined {
  if (text === undefined || text === '') return undefined;
  if (!(values as readonly string[]).includes(text)) throw xmlErr(`unknown ${what} ${text}`);
  return text as T;
}

function parseProtocol(el: XmlElement): InterfaceProtocol {
  const family = attr(el, 'family');
  if (family === undefined) throw xmlErr('protocol misses the family attribute');
  if (family !== 'ipv4' && family !== 'ipv6') throw xmlErr(`unsupported protocol family '${family}'`);
  const proto: InterfaceProtocol = { family, autoconf: false, dhcp: false, ips: [] };
  const gateway = attr(firstChild(el, 'route'), 'gateway');
  if (gateway) proto.gateway = gateway;
  if (family === 'ipv6' && firstChild(el, 'autoconf')) proto.autoconf = true;
  const dhcp = firstChild(el, 'dhcp');
  if (dhcp) {
    proto.dhcp = true;
    const peerdns = propEnum(dhcp, 'peerdns', ['yes', 'no'] as const);
    if (peerdns) proto.peerdns = peerdns === 'yes';
  }
  for (const ip of childElements(el, 'ip')) {
    const address = attr(ip, 'address');
    proto.ips.push(address === undefined ? { prefix: 0 } : { address, prefix: propIntBase0(ip, 'prefix') ?? 0 });
  }
  return proto;
}

function parseBond(el: XmlElement, def: InterfaceDef): void {
  const mode = oneOf<BondMode>(attr(el, 'mode'), BOND_MODES, 'bonding mode');
  const interfaces = childElements(el, 'interface').map((i) => parseInterfaceElement(i, 'bond'));
  let monitor: BondMonitor | undefined;
  const mii = firstChild(el, 'miimon');
  const arp = firstChild(el, 'arpmon');
  if (mii) {
    const freq = xpathInt(mii, 'freq');
    if (typeof freq !== 'number') throw xmlErr('bond interface miimon freq missing or invalid');
    const down = xpathInt(mii, 'downdelay');
    if (down === 'invalid') throw xmlErr('bond interface miimon downdelay invalid');
    const up = xpathInt(mii, 'updelay');
    if (up === 'invalid') throw xmlErr('bond interface miimon updelay invalid');
    monitor = {
      kind: 'mii',
      frequency: freq,
      downdelay: typeof down === 'number' ? down : 0,
      updelay: typeof up === 'number' ? up : 0,
      carrier: oneOf(attr(mii, 'carrier'), ['ioctl', 'netif'] as const, 'mii bonding carrier'),
    };
  } else if (arp) {
    const interval = xpathInt(arp, 'interval');
    if (typeof interval !== 'number') throw xmlErr('bond interface arpmon interval missing or invalid');
    const target = attr(arp, 'target');
    if (!target) throw xmlErr('bond interface arpmon target missing');
    monitor = { kind: 'arp', interval, target, validate: oneOf(attr(arp, 'validate'), ['active', 'backup', 'all'] as const, 'arp bonding validate') };
  }
  def.bond = { mode, monitor, interfaces };
}

/** One `<interface>`; `parent` is the type of the interface it sits in, if any. */
export function parseInterfaceElement(el: XmlElement, parent?: InterfaceType): InterfaceDef {
  const type = propEnum(el, 'type', INTERFACE_TYPES, true)!;
  const allowed = parent === undefined ? true
    : parent === 'bond' ? type === 'ethernet'
      : parent === 'bridge' ? type !== 'bridge'
        : false;
  if (!allowed) throw xmlErr(`interface has unsupported type '${type}'`);
  const name = attr(el, 'name');
  if (name === undefined) throw xmlErr('interface has no name');
  const def: InterfaceDef = { type, name, mtu: 0, protocols: [], link: { speed: 0 } };
  if (parent === undefined) {
    const mode = attr(firstChild(el, 'start'), 'mode');
    if (mode) {
      if (mode !== 'onboot' && mode !== 'hotplug' && mode !== 'none') throw xmlErr(`unknown interface startmode ${mode}`);
      def.startMode = mode as StartMode;
    }
    const mtu = attr(firstChild(el, 'mtu'), 'size');
    if (mtu !== undefined && mtu !== '') {
      const n = parseUnsigned(mtu, 0xffffffffn);
      // libvirt's parser fails here without reporting anything
      if (n === null) throw unknownCauseError();
      if (n > 100000n) throw xmlErr("value of the 'size' attribute of 'mtu' element must be at most 100000");
      def.mtu = Number(n);
    }
    def.protocols = childElements(el, 'protocol').map(parseProtocol);
  }
  if (type !== 'bridge') {
    const link = firstChild(el, 'link');
    if (link) def.link = { state: propEnum(link, 'state', LINK_STATES), speed: propUInt(link, 'speed') ?? 0 };
  }
  switch (type) {
    case 'ethernet': {
      const mac = attr(firstChild(el, 'mac'), 'address');
      if (mac) def.mac = mac;
      break;
    }
    case 'bridge': {
      const bridge = firstChild(el, 'bridge');
      if (!bridge) throw xmlErr('bridge interface misses the bridge element');
      const stp = attr(bridge, 'stp');
      // libvirt reports a bad stp value but goes on parsing (its parser returns success there)
      def.bridge = {
        stp: stp === 'on' ? true : stp === 'off' ? false : undefined,
        delay: attr(bridge, 'delay'),
        interfaces: childElements(bridge, 'interface').map((i) => parseInterfaceElement(i, 'bridge')),
      };
      break;
    }
    case 'bond': {
      const bond = firstChild(el, 'bond');
      if (!bond) throw xmlErr('bond interface misses the bond element');
      parseBond(bond, def);
      break;
    }
    case 'vlan': {
      const vlan = firstChild(el, 'vlan');
      if (!vlan) throw xmlErr('vlan interface misses the vlan element');
      const tag = attr(vlan, 'tag');
      if (!tag) throw xmlErr('vlan interface misses the tag attribute');
      const device = attr(firstChild(vlan, 'interface'), 'name');
      if (!device) throw xmlErr('vlan interface misses name attribute');
      def.vlan = { tag, device };
      break;
    }
  }
  return def;
}

/** How libvirt names, checks and validates (`interface.rng`) this document. */
export const INTERFACE_DOCUMENT = { url: '(interface_definition)', errorDomain: ErrorDomain.VIR_FROM_INTERFACE, rootElement: 'interface', schema: 'interface' };

export function parseInterfaceXML(xml: string): InterfaceDef {
  const root = parseXmlDocument(xml, INTERFACE_DOCUMENT);
  return parseInterfaceElement(root);
}
