import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ConnectTarget } from '../types.js';

/**
 * Where one storage driver instance keeps its pool configs and runtime state: never libvirt's
 * directories. System: /etc/tsvirt/storage and /run/tsvirt/storage; session: the user's XDG
 * config and runtime directories; qemu:///embed?root=DIR: under DIR.
 */
export interface StoragePaths {
  /** Connections with the same key share one driver state. */
  readonly key: string;
  /** Persistent pool configs (NAME.xml). */
  readonly configDir: string;
  /** Links to the configs of autostarted pools. */
  readonly autostartDir: string;
  /** Live state of running pools (NAME.xml), so a restarted daemon takes them back. */
  readonly stateDir: string;
}

function tree(key: string, configDir: string, stateDir: string): StoragePaths {
  return { key, configDir, autostartDir: join(configDir, 'autostart'), stateDir };
}

/**
 * The tree for a URI the hypervisor driver accepted: /embed with its root, /system (as root),
 * anything else is a session.
 */
export function storagePathsFor(target: ConnectTarget, env: NodeJS.ProcessEnv = process.env): StoragePaths {
  if (target.path === '/embed') {
    const root = target.params.find((p) => p.name === 'root')?.value ?? '';
    return tree(`embed:${root}`, join(root, 'etc', 'storage'), join(root, 'run', 'storage'));
  }
  if (target.path === '/system') return tree('system', '/etc/tsvirt/storage', '/run/tsvirt/storage');
  const home = env.HOME || homedir();
  const config = join(env.XDG_CONFIG_HOME || join(home, '.config'), 'tsvirt', 'storage');
  const run = env.XDG_RUNTIME_DIR
    ? join(env.XDG_RUNTIME_DIR, 'tsvirt', 'storage', 'run')
    : join(env.XDG_CACHE_HOME || join(home, '.cache'), 'tsvirt', 'storage', 'run');
  return tree(`session:${config}`, config, run);
}
