import type { DomainDef } from '../../conf/domain/index.js';
import { getChild, newXNode, setAttr } from '../../conf/domain/xnode.js';
import { assignAliases } from './command-line/aliases.js';
import { isQ35 } from './postparse/index.js';

/** Write each device's QEMU id into the live definition as `<alias name='...'/>`, before its address. */
export function recordAliases(def: DomainDef): void {
  for (const [node, alias] of assignAliases(def, isQ35(def))) {
    let el = getChild(node, 'alias');
    if (!el) {
      el = newXNode('alias');
      const at = node.children.findIndex((c) => c.name === 'address');
      node.children.splice(at >= 0 ? at : node.children.length, 0, el);
    }
    setAttr(el, 'name', alias);
  }
}
