import { mkdir, readFile, readdir, symlink, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { formatDomainXML, parseDomainXML, type DomainDef } from '../../conf/domain/index.js';
import { createLogger } from '../../log/index.js';
import { writeFileAtomic } from '../../util/atomic-file.js';
import { qemuSystemError } from './errors.js';
import type { QemuPaths } from './paths.js';

const log = createLogger('qemu.config');

/** Persistent domain configs: one NAME.xml per domain, written atomically; autostart as a link. */
export class ConfigStore {
  readonly #paths: QemuPaths;

  constructor(paths: QemuPaths) {
    this.#paths = paths;
  }

  configPath(name: string): string {
    return join(this.#paths.configDir, `${name}.xml`);
  }

  autostartPath(name: string): string {
    return join(this.#paths.autostartDir, `${name}.xml`);
  }

  async save(def: DomainDef): Promise<void> {
    const path = this.configPath(def.name);
    try {
      await mkdir(this.#paths.configDir, { recursive: true, mode: 0o700 });
      await writeFileAtomic(path, formatDomainXML(def, { inactive: true, secure: true }));
    } catch (err) {
      throw qemuSystemError(err, `cannot write config file '${path}'`);
    }
  }

  /** Remove the config and its autostart link; absent files are fine. */
  async remove(name: string): Promise<void> {
    for (const path of [this.autostartPath(name), this.configPath(name)]) {
      try {
        await unlink(path);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw qemuSystemError(err, `cannot remove config ${path}`);
      }
    }
  }

  async setAutostart(name: string, on: boolean): Promise<void> {
    const link = this.autostartPath(name);
    try {
      if (on) {
        await mkdir(this.#paths.autostartDir, { recursive: true, mode: 0o700 });
        await symlink(this.configPath(name), link).catch((err: NodeJS.ErrnoException) => {
          if (err.code !== 'EEXIST') throw err;
        });
      } else {
        await unlink(link).catch((err: NodeJS.ErrnoException) => {
          if (err.code !== 'ENOENT') throw err;
        });
      }
    } catch (err) {
      throw qemuSystemError(err, on ? `Failed to create symlink '${link}'` : `Failed to delete symlink '${link}'`);
    }
  }

  /** Every config that parses, with its autostart flag; broken files are logged and skipped, as libvirt does. */
  async loadAll(): Promise<{ def: DomainDef; autostart: boolean }[]> {
    let names: string[];
    try {
      names = (await readdir(this.#paths.configDir)).filter((f) => f.endsWith('.xml')).sort();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw qemuSystemError(err, `Failed to open dir '${this.#paths.configDir}'`);
    }
    const autostart = new Set(await readdir(this.#paths.autostartDir).catch(() => [] as string[]));
    const loaded: { def: DomainDef; autostart: boolean }[] = [];
    for (const file of names) {
      try {
        const def = parseDomainXML(await readFile(join(this.#paths.configDir, file), 'utf8'));
        if (`${def.name}.xml` !== file) throw new Error(`domain name '${def.name}' does not match file name`);
        loaded.push({ def, autostart: autostart.has(file) });
      } catch (err) {
        log.error(`Failed to load config for domain '${file}': ${(err as Error).message}`);
      }
    }
    return loaded;
  }
}
