/** virsh's words for domain states and their reasons. */

export const STATE_NAMES = ['no state', 'running', 'idle', 'paused', 'in shutdown', 'shut off', 'crashed', 'pmsuspended'];

export function stateName(state: number): string {
  return STATE_NAMES[state] ?? 'no state';
}

const REASONS: Record<number, string[]> = {
  0: ['unknown'],
  1: ['unknown', 'booted', 'migrated', 'restored', 'from snapshot', 'unpaused', 'migration canceled', 'save canceled', 'event wakeup', 'crashed', 'post-copy', 'post-copy failed'],
  2: ['unknown'],
  3: ['unknown', 'user', 'migrating', 'saving', 'dumping', 'I/O error', 'watchdog', 'from snapshot', 'shutting down', 'creating snapshot', 'crashed', 'starting up', 'post-copy', 'post-copy failed', 'api error'],
  4: ['unknown', 'user'],
  5: ['unknown', 'shutdown', 'destroyed', 'crashed', 'migrated', 'saved', 'failed', 'from snapshot', 'daemon'],
  6: ['unknown', 'panicked'],
  7: ['unknown'],
};

export function reasonName(state: number, reason: number): string {
  return REASONS[state]?.[reason] ?? 'unknown';
}
