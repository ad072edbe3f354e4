/**
 * What the RPC layer needs from a transport that carries file descriptors (a unix socket through
 * the native helper, src/native/fd-socket.ts). Descriptors ride on stream bytes: each is known by
 * the offset of the byte it came with, so a WITH_FDS packet claims those on its dummy bytes and
 * any other is a stray to close.
 */
import { closeSync } from 'node:fs';
import type { Duplex } from 'node:stream';

/** A descriptor received with the stream byte at offset `at` (counted from the first byte read). */
export interface ReceivedFd {
  fd: number;
  at: number;
}

export interface FdCarrier {
  /** Remove and return the descriptors that came with bytes before offset `end`, in order. */
  takeFds(end: number): ReceivedFd[];
  /** Descriptors received and not yet taken. */
  readonly queuedFds: number;
  /** Send `fd` (a duplicate: the caller keeps its own) on one dummy byte 0x00, after what was written before. */
  writeFd(fd: number): void;
}

export function isFdCarrier(s: Duplex): s is Duplex & FdCarrier {
  return typeof (s as Partial<FdCarrier>).takeFds === 'function';
}

/** Close descriptors this process received and nobody will use; one already closed is fine. */
export function closeFds(fds: readonly number[] | null | undefined): void {
  if (!fds) return;
  for (const fd of fds) {
    try { closeSync(fd); } catch { /* already closed */ }
  }
}
