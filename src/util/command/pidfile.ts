import { open, rename, unlink } from 'node:fs/promises';
import { commandSystemError } from './errors.js';

let sequence = 0;

/**
 * Write a pid file the way a reader can trust at any moment: the pid (no newline, mode 0644,
 * as libvirt writes it) goes to a temporary file in the same directory, renamed over the path.
 */
export async function writePidFile(path: string, pid: number): Promise<void> {
  const temporary = `${path}.${process.pid}.${++sequence}.tmp`;
  try {
    const file = await open(temporary, 'wx', 0o644);
    try {
      await file.writeFile(String(pid));
    } finally {
      await file.close();
    }
    await rename(temporary, path);
  } catch (err) {
    await unlink(temporary).catch(() => {});
    throw commandSystemError(err as NodeJS.ErrnoException, `Failed to write to pid file '${path}'`);
  }
}
