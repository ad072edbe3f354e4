/**
 * libvirt-qemu's calls on the QEMU driver, as qemuDomainQemuMonitorCommandWithFiles,
 * qemuDomainQemuAgentCommand and qemuConnectDomainQemuMonitorEventRegister: commands the caller
 * wrote go to the domain's monitor (QMP, or HMP through human-monitor-command) or guest agent
 * unchanged and their replies come back as text; the domain is tainted for it. Monitor events
 * are filtered by name, exactly, ignoring case, or by a regular expression.
 */
import * as C from '../../api/constants.js';
import { ErrorDomain, ErrorNumber, checkFlags, virError } from '../../errors/index.js';
import type { DomainRef } from '../types.js';
import { AGENT_WAIT_SECONDS, fromJson, toJson } from './agent/client.js';
import { domainFromRef } from './domain-ops.js';
import type { QemuDriverState } from './driver-state.js';
import { E, notRunningError, qemuCheckFlags, qemuError } from './errors.js';
import { availableAgent } from './guest-agent.js';
import { commandError } from './qmp/errors.js';
import { taintDomain } from './taint.js';
import { DomainTaint } from '../shared/domain-taint.js';

/** virJSONValueFromString: the caller's command, or libvirt's error for text that is not JSON. */
function parseCommand(text: string): unknown {
  try {
    return fromJson(text);
  } catch (err) {
    throw virError(ErrorDomain.VIR_FROM_NONE, ErrorNumber.VIR_ERR_INTERNAL_ERROR, `cannot parse json ${text}: ${(err as Error).message}`);
  }
}

/** A command that has its own id where libvirt would add one. */
function checkNoId(value: unknown): unknown {
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && 'execute' in value && 'id' in value) {
    throw qemuError(E.VIR_ERR_INTERNAL_ERROR, "Unable to append command 'id' string");
  }
  return value;
}

/** QMP text (or HMP with VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP) to the monitor; `fds` at most one, handed to QEMU with it. */
export async function monitorCommand(state: QemuDriverState, ref: DomainRef, cmd: string, fds: number[], flags: number): Promise<string> {
  qemuCheckFlags('qemuDomainQemuMonitorCommandWithFiles', flags, C.VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP);
  if (fds.length > 1) throw qemuError(E.VIR_ERR_INVALID_ARG, 'at most 1 fd can be passed to qemu along with a command');
  const obj = domainFromRef(state, ref);
  return obj.withJob(async () => {
    const proc = obj.proc;
    if (!obj.isActive() || !proc) throw notRunningError();
    await taintDomain(state, obj, DomainTaint.CUSTOM_MONITOR);
    const fd = fds[0];
    if (flags & C.VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP) {
      const reply = await proc.monitor.executeRaw({ execute: 'human-monitor-command', arguments: { 'command-line': cmd } }, {}, fd);
      const error = reply.error as { class?: unknown } | undefined;
      if (error?.class === 'CommandNotFound') throw qemuError(E.VIR_ERR_OPERATION_UNSUPPORTED, `Human monitor command is not available to run ${cmd}`);
      if (error !== undefined) throw commandError('human-monitor-command', error);
      return typeof reply.return === 'string' ? reply.return : '';
    }
    return toJson(await proc.monitor.executeRaw(checkNoId(parseCommand(cmd)), {}, fd));
  });
}

/** The agent's wait for a reply: VIR_DOMAIN_QEMU_AGENT_COMMAND_BLOCK for ever, DEFAULT its usual time, else seconds. */
function agentSeconds(timeout: number): number {
  if (timeout < C.VIR_DOMAIN_QEMU_AGENT_COMMAND_MIN) {
    throw qemuError(E.VIR_ERR_INVALID_ARG, `guest agent timeout '${timeout}' is less than the minimum '${C.VIR_DOMAIN_QEMU_AGENT_COMMAND_MIN}'`);
  }
  if (timeout === C.VIR_DOMAIN_QEMU_AGENT_COMMAND_BLOCK) return Infinity;
  return timeout === C.VIR_DOMAIN_QEMU_AGENT_COMMAND_DEFAULT ? AGENT_WAIT_SECONDS : timeout;
}

/** A command to the guest agent; its whole reply as text (an error reply is an error). */
export async function agentCommand(state: QemuDriverState, ref: DomainRef, cmd: string, timeout: number, flags: number): Promise<string> {
  qemuCheckFlags('qemuDomainQemuAgentCommand', flags, 0);
  const obj = domainFromRef(state, ref);
  if (!obj.isActive()) throw notRunningError();
  const agent = availableAgent(obj)!;
  await taintDomain(state, obj, DomainTaint.CUSTOM_GA_COMMAND);
  const seconds = agentSeconds(timeout);
  return toJson(await agent.arbitrary(parseCommand(cmd), seconds));
}

const REGISTER_FLAGS = C.VIR_CONNECT_DOMAIN_QEMU_MONITOR_EVENT_REGISTER_REGEX | C.VIR_CONNECT_DOMAIN_QEMU_MONITOR_EVENT_REGISTER_NOCASE;

/** virDomainQemuMonitorEventStateRegisterID's filter: which event names a registration wants. */
export function monitorEventFilter(event: string | null, flags: number): (name: string) => boolean {
  checkFlags(ErrorDomain.VIR_FROM_NONE, 'virDomainQemuMonitorEventStateRegisterID', flags, REGISTER_FLAGS);
  if (event === null) return () => true;
  const nocase = (flags & C.VIR_CONNECT_DOMAIN_QEMU_MONITOR_EVENT_REGISTER_NOCASE) !== 0;
  if (flags & C.VIR_CONNECT_DOMAIN_QEMU_MONITOR_EVENT_REGISTER_REGEX) {
    let re: RegExp;
    try {
      re = new RegExp(event, nocase ? 'i' : '');
    } catch (err) {
      throw virError(ErrorDomain.VIR_FROM_NONE, ErrorNumber.VIR_ERR_INVALID_ARG, `failed to compile regex '${event}': ${(err as Error).message}`);
    }
    return (name) => re.test(name);
  }
  if (nocase) return (name) => name.toUpperCase() === event.toUpperCase();
  return (name) => name === event;
}
