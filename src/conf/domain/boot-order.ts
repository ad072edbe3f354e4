/**
 * Per-device `<boot order='N'/>` against `<os><boot dev=.../>`: the two are exclusive, orders are
 * unique, and a guest with neither boots from its first disk (libvirt's boot-order post-parse).
 */
import type { DomainDevices } from './devices/index.js';
import type { DomainOs } from './os.js';
import { unsupported } from './parse-util.js';
import { getAttr, getChild } from './xnode.js';

export function applyBootOrder(os: DomainOs, devices: DomainDevices): void {
  const orders = new Set<string>();
  for (const list of Object.values(devices.lists)) {
    for (const node of list) {
      const order = getAttr(getChild(node, 'boot'), 'order');
      if (order === undefined) continue;
      if (orders.has(order)) throw unsupported(`boot order '${order}' used for more than one device`);
      orders.add(order);
    }
  }
  if (os.bootDevs.length > 0 && orders.size > 0) {
    throw unsupported('per-device boot elements cannot be used together with os/boot elements');
  }
  if (os.type === 'hvm' && os.bootDevs.length === 0 && orders.size === 0) os.bootDevs.push('hd');
}
