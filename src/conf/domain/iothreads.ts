/**
 * `<iothreads>`, `<iothreadids>`, `<defaultiothread>` (virDomainDefParseIOThreads): the count is at
 * least the ids listed, missing ids are filled with the lowest free ones, and the id list is
 * written only when one was chosen by the user or carries a thread pool.
 */
import { childElements, firstChild, type XmlElement } from '../xml.js';
import { missingAttr, nonNegativeIntValue, uintValue, xmlError } from './parse-util.js';
import { newXNode, type XNode } from './xnode.js';

export interface IothreadId {
  id: number;
  /** Filled in by libvirt, not written by the user. */
  autofill: boolean;
  poolMin?: number;
  poolMax?: number;
}

export interface DomainIothreads {
  ids: IothreadId[];
  defaultPool?: { min?: number; max?: number };
}

function pool(el: XmlElement): { min?: number; max?: number } {
  const read = (name: string) => {
    const v = el.getAttribute(name);
    return v === null ? undefined : nonNegativeIntValue(v, name, el.nodeName);
  };
  return { min: read('thread_pool_min'), max: read('thread_pool_max') };
}

export function parseIothreads(root: XmlElement): DomainIothreads {
  const countText = firstChild(root, 'iothreads')?.textContent ?? '';
  let count = 0;
  if (countText) {
    if (!/^\s*\+?\d+$/.test(countText) || Number(countText) > 0xffffffff) throw xmlError(`invalid iothreads count '${countText}'`);
    count = Number(countText);
  }
  const defaultEl = firstChild(root, 'defaultiothread');
  const defaultPool = defaultEl ? pool(defaultEl) : undefined;
  const ids: IothreadId[] = [];
  const listEl = firstChild(root, 'iothreadids');
  for (const el of listEl ? childElements(listEl, 'iothread') : []) {
    const idText = el.getAttribute('id');
    if (idText === null) throw missingAttr('id', 'iothread');
    const id = uintValue(idText, 'id', 'iothread', true);
    const p = pool(el);
    if (ids.some((t) => t.id === id)) throw xmlError(`duplicate iothread id '${id}' found`);
    ids.push({ id, autofill: false, poolMin: p.min, poolMax: p.max });
  }
  for (let next = 1; ids.length < count; next++) {
    if (!ids.some((t) => t.id === next)) ids.push({ id: next, autofill: true });
  }
  const keepDefault = defaultPool && (defaultPool.min !== undefined || defaultPool.max !== undefined);
  return { ids, defaultPool: keepDefault ? defaultPool : undefined };
}

const poolAttrs = (min?: number, max?: number): [string, string][] => [
  ...(min !== undefined ? [['thread_pool_min', String(min)] as [string, string]] : []),
  ...(max !== undefined ? [['thread_pool_max', String(max)] as [string, string]] : []),
];

/** The top-level nodes libvirt writes for `t`, by element name. */
export function iothreadNodes(t: DomainIothreads): Record<string, XNode[]> {
  const out: Record<string, XNode[]> = {};
  if (t.ids.length) out.iothreads = [{ name: 'iothreads', attrs: [], children: [], text: String(t.ids.length) }];
  if (t.ids.some((i) => !i.autofill || i.poolMin !== undefined || i.poolMax !== undefined)) {
    out.iothreadids = [newXNode('iothreadids', [], t.ids.map((i) => newXNode('iothread', [['id', String(i.id)], ...poolAttrs(i.poolMin, i.poolMax)])))];
  }
  if (t.defaultPool) out.defaultiothread = [newXNode('defaultiothread', poolAttrs(t.defaultPool.min, t.defaultPool.max))];
  return out;
}
