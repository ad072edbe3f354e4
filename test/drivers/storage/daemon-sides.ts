/**
 * The two storage daemons the differential storage tests compare: libvirt 9.0.0's libvirtd (a
 * session daemon as nobody) and tsvirtd (qemu:///session in temporary XDG directories under
 * `tsRoot`), each with a work directory whose `images` subdirectory becomes its pool.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startLibvirtd, startTsvirtd, xdgEnv, type RunningDaemon } from '../../daemon/harness.js';

export interface Side { name: string; daemon: RunningDaemon; work: string; pool: string; uri: string }

function side(name: string, daemon: RunningDaemon, work: string): Side {
  return { name, daemon, work, pool: join(work, 'images'), uri: `qemu+unix:///session?socket=${daemon.socket}` };
}

/** libvirtd's side first, then tsvirtd's. */
export async function startStorageSides(tsRoot: string): Promise<Side[]> {
  const libvirtd = await startLibvirtd({ prepare: (dir) => { mkdirSync(join(dir, 'work')); return {}; } });
  const env = xdgEnv(join(tsRoot, 'xdg'), ['config', 'cache', 'run']);
  const tsvirtd = await startTsvirtd('', [], env);
  mkdirSync(join(tsRoot, 'work'));
  return [side('libvirtd', libvirtd, join(libvirtd.dir, 'work')), side('tsvirtd', tsvirtd, join(tsRoot, 'work'))];
}
