/**
 * The domain's `<seclabel>`s (virSecurityLabelDefsParseXML) as a definition keeps them: type
 * dynamic unless told, relabel following the type, a static label required, image labels (which
 * describe a running guest) dropped, one label per model.
 */
import { childElements, type XmlElement } from '../xml.js';
import { enumAttr, unsupported, xmlDetail, xmlError } from './parse-util.js';
import { newXNode, type XNode } from './xnode.js';

const text = (name: string, value: string): XNode => ({ name, attrs: [], children: [], text: value });

function parseSeclabel(el: XmlElement): { model?: string; node: XNode } {
  const model = el.getAttribute('model') ?? undefined;
  let type = enumAttr(el, 'type', ['none', 'dynamic', 'static'] as const) ?? 'dynamic';
  let relabel = (enumAttr(el, 'relabel', ['yes', 'no'] as const) ?? (type === 'dynamic' ? 'yes' : 'no')) === 'yes';
  if (type === 'dynamic' && !relabel) throw unsupported('dynamic label type must use resource relabeling');
  if (type === 'none' && relabel) throw unsupported("resource relabeling is not compatible with 'none' label type");
  const attrs = (): [string, string][] => [['type', type], ...(model !== undefined ? [['model', model] as [string, string]] : [])];
  if (model === 'none') {
    // a definition turns model 'none' into an unlabelled guest
    type = 'none';
    relabel = false;
  }
  if (type === 'none') return { model, node: newXNode('seclabel', attrs()) };
  const children: XNode[] = [];
  if (type === 'static') {
    const label = childElements(el, 'label')[0]?.textContent;
    if (!label) throw xmlError('security label is missing');
    children.push(text('label', label));
  }
  if (type === 'dynamic') {
    const base = childElements(el, 'baselabel')[0]?.textContent;
    if (base) children.push(text('baselabel', base));
  }
  return { model, node: newXNode('seclabel', [...attrs(), ['relabel', relabel ? 'yes' : 'no']], children) };
}

export function parseDomainSeclabels(root: XmlElement): XNode[] {
  const parsed: { model?: string; node: XNode }[] = [];
  for (const el of childElements(root, 'seclabel')) {
    const label = parseSeclabel(el);
    if (parsed.some((p) => p.model === label.model)) throw xmlDetail(`seclabel for model ${label.model ?? '(null)'} is already provided`);
    parsed.push(label);
  }
  if (parsed.length > 1 && parsed.some((p) => p.model === undefined)) throw xmlError('missing security model when using multiple labels');
  return parsed.map((p) => p.node);
}
