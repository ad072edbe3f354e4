import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { ErrorDomain, ErrorNumber, virError } from '../../errors/index.js';
import { SOCKET_NAME as LOGD_SOCKET_NAME, defaultPlaces as defaultLogdPlaces } from '../../logd/config.js';
import type { ConnectTarget } from '../types.js';

/**
 * Where one QEMU driver instance keeps its files. Every instance has its own tree, never
 * libvirt's: qemu:///system under /etc/tsvirt, /var/lib/tsvirt, /run/tsvirt, /var/log/tsvirt;
 * qemu:///session under the user's XDG directories; qemu:///embed?root=DIR all under DIR.
 */
export interface QemuPaths {
  /** Identifies the instance: connections with the same key share one driver state. */
  readonly key: string;
  readonly privileged: boolean;
  /** Persistent domain configs (NAME.xml) and autostart/ links. */
  readonly configDir: string;
  readonly autostartDir: string;
  /** Per-domain private directories (domain-ID-NAME: QEMU's HOME, monitor socket, master key). */
  readonly libDir: string;
  /** Runtime status of running domains, pid files. */
  readonly runDir: string;
  /** Managed save images. */
  readonly saveDir: string;
  readonly logDir: string;
  readonly cacheDir: string;
  /** tsvirtlogd's socket: QEMU's output goes through the log daemon when it listens there. */
  readonly logdSocket: string;
}

function tree(key: string, privileged: boolean, dirs: { config: string; lib: string; run: string; log: string; cache: string; logd: string }): QemuPaths {
  return {
    key, privileged,
    configDir: dirs.config,
    autostartDir: join(dirs.config, 'autostart'),
    libDir: dirs.lib,
    runDir: dirs.run,
    saveDir: join(dirs.lib, 'save'),
    logDir: dirs.log,
    cacheDir: dirs.cache,
    logdSocket: join(dirs.logd, LOGD_SOCKET_NAME),
  };
}

function systemPaths(): QemuPaths {
  return tree('system', true, {
    config: '/etc/tsvirt/qemu', lib: '/var/lib/tsvirt/qemu', run: '/run/tsvirt/qemu',
    log: '/var/log/tsvirt/qemu', cache: '/var/cache/tsvirt/qemu', logd: defaultLogdPlaces(true).runDir,
  });
}

function sessionPaths(env: NodeJS.ProcessEnv): QemuPaths {
  const home = env.HOME || homedir();
  const config = join(env.XDG_CONFIG_HOME || join(home, '.config'), 'tsvirt', 'qemu');
  const cache = join(env.XDG_CACHE_HOME || join(home, '.cache'), 'tsvirt', 'qemu');
  const run = env.XDG_RUNTIME_DIR ? join(env.XDG_RUNTIME_DIR, 'tsvirt', 'qemu', 'run') : join(cache, 'run');
  return tree(`session:${config}`, false, { config, lib: join(config, 'lib'), run, log: join(cache, 'log'), cache: join(cache, 'cache'),
    logd: defaultLogdPlaces(false, env).runDir });
}

/** The instance a daemon of this privilege serves by default: qemu:///system as root, else qemu:///session. */
export function daemonDefaultPaths(privileged: boolean, env: NodeJS.ProcessEnv = process.env): { uri: string; paths: QemuPaths } {
  return privileged ? { uri: 'qemu:///system', paths: systemPaths() } : { uri: 'qemu:///session', paths: sessionPaths(env) };
}

/** Everything under DIR, laid out as libvirt's embedded driver lays out its root. */
export function embedPaths(root: string): QemuPaths {
  return tree(`embed:${root}`, process.geteuid?.() === 0, {
    config: join(root, 'etc', 'qemu'), lib: join(root, 'lib', 'qemu'), run: join(root, 'run', 'qemu'),
    log: join(root, 'log', 'qemu'), cache: join(root, 'cache', 'qemu'), logd: join(root, 'run'),
  });
}

function uriError(code: number, detail: string) {
  return virError(ErrorDomain.VIR_FROM_NONE, code, detail);
}

/** The paths a qemu:// URI selects, with libvirt's errors for URIs the driver does not serve. */
export function pathsForTarget(target: ConnectTarget, env: NodeJS.ProcessEnv = process.env): QemuPaths {
  const privileged = process.geteuid?.() === 0;
  if (target.path === '/embed') {
    const root = target.params.find((p) => p.name === 'root')?.value;
    if (root === undefined) throw virError(ErrorDomain.VIR_FROM_NONE, ErrorNumber.VIR_ERR_INVALID_ARG, "Missing URI parameter 'root'");
    if (!isAbsolute(root)) throw virError(ErrorDomain.VIR_FROM_NONE, ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED, 'root path must be absolute');
    return embedPaths(root);
  }
  if (privileged) {
    if (target.path === '/system') return systemPaths();
    if (target.path === '/session') return sessionPaths(env);
    throw uriError(ErrorNumber.VIR_ERR_INTERNAL_ERROR, `unexpected qemu URI path '${target.path}', try qemu:///system`);
  }
  if (target.path === '/session') return sessionPaths(env);
  throw uriError(ErrorNumber.VIR_ERR_INTERNAL_ERROR, `unexpected qemu URI path '${target.path}', try qemu:///session`);
}
