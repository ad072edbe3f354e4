/** The network XML family: model, parser, formatter. */
import type { NetworkDef } from './types.js';
import { formatNetworkXML } from './format.js';
import { parseNetworkXML } from './parse.js';

export * from './types.js';
export { NETWORK_DOCUMENT, parseNetworkXML, parseNetworkElement, type NetworkParseOptions } from './parse.js';
export { DNSMASQ_NAMESPACE } from './dnsmasq.js';
export { formatNetworkXML, type NetworkFormatOptions } from './format.js';
export { updateNetworkSection } from './update.js';

/** A deep copy, for keeping a persistent definition apart from a live one. */
export function cloneNetworkDef(def: NetworkDef): NetworkDef {
  return structuredClone(def);
}

/** libvirt's virNetworkDefCopy: a copy through format and parse, which also proves the definition valid. */
export function copyNetworkDefChecked(def: NetworkDef, inactive: boolean): NetworkDef {
  return parseNetworkXML(formatNetworkXML(def, { inactive }));
}
