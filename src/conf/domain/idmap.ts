/**
 * `<idmap>`: user-namespace mappings of a container (uid and gid ranges). libvirt sorts each
 * list by start, requires the container's root (start 0) to be mapped, and writes the element
 * only when there is a uid map.
 */
import { attr, childElements, type XmlElement } from '../xml.js';
import { unsupported, xmlError } from './parse-util.js';
import { newXNode, type XNode } from './xnode.js';

const FIELDS = ['start', 'target', 'count'] as const;

function parseMaps(idmap: XmlElement, kind: 'uid' | 'gid'): XNode[] {
  const maps = childElements(idmap, kind).map((el) => FIELDS.map((f) => {
    const text = attr(el, f) ?? '';
    const n = Number(text);
    if (!/^\d+$/.test(text) || n > 0xffffffff) throw xmlError('invalid idmap start/target/count settings');
    return n;
  }));
  maps.sort((a, b) => a[0]! - b[0]!);
  if (maps.length && maps[0]![0] !== 0) throw unsupported('You must map the root user of container');
  return maps.map((m) => newXNode(kind, FIELDS.map((f, i) => [f, String(m[i])])));
}

export function parseIdmap(el: XmlElement): XNode | undefined {
  const uid = parseMaps(el, 'uid');
  const gid = parseMaps(el, 'gid');
  return uid.length ? newXNode('idmap', [], [...uid, ...gid]) : undefined;
}
