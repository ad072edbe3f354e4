/**
 * The guest-information calls of the test driver (hostname, clock, password, filesystems,
 * interface addresses), answering as libvirt 9.0's test driver does for its pretend guest:
 * two filesystems (`/` and `/boot`) on the first disk, a clock that only moves when set,
 * addresses taken from the domain's networks.
 */
import * as C from '../../api/constants.js';
import { domainDisks, domainInterfaces } from '../../conf/domain/query.js';
import { formatIp, formatMac, ipPrefix, parseIp, parseMac } from '../../conf/network/addr.js';
import type { DomainFSInfo, DomainIPAddress, DomainInterface, DomainRef, DomainTime } from '../types.js';
import { domainFromRef } from './domains.js';
import { E, testCheckFlags, testError } from './errors.js';
import { byName as networkByName } from './networks.js';
import type { TestState } from './state.js';

/** The mount points the pretend guest has, in the order of its frozen flags. */
const MOUNTPOINTS = ['/', '/boot'] as const;

/** The running domain behind a handle (virDomainObjCheckActive's error otherwise). */
function activeDomain(state: TestState, ref: DomainRef) {
  const obj = domainFromRef(state, ref);
  obj.checkActive();
  return obj;
}

export function getHostname(state: TestState, ref: DomainRef, flags: number): string {
  testCheckFlags('testDomainGetHostname', flags, 0);
  activeDomain(state, ref);
  return `${ref.name}host`;
}

export function getTime(state: TestState, ref: DomainRef, flags: number): DomainTime {
  testCheckFlags('testDomainGetTime', flags, 0);
  const obj = domainFromRef(state, ref);
  // Only a running guest answers: a paused one is refused too.
  if (obj.state !== C.VIR_DOMAIN_RUNNING) throw testError(E.VIR_ERR_OPERATION_INVALID, 'domain is not running');
  return { seconds: obj.guest.seconds, nseconds: obj.guest.nseconds };
}

/** With VIR_DOMAIN_TIME_SYNC the given time is stored all the same, as libvirt's test driver does. */
export function setTime(state: TestState, ref: DomainRef, seconds: bigint, nseconds: number, flags: number): void {
  testCheckFlags('testDomainSetTime', flags, C.VIR_DOMAIN_TIME_SYNC);
  const obj = activeDomain(state, ref);
  obj.guest.seconds = seconds;
  obj.guest.nseconds = nseconds;
}

export function setUserPassword(state: TestState, ref: DomainRef, flags: number): void {
  testCheckFlags('testDomainSetUserPassword', flags, C.VIR_DOMAIN_PASSWORD_ENCRYPTED);
  activeDomain(state, ref);
}

function mountpointIndex(mountpoint: string): number {
  const index = MOUNTPOINTS.indexOf(mountpoint as (typeof MOUNTPOINTS)[number]);
  if (index < 0) throw testError(E.VIR_ERR_OPERATION_INVALID, `mount point not found: ${mountpoint}`);
  return index;
}

/**
 * Freeze (`to` true) or thaw the listed mount points, all when none is listed; the count of
 * those that changed. An unknown mount point fails the whole call and changes nothing.
 */
export function setFrozen(state: TestState, ref: DomainRef, mountpoints: string[], to: boolean, flags: number): number {
  testCheckFlags(to ? 'testDomainFSFreeze' : 'testDomainFSThaw', flags, 0);
  const obj = activeDomain(state, ref);
  const next: [boolean, boolean] = [obj.guest.frozen[0], obj.guest.frozen[1]];
  const chosen = mountpoints.length === 0 ? [0, 1] : mountpoints.map(mountpointIndex);
  let changed = 0;
  for (const i of chosen) {
    if (next[i] !== to) changed++;
    next[i] = to;
  }
  obj.guest.frozen = next;
  return changed;
}

export function fsTrim(state: TestState, ref: DomainRef, mountPoint: string | null, flags: number): void {
  testCheckFlags('testDomainFSTrim', flags, 0);
  activeDomain(state, ref);
  if (mountPoint !== null) mountpointIndex(mountPoint);
}

/** `/` and `/boot` as partitions 1 and 2 of the first disk (none without a disk). */
export function getFSInfo(state: TestState, ref: DomainRef, flags: number): DomainFSInfo[] {
  testCheckFlags('testDomainGetFSInfo', flags, 0);
  const obj = activeDomain(state, ref);
  const disk = domainDisks(obj.def).find((d) => (d.device ?? 'disk') === 'disk');
  if (!disk) return [];
  return MOUNTPOINTS.map((mountpoint, i) => ({ mountpoint, name: `${disk.dev}${i + 1}`, fstype: 'ext4', devAlias: [disk.dev] }));
}

/**
 * An interface on a libvirt network gets the network's first DHCP address (or its own address)
 * moved on by `offset`; an IPv6 network moves only the last byte, as libvirt's test driver does.
 */
function addressFromNetwork(state: TestState, network: string, offset: number): DomainIPAddress {
  const ip = networkByName(state, network).def.ips[0];
  if (!ip) throw testError(E.VIR_ERR_OPERATION_INVALID, `network '${network}' has no IP address`);
  const address = parseIp(ip.address);
  const base = parseIp(ip.dhcpRanges[0]?.start ?? ip.address);
  if (!address || !base) throw testError(E.VIR_ERR_INTERNAL_ERROR, `network '${network}' has no usable IP address`);
  // Unsigned as libvirt's field: a class D or E network without a prefix gives 2^32-1.
  const prefix = ipPrefix(address, ip.netmask ? parseIp(ip.netmask) : null, ip.prefix) >>> 0;
  const bytes = Uint8Array.from(base.bytes);
  if (ip.family === 'ipv6') {
    bytes[15] = (bytes[15]! + offset) & 0xff;
    return { type: C.VIR_IP_ADDR_TYPE_IPV6, addr: formatIp({ family: 'ipv6', bytes }), prefix };
  }
  const view = new DataView(bytes.buffer);
  view.setUint32(0, (view.getUint32(0) + offset) >>> 0);
  return { type: C.VIR_IP_ADDR_TYPE_IPV4, addr: formatIp({ family: 'ipv4', bytes }), prefix };
}

export function interfaceAddresses(state: TestState, ref: DomainRef, source: number, flags: number): DomainInterface[] {
  testCheckFlags('testDomainInterfaceAddresses', flags, 0);
  if (source < 0 || source >= C.VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LAST) {
    throw testError(E.VIR_ERR_ARGUMENT_UNSUPPORTED, `Unknown IP address data source ${source}`);
  }
  const obj = activeDomain(state, ref);
  return domainInterfaces(obj.def).map((net, i) => {
    const mac = net.mac ? parseMac(net.mac) : null;
    // Different addresses for each interface and each running domain.
    const addr = net.type === 'network' && net.source
      ? addressFromNetwork(state, net.source, 20 * (obj.id - 1) + i + 1)
      : { type: C.VIR_IP_ADDR_TYPE_IPV4, addr: `192.168.0.${i + 1}`, prefix: 24 };
    return { name: net.ifname ?? '', hwaddr: mac ? formatMac(mac) : null, addrs: [addr] };
  });
}
