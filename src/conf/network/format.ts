/** Format a NetworkDef as libvirt's virNetworkDefFormatBuf lays it out. */
import { XmlWriter } from '../xml.js';
import { formatBandwidth } from '../netdev/bandwidth.js';
import { formatVlan } from '../netdev/vlan.js';
import { formatVirtualPort } from '../netdev/virtualport.js';
import { dnsmasqRootAttrs, formatDnsmasqOptions } from './dnsmasq.js';
import type { DhcpLease, NetworkDNS, NetworkDef, NetworkForward, NetworkIP } from './types.js';

export interface NetworkFormatOptions {
  /** VIR_NETWORK_XML_INACTIVE: leave out live-only data (connection counts, the pool of VFs). */
  inactive?: boolean;
  /** The opposite of `inactive`, for callers that think in live/config terms (`live: false` = inactive). */
  live?: boolean;
}

function writeLease(w: XmlWriter, name: string, attrs: Record<string, string | undefined>, lease: DhcpLease | undefined): void {
  if (!lease) {
    w.empty(name, attrs);
    return;
  }
  w.open(name, attrs);
  w.empty('lease', lease.expiry === 0 ? { expiry: 0 } : { expiry: lease.expiry, unit: lease.unit });
  w.close(name);
}

function writeIP(w: XmlWriter, ip: NetworkIP): void {
  w.open('ip', {
    family: ip.family,
    address: ip.address,
    netmask: ip.netmask,
    prefix: ip.prefix > 0 ? ip.prefix : undefined,
    localPtr: ip.localPtr,
  });
  if (ip.tftpRoot !== undefined) w.empty('tftp', { root: ip.tftpRoot });
  if (ip.dhcpRanges.length || ip.dhcpHosts.length) {
    w.open('dhcp');
    for (const r of ip.dhcpRanges) writeLease(w, 'range', { start: r.start, end: r.end }, r.lease);
    for (const h of ip.dhcpHosts) writeLease(w, 'host', { mac: h.mac, id: h.id, name: h.name, ip: h.ip }, h.lease);
    if (ip.bootpFile !== undefined) w.empty('bootp', { file: ip.bootpFile, server: ip.bootpServer });
    w.close('dhcp');
  }
  w.close('ip');
}

function writeDNS(w: XmlWriter, dns: NetworkDNS): void {
  const hasRecords = dns.forwarders.length || dns.hosts.length || dns.srvs.length || dns.txts.length;
  if (!(dns.enable || dns.forwardPlainNames || hasRecords)) return;
  const attrs = { enable: dns.enable, forwardPlainNames: dns.forwardPlainNames };
  if (!hasRecords) {
    w.empty('dns', attrs);
    return;
  }
  w.open('dns', attrs);
  for (const f of dns.forwarders) w.empty('forwarder', { domain: f.domain, addr: f.addr });
  for (const t of dns.txts) w.empty('txt', { name: t.name, value: t.value });
  for (const s of dns.srvs) {
    if (s.service === undefined || s.protocol === undefined) continue;
    w.empty('srv', {
      service: s.service,
      protocol: s.protocol,
      domain: s.domain,
      target: s.target,
      port: s.port || undefined,
      priority: s.priority || undefined,
      weight: s.weight || undefined,
    });
  }
  for (const h of dns.hosts) {
    w.open('host', { ip: h.ip });
    for (const name of h.hostnames) w.text('hostname', name);
    w.close('host');
  }
  w.close('dns');
}

function hasNatDetails(fwd: NetworkForward): boolean {
  return fwd.natAddressStart !== undefined || fwd.natAddressEnd !== undefined || !!fwd.natPortStart || !!fwd.natPortEnd;
}

function writeForward(w: XmlWriter, fwd: NetworkForward, inactive: boolean): void {
  const first = fwd.interfaces[0];
  const dev = fwd.pf === undefined && first?.type === 'netdev' ? first.dev : undefined;
  const attrs = {
    dev,
    mode: fwd.mode,
    managed: fwd.mode === 'hostdev' ? (fwd.managed ? 'yes' : 'no') : undefined,
  };
  const short = !(fwd.interfaces.length || fwd.pf !== undefined || hasNatDetails(fwd) || fwd.driverName || fwd.natIPv6);
  if (short) {
    w.empty('forward', attrs);
    return;
  }
  w.open('forward', attrs);
  if (fwd.driverName) w.empty('driver', { name: fwd.driverName });
  if (fwd.mode === 'nat' && (hasNatDetails(fwd) || fwd.natIPv6)) {
    if (!hasNatDetails(fwd)) {
      w.empty('nat', { ipv6: fwd.natIPv6 });
    } else {
      w.open('nat', { ipv6: fwd.natIPv6 });
      if (fwd.natAddressStart !== undefined) w.empty('address', { start: fwd.natAddressStart, end: fwd.natAddressEnd });
      if (fwd.natPortStart || fwd.natPortEnd) w.empty('port', { start: fwd.natPortStart ?? 0, end: fwd.natPortEnd || undefined });
      w.close('nat');
    }
  }
  if (fwd.pf !== undefined) w.empty('pf', { dev: fwd.pf });
  if (fwd.interfaces.length && (fwd.pf === undefined || !inactive)) {
    for (const f of fwd.interfaces) {
      if (f.type === 'netdev') {
        w.empty('interface', { dev: f.dev, connections: !inactive && f.connections ? f.connections : undefined });
      } else {
        const hex = (v: number, width: number) => `0x${v.toString(16).padStart(width, '0')}`;
        w.empty('address', {
          type: 'pci',
          domain: hex(f.pci.domain, 4),
          bus: hex(f.pci.bus, 2),
          slot: hex(f.pci.slot, 2),
          function: hex(f.pci.function, 1),
        });
      }
    }
  }
  w.close('forward');
}

export function formatNetworkXML(def: NetworkDef, opts: NetworkFormatOptions = {}): string {
  const inactive = opts.inactive ?? opts.live === false;
  const w = new XmlWriter();
  w.open('network', {
    ...dnsmasqRootAttrs(def.dnsmasqOptions),
    connections: !inactive && def.connections > 0 ? def.connections : undefined,
    ipv6: def.ipv6 ? 'yes' : undefined,
    trustGuestRxFilters: def.trustGuestRxFilters,
  });
  w.text('name', def.name);
  w.text('uuid', def.uuid);
  if (def.metadata !== undefined) w.line(def.metadata);
  if (def.forward) writeForward(w, def.forward, inactive);
  const mode = def.forward?.mode;
  const hasBridge = mode === undefined || mode === 'nat' || mode === 'route' || mode === 'open';
  if (hasBridge || def.bridge.name !== undefined || def.bridge.macTableManager) {
    w.empty('bridge', {
      name: def.bridge.name,
      zone: def.bridge.zone,
      stp: hasBridge ? (def.bridge.stp ? 'on' : 'off') : undefined,
      delay: hasBridge ? def.bridge.delay : undefined,
      macTableManager: def.bridge.macTableManager,
    });
  }
  if (def.mtu) w.empty('mtu', { size: def.mtu });
  if (def.mac !== undefined) w.empty('mac', { address: def.mac });
  if (def.domain !== undefined) w.empty('domain', { name: def.domain, localOnly: def.domainLocalOnly });
  writeDNS(w, def.dns);
  formatVlan(w, def.vlan);
  formatBandwidth(w, def.bandwidth);
  if (def.portIsolated) w.empty('port', { isolated: def.portIsolated });
  for (const ip of def.ips) writeIP(w, ip);
  for (const r of def.routes) {
    w.empty('route', {
      family: r.family,
      address: r.address,
      netmask: r.netmask,
      prefix: r.prefix,
      gateway: r.gateway,
      metric: r.metric || undefined,
    });
  }
  formatVirtualPort(w, def.virtualPort);
  for (const pg of def.portGroups) {
    // libvirt writes open and close tags even when a portgroup has no children
    w.open('portgroup', { name: pg.name, default: pg.isDefault ? 'yes' : undefined, trustGuestRxFilters: pg.trustGuestRxFilters });
    formatVlan(w, pg.vlan);
    formatVirtualPort(w, pg.virtualPort);
    formatBandwidth(w, pg.bandwidth);
    w.close('portgroup');
  }
  formatDnsmasqOptions(w, def.dnsmasqOptions);
  w.close('network');
  return w.toString();
}
