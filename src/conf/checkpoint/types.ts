/** The domain checkpoint model (libvirt's virDomainCheckpointDef). */

/** A disk's checkpoint kind; 'default' is not written out. */
export const CHECKPOINT_TYPES = ['default', 'no', 'bitmap'] as const;
export type CheckpointType = (typeof CHECKPOINT_TYPES)[number];

export interface CheckpointDisk {
  /** Target name (vda), or a source path until aligned with the domain. */
  name: string;
  type: CheckpointType;
  bitmap?: string;
}

export interface CheckpointDef {
  name: string;
  description?: string;
  parent?: string;
  /** Seconds since the epoch. */
  creationTime: number;
  disks: CheckpointDisk[];
  /** The embedded `<domain>` as XML text (redefined checkpoints), for the domain module to parse. */
  domainXML?: string;
}
