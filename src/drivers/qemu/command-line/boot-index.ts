/** Each device's effective boot index: its `<boot order>`, or its place in `<os><boot dev>` (qemuProcessPrepareDeviceBootorder). */
import type { DomainDef } from '../../../conf/domain/index.js';
import { getAttr, getChild, type XNode } from '../../../conf/domain/xnode.js';

export function bootIndexes(def: DomainDef): Map<XNode, number> {
  const out = new Map<XNode, number>();
  for (const list of Object.values(def.devices.lists)) {
    for (const n of list) {
      const order = getAttr(getChild(n, 'boot'), 'order');
      if (order !== undefined) out.set(n, Number(order));
    }
  }
  const devs = def.os.bootDevs;
  if (devs.length === 0) return out;
  const position = (dev: string): number => devs.lastIndexOf(dev) + 1;
  const remaining: Record<string, number> = { cdrom: position('cdrom'), disk: position('hd'), lun: position('hd'), floppy: position('fd') };
  for (const d of def.devices.lists.disk) {
    const device = getAttr(d, 'device') ?? 'disk';
    const key = device === 'lun' ? 'disk' : device;
    if (remaining[key]) out.set(d, remaining[key]!);
    remaining[key] = 0;
  }
  const net = def.devices.lists.interface[0];
  if (net && position('network') > 0) out.set(net, position('network'));
  return out;
}
