import { access, open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { E, qemuError, qemuSystemError } from './errors.js';
import type { QemuPaths } from './paths.js';

/**
 * A save image: a header, the domain XML, then QEMU's migration stream. The header is ours
 * (libvirt's layout idea: magic, version, XML length, whether the guest was running), so an
 * image tells which domain it holds and how to resume it.
 */
const MAGIC = Buffer.from('TsvirtQemuSave\n\0', 'latin1');
const VERSION = 1;
const HEADER_BYTES = MAGIC.length + 4 * 4;

export interface SaveHeader {
  readonly xml: string;
  readonly wasRunning: boolean;
  /** Where the migration stream starts. */
  readonly dataOffset: number;
}

/** Create `path` holding the header and XML; the stream is appended after `dataOffset`. */
export async function writeSaveHeader(path: string, xml: string, wasRunning: boolean): Promise<number> {
  const body = Buffer.from(`${xml}\0`, 'utf8');
  const head = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(head, 0);
  head.writeUInt32LE(VERSION, 16);
  head.writeUInt32LE(body.length, 20);
  head.writeUInt32LE(wasRunning ? 1 : 0, 24);
  try {
    const file = await open(path, 'w', 0o600);
    try {
      await file.writeFile(Buffer.concat([head, body]));
    } finally {
      await file.close();
    }
  } catch (err) {
    throw qemuSystemError(err, `Failed to create file '${path}'`);
  }
  return HEADER_BYTES + body.length;
}

export async function readSaveHeader(path: string): Promise<SaveHeader> {
  let file;
  try {
    file = await open(path, 'r');
  } catch (err) {
    throw qemuSystemError(err, `Failed to open domain image file '${path}'`);
  }
  try {
    const head = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await file.read(head, 0, HEADER_BYTES, 0);
    if (bytesRead < HEADER_BYTES) throw qemuError(E.VIR_ERR_OPERATION_FAILED, 'failed to read qemu header');
    if (!head.subarray(0, 16).equals(MAGIC)) throw qemuError(E.VIR_ERR_OPERATION_FAILED, 'image magic is incorrect');
    const version = head.readUInt32LE(16);
    if (version !== VERSION) throw qemuError(E.VIR_ERR_OPERATION_FAILED, `image version is not supported (${version} > ${VERSION})`);
    const len = head.readUInt32LE(20);
    const body = Buffer.alloc(len);
    const got = await file.read(body, 0, len, HEADER_BYTES);
    if (got.bytesRead < len || len === 0 || body[len - 1] !== 0) throw qemuError(E.VIR_ERR_OPERATION_FAILED, 'failed to read domain XML');
    return { xml: body.subarray(0, len - 1).toString('utf8'), wasRunning: head.readUInt32LE(24) === 1, dataOffset: HEADER_BYTES + len };
  } finally {
    await file.close();
  }
}

/** Managed save images: one per domain under the driver's save directory. */
export class SaveImages {
  readonly #dir: string;

  constructor(paths: QemuPaths) {
    this.#dir = paths.saveDir;
  }

  get dir(): string {
    return this.#dir;
  }

  managedPath(name: string): string {
    return join(this.#dir, `${name}.save`);
  }

  async hasManaged(name: string): Promise<boolean> {
    return access(this.managedPath(name)).then(() => true, () => false);
  }

  async removeManaged(name: string): Promise<void> {
    try {
      await unlink(this.managedPath(name));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw qemuSystemError(err, `Failed to remove managed save file '${this.managedPath(name)}'`);
    }
  }
}
