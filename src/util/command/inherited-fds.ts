import { readdirSync, readFileSync } from 'node:fs';

const O_CLOEXEC = 0o2000000;

/** Whether fd is open without close-on-exec, read from the flags line of /proc/self/fdinfo. */
function isInheritable(fd: number): boolean {
  let info: string;
  try {
    info = readFileSync(`/proc/self/fdinfo/${fd}`, 'latin1');
  } catch {
    return false;
  }
  const flags = /^flags:\s*([0-7]+)$/m.exec(info);
  return flags !== null && (parseInt(flags[1]!, 8) & O_CLOEXEC) === 0;
}

let candidates: number[] | null = null;

/**
 * Our fds above stderr that an exec would hand on. Node opens everything close-on-exec, so
 * only fds this process inherited at startup can be such; they are found by one scan of
 * /proc/self/fd, and later calls re-check just those (an fd closed since is dropped).
 */
export function inheritableFds(): readonly number[] {
  candidates ??= readdirSync('/proc/self/fd').map(Number).filter((fd) => fd > 2);
  candidates = candidates.filter(isInheritable);
  return candidates;
}
