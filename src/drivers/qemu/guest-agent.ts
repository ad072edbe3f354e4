/**
 * The guest agent of a running domain, as libvirt's QEMU driver keeps it: virtio channels carry a
 * connected/disconnected state QEMU reports (query-chardev at start and recovery, VSERPORT_CHANGE
 * after), and while the org.qemu.guest_agent.0 channel is connected the driver holds a client on
 * its socket. Agent lifecycle events follow the state of that channel.
 */
import * as C from '../../api/constants.js';
import type { DomainDef } from '../../conf/domain/index.js';
import { getAttr as attr, getChild, newXNode, setAttr, type XNode } from '../../conf/domain/xnode.js';
import { createLogger } from '../../log/index.js';
import { GuestAgent } from './agent/client.js';
import { defaultChannelPath } from './command-line/paths.js';
import type { QemuDomainObj } from './domain-obj.js';
import type { QemuDriverState } from './driver-state.js';
import { E, qemuError } from './errors.js';

const log = createLogger('qemu.agent');
const AGENT_CHANNEL = 'org.qemu.guest_agent.0';

function isVirtioChannel(c: XNode): boolean {
  return attr(getChild(c, 'target'), 'type') === 'virtio';
}

function agentChannel(def: DomainDef): XNode | undefined {
  return def.devices.lists.channel.find((c) => isVirtioChannel(c) && attr(getChild(c, 'target'), 'name') === AGENT_CHANNEL);
}

/** qemuFindAgentConfig: whether the domain has the guest agent's virtio channel. */
export function hasAgentChannel(def: DomainDef): boolean {
  return agentChannel(def) !== undefined;
}

/**
 * A unix channel given no path listens in the domain's channel directory under its target name;
 * the live definition says where (libvirt's qemuDomainPrepareChannel).
 */
export function fillChannelPaths(def: DomainDef, channelDir: string): void {
  for (const c of def.devices.lists.channel) {
    const path = isVirtioChannel(c) ? defaultChannelPath({ channelDir }, c) : undefined;
    if (path === undefined) continue;
    let source = getChild(c, 'source');
    if (!source) {
      source = newXNode('source', [['mode', 'bind']]);
      c.children.unshift(source);
    }
    setAttr(source, 'path', path);
  }
}

/**
 * qemuDomainAgentAvailable: the connected agent, or libvirt's error for why there is none
 * (`null` instead of throwing when `report` is false).
 */
export function availableAgent(obj: QemuDomainObj, report = true): GuestAgent | null {
  const fail = (err: Error): null => {
    if (report) throw err;
    return null;
  };
  if (obj.state !== C.VIR_DOMAIN_RUNNING) return fail(qemuError(E.VIR_ERR_OPERATION_INVALID, 'domain is not running'));
  const agent = obj.proc?.agent;
  if (agent?.running) return agent;
  if (hasAgentChannel(obj.def)) return fail(qemuError(E.VIR_ERR_AGENT_UNRESPONSIVE, 'QEMU guest agent is not connected'));
  return fail(qemuError(E.VIR_ERR_ARGUMENT_UNSUPPORTED, 'QEMU guest agent is not configured'));
}

function agentEvent(state: QemuDriverState, obj: QemuDomainObj, connected: boolean, reason: number): void {
  state.events.emitDomain({
    eventId: C.VIR_DOMAIN_EVENT_ID_AGENT_LIFECYCLE, domain: obj.ref(), reason,
    state: connected ? C.VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_STATE_CONNECTED : C.VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_STATE_DISCONNECTED,
  });
}

/** qemuConnectAgent: a client on the agent channel's socket, unless one is there already. */
async function connectAgent(obj: QemuDomainObj): Promise<void> {
  const proc = obj.proc;
  const channel = agentChannel(obj.def);
  const path = channel && attr(getChild(channel, 'source'), 'path');
  if (!proc || proc.agent?.running || !path || attr(channel, 'type') !== 'unix') return;
  try {
    const agent = await GuestAgent.open(path);
    if (obj.proc !== proc) agent.close();
    else proc.agent = agent;
  } catch (err) {
    log.warn(`cannot connect to the guest agent of '${obj.def.name}': ${(err as Error).message}`);
  }
}

function disconnectAgent(obj: QemuDomainObj): void {
  obj.proc?.agent?.close();
  if (obj.proc) obj.proc.agent = null;
}

interface ChardevInfo { label: string; 'frontend-open'?: boolean }

/**
 * qemuProcessRefreshChannelVirtioState: every virtio channel's state from QEMU, an agent event
 * for the agent's (reason: the domain started, or the channel when found again on recovery),
 * and the agent connected if its channel is open.
 */
export async function refreshChannelStates(state: QemuDriverState, obj: QemuDomainObj, booted: boolean): Promise<void> {
  const channels = obj.def.devices.lists.channel.filter(isVirtioChannel);
  if (channels.length === 0) return;
  const chardevs = await obj.proc!.monitor.execute<ChardevInfo[]>('query-chardev');
  for (const c of channels) {
    const alias = attr(getChild(c, 'alias'), 'name');
    const open = chardevs.find((d) => d.label === `char${alias}`)?.['frontend-open'];
    if (open === undefined) continue;
    setAttr(getChild(c, 'target')!, 'state', open ? 'connected' : 'disconnected');
    if (c !== agentChannel(obj.def)) continue;
    agentEvent(state, obj, open, booted ? C.VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_REASON_DOMAIN_STARTED
      : C.VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_REASON_CHANNEL);
    if (open) await connectAgent(obj);
  }
}

/** processSerialChangedEvent: the guest opened or closed a virtio port. */
export async function serialChanged(state: QemuDriverState, obj: QemuDomainObj, alias: string, open: boolean): Promise<void> {
  const channel = obj.def.devices.lists.channel.find((c) => isVirtioChannel(c) && attr(getChild(c, 'alias'), 'name') === alias);
  if (!channel) return;
  setAttr(getChild(channel, 'target')!, 'state', open ? 'connected' : 'disconnected');
  await state.writeStatus(obj).catch(() => undefined);
  if (channel !== agentChannel(obj.def)) return;
  if (open) await connectAgent(obj);
  else disconnectAgent(obj);
  agentEvent(state, obj, open, C.VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_REASON_CHANNEL);
}
