/** Shared pieces of the QEMU driver tests: a private driver root, waiting, and cleaning up. */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { READY_MARKER } from '../guest/test-guest.js';

/** A fresh qemu:///embed root (short, so socket paths fit in sockaddr_un). */
export function makeRoot(): { root: string; uri: string } {
  const root = mkdtempSync(join(tmpdir(), 'tsq-'));
  return { root, uri: `qemu:///embed?root=${root}` };
}

export async function waitFor<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 30_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

export function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/**
 * Wait until the guest printed its user-space marker on the serial console. A TCG boot takes a
 * few seconds alone but several times that when the suite shares 2 cores with other QEMUs.
 */
export function waitForGuestReady(serialLog: string): Promise<boolean> {
  return waitFor('the guest to reach user space', () => readText(serialLog).includes(READY_MARKER), 120_000);
}

/** Pids of processes whose command line mentions `root`: QEMUs this test started under it. */
export function processesUnder(root: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    const cmdline = readText(`/proc/${entry}/cmdline`);
    if (cmdline.includes(root) && cmdline.startsWith('/usr/bin/qemu-system')) found.push(Number(entry));
  }
  return found;
}

/** Kill whatever QEMU is left under `root` and remove the tree. */
export async function cleanupRoot(root: string): Promise<void> {
  for (const pid of processesUnder(root)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await waitFor('leftover QEMU to exit', () => processesUnder(root).length === 0, 5000).catch(() => undefined);
  rmSync(root, { recursive: true, force: true });
}
