/** Parse and validate `<network>` XML as libvirt's virNetworkDefParse does. */
import { ErrorDomain, ErrorNumber } from '../../errors/codes.js';
import { virError } from '../../errors/vir-error.js';
import { attr, childElements, dumpNode, firstChild, parseXmlDocument, type XmlElement } from '../xml.js';
import { formatIp, formatMac, ipEqual, ipPrefix, isMulticastMac, maskByPrefix, parseIp, parseMac } from './addr.js';
import { parseNetworkDNS } from './parse-dns.js';
import { parseDnsmasqOptions } from './dnsmasq.js';
import { parseBandwidth } from '../netdev/bandwidth.js';
import { parseVlan } from '../netdev/vlan.js';
import { parseVirtualPort } from '../netdev/virtualport.js';
import { checkRange, parseNetworkIP } from './parse-ip.js';
import { FORWARD_MODES, type ForwardMode, type NetworkDef, type NetworkForward, type NetworkIP, type NetworkRoute, type PortGroup } from './types.js';
import { generateUuid, parseUuid } from './uuid.js';
import { parseUnsigned, propUInt, propYesNo, xpathAttr, xpathText } from './xml-props.js';

const err = (code: number, detail: string) => virError(ErrorDomain.VIR_FROM_NETWORK, code, detail);
const xmlErr = (detail: string) => err(ErrorNumber.VIR_ERR_XML_ERROR, detail);

function parseNat(name: string, node: XmlElement, fwd: NetworkForward): void {
  if (fwd.mode !== 'nat') {
    throw xmlErr(`The <nat> element can only be used when <forward> 'mode' is 'nat' in network ${name}`);
  }
  fwd.natIPv6 = propYesNo(node, 'ipv6');
  const addrs = childElements(node, 'address');
  if (addrs.length > 1) throw xmlErr(`Only one <address> element is allowed in <nat> in <forward> in network ${name}`);
  if (addrs.length === 1) {
    const start = attr(addrs[0], 'start');
    if (start === undefined) throw xmlErr(`missing 'start' attribute in <address> element in <nat> in <forward> in network ${name}`);
    const end = attr(addrs[0], 'end');
    if (end === undefined) throw xmlErr(`missing 'end' attribute in <address> element in <nat> in <forward> in network ${name}`);
    const s = parseIp(start, 'ipv4');
    if (!s) throw xmlErr(`Bad ipv4 start address '${start}' in <nat> in <forward> in network '${name}'`);
    const e = parseIp(end, 'ipv4');
    if (!e) throw xmlErr(`Bad ipv4 end address '${end}' in <nat> in <forward> in network '${name}'`);
    checkRange(s, e);
    fwd.natAddressStart = formatIp(s);
    fwd.natAddressEnd = formatIp(e);
  }
  const ports = childElements(node, 'port');
  if (ports.length > 1) throw xmlErr(`Only one <port> element is allowed in <nat> in <forward> in network ${name}`);
  if (ports.length === 1) {
    const num = (key: string) => {
      const text = xpathAttr(ports[0], key);
      const v = text === undefined ? null : parseUnsigned(text, 0xffffffffn);
      return v === null ? null : Number(v);
    };
    const start = num('start');
    if (start === null || start > 65535) {
      throw err(ErrorNumber.VIR_ERR_XML_DETAIL, `Missing or invalid 'start' attribute in <port> in <nat> in <forward> in network ${name}`);
    }
    const end = num('end');
    if (end === null || end > 65535 || end < start) {
      throw err(ErrorNumber.VIR_ERR_XML_DETAIL, `Missing or invalid 'end' attribute in <port> in <nat> in <forward> in network ${name}`);
    }
    fwd.natPortStart = start;
    fwd.natPortEnd = end;
  }
}

function parsePciAddress(node: XmlElement) {
  const field = (key: string, max: number) => {
    const text = attr(node, key);
    if (text === undefined) return 0;
    const v = /^0x[0-9a-fA-F]+$/.test(text) ? parseInt(text, 16) : /^\d+$/.test(text) ? Number(text) : NaN;
    if (!(v <= max)) {
      throw virError(ErrorDomain.VIR_FROM_DEVICE, ErrorNumber.VIR_ERR_INTERNAL_ERROR, `Cannot parse <address> '${key}' attribute`);
    }
    return v;
  };
  return { domain: field('domain', 0xffff), bus: field('bus', 0xff), slot: field('slot', 0x1f), function: field('function', 7) };
}

function parseForward(name: string, node: XmlElement): NetworkForward {
  const modeText = xpathAttr(node, 'mode');
  if (modeText !== undefined && !(FORWARD_MODES as readonly string[]).includes(modeText)) {
    throw err(ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED, `unknown forwarding type '${modeText}'`);
  }
  const fwd: NetworkForward = {
    mode: (modeText ?? 'nat') as ForwardMode,
    managed: xpathAttr(node, 'managed')?.toLowerCase() === 'yes',
    interfaces: [],
  };
  const driverName = xpathAttr(firstChild(node, 'driver'), 'name');
  if (driverName !== undefined) {
    if (driverName !== 'kvm' && driverName !== 'vfio') {
      throw err(ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED, `Unknown forward <driver name='${driverName}'/> in network ${name}`);
    }
    fwd.driverName = driverName;
  }
  const ifNodes = childElements(node, 'interface');
  const addrNodes = childElements(node, 'address');
  const pfNodes = childElements(node, 'pf');
  const natNodes = childElements(node, 'nat');
  if (natNodes.length > 1) throw xmlErr(`Only one <nat> element is allowed in <forward> of network ${name}`);
  if (natNodes.length === 1) parseNat(name, natNodes[0], fwd);
  const dev = xpathAttr(node, 'dev');
  if (dev !== undefined && (addrNodes.length > 0 || pfNodes.length > 0)) {
    // libvirt leaves the %s of this message unfilled
    throw xmlErr("the <forward> 'dev' attribute cannot be used when <address> or <pf> sub-elements are present in network %s");
  }
  if (ifNodes.length > 0 || dev !== undefined) {
    if (dev !== undefined) fwd.interfaces.push({ type: 'netdev', dev });
    ifNodes.forEach((ifNode, i) => {
      const ifDev = attr(ifNode, 'dev');
      if (ifDev === undefined) throw xmlErr(`Missing required dev attribute in <forward> <interface> element of network ${name}`);
      if (i === 0 && dev !== undefined) {
        if (ifDev !== dev) throw xmlErr(`<forward dev='${dev}'> must match first <interface dev='${ifDev}'/> in network ${name}`);
        return;
      }
      if (fwd.interfaces.some((f) => f.type === 'netdev' && f.dev === ifDev)) {
        throw xmlErr(`interface '${ifDev}' can only be listed once in network ${name}`);
      }
      fwd.interfaces.push({ type: 'netdev', dev: ifDev });
    });
  } else if (addrNodes.length > 0) {
    for (const a of addrNodes) {
      const type = attr(a, 'type');
      if (type === undefined) throw xmlErr(`missing address type in network ${name}`);
      if (type !== 'pci' && type !== 'netdev') {
        throw err(ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED, `unknown address type '${type}' in network ${name}`);
      }
      if (type !== 'pci') throw xmlErr(`unsupported address type '${type}' in network ${name}`);
      const pci = parsePciAddress(a);
      if (fwd.interfaces.some((f) => f.type === 'pci' && f.pci.domain === pci.domain && f.pci.bus === pci.bus &&
        f.pci.slot === pci.slot && f.pci.function === pci.function)) {
        const hex = (v: number, w: number) => v.toString(16).padStart(w, '0');
        throw xmlErr(`PCI device '${hex(pci.domain, 4)}:${hex(pci.bus, 2)}:${hex(pci.slot, 2)}.${pci.function.toString(16)}' can only be listed once in network ${name}`);
      }
      fwd.interfaces.push({ type: 'pci', pci });
    }
  } else if (pfNodes.length > 1) {
    throw xmlErr(`Only one <pf> element is allowed in <forward> of network ${name}`);
  } else if (pfNodes.length === 1) {
    const pfDev = attr(pfNodes[0], 'dev');
    if (pfDev === undefined) throw xmlErr(`Missing required dev attribute in <pf> element of network '${name}'`);
    fwd.pf = pfDev;
  }
  return fwd;
}

function routeFamilyChecks(detail: string, route: NetworkRoute, address: string, netmaskGiven: boolean) {
  const e = (text: string) => xmlErr(`${detail}: ${text}`);
  const addr = parseIp(route.address)!;
  const gw = parseIp(route.gateway)!;
  if (route.family === undefined || route.family === 'ipv4') {
    const which = route.family === undefined ? 'No family' : 'IPv4 family';
    if (addr.family !== 'ipv4') throw e(`${which} specified for non-IPv4 address '${address}' in route definition`);
    if (gw.family !== 'ipv4') throw e(`${which} specified for non-IPv4 gateway '${address}' in route definition`);
    if ((route.prefix ?? 0) > 32) throw e(`Invalid prefix ${route.prefix} specified in route definition, must be 0 - 32`);
  } else if (route.family === 'ipv6') {
    if (addr.family !== 'ipv6') throw e(`ipv6 family specified for non-IPv6 address '${address}' in route definition`);
    if (netmaskGiven) throw e(`Specifying netmask invalid for IPv6 address '${address}' in route definition`);
    if (gw.family !== 'ipv6') throw e(`ipv6 specified for non-IPv6 gateway address '${route.gateway}' in route definition`);
    if ((route.prefix ?? 0) > 128) throw e(`Invalid prefix ${route.prefix} specified in route definition, must be 0 - 128`);
  } else {
    throw e(`Unrecognized family '${route.family}' in route definition`);
  }
}

function parseRoute(networkName: string, node: XmlElement): NetworkRoute {
  const e = (text: string) => xmlErr(`${networkName}: ${text}`);
  const family = attr(node, 'family');
  const address = attr(node, 'address');
  const netmask = attr(node, 'netmask');
  const gateway = attr(node, 'gateway');
  const prefix = propUInt(node, 'prefix');
  const metric = propUInt(node, 'metric');
  if (metric === 0) {
    throw virError(ErrorDomain.VIR_FROM_XML, ErrorNumber.VIR_ERR_XML_ERROR,
      "Invalid value for attribute 'metric' in element 'route': Zero is not permitted");
  }
  if (address === undefined) throw e('Missing required address attribute in route definition');
  if (gateway === undefined) throw e('Missing required gateway attribute in route definition');
  const addr = parseIp(address);
  if (!addr) throw e(`Bad network address '${address}' in route definition`);
  const gw = parseIp(gateway);
  if (!gw) throw e(`Bad gateway address '${gateway}' in route definition`);
  const route: NetworkRoute = { family, address: formatIp(addr), prefix, gateway: formatIp(gw), metric };
  if ((family === undefined || family === 'ipv4') && addr.family === 'ipv4' && gw.family === 'ipv4' && netmask !== undefined) {
    const mask = parseIp(netmask);
    if (!mask) throw e(`Bad netmask address '${netmask}' in route definition`);
    if (mask.family !== 'ipv4') throw e(`Invalid netmask '${netmask}' for address '${address}' (both must be IPv4)`);
    if (prefix !== undefined) throw e('Route definition cannot have both a prefix and a netmask');
    route.netmask = formatIp(mask);
  }
  routeFamilyChecks(networkName, route, address, netmask !== undefined);
  const bits = route.netmask ? maskBitsOf(route.netmask) : (prefix ?? 0);
  if (!ipEqual(addr, maskByPrefix(addr, bits))) throw e(`Address '${address}' in route definition is not a network address`);
  return route;
}

function maskBitsOf(netmask: string): number {
  // A non-contiguous mask still masks bitwise; count leading ones as virSocketAddrMask effectively does for valid masks.
  const mask = parseIp(netmask)!;
  let bits = 0;
  for (const byte of mask.bytes) for (let i = 7; i >= 0 && byte & (1 << i); i--) bits++;
  return bits;
}

/** Each static route's gateway must sit inside one of the network's own IP ranges. */
function checkRouteGateways(def: NetworkDef): void {
  for (const route of def.routes) {
    const gw = parseIp(route.gateway)!;
    const reachable = def.ips.some((ip) => {
      const address = parseIp(ip.address)!;
      if (address.family !== gw.family) return false;
      const prefix = ipPrefix(address, ip.netmask ? parseIp(ip.netmask) : null, ip.prefix);
      return prefix >= 0 && ipEqual(maskByPrefix(address, prefix), maskByPrefix(gw, prefix));
    });
    if (!reachable) {
      throw err(ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED,
        `unreachable static route gateway '${route.gateway}' specified for network '${def.name}'`);
    }
  }
}

export function parsePortGroup(node: XmlElement): PortGroup {
  const name = xpathAttr(node, 'name');
  if (name === undefined) throw xmlErr('Missing required name attribute in portgroup');
  const isDefault = xpathAttr(node, 'default')?.toLowerCase() === 'yes';
  const trustGuestRxFilters = propYesNo(node, 'trustGuestRxFilters');
  const vport = firstChild(node, 'virtualport');
  const bandwidth = firstChild(node, 'bandwidth');
  const vlan = firstChild(node, 'vlan');
  return {
    name,
    isDefault,
    trustGuestRxFilters,
    virtualPort: vport ? parseVirtualPort(vport, false) : undefined,
    bandwidth: bandwidth ? parseBandwidth(bandwidth, false) : undefined,
    vlan: vlan ? parseVlan(vlan) : undefined,
  };
}

/** Checks that tie the bridge, mtu and forward settings to the forward mode. */
function checkForwardMode(def: NetworkDef, stpGiven: boolean): void {
  const fwd = def.forward;
  const mode = fwd?.mode;
  switch (mode) {
    case undefined:
      break;
    case 'route':
    case 'nat':
    case 'open':
      if (def.ips.length === 0) throw xmlErr(`${mode} forwarding requested, but no IP address provided for network '${def.name}'`);
      if (fwd!.interfaces.length > 1) throw xmlErr(`multiple forwarding interfaces specified for network '${def.name}', only one is supported`);
      if (mode === 'open' && fwd!.interfaces.length) throw xmlErr(`forward dev not allowed for network '${def.name}' with forward mode='${mode}'`);
      break;
    default:
      if (mode !== 'bridge') {
        if (def.bridge.name !== undefined) throw xmlErr(`bridge name not allowed in ${mode} mode (network '${def.name}')`);
        if (def.bridge.zone !== undefined) throw xmlErr(`bridge zone not allowed in ${mode} mode (network '${def.name}')`);
        if (def.bridge.macTableManager !== undefined) {
          throw xmlErr(`bridge macTableManager setting not allowed in ${mode} mode (network '${def.name}')`);
        }
      }
      if (def.bridge.delay || stpGiven || def.bridge.zone !== undefined) {
        throw xmlErr(`bridge delay/stp/zone options only allowed in route, nat, and isolated mode, not in ${mode} (network '${def.name}')`);
      }
      if (def.bridge.name !== undefined && (fwd!.interfaces.length || fwd!.pf !== undefined)) {
        throw xmlErr(`A network with forward mode='${mode}' can specify a bridge name or a forward dev, but not both (network '${def.name}')`);
      }
  }
  if (def.mtu && mode !== undefined && !['nat', 'route', 'open'].includes(mode)) {
    throw xmlErr(`mtu size only allowed in open, route, nat, and isolated mode, not in ${mode} (network '${def.name}')`);
  }
}

/** What a caller's XML options add to parsing (libvirt's virNetworkXMLOption). */
export interface NetworkParseOptions {
  /** Read `<dnsmasq:options>`, as libvirt's network driver does (its test driver does not). */
  dnsmasqNamespace?: boolean;
}

/** Parse a `<network>` element already read into a DOM. */
export function parseNetworkElement(root: XmlElement, opts: NetworkParseOptions = {}): NetworkDef {
  const name = xpathText(root, 'name');
  if (name === undefined) throw virError(ErrorDomain.VIR_FROM_NETWORK, ErrorNumber.VIR_ERR_NO_NAME);
  if (name.includes('/')) throw virError(ErrorDomain.VIR_FROM_XML, ErrorNumber.VIR_ERR_XML_DETAIL, 'invalid char in name: /');

  const uuidText = xpathText(root, 'uuid');
  let uuid: string;
  if (uuidText === undefined) {
    uuid = generateUuid();
  } else {
    const parsed = parseUuid(uuidText);
    if (!parsed) throw err(ErrorNumber.VIR_ERR_INTERNAL_ERROR, 'malformed uuid element');
    uuid = parsed;
  }

  const ipv6Text = xpathAttr(root, 'ipv6');
  if (ipv6Text !== undefined && ipv6Text !== 'yes' && ipv6Text !== 'no') {
    throw xmlErr(`Invalid ipv6 setting '${ipv6Text}' in network '${name}'`);
  }
  const trustGuestRxFilters = propYesNo(root, 'trustGuestRxFilters');
  const domainNode = firstChild(root, 'domain');
  const bandwidthNode = firstChild(root, 'bandwidth');
  const bandwidth = bandwidthNode ? parseBandwidth(bandwidthNode, false) : undefined;
  const vlanNode = firstChild(root, 'vlan');
  const vlan = vlanNode ? parseVlan(vlanNode) : undefined;

  const bridgeNode = firstChild(root, 'bridge');
  const stp = xpathAttr(bridgeNode, 'stp');
  const delayText = xpathAttr(bridgeNode, 'delay');
  let delay = 0;
  if (delayText !== undefined) {
    const v = parseUnsigned(delayText, 0xffffffffffffffffn);
    if (v === null) throw xmlErr(`Invalid delay value in network '${name}'`);
    delay = Number(v);
  }
  const mtm = xpathAttr(bridgeNode, 'macTableManager');
  if (mtm !== undefined && mtm !== 'kernel' && mtm !== 'libvirt') {
    throw xmlErr(`Invalid macTableManager setting '${mtm}' in network '${name}'`);
  }

  const macText = xpathAttr(firstChild(root, 'mac'), 'address');
  let mac: string | undefined;
  if (macText !== undefined) {
    const bytes = parseMac(macText);
    if (!bytes) throw xmlErr(`Invalid bridge mac address '${macText}' in network '${name}'`);
    if (isMulticastMac(bytes)) throw xmlErr(`Invalid multicast bridge mac address '${macText}' in network '${name}'`);
    mac = formatMac(bytes);
  }
  const mtuText = xpathAttr(firstChild(root, 'mtu'), 'size');
  let mtu: number | undefined;
  if (mtuText !== undefined) {
    const v = parseUnsigned(mtuText, 0xffffffffn);
    if (v === null) throw xmlErr(`Invalid mtu size '${mtuText}' in network '${name}'`);
    mtu = Number(v);
  }

  const dnsNode = firstChild(root, 'dns');
  const dns = dnsNode ? parseNetworkDNS(name, dnsNode) : { forwarders: [], txts: [], srvs: [], hosts: [] };
  const vportNode = firstChild(root, 'virtualport');
  const def: NetworkDef = {
    name,
    uuid,
    uuidSpecified: uuidText !== undefined,
    connections: 0,
    ipv6: ipv6Text === 'yes',
    trustGuestRxFilters,
    domain: attr(domainNode, 'name'),
    domainLocalOnly: propYesNo(domainNode, 'localOnly'),
    portIsolated: propYesNo(firstChild(root, 'port'), 'isolated'),
    bridge: {
      name: xpathAttr(bridgeNode, 'name'),
      zone: xpathAttr(bridgeNode, 'zone'),
      stp: stp !== 'off',
      delay,
      macTableManager: mtm as 'kernel' | 'libvirt' | undefined,
    },
    mac,
    mtu,
    dns,
    bandwidth,
    vlan,
    virtualPort: vportNode ? parseVirtualPort(vportNode, true) : undefined,
    portGroups: childElements(root, 'portgroup').map(parsePortGroup),
    ips: [] as NetworkIP[],
    routes: [],
  };
  def.ips = childElements(root, 'ip').map((n) => parseNetworkIP(name, n));
  def.routes = childElements(root, 'route').map((n) => parseRoute(name, n));
  checkRouteGateways(def);
  const forwardNode = firstChild(root, 'forward');
  if (forwardNode) def.forward = parseForward(name, forwardNode);
  checkForwardMode(def, stp !== undefined);
  const metadata = firstChild(root, 'metadata');
  if (metadata) def.metadata = dumpNode(metadata, 1);
  if (opts.dnsmasqNamespace) def.dnsmasqOptions = parseDnsmasqOptions(root);
  return def;
}

/** How libvirt names, checks and validates (`network.rng`) this document. */
export const NETWORK_DOCUMENT = { url: '(network_definition)', errorDomain: ErrorDomain.VIR_FROM_NETWORK, rootElement: 'network', schema: 'network' };

/** Parse `<network>` XML text (libvirt's virNetworkDefParseString). */
export function parseNetworkXML(xml: string, opts: NetworkParseOptions = {}): NetworkDef {
  const root = parseXmlDocument(xml, NETWORK_DOCUMENT);
  return parseNetworkElement(root, opts);
}
