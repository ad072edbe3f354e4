/** `<memballoon>`, `<rng>`, `<watchdog>`: model checks and canonical layout. */
import type { XmlElement } from '../../xml.js';
import { enumAttr, unsupported, xmlError } from '../parse-util.js';
import { getAttr, getChild, orderAttrs, orderChildren, setAttr, toXNode, type XNode } from '../xnode.js';
import { normalizeAddress } from './address.js';
import { canonicalChrSource, checkChrSource } from './chardev-source.js';

export function parseMemballoon(el: XmlElement): XNode {
  enumAttr(el, 'model', ['virtio', 'xen', 'none', 'virtio-transitional', 'virtio-non-transitional'] as const);
  const node = toXNode(el);
  orderAttrs(node, ['model', 'autodeflate', 'freePageReporting']);
  normalizeAddress(node);
  orderChildren(node, MEMBALLOON_CHILDREN);
  return node;
}

/** virDomainMemballoonDefFormat's order: the stats period comes before the device info. */
export const MEMBALLOON_CHILDREN = ['stats', 'alias', 'address', 'driver'];

export function parseRng(el: XmlElement): XNode {
  const model = el.getAttribute('model') ?? '';
  if (!['virtio', 'virtio-transitional', 'virtio-non-transitional'].includes(model)) {
    throw unsupported(`unknown RNG model '${model}'`);
  }
  const node = toXNode(el);
  const rate = getChild(node, 'rate');
  if (rate) orderAttrs(rate, ['bytes', 'period']);
  const backend = getChild(node, 'backend');
  const backendType = getAttr(backend, 'type');
  if (getAttr(backend, 'model') === 'egd' && backendType !== undefined) {
    checkChrSource(backend!, backendType);
    canonicalChrSource(backend!, backendType, false);
  }
  // the random backend reads /dev/random unless told otherwise
  if (getAttr(backend, 'model') === 'random' && !backend!.text) backend!.text = '/dev/random';
  normalizeAddress(node);
  orderChildren(node, ['rate', 'backend', 'driver', 'alias', 'address']);
  return node;
}

export function parseWatchdog(el: XmlElement): XNode {
  const model = el.getAttribute('model') ?? '';
  if (!['i6300esb', 'ib700', 'diag288'].includes(model)) throw unsupported(`unknown watchdog model '${model}'`);
  const node = toXNode(el);
  if (getAttr(node, 'action') === undefined) node.attrs.push(['action', 'reset']);
  orderAttrs(node, ['model', 'action']);
  normalizeAddress(node);
  return node;
}

const PANIC_MODELS = ['default', 'isa', 'pseries', 'hyperv', 's390'];

/** `<panic>`: the model unless 'default' (libvirt writes a panic device only when it carries something). */
export function parsePanic(el: XmlElement): XNode {
  const model = el.getAttribute('model');
  if (model !== null && !PANIC_MODELS.includes(model)) throw unsupported(`unknown panic model '${model}'`);
  const node = toXNode(el);
  setAttr(node, 'model', model === 'default' ? undefined : model ?? undefined);
  normalizeAddress(node);
  return node;
}

/** One panic device per model. */
export function checkDuplicatePanics(panics: XNode[]): void {
  const seen = new Set<string>();
  for (const p of panics) {
    const model = getAttr(p, 'model') ?? 'default';
    if (seen.has(model)) throw xmlError(`Multiple panic devices with model '${model}'`);
    seen.add(model);
  }
}
