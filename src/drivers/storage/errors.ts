import { ErrorDomain, ErrorNumber, checkFlags, virError, type VirError } from '../../errors/index.js';
import { systemError } from '../../log/index.js';

export const E = ErrorNumber;

/** The storage driver reports from VIR_FROM_STORAGE, as libvirt's does. */
export function storageError(code: number, detail?: string | null): VirError {
  return virError(ErrorDomain.VIR_FROM_STORAGE, code, detail);
}

/** A failed system call, worded `what: strerror(errno)`. */
export function storageSystemError(err: unknown, what: string): VirError {
  return systemError(ErrorDomain.VIR_FROM_STORAGE, err as NodeJS.ErrnoException, what);
}

export function storageCheckFlags(func: string, flags: number, supported: number): void {
  checkFlags(ErrorDomain.VIR_FROM_STORAGE, func, flags, supported);
}

/** Data stream failures are reported from VIR_FROM_STREAMS (libvirt's fd streams). */
export function streamSystemError(err: unknown, what: string): VirError {
  return systemError(ErrorDomain.VIR_FROM_STREAMS, err as NodeJS.ErrnoException, what);
}

/** How libvirt names a path it looked for: as given, and cleaned when that differs. */
export function quotedPath(path: string, clean: string): string {
  return path === clean ? `'${path}'` : `'${path}' (${clean})`;
}
