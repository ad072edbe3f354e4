/** `<video>`: model type and its default memory sizes; the first video is the primary one. */
import type { XmlElement } from '../../xml.js';
import { unsupported } from '../parse-util.js';
import { getAttr, getChild, newXNode, orderAttrs, orderChildren, setAttr, toXNode, type XNode } from '../xnode.js';
import { DEVICE_INFO_ORDER, normalizeAddress } from './address.js';

const VIDEO_TYPES = ['default', 'vga', 'cirrus', 'vmvga', 'xen', 'vbox', 'qxl', 'parallels', 'virtio', 'gop', 'none',
  'bochs', 'ramfb'];

/** virDomainVideoDefaultRAM for the domain types the test driver sees. */
function defaultVram(type: string, domainType: string): number {
  if (type === 'vga' || type === 'cirrus' || type === 'vmvga') {
    return domainType === 'vbox' ? 8192 : domainType === 'vmware' ? 4096 : 16384;
  }
  if (type === 'bochs') return 16384;
  if (type === 'xen') return 4096;
  if (type === 'qxl') return 65536;
  return 0;
}

export function parseVideo(el: XmlElement): XNode {
  const node = toXNode(el);
  const model = getChild(node, 'model');
  const type = getAttr(model, 'type');
  if (type !== undefined && !VIDEO_TYPES.includes(type)) throw unsupported(`unknown video model '${type}'`);
  // only primary='yes' means anything; the primary video is made the first one
  if (model && getAttr(model, 'primary') !== 'yes') setAttr(model, 'primary', undefined);
  return node;
}

/** Add a parsed video as libvirt does: a primary one goes first. */
export function insertVideo(videos: XNode[], video: XNode): void {
  if (getAttr(getChild(video, 'model'), 'primary') === 'yes') videos.unshift(video);
  else videos.push(video);
}

/** The test driver's default model (xen for PV guests, vga on ppc64, else cirrus) and libvirt's memory defaults. */
export function finishVideo(node: XNode, index: number, osType: string, domainType: string, arch: string): void {
  let model = getChild(node, 'model');
  if (!model) {
    model = newXNode('model');
    node.children.unshift(model);
  }
  let type = getAttr(model, 'type');
  if (type === undefined || type === 'default') {
    type = osType === 'xen' || osType === 'linux' ? 'xen' : arch === 'ppc64' || arch === 'ppc64le' ? 'vga' : 'cirrus';
    setAttr(model, 'type', type);
  }
  // a size of 0 is libvirt's "not set": defaults apply, and nothing is written
  model.attrs = model.attrs.filter(([n, v]) => !(['ram', 'vram', 'vram64', 'vgamem'].includes(n) && Number(v) === 0));
  if (type === 'qxl' && getAttr(model, 'ram') === undefined) setAttr(model, 'ram', '65536');
  const vram = defaultVram(type, domainType);
  if (getAttr(model, 'vram') === undefined && vram > 0) setAttr(model, 'vram', String(vram));
  for (const field of ['ram', 'vram']) {
    const value = getAttr(model, field);
    if (value !== undefined && Number(value) > 0) setAttr(model, field, String(roundUpPowerOfTwo(Number(value))));
  }
  if (getAttr(model, 'heads') === undefined && type !== 'none') setAttr(model, 'heads', '1');
  if (index === 0 && type !== 'none') setAttr(model, 'primary', 'yes');
  orderAttrs(model, ['type', 'ram', 'vram', 'vram64', 'vgamem', 'heads', 'primary', 'blob']);
  normalizeAddress(node);
  orderChildren(node, ['driver', 'model', ...DEVICE_INFO_ORDER]);
}

function roundUpPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}
