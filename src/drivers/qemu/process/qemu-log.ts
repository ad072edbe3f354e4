import { readFile } from 'node:fs/promises';

/**
 * QEMU's own words from one attempt's part of the domain log (from byte `from` on): what it
 * printed, without the lines we wrote (ours start with a timestamp and a colon). At most 1 KiB.
 */
export async function qemuMessage(logPath: string, from: number): Promise<string> {
  const text = await readFile(logPath).then((b) => b.subarray(from).toString('utf8')).catch(() => '');
  const lines = text.split('\n').map((l) => l.trimEnd()).filter((l) => l !== '' && !/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\+0000: /.test(l));
  return lines.join('\n').slice(-1024);
}
