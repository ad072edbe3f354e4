/** `<features>`: hypervisor features, written in libvirt's fixed feature order. */
import { childElements, firstChild, type XmlElement, type XmlWriter } from '../xml.js';
import { unsupported } from './parse-util.js';
import { toXNode, writeXNode, type XNode } from './xnode.js';
import { canonicalValueFeature } from './feature-values.js';

/** libvirt's feature order (virDomainFeature). */
const FEATURE_ORDER = ['acpi', 'apic', 'pae', 'hap', 'viridian', 'privnet', 'hyperv', 'kvm', 'pvspinlock',
  'capabilities', 'pmu', 'vmport', 'gic', 'smm', 'ioapic', 'hpt', 'vmcoreinfo', 'htm', 'nested-hv', 'msrs',
  'ccf-assist', 'xen', 'cfpc', 'sbbc', 'ibs', 'tcg', 'async-teardown'];

/** Features present, each kept as its element (most are empty, some carry settings). */
export type DomainFeatures = XNode[];

export function parseFeatures(root: XmlElement): DomainFeatures | undefined {
  const el = firstChild(root, 'features');
  if (!el) return undefined;
  const found = new Map<string, XNode>();
  for (const child of childElements(el)) {
    if (!FEATURE_ORDER.includes(child.nodeName)) throw unsupported(`unexpected feature '${child.nodeName}'`);
    const canonical = canonicalValueFeature(child);
    if (canonical !== null) {
      if (canonical) found.set(child.nodeName, canonical);
      else found.delete(child.nodeName);
      continue;
    }
    const node = toXNode(child);
    // libvirt writes <hyperv> with an open and a close tag even when it has no children
    if (child.nodeName === 'hyperv') {
      node.neverEmpty = true;
      // Hyper-V enlightenments are chosen one by one unless a mode says otherwise
      if (!node.attrs.some(([k]) => k === 'mode')) node.attrs.unshift(['mode', 'custom']);
    }
    found.set(child.nodeName, node);
  }
  return FEATURE_ORDER.filter((name) => found.has(name)).map((name) => found.get(name)!);
}

export function formatFeatures(w: XmlWriter, features: DomainFeatures | undefined): void {
  if (!features || features.length === 0) return;
  w.open('features');
  for (const f of features) writeXNode(w, f);
  w.close('features');
}
