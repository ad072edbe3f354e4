/**
 * Per-device `<boot order='N'/>` against `<os><boot dev=.../>`: the two are exclusive, orders are
 * unique, and a guest with neither boots from its first disk (libvirt's boot-order post-parse).
 */
import type { DomainDevices } from './devices/index.js';
import type { DomainOs } from './os.js';
import { internalError, missingAttr, uintValue, unsupported } from './parse-util.js';
import { getAttr, getChild, setAttr, type XNode } from './xnode.js';

export function applyBootOrder(os: DomainOs, devices: DomainDevices): void {
  const orders = new Set<string>();
  for (const list of Object.values(devices.lists)) {
    for (const node of list) {
      const boot = getChild(node, 'boot');
      if (!boot) continue;
      canonicalBoot(boot);
      const order = getAttr(boot, 'order')!;
      if (orders.has(order)) throw unsupported(`boot order '${order}' used for more than one device`);
      orders.add(order);
    }
  }
  if (os.bootDevs.length > 0 && orders.size > 0) {
    throw unsupported('per-device boot elements cannot be used together with os/boot elements');
  }
  if (os.type === 'hvm' && os.bootDevs.length === 0 && orders.size === 0) os.bootDevs.push('hd');
}

/** A device's `<boot>`: a non-zero order, an s390 load parameter in upper case (up to 8 of [A-Z0-9. ]). */
function canonicalBoot(boot: XNode): void {
  const order = getAttr(boot, 'order');
  if (order === undefined) throw missingAttr('order', 'boot');
  setAttr(boot, 'order', String(uintValue(order, 'order', 'boot', true)));
  const loadparm = getAttr(boot, 'loadparm')?.toUpperCase();
  if (loadparm === undefined) return;
  if (loadparm.length < 1 || loadparm.length > 8) throw internalError(`loadparm value '${loadparm}' must be between 1 and 8 characters`);
  if (!/^[A-Z0-9. ]*$/.test(loadparm)) {
    throw internalError(`invalid loadparm value '${loadparm}', expecting chars in set of [a-zA-Z0-9.] and blank spaces`);
  }
  setAttr(boot, 'loadparm', loadparm);
}
