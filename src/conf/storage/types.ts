/** Storage pool and volume models (libvirt's virStoragePoolDef / virStorageVolDef). Sizes are bytes, as bigint. */
import type { PoolType } from './pool-types.js';
import type { StorageAdapter } from './adapter.js';
import type { VolumeEncryption } from './encryption.js';

export type { PoolType, StorageAdapter, VolumeEncryption };

/** Ownership and mode of a target; undefined fields are "not set" (libvirt's -1). */
export interface StoragePerms {
  mode?: number;
  owner?: number;
  group?: number;
  label?: string;
}

export interface PoolSourceHost {
  name: string;
  /** 0 = not given. */
  port: number;
}

export interface PoolSourceDevice {
  path: string;
  partSeparator?: 'yes' | 'no';
  freeExtents: Array<{ start: bigint; end: bigint }>;
}

export interface StorageAuth {
  /** undefined = no type attribute. */
  type?: 'chap' | 'ceph';
  username: string;
  secretType?: string;
  secretUuid?: string;
  secretUsage?: string;
}

export interface PoolSource {
  name?: string;
  /** The source format name (pool types with formats only). */
  format?: string;
  hosts: PoolSourceHost[];
  devices: PoolSourceDevice[];
  dir?: string;
  initiatorIqn?: string;
  /** scsi pools: the SCSI host or vHBA (undefined = none given). */
  adapter?: StorageAdapter;
  auth?: StorageAuth;
  protocolVersion?: string;
  vendor?: string;
  product?: string;
}

export interface StoragePoolDef {
  type: PoolType;
  name: string;
  /** Canonical lowercase UUID (generated when the XML has none). */
  uuid: string;
  capacity: bigint;
  allocation: bigint;
  available: bigint;
  /** `<features><cow state=.../>` */
  cow?: 'yes' | 'no';
  source: PoolSource;
  target: {
    path?: string;
    perms: StoragePerms;
  };
  /** `<refresh><volume allocation=.../>` */
  refreshAllocation?: 'default' | 'capacity';
}

export const VOLUME_TYPES = ['file', 'block', 'dir', 'network', 'netdir', 'ploop'] as const;
export type VolumeType = (typeof VOLUME_TYPES)[number];

export interface VolumeTimestamps {
  atime?: string;
  mtime?: string;
  ctime?: string;
  btime?: string;
}

export interface VolumeTarget {
  path?: string;
  /** Format name; undefined for pool types without volume formats. */
  format?: string;
  perms?: StoragePerms;
  timestamps?: VolumeTimestamps;
  encryption?: VolumeEncryption;
  compat?: string;
  /** Bytes; 0 = not given. */
  clusterSize: bigint;
  nocow: boolean;
  /** Undefined = no `<features>`; otherwise the enabled feature names. */
  features?: Array<'lazy_refcounts' | 'extended_l2'>;
}

export interface StorageVolDef {
  name: string;
  key?: string;
  type: VolumeType;
  capacity: bigint;
  allocation: bigint;
  /** Whether `<allocation>` was given (otherwise it copies capacity). */
  hasAllocation: boolean;
  /** Display only; 0 = not shown. */
  physical: bigint;
  /** Extents per source device, for disk and logical pools. */
  sourceExtents: Array<{ path: string; start: bigint; end: bigint }>;
  target: VolumeTarget;
  backingStore?: VolumeTarget;
}
