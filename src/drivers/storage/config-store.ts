import { mkdir, readFile, readdir, symlink, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { formatPoolXML, parsePoolXML, type StoragePoolDef } from '../../conf/storage/index.js';
import { createLogger } from '../../log/index.js';
import { writeFileAtomic } from '../../util/atomic-file.js';
import { storageSystemError } from './errors.js';
import type { StoragePaths } from './paths.js';

const log = createLogger('storage.config');

/** A definition as saved: sizes are runtime facts, never stored. */
function savedXML(def: StoragePoolDef): string {
  return formatPoolXML({ ...def, capacity: 0n, allocation: 0n, available: 0n });
}

/**
 * Pool definitions on disk: persistent configs (NAME.xml) with autostart links, and the state
 * files of running pools (so a new driver instance takes them back).
 */
export class PoolConfigStore {
  readonly #paths: StoragePaths;

  constructor(paths: StoragePaths) {
    this.#paths = paths;
  }

  configPath(name: string): string { return join(this.#paths.configDir, `${name}.xml`); }
  autostartPath(name: string): string { return join(this.#paths.autostartDir, `${name}.xml`); }
  statePath(name: string): string { return join(this.#paths.stateDir, `${name}.xml`); }

  async saveConfig(def: StoragePoolDef): Promise<void> {
    await this.#write(this.#paths.configDir, this.configPath(def.name), savedXML(def));
  }

  async saveState(def: StoragePoolDef): Promise<void> {
    await this.#write(this.#paths.stateDir, this.statePath(def.name), savedXML(def));
  }

  async removeConfig(name: string): Promise<void> {
    await this.#remove(this.autostartPath(name));
    await this.#remove(this.configPath(name));
  }

  async removeState(name: string): Promise<void> {
    await this.#remove(this.statePath(name));
  }

  async setAutostart(name: string, on: boolean): Promise<void> {
    const link = this.autostartPath(name);
    if (!on) {
      await unlink(link).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw storageSystemError(err, `Failed to delete symlink '${link}'`);
      });
      return;
    }
    try {
      await mkdir(this.#paths.autostartDir, { recursive: true, mode: 0o755 });
    } catch (err) {
      throw storageSystemError(err, `cannot create autostart directory ${this.#paths.autostartDir}`);
    }
    await symlink(this.configPath(name), link).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw storageSystemError(err, `Failed to create symlink '${link}' to '${this.configPath(name)}'`);
    });
  }

  /** Persistent configs that parse, with their autostart flag; broken ones are logged and skipped. */
  async loadConfigs(): Promise<{ def: StoragePoolDef; autostart: boolean }[]> {
    const autostart = new Set(await readdir(this.#paths.autostartDir).catch(() => [] as string[]));
    return (await this.#loadDir(this.#paths.configDir)).map((def) => ({ def, autostart: autostart.has(`${def.name}.xml`) }));
  }

  /** Definitions of the pools that were running. */
  async loadStates(): Promise<StoragePoolDef[]> {
    return this.#loadDir(this.#paths.stateDir);
  }

  async #loadDir(dir: string): Promise<StoragePoolDef[]> {
    const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.xml')).sort();
    const defs: StoragePoolDef[] = [];
    for (const file of files) {
      try {
        const def = parsePoolXML(await readFile(join(dir, file), 'utf8'));
        if (`${def.name}.xml` !== file) throw new Error(`pool name '${def.name}' does not match file name`);
        defs.push(def);
      } catch (err) {
        log.error(`Failed to load storage pool config '${join(dir, file)}': ${(err as Error).message}`);
      }
    }
    return defs;
  }

  async #write(dir: string, path: string, xml: string): Promise<void> {
    try {
      await mkdir(dir, { recursive: true, mode: 0o755 });
      await writeFileAtomic(path, xml);
    } catch (err) {
      throw storageSystemError(err, `cannot write config file '${path}'`);
    }
  }

  async #remove(path: string): Promise<void> {
    await unlink(path).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw storageSystemError(err, `cannot remove config ${path}`);
    });
  }
}
