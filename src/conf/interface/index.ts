export type * from './types.js';
export { parseInterfaceXML, parseInterfaceElement } from './parse.js';
export { formatInterfaceXML } from './format.js';
