import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { VirConf } from './vir-conf.js';

/** Tests (and users) can point the client at another libvirt.conf with this variable. */
export const CLIENT_CONFIG_ENV = 'TSVIRT_CLIENT_CONFIG';

/** The per-user config directory, as GLib's g_get_user_config_dir: $XDG_CONFIG_HOME, else ~/.config. */
export function userConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.XDG_CONFIG_HOME ? env.XDG_CONFIG_HOME : join(env.HOME || homedir(), '.config');
}

/**
 * Where libvirt looks for a client-side config file `name` (virConfLoadConfigPath):
 * /etc/libvirt/NAME for root, $XDG_CONFIG_HOME/libvirt/NAME (~/.config/libvirt/NAME) otherwise.
 */
export function configPath(name: string, env: NodeJS.ProcessEnv = process.env,
  privileged = process.geteuid?.() === 0): string {
  return privileged ? join('/etc/libvirt', name) : join(userConfigDir(env), 'libvirt', name);
}

/** Load a client config as virConfLoadConfig does: a missing file is no config (null), not an error. */
export function loadConfig(path: string): VirConf | null {
  return existsSync(path) ? VirConf.readFile(path) : null;
}

/** The client's libvirt.conf (uri_default, uri_aliases, remote_mode, ...), or null when there is none. */
export function loadClientConfig(env: NodeJS.ProcessEnv = process.env): VirConf | null {
  return loadConfig(env[CLIENT_CONFIG_ENV] || configPath('libvirt.conf', env));
}
