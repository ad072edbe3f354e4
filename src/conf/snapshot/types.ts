/** The domain snapshot model (libvirt's virDomainSnapshotDef). */

export const SNAPSHOT_STATES = ['nostate', 'running', 'blocked', 'paused', 'shutdown', 'shutoff', 'crashed',
  'pmsuspended', 'disk-snapshot'] as const;
export type SnapshotState = (typeof SNAPSHOT_STATES)[number];

/** Where a disk's or the memory's snapshot goes; 'default' = not decided yet. */
export const SNAPSHOT_LOCATIONS = ['default', 'no', 'internal', 'external', 'manual'] as const;
export type SnapshotLocation = (typeof SNAPSHOT_LOCATIONS)[number];

/** Disk source kinds a snapshot disk may use (volume and dir are refused by libvirt). */
export type SnapshotDiskType = 'file' | 'block';

export interface SnapshotDisk {
  /** Target name (vda) — or a source path until aligned with the domain. */
  name: string;
  snapshot: SnapshotLocation;
  type: SnapshotDiskType;
  /** The new image's path (external snapshots). */
  path?: string;
  /** Image format of the new image (qcow2, ...). */
  driverType?: string;
  /** `<snapshotDeleteInProgress/>` (redefine only). */
  deleteInProgress?: boolean;
}

export interface SnapshotDef {
  name: string;
  description?: string;
  /** undefined = not known yet (set by the driver on creation). */
  state?: SnapshotState;
  /** Seconds since the epoch. */
  creationTime: number;
  parent?: string;
  memory: SnapshotLocation;
  memoryFile?: string;
  disks: SnapshotDisk[];
  /** The embedded `<domain>` as XML text (redefined snapshots), for the domain module to parse. */
  domainXML?: string;
  /** The embedded `<inactiveDomain>` as XML text. */
  inactiveDomainXML?: string;
}
