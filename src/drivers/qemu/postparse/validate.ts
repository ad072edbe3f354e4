/** Checks libvirt's QEMU driver makes before accepting a definition (qemu_validate.c), with its messages. */
import type { DomainDef } from '../../../conf/domain/index.js';
import { getAttr, getChild } from '../../../conf/domain/xnode.js';
import { ErrorDomain, ErrorNumber } from '../../../errors/codes.js';
import { virError } from '../../../errors/vir-error.js';
import type { VirError } from '../../../errors/vir-error.js';
import type { QemuCaps, QemuVirtType } from '../caps/index.js';

export function qemuUnsupported(message: string): VirError {
  return virError(ErrorDomain.VIR_FROM_QEMU, ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED, message);
}

export function validateQemuDomain(def: DomainDef, caps: QemuCaps): void {
  const emulator = def.devices.emulator;
  if (def.os.type !== 'hvm') throw qemuUnsupported(`Emulator '${emulator}' does not support os type '${def.os.type}'`);
  if (def.os.arch !== caps.arch) throw qemuUnsupported(`Emulator '${emulator}' does not support arch '${def.os.arch}'`);
  const type = def.type as QemuVirtType;
  if ((type !== 'qemu' && type !== 'kvm') || !caps.supportsVirtType(type)) {
    throw qemuUnsupported(`Emulator '${emulator}' does not support virt type '${def.type}'`);
  }
  if (!caps.machine(type, def.os.machine ?? '')) throw qemuUnsupported(`Emulator '${emulator}' does not support machine type '${def.os.machine}'`);
  for (const video of def.devices.lists.video) {
    const model = getChild(video, 'model');
    const vtype = getAttr(model, 'type');
    if (vtype === 'none' || vtype === 'qxl' || vtype === 'virtio') continue;
    if (getAttr(model, 'primary') !== 'yes') throw qemuUnsupported(`video type '${vtype}' is only valid as primary video device`);
    if (getAttr(model, 'heads') !== '1') throw qemuUnsupported(`video type '${vtype}' doesn't support multiple 'heads'`);
  }
}
