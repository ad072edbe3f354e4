/**
 * tsvirtlogd's settings: virtlogd.conf's keys (max_size, max_backups, max_clients, log_level,
 * log_filters, log_outputs) plus `log_dirs`, the directories whose files it may write and read.
 * Defaults follow virtlogd's (2 MiB, 3 kept files, 1024 clients); the places follow tsvirt's
 * QEMU driver (/var/log/tsvirt for root, ~/.cache/tsvirt for a user).
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { VirConf, loadConfig } from '../util/conf/index.js';
import type { LogPriority, LoggingOptions } from '../log/index.js';
import { DEFAULT_LIMITS, checkMaxBackups } from './rotating-writer.js';

export interface LogDaemonConfig {
  maxSize: number;
  maxBackups: number;
  maxClients: number;
  logDirs: string[];
  logging: LoggingOptions;
}

export interface LogDaemonPlaces {
  /** Private (0700): the socket, the FIFOs, the pid file, the restart state. */
  runDir: string;
  configFile: string;
  logDirs: string[];
}

export const SOCKET_NAME = 'tsvirtlogd-sock';

export function defaultPlaces(privileged = process.geteuid?.() === 0, env: NodeJS.ProcessEnv = process.env): LogDaemonPlaces {
  if (privileged) {
    return { runDir: '/run/tsvirt', configFile: '/etc/tsvirt/tsvirtlogd.conf', logDirs: ['/var/log/tsvirt'] };
  }
  const home = env.HOME || homedir();
  const cache = join(env.XDG_CACHE_HOME || join(home, '.cache'), 'tsvirt');
  return {
    runDir: env.XDG_RUNTIME_DIR ? join(env.XDG_RUNTIME_DIR, 'tsvirt') : join(cache, 'run'),
    configFile: join(env.XDG_CONFIG_HOME || join(home, '.config'), 'tsvirt', 'tsvirtlogd.conf'),
    logDirs: [cache],
  };
}

/** Settings from `file` over the defaults; a missing file gives the defaults. */
export function loadDaemonConfig(file: string, defaultLogDirs: string[]): LogDaemonConfig {
  const conf: VirConf | null = loadConfig(file);
  const size = conf?.getULLong('max_size');
  const config: LogDaemonConfig = {
    maxSize: size === undefined ? DEFAULT_LIMITS.maxSize : Number(size),
    maxBackups: conf?.getUInt('max_backups') ?? DEFAULT_LIMITS.maxBackups,
    maxClients: conf?.getUInt('max_clients') ?? 1024,
    logDirs: conf?.getStringList('log_dirs', true) ?? defaultLogDirs,
    logging: {
      level: conf?.getUInt('log_level') as LogPriority | undefined,
      filters: conf?.getString('log_filters'),
      outputs: conf?.getString('log_outputs'),
    },
  };
  checkMaxBackups(config.maxBackups);
  return config;
}
