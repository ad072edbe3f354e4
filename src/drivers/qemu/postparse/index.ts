/**
 * The QEMU driver's define-time post-parse: what libvirt 9.0.0's QEMU driver adds to a parsed
 * definition (`virsh define` then `dumpxml` is the oracle).
 */
import { parseDomainXML, type DomainDef } from '../../../conf/domain/index.js';
import type { QemuCaps } from '../caps/index.js';
import { applyQemuDefaults } from './defaults.js';
import { applyQemuDeviceDefaults } from './devices.js';
import { assignPciAddresses } from './pci-assign.js';
import { assignVirtioSerialAddresses } from './virtio-serial.js';
import { assignUsbAddresses } from './usb-address.js';
import { validateQemuDomain } from './validate.js';

/** Parse domain XML as the QEMU driver does: the binary's architecture by default, its defaults, then addresses. */
export function parseQemuDomainXML(xml: string, caps: QemuCaps, flags = 0): DomainDef {
  const def = parseDomainXML(xml, {
    flags,
    defaultArch: caps.arch,
    driverPostParse: (d) => {
      applyQemuDefaults(d, caps);
      applyQemuDeviceDefaults(d);
    },
  });
  assignQemuAddresses(def);
  validateQemuDomain(def, caps);
  return def;
}

/** Addresses for devices that have none (qemuDomainAssignAddresses). */
export function assignQemuAddresses(def: DomainDef): void {
  assignVirtioSerialAddresses(def);
  assignPciAddresses(def);
  assignUsbAddresses(def);
}

export { isI440fx, isQ35 } from './machine.js';
