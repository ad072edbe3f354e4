/** `<vcpu>`: maximum and current virtual CPU counts, placement and cpuset. */
import { attr, firstChild, type XmlElement, type XmlWriter } from '../xml.js';
import { canonicalCpuset } from './cpuset.js';
import { internalError, unsupported, xmlError } from './parse-util.js';

export interface DomainVcpus {
  max: number;
  current: number;
  placement: 'static' | 'auto';
  cpuset?: string;
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
  if (current > max) throw unsupported('maximum vCPU count must not be less than current vCPU count');
  return { max, current, placement, cpuset: placement === 'static' ? cpuset : undefined };
}

export function formatVcpus(w: XmlWriter, v: DomainVcpus): void {
  w.text('vcpu', v.max, { placement: v.placement, cpuset: v.cpuset, current: v.current !== v.max ? v.current : undefined });
}
