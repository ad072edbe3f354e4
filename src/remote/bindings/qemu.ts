/**
 * Bindings of libvirt-qemu and libvirt-lxc: procedures of their own programs (QEMU 0x20008087,
 * LXC 0x00068000) beside REMOTE on the same connection, and the QEMU monitor event family.
 */
import type { DomainRef, QemuMonitorEventPayload } from '../../drivers/types.js';
import { procedures as Q, qemuProgram } from '../../rpc/protocol/qemu.js';
import { procedures as L, lxcProgram } from '../../rpc/protocol/lxc.js';
import { bind, type Binding } from './binding.js';
import { domain, nullable, same } from './convert.js';
import type { EventBinding, EventFamily } from './events.js';

const dom = ['dom', domain] as const;
const flags = ['flags', same] as const;
const qemu = { program: qemuProgram } as const;

export const qemuBindings: Binding[] = [
  bind(Q.DOMAIN_MONITOR_COMMAND, 'domainQemuMonitorCommand', [dom, ['cmd', same], flags], ['result', same], qemu),
  bind(Q.DOMAIN_MONITOR_COMMAND_WITH_FILES, 'domainQemuMonitorCommandWithFiles', [dom, ['cmd', same], flags], ['result', same], { ...qemu, fds: { arg: 2 } }),
  bind(Q.DOMAIN_AGENT_COMMAND, 'domainQemuAgentCommand', [dom, ['cmd', same], ['timeout', same], flags], ['result', same], qemu),
  bind(Q.DOMAIN_ATTACH, 'domainQemuAttach', [['pid_value', same], flags], ['dom', domain], qemu),
  bind(L.DOMAIN_OPEN_NAMESPACE, 'domainLxcOpenNamespace', [dom, flags], null, { program: lxcProgram, fds: 'results' }),
];

/** What a QEMU monitor event registration filters on: one domain or all, an event name or pattern, the REGEX/NOCASE flags. */
export interface QemuMonitorFilter {
  readonly dom: DomainRef | null;
  readonly event: string | null;
  readonly flags: number;
}

/** The one QEMU monitor event, under event ID 0 of its family. */
export const QEMU_MONITOR_EVENT: EventBinding<QemuMonitorEventPayload> = {
  proc: Q.DOMAIN_MONITOR_EVENT as EventBinding<QemuMonitorEventPayload>['proc'],
  toWire: (p, callbackID) => ({ callbackID, dom: domain.toWire(p.domain), event: p.event, seconds: p.seconds, micros: p.micros, details: p.details }),
  toDriver: (m) => ({ callbackID: m.callbackID, payload: { domain: domain.toDriver(m.dom), event: m.event, seconds: m.seconds, micros: m.micros, details: m.details } }),
};

export const QEMU_MONITOR_EVENT_FAMILY: EventFamily<QemuMonitorFilter, QemuMonitorEventPayload> = {
  program: qemuProgram,
  register: Q.CONNECT_DOMAIN_MONITOR_EVENT_REGISTER,
  deregister: Q.CONNECT_DOMAIN_MONITOR_EVENT_DEREGISTER,
  registerArgs: (_eventId, f) => ({ dom: nullable(domain).toWire(f?.dom ?? null), event: f?.event ?? null, flags: f?.flags ?? 0 }),
  filterKey: (f) => `${f.dom?.uuid ?? '*'}:${f.flags}:${f.event ?? ''}`,
  events: new Map([[0, QEMU_MONITOR_EVENT]]),
};
