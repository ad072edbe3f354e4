import type { NetworkDef } from '../../conf/network/index.js';
import type { StoragePoolDef, StorageVolDef } from '../../conf/storage/index.js';
import type { XmlElement } from '../../conf/xml.js';

/** A virtual network of the test driver. */
export interface NetworkObj {
  def: NetworkDef;
  /** The persistent definition while an active network has a pending one. */
  newDef: NetworkDef | null;
  active: boolean;
  persistent: boolean;
  autostart: boolean;
}

/** A storage pool of the test driver, with its volumes in creation order. */
export interface PoolObj {
  def: StoragePoolDef;
  active: boolean;
  persistent: boolean;
  autostart: boolean;
  volumes: StorageVolDef[];
}

/** A host interface or node device: kept as the element it was defined by. */
export interface HostObj {
  name: string;
  mac: string;
  parent: string | null;
  active: boolean;
  /** Parsed on first use: most sessions never look inside a device. */
  element: () => XmlElement;
}

export interface TestCell {
  mem: number; // KiB
  freeMem: number; // KiB
  cpus: { id: number; socket: number; core: number; siblings: string }[];
}
