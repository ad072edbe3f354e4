/** The storage XML family: pools and volumes. */
export * from './types.js';
export { POOL_TYPES, POOL_TYPE_INFO, FILE_FORMATS, DISK_VOLUME_FORMATS } from './pool-types.js';
export { POOL_DOCUMENT, parsePoolXML, parsePoolElement, parsePoolSourceXML, formatPoolXML } from './pool.js';
export { VOLUME_DOCUMENT, parseVolXML, parseVolElement, formatVolXML, type VolParseOptions } from './volume.js';
export { scaleInteger, parseStorageSize } from './units.js';
