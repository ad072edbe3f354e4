import { spawnSync } from 'node:child_process';

/** Whether libvirt's own virsh is installed, for differential cases. */
export const haveVirsh = spawnSync('virsh', ['--version'], { encoding: 'utf8' }).status === 0;

/** Run real `virsh -c test:///default uri` with logging variables set; returns its stderr. */
export function virshStderrWith(env: Record<string, string>): string {
  const run = spawnSync('virsh', ['-c', 'test:///default', 'uri'], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
  });
  return run.stderr;
}

/** The message of the "libvirt:  error : ..." line virsh prints when libvirt rejects a setting. */
export function virshInitError(env: Record<string, string>): string | null {
  const line = virshStderrWith(env).split('\n').find((l) => l.startsWith('libvirt:  error : '));
  return line ? line.slice('libvirt:  error : '.length) : null;
}
