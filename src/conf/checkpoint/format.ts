/** Format a CheckpointDef as libvirt's virDomainCheckpointDefFormat lays it out. */
import { XmlWriter } from '../xml.js';
import type { CheckpointDef } from './types.js';

/** `domainXML`: the embedded `<domain>`, already formatted (inactive, secure when asked) by the domain module. */
export function formatCheckpointXML(def: CheckpointDef, domainXML?: string): string {
  const w = new XmlWriter();
  w.open('domaincheckpoint');
  w.text('name', def.name);
  if (def.description !== undefined) w.text('description', def.description);
  if (def.parent !== undefined) w.open('parent').text('name', def.parent).close('parent');
  if (def.creationTime) w.text('creationTime', def.creationTime);
  if (def.disks.length) {
    w.open('disks');
    for (const d of def.disks) w.empty('disk', { name: d.name, checkpoint: d.type === 'default' ? undefined : d.type, bitmap: d.bitmap });
    w.close('disks');
  }
  if (domainXML !== undefined) {
    for (const line of domainXML.replace(/\n$/, '').split('\n')) w.raw(`${'  '.repeat(w.indentLevel)}${line}`);
  }
  w.close('domaincheckpoint');
  return w.toString();
}
