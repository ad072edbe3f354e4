/** virDomainCheckpointAlignDisks: one entry per domain disk, in the domain's order, with bitmap names. */
import { ErrorDomain, ErrorNumber } from '../../errors/codes.js';
import { virError } from '../../errors/vir-error.js';
import type { CheckpointDef, CheckpointDisk } from './types.js';

/** What alignment needs of a domain disk: its target, its source path, and whether it can hold a bitmap. */
export interface CheckpointDomainDisk { dst: string; source?: string; emptyOrReadonly: boolean }

const unsupported = (detail: string) => virError(ErrorDomain.VIR_FROM_DOMAIN_CHECKPOINT, ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED, detail);

/** Bitmap disks without a bitmap name take the checkpoint's. */
export function assignBitmapNames(def: CheckpointDef): void {
  for (const d of def.disks) if (d.type === 'bitmap' && d.bitmap === undefined) d.bitmap = def.name;
}

export function alignCheckpointDisks(def: CheckpointDef, domainDisks: CheckpointDomainDisk[]): void {
  if (def.disks.length > domainDisks.length) throw unsupported('too many disk checkpoint requests for domain');
  if (!domainDisks.length) throw unsupported('domain must have at least one disk to perform checkpoints');
  // without <disks>, every writable disk gets a bitmap; with it, the disks it leaves out get none
  const fallback = def.disks.length ? 'no' : 'bitmap';
  const requested = new Map<string, CheckpointDisk>();
  for (const disk of def.disks) {
    const dom = domainDisks.find((d) => (disk.name.startsWith('/') ? d.source === disk.name : d.dst === disk.name));
    if (!dom) throw unsupported(`no disk named '${disk.name}'`);
    if (requested.has(dom.dst)) throw unsupported(`disk '${disk.name}' specified twice`);
    requested.set(dom.dst, disk);
    if (dom.emptyOrReadonly && disk.type !== 'no') throw unsupported(`disk '${disk.name}' is empty or readonly`);
    disk.name = dom.dst;
  }
  def.disks = domainDisks.map((d) => requested.get(d.dst) ?? { name: d.dst, type: d.emptyOrReadonly ? 'no' : fallback });
  assignBitmapNames(def);
}
