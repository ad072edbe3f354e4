/**
 * The `<features>` entries that carry a single value (virDomainFeaturesDefParse / ...Format): read
 * with libvirt's checks and defaults, rewritten as libvirt writes them, or dropped when they end
 * up off/none. Nested families (hyperv, kvm, xen, capabilities, tcg) are not handled here.
 */
import type { XmlElement } from '../xml.js';
import { enumAttr, missingAttr, prettyBytes, scaledBytes, unsupported } from './parse-util.js';
import { newXNode, type XNode } from './xnode.js';

const ON_OFF = ['on', 'off'] as const;
const FIX_LEVELS = ['none', 'broken', 'workaround', 'fixed'] as const;
const VALUE_FEATURES: Record<string, readonly string[]> = {
  cfpc: FIX_LEVELS, sbbc: FIX_LEVELS, ibs: ['none', 'broken', 'workaround', 'fixed-ibs', 'fixed-ccd', 'fixed-na'],
};

const node = (name: string, attrs: [string, string][] = [], children: XNode[] = []): XNode => newXNode(name, attrs, children);

/** An attribute enum that may not take its first ("none") value (VIR_XML_PROP_NONZERO). */
function nonNoneAttr(el: XmlElement, name: string, allowed: readonly string[]): string | undefined {
  return enumAttr(el, name, allowed.slice(1));
}

/** The canonical node for feature `el`, undefined when libvirt keeps it off; null when not handled here. */
export function canonicalValueFeature(el: XmlElement): XNode | undefined | null {
  const name = el.nodeName;
  switch (name) {
    case 'acpi': case 'pae': case 'viridian': case 'privnet':
      return node(name);
    case 'apic': {
      const eoi = enumAttr(el, 'eoi', ON_OFF);
      return node(name, eoi ? [['eoi', eoi]] : []);
    }
    case 'msrs': {
      const unknown = enumAttr(el, 'unknown', ['ignore', 'fault'] as const);
      if (unknown === undefined) throw missingAttr('unknown', name);
      return node(name, [['unknown', unknown]]);
    }
    case 'vmcoreinfo': case 'hap': case 'pmu': case 'pvspinlock': case 'vmport':
      return node(name, [['state', enumAttr(el, 'state', ON_OFF) ?? 'on']]);
    case 'htm': case 'nested-hv': case 'ccf-assist': {
      const state = enumAttr(el, 'state', ON_OFF);
      if (state === undefined) throw missingAttr('state', name);
      return node(name, [['state', state]]);
    }
    case 'smm': return smm(el);
    case 'gic': {
      const version = nonNoneAttr(el, 'version', ['none', 'host', '2', '3']);
      return node(name, version ? [['version', version]] : []);
    }
    case 'ioapic': {
      const driver = nonNoneAttr(el, 'driver', ['none', 'qemu', 'kvm']);
      return driver ? node(name, [['driver', driver]]) : undefined;
    }
    case 'hpt': return hpt(el);
    case 'cfpc': case 'sbbc': case 'ibs': {
      const value = nonNoneAttr(el, 'value', VALUE_FEATURES[name]!);
      return value ? node(name, [['value', value]]) : undefined;
    }
    default:
      return null;
  }
}

/** `<smm>`: on unless told off; an SMRAM size (default unit MiB) only when on, in its largest exact unit. */
function smm(el: XmlElement): XNode {
  const state = enumAttr(el, 'state', ON_OFF) ?? 'on';
  const tseg = el.getElementsByTagName('tseg')[0];
  const children: XNode[] = [];
  if (state === 'on' && tseg && tseg.textContent) {
    const bytes = scaledBytes((tseg.textContent ?? '').trim(), tseg.getAttribute('unit') ?? undefined, 'string(./features/smm/tseg)', 1024 * 1024);
    const [value, unit] = prettyBytes(bytes);
    children.push({ name: 'tseg', attrs: [['unit', unit]], children: [], text: String(value) });
  }
  return node('smm', [['state', state]], children);
}

/** `<hpt>`: kept when it sets a resizing policy or a maximum page size (in KiB). */
function hpt(el: XmlElement): XNode | undefined {
  const resizing = nonNoneAttr(el, 'resizing', ['none', 'enabled', 'disabled', 'required']);
  const page = el.getElementsByTagName('maxpagesize')[0];
  let kib = 0n;
  if (page && page.textContent) {
    try {
      kib = (scaledBytes((page.textContent ?? '').trim(), page.getAttribute('unit') ?? undefined, './features/hpt/maxpagesize') + 1023n) / 1024n;
    } catch {
      throw unsupported('Unable to parse HPT maxpagesize setting');
    }
  }
  if (!resizing && kib === 0n) return undefined;
  const children = kib > 0n ? [{ name: 'maxpagesize', attrs: [['unit', 'KiB']] as [string, string][], children: [], text: String(kib) }] : [];
  return node('hpt', resizing ? [['resizing', resizing]] : [], children);
}
