/** Matching a snapshot's disks to its domain's, as libvirt's virDomainSnapshotAlignDisks does. */
import { statSync } from 'node:fs';
import { ErrorDomain, ErrorNumber } from '../../errors/codes.js';
import { virError } from '../../errors/vir-error.js';
import type { SnapshotDef, SnapshotDisk, SnapshotLocation } from './types.js';

/** What alignment needs to know about one disk of the domain. */
export interface DomainDiskInfo {
  /** Target name (vda). */
  dst: string;
  /** Source path, undefined for an empty drive. */
  source?: string;
  /** The disk's own `snapshot=` preference. */
  snapshot?: SnapshotLocation;
}

const cfgErr = (detail: string) => virError(ErrorDomain.VIR_FROM_DOMAIN_SNAPSHOT, ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED, detail);

/**
 * Give `def` one disk entry per domain disk, in domain order: requested disks checked and
 * normalised to their target names, the rest filled with defaults. With `uniformInternal`, an
 * internal snapshot must cover every disk.
 */
export function alignSnapshotDisks(def: SnapshotDef, domainDisks: DomainDiskInfo[], defaultLocation: SnapshotLocation,
  uniformInternal: boolean): void {
  if (def.disks.length > domainDisks.length) throw cfgErr('too many disk snapshot requests for domain');
  const requireMatch = uniformInternal && defaultLocation === 'internal';
  if (domainDisks.length === 0) return;
  const byTarget = new Map<string, SnapshotDisk>();
  for (const disk of def.disks) {
    const domDisk = domainDisks.find((d) => d.dst === disk.name || (d.source !== undefined && d.source === disk.name));
    if (!domDisk) throw cfgErr(`no disk named '${disk.name}'`);
    if (byTarget.has(domDisk.dst)) throw cfgErr(`disk '${disk.name}' specified twice`);
    byTarget.set(domDisk.dst, disk);
    const own = domDisk.snapshot ?? 'default';
    if (disk.snapshot === 'default') {
      disk.snapshot = own !== 'default' && (!requireMatch || own === 'no') ? own : defaultLocation;
    } else if (requireMatch && disk.snapshot !== defaultLocation && !(disk.snapshot === 'no' && own === 'no')) {
      throw cfgErr(`disk '${disk.name}' must use snapshot mode '${defaultLocation}'`);
    }
    if (disk.path !== undefined && disk.snapshot !== 'external') {
      throw cfgErr(`file '${disk.path}' for disk '${disk.name}' requires use of external snapshot mode`);
    }
    disk.name = domDisk.dst;
  }
  def.disks = domainDisks.map((d) => byTarget.get(d.dst) ?? {
    name: d.dst,
    type: 'file',
    snapshot: d.source === undefined ? 'no' : d.snapshot && d.snapshot !== 'default' ? d.snapshot : defaultLocation,
  });
  assignExternalNames(def, domainDisks);
}

/** External snapshots without a file get "<source minus extension>.<snapshot name>". */
function assignExternalNames(def: SnapshotDef, domainDisks: DomainDiskInfo[]): void {
  def.disks.forEach((disk, i) => {
    if (disk.snapshot !== 'external' || disk.path !== undefined) return;
    if (disk.type !== 'file') {
      throw cfgErr(`cannot generate external snapshot name for disk '${disk.name}' on a '${disk.type}' device`);
    }
    const origin = domainDisks[i].source;
    if (origin === undefined) throw cfgErr(`cannot generate external snapshot name for disk '${disk.name}' without source`);
    let regular = false;
    try {
      regular = statSync(origin).isFile();
    } catch {
      regular = false;
    }
    if (!regular) {
      throw cfgErr(`source for disk '${disk.name}' is not a regular file; refusing to generate external snapshot name`);
    }
    const dot = origin.lastIndexOf('.');
    const stem = dot >= 0 && !origin.slice(dot).includes('/') ? origin.slice(0, dot) : origin;
    disk.path = `${stem}.${def.name}`;
    const clash = def.disks.slice(0, i).find((d) => d.path === disk.path);
    if (clash) {
      throw cfgErr(`cannot generate external snapshot name for disk '${disk.name}': collision with disk '${clash.name}'`);
    }
  });
}
