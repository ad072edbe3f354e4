import { accessSync, constants, statSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { commandSystemError } from './errors.js';

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function notFound(name: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${name} not found`), { code: 'ENOENT', errno: -osConstants.errno.ENOENT });
}

/**
 * The path a command runs: absolute names as given, names with a slash relative to our cwd,
 * bare names searched on the parent's PATH (as libvirt does, before the child exists).
 */
export function resolveBinary(name: string): string {
  if (isAbsolute(name)) return name;
  const candidates = name.includes('/')
    ? [resolve(name)]
    : (process.env.PATH ?? '').split(delimiter).filter((dir) => dir !== '').map((dir) => join(dir, name));
  const found = candidates.find(isExecutableFile);
  if (found === undefined) throw commandSystemError(notFound(name), `Cannot find '${name}' in path`);
  return found;
}

/** Fail early, with libvirt's wording, when a binary started through a wrapper could not run. */
export function assertExecutable(path: string): void {
  try {
    accessSync(path, constants.X_OK);
  } catch (err) {
    throw commandSystemError(err as NodeJS.ErrnoException, `cannot execute binary ${path}`);
  }
}
