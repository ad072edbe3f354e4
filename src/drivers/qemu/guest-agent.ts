import type { DomainDef } from '../../conf/domain/index.js';
import { getAttr as attr, getChild } from '../../conf/domain/xnode.js';
import type { QemuDomainObj } from './domain-obj.js';
import { E, qemuError } from './errors.js';

const AGENT_CHANNEL = 'org.qemu.guest_agent.0';

/** qemuFindAgentConfig: whether the domain has the guest agent's virtio channel. */
export function hasAgentChannel(def: DomainDef): boolean {
  return def.devices.lists.channel.some((c) => {
    const target = getChild(c, 'target');
    return attr(target, 'type') === 'virtio' && attr(target, 'name') === AGENT_CHANNEL;
  });
}

/**
 * qemuDomainAgentAvailable. tsvirt does not connect to guest agents yet, so a domain with the
 * agent channel always has an agent that is not connected; the errors are libvirt's for each case.
 */
export function agentUnavailableError(obj: QemuDomainObj) {
  if (hasAgentChannel(obj.def)) return qemuError(E.VIR_ERR_AGENT_UNRESPONSIVE, 'QEMU guest agent is not connected');
  return qemuError(E.VIR_ERR_ARGUMENT_UNSUPPORTED, 'QEMU guest agent is not configured');
}
