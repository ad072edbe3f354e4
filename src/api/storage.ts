import type { StoragePoolInfo, StoragePoolRef, StorageVolInfo, StorageVolRef } from '../drivers/types.js';
import type { Connect } from './connect.js';
import type { Stream } from './stream.js';
import { NamedObject, RefObject } from './object.js';
import { ErrorDomain } from '../errors/index.js';
import { checkStreamOwner, checkWritableThen } from './arg-checks.js';

/** A storage pool (virStoragePool). */
export class StoragePool extends NamedObject<StoragePoolRef> {
  /** @internal */
  constructor(conn: Connect, ref: StoragePoolRef) {
    super(conn, ref);
  }

  private get conn(): Connect {
    return this.connect();
  }

  build(flags = 0): Promise<void> { return this.conn.invoke('storagePoolBuild', this.ref, flags); }
  create(flags = 0): Promise<void> { return this.conn.invoke('storagePoolCreate', this.ref, flags); }
  destroy(): Promise<void> { return this.conn.invoke('storagePoolDestroy', this.ref); }
  delete(flags = 0): Promise<void> { return this.conn.invoke('storagePoolDelete', this.ref, flags); }
  undefine(): Promise<void> { return this.conn.invoke('storagePoolUndefine', this.ref); }
  refresh(flags = 0): Promise<void> { return this.conn.invoke('storagePoolRefresh', this.ref, flags); }
  info(): Promise<StoragePoolInfo> { return this.conn.invoke('storagePoolGetInfo', this.ref); }
  xmlDesc(flags = 0): Promise<string> { return this.conn.invoke('storagePoolGetXMLDesc', this.ref, flags); }
  XMLDesc(flags = 0): Promise<string> { return this.xmlDesc(flags); }
  autostart(): Promise<boolean> { return this.conn.invoke('storagePoolGetAutostart', this.ref); }
  setAutostart(autostart: boolean | number): Promise<void> {
    return this.conn.invoke('storagePoolSetAutostart', this.ref, Boolean(autostart));
  }
  isActive(): Promise<boolean> { return this.conn.invoke('storagePoolIsActive', this.ref); }
  isPersistent(): Promise<boolean> { return this.conn.invoke('storagePoolIsPersistent', this.ref); }
  numOfVolumes(): Promise<number> { return this.conn.invoke('storagePoolNumOfVolumes', this.ref); }
  listVolumes(): Promise<string[]> { return this.conn.invoke('storagePoolListVolumes', this.ref, 1 << 16); }
  async listAllVolumes(flags = 0): Promise<StorageVol[]> {
    return (await this.conn.invoke('storagePoolListAllVolumes', this.ref, flags)).map((v) => new StorageVol(this.conn, v));
  }
  async storageVolLookupByName(name: string): Promise<StorageVol> {
    return new StorageVol(this.conn, await this.conn.invoke('storageVolLookupByName', this.ref, name));
  }
  async createXML(xml: string, flags = 0): Promise<StorageVol> {
    return new StorageVol(this.conn, await this.conn.invoke('storageVolCreateXML', this.ref, xml, flags));
  }
  async createXMLFrom(xml: string, clone: StorageVol, flags = 0): Promise<StorageVol> {
    return new StorageVol(this.conn, await this.conn.invoke('storageVolCreateXMLFrom', this.ref, xml, clone.ref, flags));
  }
}

/** A storage volume (virStorageVol). */
export class StorageVol extends RefObject<StorageVolRef> {
  name(): string { return this.ref.name; }
  key(): string { return this.ref.key; }

  private get conn(): Connect {
    return this.connect();
  }

  /** Upload and download take a stream of this volume's connection (checked after the read-only check). */
  private checkStream(func: string, stream: Stream): Promise<void> {
    const from = ErrorDomain.VIR_FROM_STORAGE;
    return checkWritableThen(this.conn, from, func, () =>
      checkStreamOwner(from, func, stream, this.conn, `stream in ${func} must match connection of volume '${this.ref.name}'`));
  }

  /** virStoragePoolLookupByVolume (Python: storagePoolLookupByVolume). */
  async storagePoolLookupByVolume(): Promise<StoragePool> {
    return new StoragePool(this.conn, await this.conn.invoke('storagePoolLookupByVolume', this.ref));
  }
  delete(flags = 0): Promise<void> { return this.conn.invoke('storageVolDelete', this.ref, flags); }
  /** virStorageVolWipe. */
  wipe(flags = 0): Promise<void> { return this.conn.invoke('storageVolWipe', this.ref, flags); }
  /** virStorageVolWipePattern: VIR_STORAGE_VOL_WIPE_ALG_*. */
  wipePattern(algorithm: number, flags = 0): Promise<void> {
    return this.conn.invoke('storageVolWipePattern', this.ref, algorithm, flags);
  }
  info(): Promise<StorageVolInfo> { return this.conn.invoke('storageVolGetInfo', this.ref); }
  /** virStorageVolGetInfoFlags (Python: infoFlags): VIR_STORAGE_VOL_GET_PHYSICAL reports the host-side size as allocation. */
  infoFlags(flags = 0): Promise<StorageVolInfo> { return this.conn.invoke('storageVolGetInfoFlags', this.ref, flags); }
  xmlDesc(flags = 0): Promise<string> { return this.conn.invoke('storageVolGetXMLDesc', this.ref, flags); }
  XMLDesc(flags = 0): Promise<string> { return this.xmlDesc(flags); }
  path(): Promise<string> { return this.conn.invoke('storageVolGetPath', this.ref); }
  /** virStorageVolResize: VIR_STORAGE_VOL_RESIZE_ALLOCATE, _DELTA, _SHRINK. */
  resize(capacity: number | bigint, flags = 0): Promise<void> {
    return this.conn.invoke('storageVolResize', this.ref, BigInt(capacity), flags);
  }
  /** virStorageVolUpload: bind `stream` to write `length` bytes (0 = to the end) at `offset`. */
  async upload(stream: Stream, offset: number | bigint, length: number | bigint, flags = 0): Promise<void> {
    await this.checkStream('virStorageVolUpload', stream);
    await stream.bind(() => this.conn.invoke('storageVolUpload', this.ref, BigInt(offset), BigInt(length), flags));
  }
  /** virStorageVolDownload: bind `stream` to read `length` bytes (0 = to the end) from `offset`. */
  async download(stream: Stream, offset: number | bigint, length: number | bigint, flags = 0): Promise<void> {
    await this.checkStream('virStorageVolDownload', stream);
    await stream.bind(() => this.conn.invoke('storageVolDownload', this.ref, BigInt(offset), BigInt(length), flags));
  }
}
