/**
 * The QEMU driver's define-time post-parse: what libvirt 9.0.0's QEMU driver adds to a parsed
 * definition (`virsh define` then `dumpxml` is the oracle).
 */
import { parseDomainXML, type DomainDef } from '../../../conf/domain/index.js';
import type { QemuCaps } from '../caps/index.js';
import { applyQemuDefaults, applyX86SerialTarget } from './defaults.js';
import { applyQemuControllerDefaults, applyQemuDeviceDefaults } from './devices.js';
import { assignPciAddresses } from './pci-assign.js';
import { assignVirtioSerialAddresses } from './virtio-serial.js';
import { assignUsbAddresses } from './usb-address.js';
import { validateQemuDomain } from './validate.js';

export interface QemuParseOptions {
  flags?: number;
  /** Where per-domain UEFI variable stores live (libvirt: `<state root>/lib/qemu/nvram`). */
  nvramDir: string;
}

/** Parse domain XML as the QEMU driver does: the binary's architecture by default, its defaults, then addresses. */
export function parseQemuDomainXML(xml: string, caps: QemuCaps, opts: QemuParseOptions): DomainDef {
  const def = parseDomainXML(xml, {
    flags: opts.flags,
    defaultArch: caps.arch,
    driverPostParse: (d) => {
      applyQemuDefaults(d, caps, opts.nvramDir);
      applyQemuDeviceDefaults(d);
    },
  });
  // devices libvirt added implicitly (a serial port for a console, SCSI controllers) get the same defaults
  applyQemuControllerDefaults(def);
  for (const serial of def.devices.lists.serial) applyX86SerialTarget(def, serial);
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
