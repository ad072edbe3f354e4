import type { StoragePoolDef, StorageVolDef } from '../../conf/storage/index.js';
import type { StoragePoolRef, StorageVolRef } from '../types.js';
import type { PoolEntry } from '../shared/storage-pools.js';

/** A volume of a running pool, with the work in flight on it (libvirt's building / in_use). */
export interface VolObj {
  def: StorageVolDef;
  /** Being created: no other operation may touch it. */
  building: boolean;
  /** Streams and other jobs reading or writing it. */
  inUse: number;
}

/** One storage pool of the driver: its live definition, the persistent one, its volumes. */
export class StoragePoolObj implements PoolEntry {
  def: StoragePoolDef;
  /** The definition saved on disk, when it differs from the live one (redefined while running). */
  newDef?: StoragePoolDef;
  active = false;
  persistent = false;
  autostart = false;
  volumes: VolObj[] = [];
  /** Jobs (uploads, builds) that keep the pool from being stopped. */
  asyncJobs = 0;
  /** Counts volume additions and removals, so a directory scan can tell it raced with one. */
  volumeChanges = 0;

  constructor(def: StoragePoolDef) {
    this.def = def;
  }

  ref(): StoragePoolRef {
    return { name: this.def.name, uuid: this.def.uuid };
  }

  volRef(vol: VolObj): StorageVolRef {
    return { pool: this.def.name, name: vol.def.name, key: vol.def.key ?? '' };
  }

  addVolume(vol: VolObj): void {
    this.volumes.push(vol);
    this.volumeChanges += 1;
  }

  removeVolume(vol: VolObj): void {
    const at = this.volumes.indexOf(vol);
    if (at >= 0) this.volumes.splice(at, 1);
    this.volumeChanges += 1;
  }

  volByName(name: string): VolObj | undefined {
    return this.volumes.find((v) => v.def.name === name);
  }

  /** The definition a persistent config holds (what an inactive dump shows). */
  get persistentDef(): StoragePoolDef {
    return this.newDef ?? this.def;
  }
}
