import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StoragePoolDef } from '../../conf/storage/index.js';
import { createLogger } from '../../log/index.js';
import { EventBus } from '../shared/event-bus.js';
import { PoolConfigStore } from './config-store.js';
import { poolDirExists, refreshPoolDir } from './dir-pool.js';
import type { StoragePaths } from './paths.js';
import { StoragePoolObj } from './pool-obj.js';

const log = createLogger('storage.driver');

/** One storage driver instance: the pools of one directory tree, shared by its connections. */
export class StorageDriverState {
  readonly paths: StoragePaths;
  readonly store: PoolConfigStore;
  readonly events = new EventBus();
  readonly pools: StoragePoolObj[] = [];

  constructor(paths: StoragePaths) {
    this.paths = paths;
    this.store = new PoolConfigStore(paths);
  }

  byName(name: string): StoragePoolObj | undefined {
    return this.pools.find((p) => p.def.name === name);
  }

  byUUID(uuid: string): StoragePoolObj | undefined {
    const u = uuid.toLowerCase();
    return this.pools.find((p) => p.def.uuid === u);
  }

  add(def: StoragePoolDef): StoragePoolObj {
    const obj = new StoragePoolObj(def);
    this.pools.push(obj);
    return obj;
  }

  remove(obj: StoragePoolObj): void {
    const at = this.pools.indexOf(obj);
    if (at >= 0) this.pools.splice(at, 1);
  }

  /**
   * Scan a running pool's directory again: its volumes and sizes. A volume added or removed
   * while the scan ran makes it start over, so the list never loses a volume being created.
   */
  async refresh(obj: StoragePoolObj): Promise<void> {
    for (;;) {
      const seen = obj.volumeChanges;
      const volumes = await refreshPoolDir(obj.def);
      if (seen !== obj.volumeChanges) continue;
      obj.volumes = volumes;
      return;
    }
  }

  /**
   * storageStateInitialize: load configs, take back the pools that were running (those whose
   * directory is gone stay stopped), autostart once per boot.
   */
  async initialize(): Promise<void> {
    await mkdir(this.paths.stateDir, { recursive: true, mode: 0o755 });
    for (const { def, autostart } of await this.store.loadConfigs()) {
      const obj = this.add(def);
      obj.persistent = true;
      obj.autostart = autostart;
    }
    for (const def of await this.store.loadStates()) {
      let obj = this.byName(def.name);
      if (!obj) obj = this.add(def);
      else if (obj.def.uuid !== def.uuid) continue;
      else obj.def = def;
      await this.#takeBack(obj);
    }
    await this.#autostartOnce();
  }

  async #takeBack(obj: StoragePoolObj): Promise<void> {
    if (obj.def.type === 'dir' && await poolDirExists(obj.def)) {
      try {
        await this.refresh(obj);
        obj.active = true;
        return;
      } catch (err) {
        log.error(`Failed to restart storage pool '${obj.def.name}': ${(err as Error).message}`);
      }
    }
    await this.store.removeState(obj.def.name);
    if (!obj.persistent) this.remove(obj);
  }

  async #autostartOnce(): Promise<void> {
    try {
      await writeFile(join(this.paths.stateDir, 'autostarted'), '', { flag: 'wx' });
    } catch {
      return;
    }
    for (const obj of this.pools) {
      if (!obj.autostart || obj.active || obj.def.type !== 'dir') continue;
      try {
        if (!await poolDirExists(obj.def)) throw new Error(`cannot open directory '${obj.def.target.path}'`);
        await this.refresh(obj);
        await this.store.saveState(obj.def);
        obj.active = true;
      } catch (err) {
        log.error(`Failed to autostart storage pool '${obj.def.name}': ${(err as Error).message}`);
      }
    }
  }
}
