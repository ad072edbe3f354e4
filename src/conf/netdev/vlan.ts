/** `<vlan>` (virNetDevVlan): one tag, or a trunk of tags with an optional native one. */
import { ErrorDomain, ErrorNumber } from '../../errors/codes.js';
import { virError } from '../../errors/vir-error.js';
import { attr, childElements, type XmlElement, type XmlWriter } from '../xml.js';
import { propEnum, propUInt } from '../network/xml-props.js';

export interface Vlan {
  tags: number[];
  trunk: boolean;
  nativeMode?: 'tagged' | 'untagged';
  nativeTag?: number;
}

const xmlErr = (detail: string) => virError(ErrorDomain.VIR_FROM_NONE, ErrorNumber.VIR_ERR_XML_ERROR, detail);

export function parseVlan(el: XmlElement): Vlan {
  const tagEls = childElements(el, 'tag');
  if (tagEls.length === 0) throw xmlErr('missing tag id - each <vlan> must have at least one <tag id=\'n\'/> subelement');
  const vlan: Vlan = { tags: [], trunk: tagEls.length > 1 };
  for (const t of tagEls) {
    if (attr(t, 'id') === undefined) {
      throw virError(ErrorDomain.VIR_FROM_XML, ErrorNumber.VIR_ERR_XML_ERROR, "Missing required attribute 'id' in element 'tag'");
    }
    const id = propUInt(t, 'id')!;
    if (id > 4095) throw xmlErr(`vlan tag id ${id} too large (maximum 4095)`);
    vlan.tags.push(id);
    const mode = propEnum(t, 'nativeMode', ['tagged', 'untagged'] as const);
    if (mode) {
      if (vlan.nativeMode) throw xmlErr('duplicate native vlan setting');
      vlan.nativeMode = mode;
      vlan.nativeTag = id;
    }
  }
  const trunk = attr(el, 'trunk');
  if (trunk !== undefined) {
    vlan.trunk = trunk.toLowerCase() === 'yes';
    if (!vlan.trunk) {
      if (tagEls.length > 1) throw xmlErr(`invalid "trunk='${trunk}'" in <vlan> - trunk='yes' is required for more than one vlan tag`);
      if (vlan.nativeMode) throw xmlErr('invalid configuration in <vlan> - "trunk=\'no\'" is not allowed with a native vlan id');
      if (trunk.toLowerCase() !== 'no') throw xmlErr(`invalid "trunk='${trunk}'" in <vlan> - must be yes or no`);
    }
  }
  return vlan;
}

export function formatVlan(w: XmlWriter, vlan: Vlan | undefined): void {
  if (!vlan || vlan.tags.length === 0) return;
  w.open('vlan', { trunk: vlan.trunk ? 'yes' : undefined });
  for (const id of vlan.tags) {
    const native = vlan.nativeMode && vlan.nativeTag === id;
    w.empty('tag', { id, nativeMode: native ? vlan.nativeMode : undefined });
  }
  w.close('vlan');
}
