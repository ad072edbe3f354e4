import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('real_libvirt.py', import.meta.url)).replace('/dist/test/', '/test/');

/** Whether libvirt-python (and so libvirt.so with its private helpers) is usable here. */
export const haveRealLibvirt = spawnSync('/usr/bin/python3', ['-c', 'import libvirt'], { encoding: 'utf8' }).status === 0;

export interface RealError {
  code: number;
  domain: number;
  message: string;
}

/** Run real libvirt's virURIParse, virConfReadString, virURIResolveAlias or virConnectOpen on many inputs in one process. */
export function askRealLibvirt<T>(command: 'uri' | 'conf' | 'alias' | 'open', items: unknown[]): T[] {
  const run = spawnSync('/usr/bin/python3', [script], { input: JSON.stringify({ command, items }), encoding: 'utf8', maxBuffer: 1 << 28 });
  if (run.status !== 0) throw new Error(`real_libvirt.py failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as T[];
}
