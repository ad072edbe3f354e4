import { join } from 'node:path';
import { parseDomainXML, type DomainDef } from '../../conf/domain/index.js';
import { hostArch, type QemuCaps } from './caps/index.js';
import { noEmulatorForDomainArch } from './caps/errors.js';
import type { QemuDriverState } from './driver-state.js';
import { parseQemuDomainXML } from './postparse/index.js';

/** The capabilities of the emulator a definition names, or of the host architecture's default one. */
export async function capsFor(state: QemuDriverState, def: DomainDef): Promise<QemuCaps> {
  if (def.devices.emulator) return state.caps.lookup(def.devices.emulator);
  const arch = def.os.arch || hostArch();
  const binary = await state.caps.findBinary(arch);
  if (!binary) throw noEmulatorForDomainArch(arch);
  return state.caps.lookup(binary);
}

/** The capabilities a domain XML asks for; with no `<type arch>`, the host's architecture. */
export function capsForXML(state: QemuDriverState, xml: string, flags = 0): Promise<QemuCaps> {
  return capsFor(state, parseDomainXML(xml, { flags, defaultArch: hostArch() }));
}

/**
 * Parse XML as the QEMU driver does at define and create time: find the emulator it asks for
 * (a missing binary is refused here, as libvirt does), then parse again with its defaults.
 */
export async function parseForQemu(state: QemuDriverState, xml: string, flags: number): Promise<DomainDef> {
  const caps = await capsForXML(state, xml, flags);
  return parseQemuDomainXML(xml, caps, { flags, nvramDir: join(state.paths.libDir, 'nvram') });
}
