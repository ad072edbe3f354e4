/** `<cpu>`: mode, match, check, model, topology and feature policies. */
import { ErrorDomain, ErrorNumber } from '../../errors/codes.js';
import { virError } from '../../errors/vir-error.js';
import { attr, childElements, firstChild, type XmlElement, type XmlWriter } from '../xml.js';
import { parseNuma } from './numa.js';
import { enumAttr } from './parse-util.js';
import { getAttr, orderAttrs, setAttr, toXNode, writeXNode, type XNode } from './xnode.js';

const CPU_MODES = ['custom', 'host-model', 'host-passthrough', 'maximum'];

export interface DomainCpu {
  mode?: string;
  match?: string;
  check?: string;
  migratable?: string;
  model?: { name?: string; fallback?: string; vendorId?: string };
  vendor?: string;
  topology?: XNode;
  cache?: XNode;
  maxphysaddr?: { mode: string; bits?: number };
  features: XNode[];
  numa?: XNode;
}

export function parseCpu(root: XmlElement): DomainCpu | undefined {
  const el = firstChild(root, 'cpu');
  if (!el) return undefined;
  const mode = attr(el, 'mode');
  if (mode !== undefined && !CPU_MODES.includes(mode)) {
    throw virError(ErrorDomain.VIR_FROM_CPU, ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED, `Invalid mode attribute '${mode}'`);
  }
  const modelEl = firstChild(el, 'model');
  const cpu: DomainCpu = {
    mode,
    match: attr(el, 'match'),
    check: attr(el, 'check'),
    migratable: attr(el, 'migratable'),
    model: modelEl ? { name: modelEl.textContent || undefined, fallback: attr(modelEl, 'fallback'), vendorId: attr(modelEl, 'vendor_id') } : undefined,
    vendor: firstChild(el, 'vendor')?.textContent ?? undefined,
    topology: firstChild(el, 'topology') ? toXNode(firstChild(el, 'topology')!) : undefined,
    cache: firstChild(el, 'cache') ? toXNode(firstChild(el, 'cache')!) : undefined,
    maxphysaddr: parseMaxPhysAddr(firstChild(el, 'maxphysaddr')),
    features: childElements(el, 'feature').map(toXNode),
    numa: firstChild(el, 'numa') ? parseNuma(firstChild(el, 'numa')!) : undefined,
  };
  applyCpuDefaults(cpu);
  return cpu;
}

/** `<maxphysaddr mode bits>`: the guest's physical address width (mode required, bits >= 0). */
function parseMaxPhysAddr(el: XmlElement | undefined): DomainCpu['maxphysaddr'] {
  if (!el) return undefined;
  const mode = enumAttr(el, 'mode', ['emulate', 'passthrough'] as const);
  if (mode === undefined) {
    throw virError(ErrorDomain.VIR_FROM_XML, ErrorNumber.VIR_ERR_XML_ERROR, "Missing required attribute 'mode' in element 'maxphysaddr'");
  }
  const text = attr(el, 'bits');
  if (text === undefined) return { mode };
  const bits = /^\s*\+?\d+$/.test(text) ? Number(text.trim()) : NaN;
  if (!Number.isSafeInteger(bits) || bits > 0x7fffffff) {
    throw virError(ErrorDomain.VIR_FROM_XML, ErrorNumber.VIR_ERR_XML_ERROR,
      `Invalid value for attribute 'bits' in element 'maxphysaddr': '${text}'. Expected non-negative integer value`);
  }
  return { mode, bits };
}

/** Post-parse defaults libvirt fills into `<cpu>`. */
function applyCpuDefaults(cpu: DomainCpu): void {
  const mode = cpu.mode ?? 'custom';
  if (mode === 'custom' && cpu.model && cpu.match === undefined) cpu.match = 'exact';
  if (cpu.model?.name && cpu.model.fallback === undefined) cpu.model.fallback = 'allow';
  if (cpu.topology) {
    if (getAttr(cpu.topology, 'dies') === undefined) setAttr(cpu.topology, 'dies', '1');
    orderAttrs(cpu.topology, ['sockets', 'dies', 'cores', 'threads']);
  }
  for (const f of cpu.features) {
    if (!f.attrs.some(([k]) => k === 'policy')) f.attrs.unshift(['policy', 'require']);
    orderAttrs(f, ['policy', 'name']);
  }
}

export function formatCpu(w: XmlWriter, cpu: DomainCpu | undefined): void {
  if (!cpu) return;
  const mode = cpu.mode ?? (cpu.model ? 'custom' : undefined);
  // like virXMLFormatElement, a <cpu> with neither attributes nor children is left out
  const empty = [mode, cpu.match, cpu.check, cpu.migratable, cpu.topology, cpu.cache, cpu.maxphysaddr, cpu.numa].every((v) => v === undefined);
  if (empty && cpu.features.length === 0) return;
  w.element('cpu', { mode, match: cpu.match, check: cpu.check, migratable: cpu.migratable }, (inner) => {
    // the guest CPU model and vendor only mean something for custom and host-model CPUs
    const withModel = mode === 'custom' || mode === 'host-model';
    const m = cpu.model;
    if (withModel && m && (m.name || m.vendorId)) {
      const attrs = { fallback: m.name ? m.fallback : undefined, vendor_id: m.vendorId };
      if (m.name) inner.text('model', m.name, attrs);
      else inner.empty('model', attrs);
    }
    if (withModel) inner.text('vendor', cpu.vendor);
    if (cpu.topology) writeXNode(inner, cpu.topology);
    if (cpu.cache) writeXNode(inner, cpu.cache);
    if (cpu.maxphysaddr) inner.empty('maxphysaddr', { mode: cpu.maxphysaddr.mode, bits: cpu.maxphysaddr.bits });
    for (const f of cpu.features) writeXNode(inner, f);
    if (cpu.numa) writeXNode(inner, cpu.numa);
  });
}
