#!/usr/bin/env node
/**
 * tsvirtd: serves tsvirt's drivers over libvirt's RPC protocol, as libvirtd does.
 * Options as libvirtd's: -f/--config FILE, -l/--listen, -p/--pid-file FILE, -d/--daemon,
 * -t/--timeout SECS, -v/--verbose, --version, -h/--help.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configureLogging, applyEnvironment, createLogger } from '../log/index.js';
import { isVirError } from '../errors/index.js';
import { Command } from '../util/command/index.js';
import { LIB_VERSION } from '../api/version.js';
import { parseArgs, usage, type DaemonArgs } from './args.js';
import { defaultConfig, loadDaemonConfig, type DaemonConfig } from './config.js';
import { defaultConfigPath, defaultPidFile } from './paths.js';
import { Daemon } from './server.js';
import '../index.js'; // registers the library's drivers: tsvirtd serves every local driver

const log = createLogger('daemon');

function versionString(): string {
  const major = Math.floor(LIB_VERSION / 1e6);
  const minor = Math.floor((LIB_VERSION % 1e6) / 1e3);
  return `tsvirtd (tsvirt) ${major}.${minor}.${LIB_VERSION % 1e3}`;
}

/** The config file: -f, else the default path if it exists, else built-in defaults. */
function readConfig(args: DaemonArgs): DaemonConfig {
  const path = args.config ?? (existsSync(defaultConfigPath()) ? defaultConfigPath() : null);
  const config = loadDaemonConfig(path, defaultConfig());
  configureLogging({
    ...(config.logLevel !== null ? { level: String(config.logLevel) } : {}),
    ...(config.logFilters !== null ? { filters: config.logFilters } : {}),
    ...(config.logOutputs !== null ? { outputs: config.logOutputs } : {}),
  });
  applyEnvironment(process.env);
  if (args.verbose) configureLogging({ level: 'info' });
  return config;
}

/** Write the pid file atomically; refuse if it names another live tsvirtd. */
function acquirePidFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  if (existsSync(path)) {
    const pid = Number(readFileSync(path, 'utf8').trim());
    if (pid > 0 && pid !== process.pid && processAlive(pid)) {
      throw new Error(`Failed to acquire pid file '${path}': Resource temporarily unavailable`);
    }
  }
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, String(process.pid), { mode: 0o644 });
  renameSync(tmp, path);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** -d: start ourselves again without -d, detached, and return once its pid file exists. */
async function daemonize(argv: string[], pidFile: string): Promise<void> {
  const script = fileURLToPath(import.meta.url);
  const rest = argv.filter((a) => a !== '-d' && a !== '--daemon');
  await new Command(process.execPath, [script, ...rest, '--pid-file', pidFile]).daemonize().setPidFile(pidFile).run();
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.help) { process.stdout.write(usage()); return 0; }
  if (args.version) { process.stdout.write(`${versionString()}\n`); return 0; }
  const config = readConfig(args);
  if (args.stdio) {
    // One client on stdin/stdout: no sockets, no pid file; logs go to stderr only.
    await new Daemon(config).serveStdio(process.stdin, process.stdout);
    return 0;
  }
  const pidFile = args.pidFile ?? defaultPidFile();
  if (args.daemon) {
    await daemonize(argv, pidFile);
    return 0;
  }
  acquirePidFile(pidFile);
  const daemon = new Daemon(config, { listen: args.listen, timeoutSec: args.timeout });
  let starting: Promise<void> = Promise.resolve();
  const stop = async (why: string) => {
    log.info(`shutting down: ${why}`);
    await starting.catch(() => undefined); // a stop asked for during start-up waits for it to finish
    await daemon.stop();
    try { unlinkSync(pidFile); } catch { /* already gone */ }
    process.exit(0);
  };
  // Reloads and stops are taken from the start on: a signal before its handler would end the process.
  process.on('SIGHUP', () => {
    try {
      daemon.reload(readConfig(args));
      log.info('configuration reloaded');
    } catch (err) {
      log.error(`reload failed, keeping the old configuration: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
  // Clients are served before start-up work (stateful drivers) ends: a stop may come meanwhile.
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  try {
    await (starting = daemon.start());
  } catch (err) {
    try { unlinkSync(pidFile); } catch { /* already gone */ }
    throw err;
  }
  daemon.on('idle', () => void stop(`no clients for ${args.timeout} seconds`));
  return -1; // keep running
}

main(process.argv.slice(2)).then(
  (code) => { if (code >= 0) process.exit(code); },
  (err: unknown) => {
    const msg = isVirError(err) || err instanceof Error ? err.message : String(err);
    process.stderr.write(`tsvirtd: error: ${msg}\n`);
    process.exit(1);
  },
);
