/**
 * virStoragePoolObjSourceFindDuplicate: two pools may not use the same storage. A pool of
 * another name whose source (directory, export, devices, host, ...) matches the new
 * definition's is returned; redefining a pool under its own name never conflicts. SCSI
 * adapters are compared by what their XML says (WWNs, parent addresses, host numbers in names);
 * finding the host behind a PCI parent address or a vHBA's WWNs needs the host's sysfs, and
 * when libvirt's lookup there fails it counts as no conflict, as here.
 */
import type { StorageAdapter, StoragePoolDef } from '../../conf/storage/index.js';

const DEVICE_TYPES = new Set(['iscsi', 'fs', 'logical', 'disk', 'zfs']);

function singleHost(a: StoragePoolDef, b: StoragePoolDef): boolean {
  const x = a.source.hosts[0];
  const y = b.source.hosts[0];
  if (a.source.hosts.length !== 1 && b.source.hosts.length !== 1) return false;
  if (!x || !y) return false;
  if (y.port && x.port !== y.port) return false;
  return x.name === y.name;
}

function sharesDevice(a: StoragePoolDef, b: StoragePoolDef): boolean {
  return a.source.devices.some((d) => b.source.devices.some((e) => e.path === d.path));
}

/** virSCSIHostGetNumber: the N of "scsi_hostN", "fc_hostN" or "hostN". */
function hostNumber(name: string | undefined): number | undefined {
  const m = /^(?:scsi_host|fc_host|host)(\d+)$/.exec(name ?? '');
  return m ? Number(m[1]) : undefined;
}

/** The host number of a scsi_host adapter given by name (parent addresses need sysfs). */
function scsiHostNumber(adapter: StorageAdapter & { type: 'scsi_host' }): number | undefined {
  return adapter.parentAddr ? undefined : hostNumber(adapter.name);
}

/** virStoragePoolObjSourceMatchTypeISCSI, for two scsi pools' adapters. */
function adaptersMatch(a: StorageAdapter | undefined, b: StorageAdapter | undefined): boolean {
  if (!a || !b) return false;
  if (a.type === 'fc_host' && b.type === 'fc_host') return a.wwnn === b.wwnn && a.wwpn === b.wwpn;
  if (a.type === 'scsi_host' && b.type === 'scsi_host') {
    const [x, y] = [a.parentAddr, b.parentAddr];
    if (x && y && x.domain === y.domain && x.bus === y.bus && x.slot === y.slot && x.function === y.function && a.uniqueId === b.uniqueId) return true;
    const [m, n] = [scsiHostNumber(a), scsiHostNumber(b)];
    return m !== undefined && m === n;
  }
  // an fc_host against a scsi_host: its parent's host number, when it names one
  const [fc, scsi] = a.type === 'fc_host' ? [a, b as StorageAdapter & { type: 'scsi_host' }] : [b as StorageAdapter & { type: 'fc_host' }, a];
  const n = scsiHostNumber(scsi);
  return n !== undefined && fc.parent !== undefined && hostNumber(fc.parent) === n;
}

function conflicts(old: StoragePoolDef, def: StoragePoolDef): boolean {
  if (old.name === def.name) return false;
  switch (old.type) {
    case 'dir':
      return def.type === 'dir' && old.target.path === def.target.path;
    case 'netfs':
      return def.type === 'netfs' && old.source.dir === def.source.dir && singleHost(old, def);
    case 'gluster':
      return def.type === 'gluster' && old.source.name === def.source.name && old.source.dir === def.source.dir && singleHost(old, def);
    case 'sheepdog':
      return def.type === 'sheepdog' && singleHost(old, def);
    case 'mpath':
      return def.type === 'mpath';
    case 'scsi':
      return def.type === 'scsi' && adaptersMatch(old.source.adapter, def.source.adapter);
    case 'vstorage':
      return def.type === 'vstorage' && old.source.name === def.source.name;
    default:
      if (!DEVICE_TYPES.has(old.type) || !DEVICE_TYPES.has(def.type)) return false;
      // An iSCSI pool only clashes with another iSCSI pool on the same devices and initiator.
      if (old.type === 'iscsi' || def.type === 'iscsi') {
        return old.type === def.type && sharesDevice(old, def) && old.source.initiatorIqn === def.source.initiatorIqn;
      }
      return sharesDevice(old, def);
  }
}

/** The first existing pool definition whose storage `def` would also use, if any. */
export function findSourceConflict(existing: readonly StoragePoolDef[], def: StoragePoolDef): StoragePoolDef | undefined {
  return existing.find((old) => conflicts(old, def));
}
