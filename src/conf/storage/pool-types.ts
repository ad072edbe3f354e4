/**
 * Per pool type: which source parts it needs and formats, its source formats, and its volume
 * formats (libvirt's poolTypeInfo table, as data).
 */

export const POOL_TYPES = ['dir', 'fs', 'netfs', 'logical', 'disk', 'iscsi', 'iscsi-direct', 'scsi', 'mpath',
  'rbd', 'sheepdog', 'gluster', 'zfs', 'vstorage'] as const;
export type PoolType = (typeof POOL_TYPES)[number];

/** Source parts a pool type uses (required ones are checked by the parser). */
export interface PoolSourceNeeds {
  host?: boolean;
  device?: boolean;
  dir?: boolean;
  adapter?: boolean;
  name?: boolean;
  initiatorIqn?: boolean;
  /** Network-backed: no target path or permissions. */
  network?: boolean;
}

/** libvirt's virStorageFileFormat names, in enum order ("none" is 0). */
export const FILE_FORMATS = ['none', 'raw', 'dir', 'bochs', 'cloop', 'dmg', 'iso', 'vpc', 'vdi', 'fat', 'vhd', 'ploop',
  'cow', 'qcow', 'qcow2', 'qed', 'vmdk'] as const;

export const DISK_VOLUME_FORMATS = ['none', 'linux', 'fat16', 'fat32', 'linux-swap', 'linux-lvm', 'linux-raid', 'extended'] as const;

interface FormatTable {
  values: readonly string[];
  default: string;
  /** Whether values[0] may be named in XML (virStorageFileFormat's "none" may not). */
  firstAllowed: boolean;
}

export interface PoolTypeInfo {
  source: PoolSourceNeeds;
  poolFormats?: FormatTable;
  volFormats?: FormatTable;
}

const fileVolFormats: FormatTable = { values: FILE_FORMATS, default: 'raw', firstAllowed: false };

export const POOL_TYPE_INFO: Record<PoolType, PoolTypeInfo> = {
  dir: { source: {}, volFormats: fileVolFormats },
  fs: {
    source: { device: true },
    poolFormats: { values: ['auto', 'ext2', 'ext3', 'ext4', 'ufs', 'iso9660', 'udf', 'gfs', 'gfs2', 'vfat', 'hfs+', 'xfs', 'ocfs2', 'vmfs'], default: 'auto', firstAllowed: true },
    volFormats: fileVolFormats,
  },
  netfs: {
    source: { host: true, dir: true },
    poolFormats: { values: ['auto', 'nfs', 'glusterfs', 'cifs'], default: 'auto', firstAllowed: true },
    volFormats: fileVolFormats,
  },
  logical: {
    source: { name: true, device: true },
    poolFormats: { values: ['unknown', 'lvm2'], default: 'lvm2', firstAllowed: true },
  },
  disk: {
    source: { device: true },
    poolFormats: { values: ['unknown', 'dos', 'dvh', 'gpt', 'mac', 'bsd', 'pc98', 'sun', 'lvm2'], default: 'unknown', firstAllowed: true },
    volFormats: { values: DISK_VOLUME_FORMATS, default: 'none', firstAllowed: true },
  },
  iscsi: { source: { host: true, device: true, initiatorIqn: true } },
  'iscsi-direct': { source: { host: true, device: true, network: true, initiatorIqn: true } },
  scsi: { source: { adapter: true } },
  mpath: { source: {} },
  rbd: { source: { host: true, network: true, name: true }, volFormats: fileVolFormats },
  sheepdog: { source: { host: true, network: true, name: true } },
  gluster: { source: { host: true, network: true, name: true, dir: true }, volFormats: fileVolFormats },
  zfs: { source: { name: true, device: true } },
  vstorage: { source: { name: true }, volFormats: fileVolFormats },
};

/** A format name's validity in a table, as the *TypeFromString lookups decide. */
export function formatKnown(table: FormatTable, name: string): boolean {
  const i = table.values.indexOf(name);
  return i > 0 || (i === 0 && table.firstAllowed);
}

/** Pool types whose only required source part is a device (the device is then mandatory). */
export function deviceOnly(needs: PoolSourceNeeds): boolean {
  const keys = Object.keys(needs) as (keyof PoolSourceNeeds)[];
  return keys.length === 1 && keys[0] === 'device';
}
