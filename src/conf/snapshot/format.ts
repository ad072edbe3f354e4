/** Format a SnapshotDef as libvirt's virDomainSnapshotDefFormat lays it out. */
import { XmlWriter } from '../xml.js';
import type { SnapshotDef, SnapshotDisk } from './types.js';

export interface SnapshotFormatOptions {
  /** The embedded `<domain>`, already formatted (inactive, and secure when asked) by the domain module. */
  domainXML?: string;
  /** The embedded `<inactiveDomain>`, formatted the same way. */
  inactiveDomainXML?: string;
  /** The domain's UUID, written as `<domain><uuid>` when there is no domain XML (old snapshots). */
  domainUuid?: string;
  /** VIR_DOMAIN_SNAPSHOT_XML_SECURE: the caller formats domainXML with secrets; nothing else differs here. */
  secure?: boolean;
  /** Internal (saved state) format: adds `<active>`. */
  internal?: { current: boolean };
}

function writeDisk(w: XmlWriter, disk: SnapshotDisk): void {
  const detailed = disk.path !== undefined || disk.driverType !== undefined;
  w.element('disk', { name: disk.name, snapshot: disk.snapshot === 'default' ? undefined : disk.snapshot, type: detailed ? disk.type : undefined }, (c) => {
    if (disk.deleteInProgress) c.empty('snapshotDeleteInProgress');
    if (!detailed) return;
    if (disk.driverType !== undefined) c.empty('driver', { type: disk.driverType });
    c.element('source', { [disk.type === 'file' ? 'file' : 'dev']: disk.path }, undefined, true);
  });
}

/** Indent an already formatted document one level deeper, as an embedded child. */
function embed(w: XmlWriter, xml: string): void {
  for (const line of xml.replace(/\n$/, '').split('\n')) w.raw(`${'  '.repeat(w.indentLevel)}${line}`);
}

export function formatSnapshotXML(def: SnapshotDef, opts: SnapshotFormatOptions = {}): string {
  const w = new XmlWriter();
  w.open('domainsnapshot');
  w.text('name', def.name);
  if (def.description !== undefined) w.text('description', def.description);
  if (def.state !== undefined && def.state !== 'nostate') w.text('state', def.state);
  if (def.parent !== undefined) w.open('parent').text('name', def.parent).close('parent');
  if (def.creationTime) w.text('creationTime', def.creationTime);
  if (def.memory !== 'default') w.empty('memory', { snapshot: def.memory, file: def.memoryFile });
  if (def.disks.length) {
    w.open('disks');
    for (const d of def.disks) writeDisk(w, d);
    w.close('disks');
  }
  if (opts.domainXML !== undefined) embed(w, opts.domainXML);
  else if (opts.domainUuid !== undefined) w.open('domain').text('uuid', opts.domainUuid).close('domain');
  if (opts.inactiveDomainXML !== undefined) embed(w, opts.inactiveDomainXML);
  if (opts.internal) w.text('active', opts.internal.current ? 1 : 0);
  w.close('domainsnapshot');
  return w.toString();
}
