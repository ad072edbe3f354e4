/**
 * Taints of the QEMU driver's running domains (qemuDomainObjTaint): marks a run carries once
 * something libvirt cannot vouch for happened to it (commands sent to its monitor or agent behind
 * the driver's back). Each is logged once per run, into the domain's log and the daemon's, kept
 * in the status file, and reported by virDomainGetMessages until the domain stops.
 */
import * as C from '../../api/constants.js';
import { createLogger, formatTimestamp } from '../../log/index.js';
import { addTaint, domainMessages, DomainTaint } from '../shared/domain-taint.js';
import type { QemuDomainObj } from './domain-obj.js';
import type { QemuDriverState } from './driver-state.js';
import { logDomain } from './process/guest-log.js';
import { qemuCheckFlags } from './errors.js';

const log = createLogger('qemu.taint');

/** libvirt's names of the taints this driver raises (virDomainTaint). */
const TAINT_NAMES: Partial<Record<DomainTaint, string>> = {
  [DomainTaint.CUSTOM_MONITOR]: 'custom-monitor',
  [DomainTaint.CUSTOM_GA_COMMAND]: 'custom-ga-command',
};

export async function taintDomain(state: QemuDriverState, obj: QemuDomainObj, taint: DomainTaint.CUSTOM_MONITOR | DomainTaint.CUSTOM_GA_COMMAND): Promise<void> {
  if (!addTaint(obj, taint)) return;
  const name = TAINT_NAMES[taint];
  log.warn(`Domain id=${obj.id} name='${obj.def.name}' uuid=${obj.def.uuid} is tainted: ${name}`);
  const proc = obj.proc;
  if (!proc) return;
  await state.writeStatus(obj);
  await state.guestLogs.append(proc.logPath, logDomain(obj.def), `${formatTimestamp(new Date())}: Domain id=${obj.id} is tainted: ${name}\n`)
    .catch(() => undefined);
}

/** qemuDomainGetMessages. */
export function qemuDomainMessages(obj: QemuDomainObj, flags: number): string[] {
  qemuCheckFlags('qemuDomainGetMessages', flags, C.VIR_DOMAIN_MESSAGE_DEPRECATION | C.VIR_DOMAIN_MESSAGE_TAINTING);
  return domainMessages(obj, flags);
}
