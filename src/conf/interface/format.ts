/** Format a host interface as libvirt's virInterfaceDefFormat lays it out. */
import { XmlWriter } from '../xml.js';
import type { InterfaceDef, InterfaceProtocol } from './types.js';

function writeProtocol(w: XmlWriter, p: InterfaceProtocol): void {
  w.open('protocol', { family: p.family });
  if (p.autoconf) w.empty('autoconf');
  if (p.dhcp) w.empty('dhcp', { peerdns: p.peerdns === undefined ? undefined : p.peerdns ? 'yes' : 'no' });
  for (const ip of p.ips) {
    if (ip.address !== undefined) w.empty('ip', { address: ip.address, prefix: ip.prefix || undefined });
  }
  if (p.gateway !== undefined) w.empty('route', { gateway: p.gateway });
  w.close('protocol');
}

function writeInterface(w: XmlWriter, def: InterfaceDef, topLevel: boolean): void {
  w.open('interface', { type: def.type, name: def.name });
  if (topLevel) {
    if (def.startMode) w.empty('start', { mode: def.startMode });
    if (def.mtu) w.empty('mtu', { size: def.mtu });
    for (const p of def.protocols) writeProtocol(w, p);
  }
  if (def.type !== 'bridge' && (def.link.speed || def.link.state)) {
    w.empty('link', { speed: def.link.speed || undefined, state: def.link.state });
  }
  if (def.type === 'ethernet' && def.mac) w.empty('mac', { address: def.mac });
  if (def.bridge) {
    // libvirt always writes <bridge> with a closing tag, even without member interfaces
    w.open('bridge', { stp: def.bridge.stp === undefined ? undefined : def.bridge.stp ? 'on' : 'off', delay: def.bridge.delay });
    for (const member of def.bridge.interfaces) writeInterface(w, member, false);
    w.close('bridge');
  }
  if (def.bond) {
    w.open('bond', { mode: def.bond.mode });
    const m = def.bond.monitor;
    if (m?.kind === 'mii') {
      w.empty('miimon', { freq: m.frequency, downdelay: m.downdelay || undefined, updelay: m.updelay || undefined, carrier: m.carrier });
    } else if (m?.kind === 'arp') {
      w.empty('arpmon', { interval: m.interval, target: m.target, validate: m.validate });
    }
    for (const member of def.bond.interfaces) writeInterface(w, member, false);
    w.close('bond');
  }
  if (def.vlan) {
    w.open('vlan', { tag: def.vlan.tag });
    w.empty('interface', { name: def.vlan.device });
    w.close('vlan');
  }
  w.close('interface');
}

export function formatInterfaceXML(def: InterfaceDef): string {
  const w = new XmlWriter();
  writeInterface(w, def, true);
  return w.toString();
}
