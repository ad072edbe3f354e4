/** `<ip>` of a network: address, netmask/prefix, DHCP ranges and hosts, TFTP and BOOTP. */
import { ErrorDomain, ErrorNumber } from '../../errors/codes.js';
import { virError } from '../../errors/vir-error.js';
import { attr, childElements, firstChild, type XmlElement } from '../xml.js';
import { formatIp, ipEqual, ipPrefix, maskByPrefix, parseIp, parseMac, isMulticastMac, type IpAddr } from './addr.js';
import type { DhcpHost, DhcpLease, DhcpRange, NetworkIP } from './types.js';
import { propEnum, propULongLong, propUInt, propYesNo, xpathAttr } from './xml-props.js';

const netErr = (code: number, detail: string) => virError(ErrorDomain.VIR_FROM_NETWORK, code, detail);
const utilErr = (detail: string) => virError(ErrorDomain.VIR_FROM_NONE, ErrorNumber.VIR_ERR_INTERNAL_ERROR, detail);

/** getaddrinfo's failure, as virSocketAddrParse reports it. */
export function parseIpOrThrow(text: string, family?: 'ipv4'): IpAddr {
  const addr = parseIp(text, family);
  if (!addr) {
    throw virError(ErrorDomain.VIR_FROM_NONE, ErrorNumber.VIR_ERR_SYSTEM_ERROR,
      `Cannot parse socket address '${text}': Name or service not known`);
  }
  return addr;
}

/** virSocketAddrGetRange's sanity checks for a range, optionally inside network/prefix. */
export function checkRange(start: IpAddr, end: IpAddr, network?: IpAddr, prefix = 0): void {
  const s = formatIp(start);
  const e = formatIp(end);
  if (start.family !== end.family) throw utilErr(`mismatch of address family in range ${s} - ${e}`);
  if (network) {
    const n = formatIp(network);
    if (start.family !== network.family) {
      throw utilErr(`mismatch of address family in range ${s} - ${e} for network ${n}`);
    }
    const bits = network.family === 'ipv4' ? 32 : 128;
    if (prefix < 0 || prefix > bits) throw utilErr(`bad prefix ${prefix} for network ${n} when  checking range ${s} - ${e}`);
    const net = maskByPrefix(network, prefix);
    if (!ipEqual(maskByPrefix(start, prefix), net) || !ipEqual(maskByPrefix(end, prefix), net)) {
      throw utilErr(`range ${s} - ${e} is not entirely within network ${n}/${prefix}`);
    }
    if (start.family === 'ipv4') {
      if (ipEqual(start, net)) throw utilErr(`start of range ${s} - ${e} in network ${n}/${prefix} is the network address`);
      if (ipEqual(end, maskByPrefix(network, prefix, true))) {
        throw utilErr(`end of range ${s} - ${e} in network ${n}/${prefix} is the broadcast address`);
      }
    }
  }
  // libvirt's legacy limit: all but the last two bytes must match
  const fixed = start.bytes.length - 2;
  for (let i = 0; i < fixed; i++) {
    if (start.bytes[i] !== end.bytes[i]) throw utilErr(`range ${s} - ${e} is too large (> 65535)`);
  }
  const count = (end.bytes[fixed] - start.bytes[fixed]) * 256 + (end.bytes[fixed + 1] - start.bytes[fixed + 1]);
  if (count < 0) throw utilErr(`range ${s} - ${e} is reversed `);
}

function parseLease(parent: XmlElement): DhcpLease | undefined {
  let lease: DhcpLease | undefined;
  for (const node of childElements(parent, 'lease')) {
    const expiry = propULongLong(node, 'expiry');
    if (expiry === undefined) continue;
    const unit = propEnum(node, 'unit', ['seconds', 'minutes', 'hours'] as const) ?? 'minutes';
    if (expiry > 0n && ((unit === 'seconds' && expiry < 120n) || (unit === 'minutes' && expiry < 2n))) {
      throw netErr(ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED, 'The minimum lease time should be greater than 2 minutes');
    }
    lease = { expiry: Number(expiry), unit };
  }
  return lease;
}

export function parseRange(networkName: string, address: IpAddr, prefix: number, node: XmlElement): DhcpRange {
  const start = attr(node, 'start');
  if (start === undefined) throw netErr(ErrorNumber.VIR_ERR_XML_ERROR, `Missing 'start' attribute in dhcp range for network '${networkName}'`);
  const startAddr = parseIpOrThrow(start);
  const end = attr(node, 'end');
  if (end === undefined) throw netErr(ErrorNumber.VIR_ERR_XML_ERROR, `Missing 'end' attribute in dhcp range for network '${networkName}'`);
  const endAddr = parseIpOrThrow(end);
  checkRange(startAddr, endAddr, address, prefix);
  return { start: formatIp(startAddr), end: formatIp(endAddr), lease: parseLease(node) };
}

/**
 * A `<dhcp><host>`. A partial one (network update's delete, a search pattern) needs only one of
 * mac, name or ip; its ip then may be absent.
 */
export function parseHost(networkName: string, address: IpAddr, node: XmlElement, partial = false): DhcpHost {
  const err = (detail: string) => netErr(ErrorNumber.VIR_ERR_XML_ERROR, detail);
  const mac = attr(node, 'mac');
  if (mac !== undefined) {
    if (address.family === 'ipv6') {
      throw err(`Invalid to specify MAC address '${mac}' in network '${networkName}' IPv6 static host definition`);
    }
    const bytes = parseMac(mac);
    if (!bytes) throw err(`Cannot parse MAC address '${mac}' in network '${networkName}'`);
    if (isMulticastMac(bytes)) throw err(`expected unicast mac address, found multicast '${mac}' in network '${networkName}'`);
  }
  const id = attr(node, 'id');
  const badIdChar = id?.match(/[^0-9a-fA-F:]/);
  if (badIdChar) throw err(`Invalid character '${badIdChar[0]}' in id '${id}' of network '${networkName}'`);
  const name = attr(node, 'name');
  if (name !== undefined && !/^[A-Za-z0-9]/.test(name)) throw err(`Cannot use host name '${name}' in network '${networkName}'`);
  const ip = attr(node, 'ip');
  const ipAddr = ip === undefined ? undefined : parseIp(ip);
  if (ip !== undefined && !ipAddr) throw err(`Invalid IP address in static host definition for network '${networkName}'`);
  if (partial) {
    if (!(mac || name || ip)) {
      throw err(`At least one of name, mac, or ip attribute must be specified for static host definition in network '${networkName}' `);
    }
  } else {
    if (address.family === 'ipv6') {
      if (!(id || name)) throw err(`Static host definition in IPv6 network '${networkName}' must have id or name attribute`);
    } else if (!(mac || name)) {
      throw err(`Static host definition in IPv4 network '${networkName}' must have mac or name attribute`);
    }
    if (!ipAddr) throw err(`Missing IP address in static host definition for network '${networkName}'`);
  }
  return { mac, id, name, ip: ipAddr ? formatIp(ipAddr) : undefined, lease: parseLease(node) };
}

function parseDhcp(networkName: string, node: XmlElement, ip: NetworkIP, address: IpAddr, prefix: number): void {
  for (const child of childElements(node)) {
    if (child.nodeName === 'range') ip.dhcpRanges.push(parseRange(networkName, address, prefix, child));
    else if (child.nodeName === 'host') ip.dhcpHosts.push(parseHost(networkName, address, child));
    else if (child.nodeName === 'bootp' && address.family === 'ipv4') {
      const file = attr(child, 'file');
      if (file === undefined) continue;
      const server = attr(child, 'server');
      ip.bootpFile = file;
      ip.bootpServer = server === undefined ? undefined : formatIp(parseIpOrThrow(server));
    }
  }
}

export function parseNetworkIP(networkName: string, node: XmlElement): NetworkIP {
  const cfg = (detail: string) => netErr(ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED, detail);
  const family = xpathAttr(node, 'family');
  const addressText = xpathAttr(node, 'address');
  if (addressText === undefined) {
    throw netErr(ErrorNumber.VIR_ERR_XML_ERROR, `Missing required address attribute in network '${networkName}'`);
  }
  const address = parseIp(addressText);
  if (!address) throw netErr(ErrorNumber.VIR_ERR_XML_ERROR, `Invalid address '${addressText}' in network '${networkName}'`);
  const netmaskText = xpathAttr(node, 'netmask');
  const netmask = netmaskText === undefined ? null : parseIp(netmaskText);
  if (netmaskText !== undefined && !netmask) {
    throw netErr(ErrorNumber.VIR_ERR_XML_ERROR, `Invalid netmask '${netmaskText}' in network '${networkName}'`);
  }
  const prefix = propUInt(node, 'prefix') ?? 0;
  const localPtr = propYesNo(node, 'localPtr');
  if (family === undefined || family === 'ipv4') {
    if (address.family !== 'ipv4') {
      throw cfg(`${family === undefined ? 'no' : 'ipv4'} family specified for non-IPv4 address '${addressText}' in network '${networkName}'`);
    }
    if (netmask) {
      if (netmask.family !== 'ipv4') {
        throw cfg(`Invalid netmask '${netmaskText}' for address '${addressText}' in network '${networkName}' (both must be IPv4)`);
      }
      if (prefix > 0) throw cfg(`Network '${networkName}' IP address cannot have both a prefix and a netmask`);
    } else if (prefix > 32) {
      throw cfg(`Invalid IPv4 prefix '${prefix}' in network '${networkName}'`);
    }
  } else if (family === 'ipv6') {
    if (address.family !== 'ipv6') throw cfg(`Family 'ipv6' specified for non-IPv6 address '${addressText}' in network '${networkName}'`);
    if (netmask) throw cfg(`netmask not allowed for IPv6 address '${addressText}' in network '${networkName}'`);
    if (prefix > 128) throw cfg(`Invalid IPv6 prefix '${prefix}' in network '${networkName}'`);
  } else {
    throw netErr(ErrorNumber.VIR_ERR_XML_ERROR, `Unrecognized family '${family}' in network '${networkName}'`);
  }
  const ip: NetworkIP = {
    family,
    address: formatIp(address),
    netmask: netmask ? formatIp(netmask) : undefined,
    prefix,
    localPtr,
    dhcpRanges: [],
    dhcpHosts: [],
  };
  const dhcp = firstChild(node, 'dhcp');
  if (dhcp) parseDhcp(networkName, dhcp, ip, address, ipPrefix(address, netmask, prefix));
  const tftp = firstChild(node, 'tftp');
  if (tftp) {
    if (address.family !== 'ipv4') throw cfg(`Unsupported <tftp> element in an IPv6 element in network '${networkName}'`);
    ip.tftpRoot = xpathAttr(tftp, 'root');
  }
  return ip;
}
