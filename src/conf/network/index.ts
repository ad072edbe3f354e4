/** The network XML family: model, parser, formatter. */
import type { NetworkDef } from './types.js';

export * from './types.js';
export { NETWORK_DOCUMENT, parseNetworkXML, parseNetworkElement, type NetworkParseOptions } from './parse.js';
export { DNSMASQ_NAMESPACE } from './dnsmasq.js';
export { formatNetworkXML, type NetworkFormatOptions } from './format.js';

/** A deep copy, for keeping a persistent definition apart from a live one. */
export function cloneNetworkDef(def: NetworkDef): NetworkDef {
  return structuredClone(def);
}
