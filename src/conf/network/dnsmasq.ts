/**
 * The network driver's XML namespace: `<dnsmasq:options><dnsmasq:option value='...'/>` passes
 * options straight to dnsmasq. Only parsers given the namespace (as libvirt's network driver
 * gives its xmlopt) read it; libvirt's test driver has none, so it drops these elements.
 */
import { ErrorDomain, ErrorNumber } from '../../errors/codes.js';
import { virError } from '../../errors/vir-error.js';
import { childElements, XmlWriter, type XmlElement } from '../xml.js';

export const DNSMASQ_NAMESPACE = { prefix: 'dnsmasq', uri: 'http://libvirt.org/schemas/network/dnsmasq/1.0' } as const;

/** Children in the dnsmasq namespace with this local name, whatever prefix the document used. */
function nsChildren(el: XmlElement, localName: string): XmlElement[] {
  return childElements(el).filter((c) => c.namespaceURI === DNSMASQ_NAMESPACE.uri && c.localName === localName);
}

/** `./dnsmasq:options/dnsmasq:option/@value` of every option; undefined when there are none. */
export function parseDnsmasqOptions(root: XmlElement): string[] | undefined {
  const options = nsChildren(root, 'options').flatMap((o) => nsChildren(o, 'option'));
  if (options.length === 0) return undefined;
  return options.map((o) => {
    const value = o.getAttribute('value');
    if (value === null) throw virError(ErrorDomain.VIR_FROM_NETWORK, ErrorNumber.VIR_ERR_INTERNAL_ERROR, 'No dnsmasq options value specified');
    return value;
  });
}

/** The root element's namespace declaration, when there are options to write. */
export function dnsmasqRootAttrs(options: string[] | undefined): Record<string, string> {
  return options ? { [`xmlns:${DNSMASQ_NAMESPACE.prefix}`]: DNSMASQ_NAMESPACE.uri } : {};
}

export function formatDnsmasqOptions(w: XmlWriter, options: string[] | undefined): void {
  if (!options) return;
  w.open('dnsmasq:options');
  for (const value of options) w.empty('dnsmasq:option', { value });
  w.close('dnsmasq:options');
}
