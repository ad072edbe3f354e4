/** `<memory>` devices (dimm, nvdimm, virtio-pmem, virtio-mem, sgx-epc): sizes in KiB, canonical order. */
import type { XmlElement } from '../../xml.js';
import { canonicalCpuset } from '../cpuset.js';
import { enumAttr, scaledKiB, xmlError } from '../parse-util.js';
import { getAttr, getChild, newXNode, orderAttrs, orderChildren, setAttr, toXNode, type XNode } from '../xnode.js';
import { DEVICE_INFO_ORDER, normalizeAddress } from './address.js';

const MODELS = ['dimm', 'nvdimm', 'virtio-pmem', 'virtio-mem', 'sgx-epc'] as const;
const SIZE_ELEMENTS = ['size', 'pagesize', 'alignsize', 'block', 'requested', 'current'];

export function parseMemoryDevice(el: XmlElement): XNode {
  const model = enumAttr(el, 'model', MODELS);
  if (model === undefined) throw xmlError('missing memory model');
  const node = toXNode(el);
  if (model === 'virtio-pmem' && getAttr(node, 'access') === undefined) setAttr(node, 'access', 'shared');
  orderAttrs(node, ['model', 'access', 'discard']);
  const source = getChild(node, 'source');
  if (source) {
    scaleSizes(source);
    const nodemask = getChild(source, 'nodemask');
    if (nodemask?.text !== undefined) nodemask.text = canonicalCpuset(nodemask.text);
    orderChildren(source, ['nodemask', 'pagesize', 'path', 'alignsize', 'pmem']);
  }
  const target = getChild(node, 'target');
  if (target) {
    scaleSizes(target);
    const label = getChild(target, 'label');
    if (label) scaleSizes(label);
    if (model === 'virtio-mem') virtioMemSizes(target);
    orderChildren(target, ['size', 'node', 'label', 'readonly', 'block', 'requested', 'current']);
  }
  normalizeAddress(node);
  orderChildren(node, ['uuid', 'source', 'target', ...DEVICE_INFO_ORDER]);
  return node;
}

function scaleSizes(parent: XNode): void {
  for (const child of parent.children) {
    if (!SIZE_ELEMENTS.includes(child.name) || child.text === undefined) continue;
    child.text = String(scaledKiB(child.text.trim(), getAttr(child, 'unit'), `./${child.name}`, 1024));
    child.attrs = [['unit', 'KiB']];
  }
}

/**
 * A virtio-mem device with a block size always has a requested size (0 unless given) and, while
 * the domain runs, the size the guest has plugged: libvirt never reads that one from XML, it
 * starts at 0 until a hypervisor reports it (left out of inactive dumps, see live-state.ts).
 */
function virtioMemSizes(target: XNode): void {
  target.children = target.children.filter((c) => c.name !== 'current');
  const block = getChild(target, 'block');
  if (!block || Number(block.text ?? 0) === 0) return;
  const kib = (name: string): XNode => ({ ...newXNode(name, [['unit', 'KiB']]), text: '0' });
  if (!getChild(target, 'requested')) target.children.push(kib('requested'));
  target.children.push(kib('current'));
}
