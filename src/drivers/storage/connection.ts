import * as C from '../../api/constants.js';
import type { ConnectionDriver, EventListener, StoragePoolEventPayload, StoragePoolRef, StorageVolRef } from '../types.js';
import type { StorageDriverState } from './driver-state.js';
import { E, storageError } from './errors.js';
import * as pools from './pool-ops.js';
import * as vols from './vol-ops.js';

/** One connection's view of a storage driver instance: the storage family of the contract. */
export class StorageConnection implements ConnectionDriver {
  readonly name = 'storage';
  readonly #state: StorageDriverState;
  readonly #release: () => Promise<void>;
  #open = true;

  constructor(state: StorageDriverState, release: () => Promise<void>) {
    this.#state = state;
    this.#release = release;
  }

  private get s(): StorageDriverState {
    return this.#state;
  }

  async close(): Promise<void> {
    if (!this.#open) return;
    this.#open = false;
    this.s.events.unsubscribeAll(this);
    await this.#release();
  }

  // Pools
  async connectNumOfStoragePools() { return this.s.pools.filter((p) => p.active).length; }
  async connectListStoragePools(max: number) { return this.s.pools.filter((p) => p.active).map((p) => p.def.name).slice(0, max); }
  async connectNumOfDefinedStoragePools() { return this.s.pools.filter((p) => !p.active).length; }
  async connectListDefinedStoragePools(max: number) { return this.s.pools.filter((p) => !p.active).map((p) => p.def.name).slice(0, max); }
  async connectListAllStoragePools(flags: number) { return pools.listAll(this.s, flags); }
  async storagePoolLookupByName(name: string) { return pools.lookupByName(this.s, name); }
  async storagePoolLookupByUUID(uuid: string) { return pools.lookupByUUID(this.s, uuid); }
  async storagePoolLookupByVolume(vol: StorageVolRef) { return vols.poolLookupByVolume(this.s, vol); }
  async storagePoolLookupByTargetPath(path: string) { return pools.lookupByTargetPath(this.s, path); }
  async storagePoolCreateXML(xml: string, flags: number) { return pools.createXML(this.s, xml, flags); }
  async storagePoolDefineXML(xml: string, flags: number) { return pools.defineXML(this.s, xml, flags); }
  async storagePoolBuild(p: StoragePoolRef, flags: number) { await pools.build(this.s, p, flags); }
  async storagePoolUndefine(p: StoragePoolRef) { await pools.undefine(this.s, p); }
  async storagePoolCreate(p: StoragePoolRef, flags: number) { await pools.create(this.s, p, flags); }
  async storagePoolDestroy(p: StoragePoolRef) { await pools.destroy(this.s, p); }
  async storagePoolDelete(p: StoragePoolRef, flags: number) { await pools.del(this.s, p, flags); }
  async storagePoolRefresh(p: StoragePoolRef, flags: number) { await pools.refresh(this.s, p, flags); }
  async storagePoolGetInfo(p: StoragePoolRef) { return pools.getInfo(this.s, p); }
  async storagePoolGetXMLDesc(p: StoragePoolRef, flags: number) { return pools.getXMLDesc(this.s, p, flags); }
  async storagePoolGetAutostart(p: StoragePoolRef) { return pools.poolFromRef(this.s, p).autostart; }
  async storagePoolSetAutostart(p: StoragePoolRef, on: boolean) { await pools.setAutostart(this.s, p, on); }
  async storagePoolIsActive(p: StoragePoolRef) { return pools.poolFromRef(this.s, p).active; }
  async storagePoolIsPersistent(p: StoragePoolRef) { return pools.poolFromRef(this.s, p).persistent; }
  async storagePoolNumOfVolumes(p: StoragePoolRef) { return pools.activePool(this.s, p).volumes.length; }
  async storagePoolListVolumes(p: StoragePoolRef, max: number) { return vols.listVolumes(this.s, p).map((v) => v.name).slice(0, max); }
  async storagePoolListAllVolumes(p: StoragePoolRef, flags: number) { return vols.listAllVolumes(this.s, p, flags); }

  // Volumes
  async storageVolLookupByName(p: StoragePoolRef, name: string) { return vols.lookupByName(this.s, p, name); }
  async storageVolLookupByKey(key: string) { return vols.lookupByKey(this.s, key); }
  async storageVolLookupByPath(path: string) { return vols.lookupByPath(this.s, path); }
  async storageVolCreateXML(p: StoragePoolRef, xml: string, flags: number) { return vols.createXML(this.s, p, xml, flags); }
  async storageVolCreateXMLFrom(p: StoragePoolRef, xml: string, clone: StorageVolRef, flags: number) {
    return vols.createXMLFrom(this.s, p, xml, clone, flags);
  }
  async storageVolDelete(v: StorageVolRef, flags: number) { await vols.deleteVol(this.s, v, flags); }
  async storageVolWipe(v: StorageVolRef, flags: number) { await vols.wipe(this.s, v, C.VIR_STORAGE_VOL_WIPE_ALG_ZERO, flags); }
  async storageVolWipePattern(v: StorageVolRef, algorithm: number, flags: number) { await vols.wipe(this.s, v, algorithm, flags); }
  async storageVolResize(v: StorageVolRef, capacity: bigint, flags: number) { await vols.resize(this.s, v, capacity, flags); }
  async storageVolGetInfo(v: StorageVolRef) { return vols.getInfo(this.s, v, 0); }
  async storageVolGetInfoFlags(v: StorageVolRef, flags: number) { return vols.getInfo(this.s, v, flags); }
  async storageVolGetXMLDesc(v: StorageVolRef, flags: number) { return vols.getXMLDesc(this.s, v, flags); }
  async storageVolGetPath(v: StorageVolRef) { return vols.getPath(this.s, v); }
  async storageVolUpload(v: StorageVolRef, offset: bigint, length: bigint, flags: number) { return vols.upload(this.s, v, offset, length, flags); }
  async storageVolDownload(v: StorageVolRef, offset: bigint, length: bigint, flags: number) { return vols.download(this.s, v, offset, length, flags); }

  // Events
  async connectStoragePoolEventRegisterAny(p: StoragePoolRef | null, eventId: number, listener: EventListener<StoragePoolEventPayload>) {
    if (!Number.isInteger(eventId) || eventId < 0 || eventId >= C.VIR_STORAGE_POOL_EVENT_ID_LAST) {
      throw storageError(E.VIR_ERR_INVALID_ARG, `unsupported storage pool event ID ${eventId}`);
    }
    return this.s.events.subscribePool({ owner: this, eventId, uuid: p?.uuid ?? null, listener });
  }
  async connectStoragePoolEventDeregisterAny(id: number) {
    if (!this.s.events.unsubscribe(this, id)) {
      throw storageError(E.VIR_ERR_INVALID_ARG, `could not find event callback ${id} for deregistration`);
    }
  }
}
