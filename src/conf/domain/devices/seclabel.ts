/**
 * Per-device `<seclabel>` overrides inside a `<source>` (character devices, disks): read as a
 * definition reads them (labelskip only describes a running guest, so it is not kept), and left
 * out of an inactive dump when they only restate the default (relabel without a label).
 */
import { enumValue, xmlDetail, xmlError } from '../parse-util.js';
import { getAttr, getChild, newXNode, type XNode } from '../xnode.js';

/** The canonical `<seclabel>` children of `source`, replacing the ones written. */
export function canonicalSourceSeclabels(source: XNode): XNode[] {
  const models: (string | undefined)[] = [];
  return source.children.filter((c) => c.name === 'seclabel').map((sl) => {
    const model = getAttr(sl, 'model');
    if (model !== undefined && models.includes(model)) throw xmlDetail(`seclabel for model ${model} is already provided`);
    models.push(model);
    const relabelAttr = getAttr(sl, 'relabel');
    const relabel = relabelAttr === undefined ? 'yes' : enumValue(relabelAttr, 'relabel', 'seclabel', ['yes', 'no'] as const);
    const label = getChild(sl, 'label')?.text;
    if (label && relabel === 'no') {
      throw xmlError(`Cannot specify a label if relabelling is turned off. model=${model ?? '<null>'}`);
    }
    const attrs: [string, string][] = model === undefined ? [] : [['model', model]];
    attrs.push(['relabel', relabel]);
    return newXNode('seclabel', attrs, label ? [{ name: 'label', attrs: [], children: [], text: label }] : []);
  });
}

/** An inactive dump leaves out source seclabels that relabel without a label of their own. */
export function withoutDefaultSeclabels(node: XNode): XNode {
  if (!hasDefaultSeclabel(node)) return node;
  return {
    ...node,
    children: node.children.filter((c) => !(node.name === 'source' && isDefault(c))).map(withoutDefaultSeclabels),
  };
}

function isDefault(c: XNode): boolean {
  return c.name === 'seclabel' && getAttr(c, 'relabel') === 'yes' && !getChild(c, 'label');
}

function hasDefaultSeclabel(node: XNode): boolean {
  return node.children.some((c) => (node.name === 'source' && isDefault(c)) || hasDefaultSeclabel(c));
}
