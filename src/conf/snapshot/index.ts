/** The domain snapshot XML family. */
export * from './types.js';
export { SNAPSHOT_DOCUMENT, parseSnapshotXML, parseSnapshotElement, type SnapshotParseOptions } from './parse.js';
export { formatSnapshotXML, type SnapshotFormatOptions } from './format.js';
export { alignSnapshotDisks, type DomainDiskInfo } from './align.js';
