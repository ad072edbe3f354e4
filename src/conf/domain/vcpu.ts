/** `<vcpu>`: maximum and current virtual CPU counts, placement and cpuset. */
import { attr, childElements, firstChild, type XmlElement, type XmlWriter } from '../xml.js';
import { canonicalCpuset } from './cpuset.js';
import { enumAttr, internalError, missingAttr, uintAttr, uintValue, unsupported, xmlError } from './parse-util.js';

export interface DomainVcpus {
  max: number;
  current: number;
  placement: 'static' | 'auto';
  cpuset?: string;
  /** `<vcpus>`: every vCPU's state, when the XML gives them one by one (they then set the current count). */
  individual?: { enabled: boolean; hotpluggable?: string; order?: number }[];
}

export function parseVcpus(root: XmlElement): DomainVcpus {
  const el = firstChild(root, 'vcpu');
  let max = 1;
  if (el) {
    const text = (el.textContent ?? '').trim();
    if (!/^\d+$/.test(text)) throw xmlError('maximum vcpus count must be an integer');
    max = Number(text);
  }
  let current = max;
  const currentText = attr(el, 'current');
  if (currentText !== undefined) {
    if (!/^\d+$/.test(currentText)) throw xmlError('current vcpus count must be an integer');
    current = Number(currentText) || max;
  }
  const placementText = attr(el, 'placement');
  if (placementText !== undefined && placementText !== 'static' && placementText !== 'auto') {
    throw xmlError(`Unsupported CPU placement mode '${placementText}'`);
  }
  const cpusetText = attr(el, 'cpuset');
  const cpuset = cpusetText === undefined ? undefined : canonicalCpuset(cpusetText);
  const placement = placementText ?? 'static';
  if (max === 0) throw internalError('CPU IDs in <numa> exceed the <vcpu> count');
  const individual = parseIndividualVcpus(root, max);
  if (individual) current = individual.filter((v) => v.enabled).length;
  else if (current > max) throw unsupported('maximum vCPU count must not be less than current vCPU count');
  return { max, current, placement, cpuset: placement === 'static' ? cpuset : undefined, individual };
}

function parseIndividualVcpus(root: XmlElement, max: number): DomainVcpus['individual'] {
  const list = firstChild(root, 'vcpus');
  const nodes = list ? childElements(list, 'vcpu') : [];
  if (nodes.length === 0) return undefined;
  const vcpus: NonNullable<DomainVcpus['individual']> = Array.from({ length: max }, () => ({ enabled: false }));
  for (const n of nodes) {
    const idText = attr(n, 'id');
    if (idText === undefined) throw missingAttr('id', 'vcpu');
    const id = uintValue(idText, 'id', 'vcpu');
    if (id >= max) throw xmlError(`vcpu id '${id}' is out of range of maximum vcpu count`);
    const enabled = enumAttr(n, 'enabled', ['yes', 'no'] as const);
    if (enabled === undefined) throw missingAttr('enabled', 'vcpu');
    const hotpluggable = enumAttr(n, 'hotpluggable', ['yes', 'no'] as const);
    const order = uintAttr(n, 'order');
    vcpus[id] = { enabled: enabled === 'yes', hotpluggable, order: order || undefined };
  }
  // an online vCPU is fixed and an offline one hotpluggable unless told; offline and fixed is impossible
  vcpus.forEach((v, id) => {
    v.hotpluggable ??= v.enabled ? 'no' : 'yes';
    if (!v.enabled && v.hotpluggable === 'no') throw unsupported(`vcpu '${id}' is both offline and not hotpluggable`);
  });
  return vcpus;
}

export function formatVcpus(w: XmlWriter, v: DomainVcpus): void {
  w.text('vcpu', v.max, { placement: v.placement, cpuset: v.cpuset, current: v.current !== v.max ? v.current : undefined });
  // the list is written while it still matches the counts (drivers changing them do not update it)
  const ind = v.individual;
  if (ind && ind.length === v.max && ind.filter((c) => c.enabled).length === v.current) {
    w.element('vcpus', {}, (inner) => ind.forEach((c, id) => {
      inner.empty('vcpu', { id, enabled: c.enabled ? 'yes' : 'no', hotpluggable: c.hotpluggable, order: c.order });
    }));
  }
}
