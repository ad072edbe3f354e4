/** Runs real virsh on libvirt's test driver: define each file, dump it back, in one session. */
import { spawnSync } from 'node:child_process';

export function virshAvailable(): boolean {
  return spawnSync('virsh', ['--version'], { encoding: 'utf8' }).status === 0;
}

/** `virsh define FILE; dumpxml NAME` for every (file, name), output split per domain. */
export function virshDefineAndDump(entries: { file: string; name: string }[], dumpFlags: string[] = []): string[] {
  const marker = '@@@SPLIT@@@';
  const flags = dumpFlags.map((f) => `${f} `).join('');
  const script = entries.map((e) => `define ${e.file}; echo ${marker}; dumpxml ${flags}${e.name}; echo ${marker}`).join('; ');
  const out = spawnSync('virsh', ['-q', '-c', 'test:///default', script], { encoding: 'utf8' });
  // virsh's echo prints no newline, so the marker runs into the next output
  const parts = out.stdout.split(marker);
  return entries.map((_, i) => (parts[2 * i + 1] ?? '').replace(/\n+$/, ''));
}
