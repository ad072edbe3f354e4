export type * from './types.js';
export { INTERFACE_DOCUMENT, parseInterfaceXML, parseInterfaceElement } from './parse.js';
export { formatInterfaceXML } from './format.js';
