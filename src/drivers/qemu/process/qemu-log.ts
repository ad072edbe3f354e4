import type { GuestLogs, LogMark } from './guest-log.js';

/**
 * QEMU's own words from one attempt's part of the domain log (from `mark` on): what it
 * printed, without the lines we wrote (ours start with a timestamp and a colon). At most 1 KiB.
 */
export async function qemuMessage(logs: GuestLogs, logPath: string, mark: LogMark): Promise<string> {
  const text = await logs.readFrom(logPath, mark);
  const lines = text.split('\n').map((l) => l.trimEnd()).filter((l) => l !== '' && !/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\+0000: /.test(l));
  return lines.join('\n').slice(-1024);
}
