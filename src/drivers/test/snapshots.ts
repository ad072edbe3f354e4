import type { XmlElement } from '../../conf/xml.js';
import type { DomainObj } from './domain-obj.js';
import { E, testError } from './errors.js';

/** Snapshots listed in a custom node file. */
export function loadSnapshotsFromNode(obj: DomainObj, nodes: XmlElement[]): void {
  if (nodes.length > 0) throw testError(E.VIR_ERR_NO_SUPPORT, 'snapshots in test driver node files');
}
