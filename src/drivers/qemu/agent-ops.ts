/**
 * The guest information calls of the QEMU driver, answered by the guest agent as libvirt's
 * qemuDomainGetHostname / GetTime / SetTime / SetUserPassword / FSFreeze / FSThaw / FSTrim /
 * InterfaceAddresses do: the domain must be running and its agent connected, and the agent's
 * reply is read as libvirt reads it.
 */
import * as C from '../../api/constants.js';
import { getAttr } from '../../conf/domain/xnode.js';
import type { DomainInterface, DomainRef, DomainTime } from '../types.js';
import { bigNumber, type GuestAgent } from './agent/client.js';
import { domainFromRef } from './domain-ops.js';
import type { QemuDriverState } from './driver-state.js';
import { E, qemuCheckFlags, qemuError } from './errors.js';
import { availableAgent } from './guest-agent.js';

/** virDomainObjCheckActive, then the agent (qemuDomainAgentAvailable). */
function agentOf(state: QemuDriverState, ref: DomainRef): GuestAgent {
  const obj = domainFromRef(state, ref);
  if (!obj.isActive()) throw qemuError(E.VIR_ERR_OPERATION_INVALID, 'domain is not running');
  return availableAgent(obj)!;
}

const malformed = () => qemuError(E.VIR_ERR_INTERNAL_ERROR, 'malformed return value');

export async function getHostname(state: QemuDriverState, ref: DomainRef, flags: number): Promise<string> {
  qemuCheckFlags('qemuDomainGetHostname', flags, C.VIR_DOMAIN_GET_HOSTNAME_LEASE | C.VIR_DOMAIN_GET_HOSTNAME_AGENT);
  if ((flags & C.VIR_DOMAIN_GET_HOSTNAME_LEASE) && (flags & C.VIR_DOMAIN_GET_HOSTNAME_AGENT)) {
    throw qemuError(E.VIR_ERR_INVALID_ARG, "Flags 'VIR_DOMAIN_GET_HOSTNAME_LEASE' and 'VIR_DOMAIN_GET_HOSTNAME_AGENT' are mutually exclusive");
  }
  const obj = domainFromRef(state, ref);
  if (flags & C.VIR_DOMAIN_GET_HOSTNAME_LEASE) {
    // DHCP leases belong to a network driver, which tsvirt's QEMU connections do not have
    if (!obj.isActive()) throw qemuError(E.VIR_ERR_OPERATION_INVALID, 'domain is not running');
    if (obj.def.devices.lists.interface.some((n) => getAttr(n, 'type') === 'network')) {
      throw qemuError(E.VIR_ERR_NO_SUPPORT, 'DHCP leases of virtual networks');
    }
    throw qemuError(E.VIR_ERR_NO_HOSTNAME, `no hostname found for domain ${obj.def.name}`);
  }
  const reply = await agentOf(state, ref).command('guest-get-host-name');
  if (typeof reply !== 'object' || reply === null) throw malformed();
  const name = (reply as { 'host-name'?: unknown })['host-name'];
  if (typeof name !== 'string') throw qemuError(E.VIR_ERR_INTERNAL_ERROR, "'host-name' missing in guest-get-host-name reply");
  return name;
}

export async function getTime(state: QemuDriverState, ref: DomainRef, flags: number): Promise<DomainTime> {
  qemuCheckFlags('qemuDomainGetTime', flags, 0);
  const ns = bigNumber(await agentOf(state, ref).command('guest-get-time'));
  if (ns === undefined || ns < 0n) throw malformed();
  return { seconds: ns / 1_000_000_000n, nseconds: Number(ns % 1_000_000_000n) };
}

/** The agent sets the guest's clock; on x86 QEMU then drops the RTC interrupts it had queued. */
export async function setTime(state: QemuDriverState, ref: DomainRef, seconds: bigint, nseconds: number, flags: number): Promise<void> {
  qemuCheckFlags('qemuDomainSetTime', flags, C.VIR_DOMAIN_TIME_SYNC);
  const sync = (flags & C.VIR_DOMAIN_TIME_SYNC) !== 0;
  const agent = agentOf(state, ref);
  const LLONG_MAX = 2n ** 63n - 1n;
  if (!sync && seconds > LLONG_MAX / 1_000_000_000n) throw qemuError(E.VIR_ERR_INVALID_ARG, `Time '${seconds}' is too big for guest agent`);
  await agent.command('guest-set-time', sync ? undefined : { time: seconds * 1_000_000_000n + BigInt(nseconds) });
  const obj = domainFromRef(state, ref);
  await obj.withJob(async () => {
    if (!obj.isActive() || !obj.proc) throw qemuError(E.VIR_ERR_OPERATION_INVALID, 'domain is not running');
    if (obj.def.os.arch === 'x86_64' || obj.def.os.arch === 'i686') await obj.proc.monitor.execute('rtc-reset-reinjection');
  });
}

export async function setUserPassword(state: QemuDriverState, ref: DomainRef, user: string, password: string, flags: number): Promise<void> {
  qemuCheckFlags('qemuDomainSetUserPassword', flags, C.VIR_DOMAIN_PASSWORD_ENCRYPTED);
  await agentOf(state, ref).command('guest-set-user-password', {
    crypted: (flags & C.VIR_DOMAIN_PASSWORD_ENCRYPTED) !== 0, username: user, password: Buffer.from(password).toString('base64'),
  });
}

function count(reply: unknown): number {
  if (typeof reply !== 'number' || !Number.isInteger(reply)) throw malformed();
  return reply;
}

export async function fsFreeze(state: QemuDriverState, ref: DomainRef, mountpoints: string[], flags: number): Promise<number> {
  qemuCheckFlags('qemuDomainFSFreeze', flags, 0);
  const agent = agentOf(state, ref);
  return count(mountpoints.length > 0
    ? await agent.command('guest-fsfreeze-freeze-list', { mountpoints })
    : await agent.command('guest-fsfreeze-freeze'));
}

export async function fsThaw(state: QemuDriverState, ref: DomainRef, mountpoints: string[], flags: number): Promise<number> {
  qemuCheckFlags('qemuDomainFSThaw', flags, 0);
  if (mountpoints.length > 0) throw qemuError(E.VIR_ERR_ARGUMENT_UNSUPPORTED, 'specifying mountpoints is not supported');
  return count(await agentOf(state, ref).command('guest-fsfreeze-thaw'));
}

export async function fsTrim(state: QemuDriverState, ref: DomainRef, mountPoint: string | null, minimum: bigint, flags: number): Promise<void> {
  qemuCheckFlags('qemuDomainFSTrim', flags, 0);
  if (mountPoint) throw qemuError(E.VIR_ERR_ARGUMENT_UNSUPPORTED, 'Specifying mount point is not supported for now');
  await agentOf(state, ref).command('guest-fstrim', { minimum }, 60 * 60); // trimming may take long
}

/** qemuAgentGetInterfaces: one entry per interface (aliases `eth0:1` folded into `eth0`), addresses in order. */
function readInterfaces(reply: unknown): DomainInterface[] {
  if (!Array.isArray(reply)) throw qemuError(E.VIR_ERR_INTERNAL_ERROR, 'qemu agent didn\'t return an array of interfaces');
  const byName = new Map<string, DomainInterface>();
  for (const entry of reply as Record<string, unknown>[]) {
    const full = entry?.name;
    if (typeof full !== 'string') throw qemuError(E.VIR_ERR_INTERNAL_ERROR, "qemu agent didn't provide 'name' field");
    const name = full.split(':')[0]!;
    let iface = byName.get(name);
    if (!iface) {
      const hw = entry['hardware-address'];
      iface = { name, hwaddr: typeof hw === 'string' ? hw : null, addrs: [] };
      byName.set(name, iface);
    }
    const addrs = entry['ip-addresses'];
    if (addrs === undefined) continue;
    if (!Array.isArray(addrs)) throw qemuError(E.VIR_ERR_INTERNAL_ERROR, 'Malformed ip-addresses array');
    for (const a of addrs as Record<string, unknown>[]) {
      const type = a['ip-address-type'];
      if (typeof type !== 'string') throw qemuError(E.VIR_ERR_INTERNAL_ERROR, `qemu agent didn't provide 'ip-address-type' field for interface '${full}'`);
      if (type !== 'ipv4' && type !== 'ipv6') throw qemuError(E.VIR_ERR_INTERNAL_ERROR, `unknown ip address type '${type}'`);
      const addr = a['ip-address'];
      if (typeof addr !== 'string') throw qemuError(E.VIR_ERR_INTERNAL_ERROR, `qemu agent didn't provide 'ip-address' field for interface '${full}'`);
      const prefix = a.prefix;
      if (typeof prefix !== 'number' || !Number.isInteger(prefix) || prefix < 0) throw qemuError(E.VIR_ERR_INTERNAL_ERROR, "malformed 'prefix' field");
      iface.addrs.push({ type: type === 'ipv4' ? C.VIR_IP_ADDR_TYPE_IPV4 : C.VIR_IP_ADDR_TYPE_IPV6, addr, prefix });
    }
  }
  return [...byName.values()];
}

export async function interfaceAddresses(state: QemuDriverState, ref: DomainRef, source: number, flags: number): Promise<DomainInterface[]> {
  qemuCheckFlags('qemuDomainInterfaceAddresses', flags, 0);
  const obj = domainFromRef(state, ref);
  if (!obj.isActive()) throw qemuError(E.VIR_ERR_OPERATION_INVALID, 'domain is not running');
  switch (source) {
    case C.VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_AGENT:
      return readInterfaces(await agentOf(state, ref).command('guest-network-get-interfaces'));
    case C.VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE:
    case C.VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_ARP:
      throw qemuError(E.VIR_ERR_NO_SUPPORT, source === C.VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE
        ? 'DHCP leases of virtual networks' : 'addresses from the host\'s ARP table');
    default:
      throw qemuError(E.VIR_ERR_ARGUMENT_UNSUPPORTED, `Unknown IP address data source ${source}`);
  }
}
