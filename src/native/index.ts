/**
 * The optional native helper (native/tsvirt_native.c, built by `npm install` into
 * build/Release/tsvirt_native.node): file descriptors over unix sockets (SCM_RIGHTS), which Node
 * cannot send or receive, plus SEEK_DATA/SEEK_HOLE. Everything else in tsvirt works without it;
 * `nativeHelper()` returns null then, and `requireNativeHelper()` gives libvirt-style errors.
 * TSVIRT_NO_NATIVE=1 makes the loader act as if the helper were not built.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ErrorDomain, ErrorNumber, virError, type VirError } from '../errors/index.js';

/** What the helper exports (see native/tsvirt_native.c). */
export interface NativeHelper {
  /** Take ownership of a connected unix socket fd; `onEvent(kind, a, b)` reports its readiness. */
  attach(fd: number, onEvent: (kind: number, a: unknown, b: unknown) => void): NativeSocketHandle;
  /** Which events to report: readable (data, EOF, errors) and writable. */
  poll(handle: NativeSocketHandle, readable: boolean, writable: boolean): void;
  /** sendmsg() without blocking, with at most one fd: bytes written or -errno. */
  send(handle: NativeSocketHandle, data: Buffer, fd: number): number;
  close(handle: NativeSocketHandle): void;
  shutdownWrite(handle: NativeSocketHandle): void;
  /** A connected pair of unix stream sockets (close-on-exec). */
  socketpair(): [number, number];
  /** A close-on-exec duplicate of fd. */
  dup(fd: number): number;
  /** The next offset at or after `offset` holding data; -1 when none (a trailing hole or past the end). */
  lseekData(fd: number, offset: number): number;
  /** The next hole at or after `offset` (the end of the file counts as one); -1 when `offset` is past the end. */
  lseekHole(fd: number, offset: number): number;
}

declare const nativeHandle: unique symbol;
export type NativeSocketHandle = { readonly [nativeHandle]: true };

/** Event kinds reported to `attach`'s callback. */
export const enum NativeEvent { DATA = 0, EOF = 1, ERROR = 2, WRITABLE = 3 }

export const NATIVE_FILE = join('build', 'Release', 'tsvirt_native.node');

let loaded: NativeHelper | null | undefined;
let loadProblem = '';

/** The helper, or null when it is not built (or TSVIRT_NO_NATIVE=1). */
export function nativeHelper(): NativeHelper | null {
  if (loaded !== undefined) return loaded;
  loaded = null;
  if (process.env.TSVIRT_NO_NATIVE === '1') {
    loadProblem = 'disabled by TSVIRT_NO_NATIVE=1';
    return null;
  }
  const root = packageRoot();
  const file = root ? join(root, NATIVE_FILE) : null;
  if (!file || !existsSync(file)) {
    loadProblem = 'it is not built';
    return null;
  }
  try {
    loaded = createRequire(import.meta.url)(file) as NativeHelper;
  } catch (e) {
    loadProblem = `loading ${file} failed: ${e instanceof Error ? e.message : String(e)}`;
  }
  return loaded;
}

/** The helper, or libvirt's NO_SUPPORT error saying what `what` needs and how to get it. */
export function requireNativeHelper(what: string): NativeHelper {
  const helper = nativeHelper();
  if (!helper) throw nativeMissing(what);
  return helper;
}

export function nativeMissing(what: string): VirError {
  nativeHelper();
  return virError(ErrorDomain.VIR_FROM_RPC, ErrorNumber.VIR_ERR_NO_SUPPORT,
    `${what} needs tsvirt's native helper (${loadProblem}); build it with 'npm rebuild tsvirt'`);
}

/** The directory of tsvirt's package.json above this module (src/, dist/src/ and the tsvirsh bundle alike). */
function packageRoot(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      if ((JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name === 'tsvirt') return dir;
    } catch {
      // not here: keep climbing
    }
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}
