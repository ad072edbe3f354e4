/**
 * The QEMU driver's define-time post-parse: what libvirt 9.0.0's QEMU driver adds to a parsed
 * definition (`virsh define` then `dumpxml` is the oracle).
 */
import { parseDomainXML, type DomainDef } from '../../../conf/domain/index.js';
import type { QemuCaps } from '../caps/index.js';
import { applyQemuDefaults } from './defaults.js';
import { assignPciAddresses } from './pci-assign.js';

export function qemuPostParse(def: DomainDef, caps: QemuCaps): DomainDef {
  applyQemuDefaults(def, caps);
  assignPciAddresses(def);
  return def;
}

/** Parse domain XML as the QEMU driver does: the host's architecture by default, then its post-parse. */
export function parseQemuDomainXML(xml: string, caps: QemuCaps, flags = 0): DomainDef {
  return qemuPostParse(parseDomainXML(xml, { flags, defaultArch: caps.arch }), caps);
}

export { isI440fx, isQ35 } from './machine.js';
