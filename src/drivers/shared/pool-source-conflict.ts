/**
 * virStoragePoolObjSourceFindDuplicate: two pools may not use the same storage. A pool of
 * another name whose source (directory, export, devices, host, ...) matches the new
 * definition's is returned; redefining a pool under its own name never conflicts. SCSI host
 * adapters are not compared: that needs the host's SCSI topology, which no driver here has.
 */
import type { StoragePoolDef } from '../../conf/storage/index.js';

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
