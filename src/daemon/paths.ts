/** Where tsvirtd puts its sockets and pid file, as libvirtd does under /run/libvirt. */
import { join } from 'node:path';
import { homedir } from 'node:os';

/** The read-write and read-only socket names inside `unix_sock_dir`. */
export const SOCKET_NAME = 'tsvirt-sock';
export const SOCKET_RO_NAME = 'tsvirt-sock-ro';
export const DEFAULT_TCP_PORT = 16509;
export const DEFAULT_TLS_PORT = 16514;

export function isPrivileged(): boolean {
  return process.geteuid?.() === 0;
}

/** The runtime directory: /run/tsvirt for root, $XDG_RUNTIME_DIR/tsvirt (else ~/.cache/tsvirt) for a user. */
export function runtimeDir(privileged = isPrivileged(), env: NodeJS.ProcessEnv = process.env): string {
  if (privileged) return '/run/tsvirt';
  return join(env.XDG_RUNTIME_DIR || join(env.HOME || homedir(), '.cache'), 'tsvirt');
}

/** The config file read without -f: /etc/tsvirt/tsvirtd.conf, or $XDG_CONFIG_HOME/tsvirt/tsvirtd.conf. */
export function defaultConfigPath(privileged = isPrivileged(), env: NodeJS.ProcessEnv = process.env): string {
  if (privileged) return '/etc/tsvirt/tsvirtd.conf';
  return join(env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config'), 'tsvirt', 'tsvirtd.conf');
}

export function defaultPidFile(privileged = isPrivileged(), env: NodeJS.ProcessEnv = process.env): string {
  return privileged ? '/run/tsvirtd.pid' : join(runtimeDir(false, env), 'tsvirtd.pid');
}

/** The sockets a client finds by default (the remote driver's unix transport). */
export function defaultSocketPath(readOnly: boolean, privileged = isPrivileged(), env: NodeJS.ProcessEnv = process.env): string {
  return join(runtimeDir(privileged, env), readOnly ? SOCKET_RO_NAME : SOCKET_NAME);
}
