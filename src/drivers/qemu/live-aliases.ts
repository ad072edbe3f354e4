import type { DomainDef } from '../../conf/domain/index.js';
import { getAttr, getChild, newXNode, setAttr } from '../../conf/domain/xnode.js';
import { assignAliases } from './command-line/aliases.js';
import { isQ35 } from './postparse/index.js';

/** Write each device's QEMU id into the live definition as `<alias name='...'/>`, before its address. */
export function recordAliases(def: DomainDef): void {
  const aliases = assignAliases(def, isQ35(def));
  // A serial console is shown as a copy of its serial port, alias included (libvirt's formatter).
  const { serial, console } = def.devices.lists;
  console.forEach((con, n) => {
    const target = getAttr(getChild(con, 'target'), 'type');
    const serialAlias = serial[n] && aliases.get(serial[n]);
    if ((target === undefined || target === 'serial') && serialAlias) aliases.set(con, serialAlias);
  });
  for (const [node, alias] of aliases) {
    let el = getChild(node, 'alias');
    if (!el) {
      el = newXNode('alias');
      const at = node.children.findIndex((c) => c.name === 'address');
      node.children.splice(at >= 0 ? at : node.children.length, 0, el);
    }
    setAttr(el, 'name', alias);
  }
}
