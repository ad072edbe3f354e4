/**
 * What libvirt leaves out of a domain's XML unless VIR_DOMAIN_XML_SECURE is given: graphics
 * passwords and the cookies of network disk sources.
 */
import type { XNode } from '../xnode.js';

export function withoutSecrets(kind: string, node: XNode): XNode {
  if (kind === 'graphics') return { ...node, attrs: node.attrs.filter(([k]) => k !== 'passwd') };
  if (kind === 'disk') return withoutCookies(node);
  return node;
}

/** Cookies sit in `<source>`, also in the sources of a disk's backing chain. */
function withoutCookies(node: XNode): XNode {
  if (!hasCookies(node)) return node;
  return {
    ...node,
    children: node.children.filter((c) => !(node.name === 'source' && c.name === 'cookies')).map(withoutCookies),
  };
}

function hasCookies(node: XNode): boolean {
  return node.children.some((c) => (node.name === 'source' && c.name === 'cookies') || hasCookies(c));
}
