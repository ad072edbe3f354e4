/**
 * virNetworkUpdate's edit of one section of a network definition (libvirt's
 * virNetworkDefUpdateSection): DHCP hosts and ranges, forward interfaces, portgroups and DNS
 * host/TXT/SRV records can be added, deleted or (some) modified; other sections are refused.
 */
import { ErrorDomain, ErrorNumber } from '../../errors/codes.js';
import { virError } from '../../errors/vir-error.js';
import * as C from '../../api/constants/network.js';
import { attr, parseXmlDocument, type XmlElement } from '../xml.js';
import { ipEqual, ipPrefix, parseIp, parseMac, type IpAddr } from './addr.js';
import { parseDnsHost, parseSrv, parseTxt } from './parse-dns.js';
import { parseHost, parseRange } from './parse-ip.js';
import { parsePortGroup } from './parse.js';
import type { DhcpHost, NetworkDef, NetworkIP } from './types.js';

const fail = (code: number, detail: string) => virError(ErrorDomain.VIR_FROM_NETWORK, code, detail);
const invalid = (detail: string) => fail(ErrorNumber.VIR_ERR_OPERATION_INVALID, detail);
const unsupported = (detail: string) => fail(ErrorNumber.VIR_ERR_OPERATION_UNSUPPORTED, detail);
const unknownCommand = (command: number) => unsupported(`unrecognized network update command code ${command}`);
const isAdd = (command: number) => command === C.VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST || command === C.VIR_NETWORK_UPDATE_COMMAND_ADD_LAST;

/** Put `item` first or last as the add command says. */
function insert<T>(list: T[], command: number, item: T): void {
  if (command === C.VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST) list.unshift(item);
  else list.push(item);
}

function checkElementName(def: NetworkDef, node: XmlElement, section: string): void {
  if (node.nodeName !== section) {
    throw fail(ErrorNumber.VIR_ERR_XML_ERROR, `unexpected element <${node.nodeName}>, expecting <${section}>, while updating network '${def.name}'`);
  }
}

const familyOf = (ip: NetworkIP): IpAddr['family'] => parseIp(ip.address)!.family;

/** The `<ip>` whose DHCP part is edited: the one at parentIndex, else the one with DHCP, else the first IPv4 or IPv6. */
function ipByIndex(def: NetworkDef, parentIndex: number): NetworkIP | Error {
  if (parentIndex >= 0) {
    return def.ips[parentIndex]
      ?? invalid(`couldn't update dhcp host entry - no <ip> element found at index ${parentIndex} in network '${def.name}'`);
  }
  return def.ips.find((ip) => ip.dhcpRanges.length || ip.dhcpHosts.length)
    ?? def.ips.find((ip) => familyOf(ip) === 'ipv4')
    ?? def.ips.find((ip) => familyOf(ip) === 'ipv6')
    ?? invalid(`couldn't update dhcp host entry - no <ip> element found in network '${def.name}'`);
}

/** DHCP is served on one address per family. */
function checkMultiDhcp(def: NetworkDef, ipdef: NetworkIP): void {
  const family = familyOf(ipdef);
  if (def.ips.some((ip) => ip !== ipdef && familyOf(ip) === family && (ip.dhcpRanges.length || ip.dhcpHosts.length))) {
    throw invalid(`dhcp is supported only for a single ${family === 'ipv4' ? 'IPv4' : 'IPv6'} address on each network`);
  }
}

const sameMac = (a: string | undefined, b: string | undefined) =>
  a !== undefined && b !== undefined && Buffer.from(parseMac(a)!).equals(Buffer.from(parseMac(b)!));
const sameIp = (a: string | undefined, b: string | undefined) =>
  !!a && !!b && ipEqual(parseIp(a)!, parseIp(b)!);

function updateDhcpHost(def: NetworkDef, command: number, parentIndex: number, node: XmlElement): void {
  const ipdef = ipByIndex(def, parentIndex);
  checkElementName(def, node, 'host');
  if (ipdef instanceof Error) throw ipdef;
  const partial = command === C.VIR_NETWORK_UPDATE_COMMAND_DELETE;
  const host = parseHost(def.name, parseIp(ipdef.address)!, node, partial);
  if (!partial && parseIp(host.ip!)!.family !== familyOf(ipdef)) {
    throw invalid("the address family of a host entry IP must match the address family of the dhcp element's parent");
  }
  const hosts = ipdef.dhcpHosts;
  const describe = (h: DhcpHost) => `"mac='${h.mac ?? 'unknown'}'" "name='${h.name ?? '(null)'}'" "ip='${h.ip ?? 'unknown'}'"`;
  if (command === C.VIR_NETWORK_UPDATE_COMMAND_MODIFY) {
    const at = hosts.findIndex((h) => sameMac(host.mac, h.mac) || sameIp(host.ip, h.ip) || (host.name !== undefined && host.name === h.name));
    if (at < 0) throw invalid(`couldn't locate an existing dhcp host entry with ${describe(host)} in network '${def.name}'`);
    hosts[at] = host;
  } else if (isAdd(command)) {
    checkMultiDhcp(def, ipdef);
    if (hosts.some((h) => sameMac(host.mac, h.mac) || (host.name !== undefined && host.name === h.name) || sameIp(host.ip, h.ip))) {
      throw invalid(`there is an existing dhcp host entry in network '${def.name}' that matches `
        + `"<host mac='${host.mac ?? 'unknown'}' name='${host.name ?? '(null)'}' ip='${host.ip}'/>"`);
    }
    insert(hosts, command, host);
  } else if (command === C.VIR_NETWORK_UPDATE_COMMAND_DELETE) {
    // every attribute the pattern gives must match (a mac the entry lacks matches anything)
    const at = hosts.findIndex((h) => (host.mac === undefined || h.mac === undefined || sameMac(host.mac, h.mac))
      && (host.name === undefined || host.name === h.name) && (host.ip === undefined || sameIp(host.ip, h.ip)));
    if (at < 0) throw invalid(`couldn't locate a matching dhcp host entry in network '${def.name}'`);
    hosts.splice(at, 1);
  } else {
    throw unknownCommand(command);
  }
}

function updateDhcpRange(def: NetworkDef, command: number, parentIndex: number, node: XmlElement): void {
  const ipdef = ipByIndex(def, parentIndex);
  checkElementName(def, node, 'range');
  if (ipdef instanceof Error) throw ipdef;
  if (command === C.VIR_NETWORK_UPDATE_COMMAND_MODIFY) throw unsupported('dhcp ranges cannot be modified, only added or deleted');
  const address = parseIp(ipdef.address)!;
  const range = parseRange(def.name, address, ipPrefix(address, ipdef.netmask ? parseIp(ipdef.netmask) : null, ipdef.prefix), node);
  const ranges = ipdef.dhcpRanges;
  const at = ranges.findIndex((r) => sameIp(r.start, range.start) && sameIp(r.end, range.end));
  if (isAdd(command)) {
    checkMultiDhcp(def, ipdef);
    if (at >= 0) {
      throw invalid(`there is an existing dhcp range entry in network '${def.name}' that matches "<range start='${range.start}' end='${range.end}'/>"`);
    }
    insert(ranges, command, range);
  } else if (command === C.VIR_NETWORK_UPDATE_COMMAND_DELETE) {
    if (at < 0) throw invalid(`couldn't locate a matching dhcp range entry in network '${def.name}'`);
    ranges.splice(at, 1);
  } else {
    throw unknownCommand(command);
  }
}

function updateForwardInterface(def: NetworkDef, command: number, node: XmlElement): void {
  checkElementName(def, node, 'interface');
  if (command === C.VIR_NETWORK_UPDATE_COMMAND_MODIFY) throw unsupported('forward interface entries cannot be modified, only added or deleted');
  const dev = attr(node, 'dev');
  if (dev === undefined) throw fail(ErrorNumber.VIR_ERR_XML_ERROR, 'missing dev attribute in <interface> element');
  // A network without <forward> keeps no interface list that outlives the next format and parse.
  const ifs = def.forward?.interfaces ?? [];
  const at = ifs.findIndex((f) => f.type === 'netdev' && f.dev === dev);
  if (isAdd(command)) {
    if (at >= 0) throw invalid(`there is an existing interface entry in network '${def.name}' that matches "<interface dev='${dev}'>"`);
    insert(ifs, command, { type: 'netdev', dev });
  } else if (command === C.VIR_NETWORK_UPDATE_COMMAND_DELETE) {
    if (at < 0) throw invalid(`couldn't find an interface entry in network '${def.name}' matching <interface dev='${dev}'>`);
    const found = ifs[at]!;
    const used = found.type === 'netdev' ? found.connections ?? 0 : 0;
    if (used > 0) {
      throw invalid(`unable to delete interface '${dev}' in network '${def.name}'. It is currently being used  by ${used} domains.`);
    }
    ifs.splice(at, 1);
  } else {
    throw unknownCommand(command);
  }
}

function updatePortGroup(def: NetworkDef, command: number, node: XmlElement): void {
  checkElementName(def, node, 'portgroup');
  const group = parsePortGroup(node);
  const foundName = def.portGroups.findIndex((g) => g.name === group.name);
  let foundDefault = -1;
  def.portGroups.forEach((g, i) => { if (g.isDefault) foundDefault = i; });
  const modifyOrDelete = command === C.VIR_NETWORK_UPDATE_COMMAND_MODIFY || command === C.VIR_NETWORK_UPDATE_COMMAND_DELETE;
  if (foundName < 0 && modifyOrDelete) {
    throw invalid(`couldn't find a portgroup entry in network '${def.name}' matching <portgroup name='${group.name}'>`);
  }
  if (foundName >= 0 && isAdd(command)) {
    throw invalid(`there is an existing portgroup entry in network '${def.name}' that matches "<portgroup name='${group.name}'>"`);
  }
  if (command !== C.VIR_NETWORK_UPDATE_COMMAND_DELETE && group.isDefault && foundDefault >= 0 && foundDefault !== foundName) {
    throw invalid(`a different portgroup entry in network '${def.name}' is already set as the default. Only one default is allowed.`);
  }
  if (command === C.VIR_NETWORK_UPDATE_COMMAND_MODIFY) def.portGroups[foundName] = group;
  else if (isAdd(command)) insert(def.portGroups, command, group);
  else if (command === C.VIR_NETWORK_UPDATE_COMMAND_DELETE) def.portGroups.splice(foundName, 1);
  else throw unknownCommand(command);
}

/** The add/delete flow DNS records share: `matches` counts the records a new or pattern record meets. */
function addOrDelete<T>(command: number, list: T[], item: T, matches: number[], texts: { exists: string; missing: string; many?: string }): void {
  if (isAdd(command)) {
    if (matches.length > 0) throw invalid(texts.exists);
    insert(list, command, item);
  } else if (command === C.VIR_NETWORK_UPDATE_COMMAND_DELETE) {
    if (matches.length === 0) throw invalid(texts.missing);
    if (matches.length > 1 && texts.many) throw invalid(texts.many);
    list.splice(matches[matches.length - 1]!, 1);
  } else {
    throw unknownCommand(command);
  }
}

const indexesWhere = <T>(list: T[], test: (x: T) => boolean): number[] => list.flatMap((x, i) => (test(x) ? [i] : []));

function refuseModify(command: number, what: string): void {
  if (command === C.VIR_NETWORK_UPDATE_COMMAND_MODIFY) throw unsupported(`DNS ${what} records cannot be modified, only added or deleted`);
}

function updateDnsHost(def: NetworkDef, command: number, node: XmlElement): void {
  refuseModify(command, 'HOST');
  checkElementName(def, node, 'host');
  const add = isAdd(command);
  const host = parseDnsHost(def.name, node, !add);
  // an add only refuses a second record of the same address: one name may have several
  const matches = indexesWhere(def.dns.hosts, (h) => sameIp(host.ip, h.ip) || (!add && host.hostnames.some((n) => h.hostnames.includes(n))));
  addOrDelete(command, def.dns.hosts, host, matches, {
    exists: `there is already at least one DNS HOST record with a matching field in network ${def.name}`,
    missing: `couldn't locate a matching DNS HOST record in network ${def.name}`,
    many: `multiple matching DNS HOST records were found in network ${def.name}`,
  });
}

function updateDnsSrv(def: NetworkDef, command: number, node: XmlElement): void {
  refuseModify(command, 'SRV');
  checkElementName(def, node, 'srv');
  const srv = parseSrv(def.name, node, !isAdd(command));
  const keys = ['domain', 'service', 'protocol', 'target'] as const;
  const matches = indexesWhere(def.dns.srvs, (s) => keys.every((k) => srv[k] === undefined || srv[k] === s[k]));
  addOrDelete(command, def.dns.srvs, srv, matches, {
    exists: `there is already at least one DNS SRV record matching all specified fields in network ${def.name}`,
    missing: `couldn't locate a matching DNS SRV record in network ${def.name}`,
    many: `multiple DNS SRV records matching all specified fields were found in network ${def.name}`,
  });
}

function updateDnsTxt(def: NetworkDef, command: number, node: XmlElement): void {
  refuseModify(command, 'TXT');
  checkElementName(def, node, 'txt');
  const txt = parseTxt(def.name, node, !isAdd(command));
  const matches = indexesWhere(def.dns.txts, (t) => t.name === txt.name).slice(0, 1);
  addOrDelete(command, def.dns.txts, txt, matches, {
    exists: `there is already a DNS TXT record with name '${txt.name}' in network ${def.name}`,
    missing: `couldn't locate a matching DNS TXT record in network ${def.name}`,
  });
}

const SECTIONS_REFUSED: Record<number, string> = {
  [C.VIR_NETWORK_SECTION_BRIDGE]: 'bridge',
  [C.VIR_NETWORK_SECTION_DOMAIN]: 'domain',
  [C.VIR_NETWORK_SECTION_IP]: 'ip',
  [C.VIR_NETWORK_SECTION_FORWARD]: 'forward',
  [C.VIR_NETWORK_SECTION_FORWARD_PF]: 'forward pf',
};

/** Apply one update command to `def` in place (callers hand in a copy and keep it only on success). */
export function updateNetworkSection(def: NetworkDef, command: number, section: number, parentIndex: number, xml: string): void {
  const node = parseXmlDocument(xml, { url: 'network_update_xml', errorDomain: ErrorDomain.VIR_FROM_NETWORK });
  const refused = SECTIONS_REFUSED[section];
  if (refused !== undefined) throw unsupported(`can't update '${refused}' section of network '${def.name}'`);
  switch (section) {
    case C.VIR_NETWORK_SECTION_IP_DHCP_HOST: return updateDhcpHost(def, command, parentIndex, node);
    case C.VIR_NETWORK_SECTION_IP_DHCP_RANGE: return updateDhcpRange(def, command, parentIndex, node);
    case C.VIR_NETWORK_SECTION_FORWARD_INTERFACE: return updateForwardInterface(def, command, node);
    case C.VIR_NETWORK_SECTION_PORTGROUP: return updatePortGroup(def, command, node);
    case C.VIR_NETWORK_SECTION_DNS_HOST: return updateDnsHost(def, command, node);
    case C.VIR_NETWORK_SECTION_DNS_TXT: return updateDnsTxt(def, command, node);
    case C.VIR_NETWORK_SECTION_DNS_SRV: return updateDnsSrv(def, command, node);
    default: throw unsupported("can't update unrecognized section of network");
  }
}
