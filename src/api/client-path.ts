import { resolve } from 'node:path';

/**
 * The save, restore, save-image and core-dump calls name files as the caller sees them: libvirt
 * makes the path absolute in the caller's process (against its working directory) before any
 * driver or daemon sees it, and error messages quote that absolute path.
 */
export function clientPath(path: string): string {
  return typeof path === 'string' && path !== '' ? resolve(path) : path;
}
