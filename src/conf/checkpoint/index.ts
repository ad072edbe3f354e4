/** The domain checkpoint XML family. */
export * from './types.js';
export { CHECKPOINT_DOCUMENT, parseCheckpointXML, type CheckpointParseOptions } from './parse.js';
export { formatCheckpointXML } from './format.js';
export { alignCheckpointDisks, assignBitmapNames, type CheckpointDomainDisk } from './align.js';
