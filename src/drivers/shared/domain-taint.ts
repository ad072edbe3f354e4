/**
 * Why a domain is tainted (libvirt's virDomainTaintFlags, in its bit order) and the messages
 * virDomainGetMessages reports for taints and deprecations.
 */
import { VIR_DOMAIN_MESSAGE_DEPRECATION, VIR_DOMAIN_MESSAGE_TAINTING } from '../../api/constants.js';

export enum DomainTaint {
  CUSTOM_ARGV, CUSTOM_MONITOR, HIGH_PRIVILEGES, SHELL_SCRIPTS, DISK_PROBING, EXTERNAL_LAUNCH, HOST_CPU,
  HOOK, CDROM_PASSTHROUGH, CUSTOM_DTB, CUSTOM_GA_COMMAND, CUSTOM_HYPERVISOR_FEATURE, DEPRECATED_CONFIG,
  CUSTOM_DEVICE,
}

const TAINT_MESSAGES: Record<DomainTaint, string> = {
  [DomainTaint.CUSTOM_ARGV]: 'custom configuration parameters specified',
  [DomainTaint.CUSTOM_MONITOR]: 'custom monitor control commands issued',
  [DomainTaint.HIGH_PRIVILEGES]: 'running with undesirable elevated privileges',
  [DomainTaint.SHELL_SCRIPTS]: 'network configuration using opaque shell scripts',
  [DomainTaint.DISK_PROBING]: 'potentially unsafe disk format probing',
  [DomainTaint.EXTERNAL_LAUNCH]: 'managing externally launched configuration',
  [DomainTaint.HOST_CPU]: 'potentially unsafe use of host CPU passthrough',
  [DomainTaint.HOOK]: 'configuration potentially modified by hook script',
  [DomainTaint.CDROM_PASSTHROUGH]: 'use of host cdrom passthrough',
  [DomainTaint.CUSTOM_DTB]: 'custom device tree blob used',
  [DomainTaint.CUSTOM_GA_COMMAND]: 'custom guest agent control commands issued',
  [DomainTaint.CUSTOM_HYPERVISOR_FEATURE]: 'hypervisor feature autodetection override',
  [DomainTaint.DEPRECATED_CONFIG]: 'use of deprecated configuration settings',
  [DomainTaint.CUSTOM_DEVICE]: 'custom device configuration',
};

/** What a domain object carries about its taints: a bit per DomainTaint, and deprecation notes. */
export interface TaintRecord {
  taint: number;
  deprecations: string[];
}

/** Mark a taint once (virDomainObjTaint); true when it is new. */
export function addTaint(obj: TaintRecord, taint: DomainTaint): boolean {
  const bit = 1 << taint;
  if (obj.taint & bit) return false;
  obj.taint |= bit;
  return true;
}

/** virDomainObjGetMessages: taints in bit order, then deprecations; no flags means both. */
export function domainMessages(obj: TaintRecord, flags: number): string[] {
  const out: string[] = [];
  if (!flags || flags & VIR_DOMAIN_MESSAGE_TAINTING) {
    for (const [bit, text] of Object.entries(TAINT_MESSAGES)) {
      if (obj.taint & (1 << Number(bit))) out.push(`tainted: ${text}`);
    }
  }
  if (!flags || flags & VIR_DOMAIN_MESSAGE_DEPRECATION) {
    out.push(...obj.deprecations.map((d) => `deprecated configuration: ${d}`));
  }
  return out;
}
