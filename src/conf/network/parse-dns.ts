/** `<dns>` of a network: forwarders, TXT, SRV and host records. */
import { ErrorDomain, ErrorNumber } from '../../errors/codes.js';
import { virError } from '../../errors/vir-error.js';
import { attr, childElements, type XmlElement } from '../xml.js';
import { formatIp, parseIp } from './addr.js';
import type { DnsHost, DnsSrv, DnsTxt, NetworkDNS } from './types.js';
import { parseUnsigned, propYesNo, xpathAttr } from './xml-props.js';

/** Longest SRV service name: the record limit minus RFC 2782 overhead. */
const SRV_SERVICE_MAX = 512 - 30;

const detail = (text: string) => virError(ErrorDomain.VIR_FROM_NETWORK, ErrorNumber.VIR_ERR_XML_DETAIL, text);
const xmlErr = (text: string) => virError(ErrorDomain.VIR_FROM_NETWORK, ErrorNumber.VIR_ERR_XML_ERROR, text);

/** A DNS `<host>`; a partial one (a search pattern of network update) may lack its ip or its names, not both. */
export function parseDnsHost(networkName: string, node: XmlElement, partial = false): DnsHost {
  const ipText = attr(node, 'ip');
  if (ipText === undefined && !partial) throw detail(`Missing IP address in network '${networkName}' DNS HOST record`);
  const ip = ipText === undefined ? undefined : parseIp(ipText);
  if (ip === null) throw detail(`Invalid IP address in network '${networkName}' DNS HOST record`);
  const hostnames: string[] = [];
  for (const h of childElements(node, 'hostname')) {
    if (!h.firstChild) continue;
    const name = h.textContent ?? '';
    if (name === '') throw detail(`Missing hostname in network '${networkName}' DNS HOST record`);
    hostnames.push(name);
  }
  if (hostnames.length === 0 && !partial) throw detail(`Missing hostname in network '${networkName}' DNS HOST record`);
  if (!ip && hostnames.length === 0) throw detail(`Missing ip and hostname in network '${networkName}' DNS HOST record`);
  return { ip: ip ? formatIp(ip) : '', hostnames };
}

/** virXPathUInt on an SRV attribute: undefined when absent, 'bad' when not a number. */
function srvNumber(node: XmlElement, name: string): number | 'bad' | undefined {
  const text = xpathAttr(node, name);
  if (text === undefined) return undefined;
  const value = parseUnsigned(text, 0xffffffffn);
  return value === null ? 'bad' : Number(value);
}

/** A DNS `<srv>`; a partial one (a search pattern of network update) may lack service and protocol. */
export function parseSrv(networkName: string, node: XmlElement, partial = false): DnsSrv {
  const service = attr(node, 'service');
  if (service === undefined && !partial) throw detail(`missing required service attribute in DNS SRV record of network '${networkName}'`);
  if (service !== undefined && service.length > SRV_SERVICE_MAX) {
    throw detail(`service attribute '${service}' in network '${networkName}' is too long, limit is ${SRV_SERVICE_MAX} bytes`);
  }
  if (service !== undefined && !/^[A-Za-z0-9_\-+/*]*$/.test(service)) {
    throw detail(`invalid character in service attribute '${service}' in DNS SRV record of network '${networkName}'`);
  }
  const protocol = attr(node, 'protocol');
  if (protocol === undefined && !partial) {
    throw detail(`missing required protocol attribute in DNS SRV record '${service ?? '(null)'}' of network '${networkName}'`);
  }
  if (protocol !== undefined && !/^[A-Za-z0-9\-+/]*$/.test(protocol)) {
    throw detail(`invalid character in protocol attribute '${protocol}' in DNS SRV record of network '${networkName}'`);
  }
  const srv: DnsSrv = { service, protocol, domain: attr(node, 'domain'), target: attr(node, 'target') };
  const numbers: Array<['port' | 'priority' | 'weight', string, number, number]> = [
    ['port', 'invalid DNS SRV port attribute', 1, 65535],
    ['priority', 'Invalid DNS SRV priority attribute', 0, 65535],
    ['weight', 'invalid DNS SRV weight attribute', 0, 65535],
  ];
  for (const [key, invalid, min, max] of numbers) {
    const value = srvNumber(node, key);
    if (typeof value === 'number' && srv.target === undefined) {
      throw detail(`DNS SRV ${key} attribute not permitted without target for service '${service ?? '(null)'}' in network '${networkName}'`);
    }
    if (value === 'bad' || (typeof value === 'number' && (value < min || value > max))) {
      throw detail(`${invalid} for service '${service ?? '(null)'}' in network '${networkName}'`);
    }
    if (value !== undefined) srv[key] = value;
  }
  return srv;
}

/** A DNS `<txt>`; a partial one (a search pattern of network update) may lack its value. */
export function parseTxt(networkName: string, node: XmlElement, partial = false): DnsTxt {
  const name = attr(node, 'name');
  if (name === undefined) throw detail(`missing required name attribute in DNS TXT record of network ${networkName}`);
  if (/[ ,]/.test(name)) throw detail(`prohibited character in DNS TXT record name '${name}' of network ${networkName}`);
  const value = attr(node, 'value');
  if (value === undefined && !partial) throw detail(`missing required value attribute in DNS TXT record named '${name}' of network ${networkName}`);
  return { name, value: value ?? '' };
}

export function parseNetworkDNS(networkName: string, node: XmlElement): NetworkDNS {
  const dns: NetworkDNS = {
    enable: propYesNo(node, 'enable'),
    forwardPlainNames: propYesNo(node, 'forwardPlainNames'),
    forwarders: [],
    txts: [],
    srvs: [],
    hosts: [],
  };
  for (const fwd of childElements(node, 'forwarder')) {
    const addrText = attr(fwd, 'addr');
    let addr: string | undefined;
    if (addrText !== undefined) {
      const parsed = parseIp(addrText);
      if (!parsed) throw xmlErr(`Invalid forwarder IP address '${addrText}' in network '${networkName}'`);
      addr = formatIp(parsed);
    }
    const domain = attr(fwd, 'domain');
    if (addr === undefined && domain === undefined) {
      throw xmlErr('Invalid forwarder element, must contain at least one of addr or domain');
    }
    dns.forwarders.push({ domain, addr });
  }
  dns.hosts = childElements(node, 'host').map((h) => parseDnsHost(networkName, h));
  dns.srvs = childElements(node, 'srv').map((s) => parseSrv(networkName, s));
  dns.txts = childElements(node, 'txt').map((t) => parseTxt(networkName, t));
  if (dns.enable === 'no' && (dns.forwarders.length || dns.hosts.length || dns.srvs.length || dns.txts.length)) {
    throw xmlErr(`Extra data in disabled network '${networkName}'`);
  }
  return dns;
}
