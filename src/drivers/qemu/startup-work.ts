/**
 * Whether a QEMU driver instance has work to do the moment its daemon starts (libvirtd's
 * stateful-driver start-up): guests recorded as running to take back, or domains marked for
 * autostart. A cheap look at two directories, so a daemon without guests never probes QEMU.
 */
import { readdir } from 'node:fs/promises';
import type { QemuPaths } from './paths.js';

export async function hasStartupWork(paths: QemuPaths): Promise<boolean> {
  const list = (dir: string) => readdir(dir).catch(() => [] as string[]);
  const [autostart, run] = await Promise.all([list(paths.autostartDir), list(paths.runDir)]);
  return autostart.some((f) => f.endsWith('.xml')) || run.some((f) => f.endsWith('.status.json'));
}
