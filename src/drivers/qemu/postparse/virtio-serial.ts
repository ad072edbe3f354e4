/** Ports on virtio-serial controllers for virtio channels and consoles (port 0 is kept for consoles). */
import type { DomainDef } from '../../../conf/domain/index.js';
import { getAttr, getChild, newXNode, type XNode } from '../../../conf/domain/xnode.js';

function isVirtio(node: XNode): boolean {
  return getAttr(getChild(node, 'target'), 'type') === 'virtio';
}

export function assignVirtioSerialAddresses(def: DomainDef): void {
  const l = def.devices.lists;
  const used = new Set<string>();
  const all = [...l.console, ...l.channel].filter(isVirtio);
  for (const n of all) {
    const a = getChild(n, 'address');
    if (getAttr(a, 'type') === 'virtio-serial') used.add(`${getAttr(a, 'controller')}:${getAttr(a, 'port')}`);
  }
  const place = (n: XNode, first: number): void => {
    if (getChild(n, 'address')) return;
    let port = first;
    while (used.has(`0:${port}`)) port++;
    used.add(`0:${port}`);
    n.children.push(newXNode('address', [['type', 'virtio-serial'], ['controller', '0'], ['bus', '0'], ['port', String(port)]]));
  };
  for (const c of l.console.filter(isVirtio)) place(c, 0);
  for (const c of l.channel.filter(isVirtio)) place(c, 1);
}
