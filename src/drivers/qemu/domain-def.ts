import { join } from 'node:path';
import { parseDomainXML, type DomainDef } from '../../conf/domain/index.js';
import { hostArch, type QemuCaps } from './caps/index.js';
import type { QemuDriverState } from './driver-state.js';
import { parseQemuDomainXML } from './postparse/index.js';

/** The capabilities of the emulator a definition names, or of the host architecture's default one. */
export function capsFor(state: QemuDriverState, def: DomainDef): Promise<QemuCaps> {
  return def.devices.emulator ? state.caps.lookup(def.devices.emulator) : state.caps.lookupByArch(def.os.arch || hostArch());
}

/**
 * Parse XML as the QEMU driver does at define and create time: find the emulator it asks for
 * (a missing binary is refused here, as libvirt does), then parse again with its defaults.
 */
export async function parseForQemu(state: QemuDriverState, xml: string, flags: number): Promise<DomainDef> {
  const caps = await capsFor(state, parseDomainXML(xml, { flags }));
  return parseQemuDomainXML(xml, caps, { flags, nvramDir: join(state.paths.libDir, 'nvram') });
}
