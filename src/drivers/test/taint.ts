/**
 * The taints libvirt's test driver finds in the domains of a node file (testDomainObjCheckTaint):
 * raw I/O disks and SCSI host devices, host cdrom passthrough, interface scripts, the
 * Deprecated-Test CPU model and a custom device tree blob. Domains defined later are not checked.
 */
import { getAttr, getChild } from '../../conf/domain/xnode.js';
import { addTaint, DomainTaint } from '../shared/domain-taint.js';
import type { DomainObj } from './domain-obj.js';

export function checkNodeDomainTaint(obj: DomainObj): void {
  const { devices, cpu, os } = obj.def;
  for (const disk of devices.lists.disk) {
    if (getAttr(disk, 'rawio') === 'yes') addTaint(obj, DomainTaint.HIGH_PRIVILEGES);
    const blockPath = getAttr(disk, 'type') === 'block' ? getAttr(getChild(disk, 'source'), 'dev') : undefined;
    if (getAttr(disk, 'device') === 'cdrom' && blockPath !== undefined) addTaint(obj, DomainTaint.CDROM_PASSTHROUGH);
  }
  for (const hostdev of devices.lists.hostdev) {
    const scsi = (getAttr(hostdev, 'mode') ?? 'subsystem') === 'subsystem' && getAttr(hostdev, 'type') === 'scsi';
    if (scsi && getAttr(hostdev, 'rawio') === 'yes') addTaint(obj, DomainTaint.HIGH_PRIVILEGES);
  }
  for (const net of devices.lists.interface) {
    if (getAttr(getChild(net, 'script'), 'path') !== undefined) addTaint(obj, DomainTaint.SHELL_SCRIPTS);
  }
  if (cpu && (cpu.mode ?? 'custom') === 'custom' && cpu.model?.name === 'Deprecated-Test') {
    addTaint(obj, DomainTaint.DEPRECATED_CONFIG);
    obj.deprecations.push('CPU model Deprecated-Test');
  }
  if (os.dtb !== undefined) addTaint(obj, DomainTaint.CUSTOM_DTB);
}
