import { readFile, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../util/atomic-file.js';
import type { QemuPaths } from './paths.js';

/**
 * What a running domain leaves on disk so that another driver instance (a restarted daemon, a
 * second process) can find it again: libvirt's status XML, kept here as JSON.
 */
export interface DomainStatus {
  readonly pid: number;
  /** The QMP socket. */
  readonly monitor: string;
  readonly pidFile: string;
  readonly domainDir: string;
  readonly id: number;
  readonly state: number;
  readonly reason: number;
  /** The live definition (ids, aliases, runtime paths and ports), as formatted XML. */
  readonly xml: string;
  readonly log: string;
  /** The run's taints (a bit per DomainTaint), as libvirt's status XML keeps its `<taint>`s. */
  readonly taint?: number;
}

export class StatusStore {
  readonly #dir: string;

  constructor(paths: QemuPaths) {
    this.#dir = paths.runDir;
  }

  path(name: string): string {
    return join(this.#dir, `${name}.status.json`);
  }

  async write(name: string, status: DomainStatus): Promise<void> {
    await writeFileAtomic(this.path(name), JSON.stringify(status));
  }

  async remove(name: string): Promise<void> {
    await unlink(this.path(name)).catch(() => undefined);
  }

  /** Every status file found, by domain name; unreadable ones are dropped. */
  async readAll(): Promise<Map<string, DomainStatus>> {
    const found = new Map<string, DomainStatus>();
    const files = await readdir(this.#dir).catch(() => [] as string[]);
    for (const file of files.filter((f) => f.endsWith('.status.json'))) {
      try {
        found.set(file.slice(0, -'.status.json'.length), JSON.parse(await readFile(join(this.#dir, file), 'utf8')) as DomainStatus);
      } catch {
        await unlink(join(this.#dir, file)).catch(() => undefined);
      }
    }
    return found;
  }
}
