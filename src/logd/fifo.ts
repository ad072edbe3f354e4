/**
 * Named pipes: the stand-in for virtlogd's fd passing. Node cannot send an fd over a unix
 * socket (no SCM_RIGHTS in `net`), so the daemon makes a FIFO in its private run directory,
 * opens the reading end itself, and hands out the path; the client opens the writing end.
 * The property that matters is kept: the reader is the log daemon.
 */
import { openSync, constants } from 'node:fs';
import { Command } from '../util/command/index.js';
import { ErrorDomain } from '../errors/index.js';
import { systemError } from '../log/system-error.js';

const MKFIFO = '/usr/bin/mkfifo';

/** Creates a FIFO (mode 0600) and opens its reading end without blocking: the fd is O_NONBLOCK. */
export async function createFifoReader(path: string): Promise<number> {
  // Node has no mkfifo(3); coreutils' mkfifo is one exec away and always on the host.
  await new Command(MKFIFO, ['-m', '0600', '--', path]).addEnvPassCommon().run();
  try {
    return openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (err) {
    throw systemError(ErrorDomain.VIR_FROM_LOGGING, err as NodeJS.ErrnoException, `Unable to open log pipe ${path}`);
  }
}
