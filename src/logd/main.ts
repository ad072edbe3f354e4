#!/usr/bin/env node
/**
 * tsvirtlogd: the log daemon. Runs in the foreground until SIGTERM/SIGINT; SIGUSR1 restarts it
 * keeping every open log pipe (see restart.ts).
 *
 *   tsvirtlogd [-f CONFIG] [-p PIDFILE] [--run-dir DIR] [--log-dir DIR]...
 */
import { chmodSync, mkdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { configureLogging, createLogger } from '../log/index.js';
import { SOCKET_NAME, defaultPlaces, loadDaemonConfig } from './config.js';
import { LogServer } from './daemon.js';
import { LogDirs } from './log-dirs.js';
import { LogHandler } from './log-handler.js';
import { RESTART_READY_SIGNAL, RESTART_STATE_FILE, handOver, takeRestartState } from './restart.js';

/** Test switch: answer positions without draining (virtlogd before seed 004's fix). */
const NO_DRAIN_ENV = 'TSVIRTLOGD_TEST_NO_DRAIN';

const log = createLogger('logging.log_daemon');

const USAGE = `Usage: tsvirtlogd [options]
  -f, --config FILE      configuration file (max_size, max_backups, max_clients, log_dirs, log_*)
  -p, --pid-file FILE    pid file (default: RUNDIR/tsvirtlogd.pid)
      --run-dir DIR      private directory for the socket and the log pipes
      --log-dir DIR      a directory whose log files clients may use (repeatable)
  -h, --help
`;

function parse() {
  const { values } = parseArgs({
    options: {
      config: { type: 'string', short: 'f' },
      'pid-file': { type: 'string', short: 'p' },
      'run-dir': { type: 'string' },
      'log-dir': { type: 'string', multiple: true },
      'restart-state': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  return values;
}

function makePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

function writePidFile(path: string): void {
  const tmp = `${path}.new`;
  writeFileSync(tmp, String(process.pid), { mode: 0o644 });
  renameSync(tmp, path);
}

async function main(): Promise<void> {
  const args = parse();
  if (args.help) {
    process.stdout.write(USAGE);
    return;
  }
  const places = defaultPlaces();
  const runDir = args['run-dir'] ?? places.runDir;
  const config = loadDaemonConfig(args.config ?? places.configFile, places.logDirs);
  if (args['log-dir']) config.logDirs = args['log-dir'];
  configureLogging(config.logging);

  makePrivateDir(runDir);
  const pipeDir = join(runDir, 'tsvirtlogd-pipes');
  makePrivateDir(pipeDir);
  const socketPath = join(runDir, SOCKET_NAME);
  const pidFile = args['pid-file'] ?? join(runDir, 'tsvirtlogd.pid');
  const statePath = join(runDir, RESTART_STATE_FILE);

  const handler = new LogHandler({
    limits: { maxSize: config.maxSize, maxBackups: config.maxBackups },
    logDirs: new LogDirs(config.logDirs),
    pipeDir,
    drainBeforePosition: process.env[NO_DRAIN_ENV] !== '1',
  });
  const server = new LogServer(handler, { maxClients: config.maxClients });

  const restartFrom = args['restart-state'];
  if (restartFrom !== undefined) {
    const state = takeRestartState(restartFrom);
    handler.restore(state.files);
    await server.adopt(state.listenFd);
    writePidFile(pidFile);
    process.kill(state.pid, RESTART_READY_SIGNAL);
    log.info('took over %d log files from pid %d', state.files.length, state.pid);
  } else {
    await server.listen(socketPath); // fails if another daemon serves this run directory
    handler.removeStalePipes();
    writePidFile(pidFile);
  }

  let busy = false;
  const stop = async () => {
    if (busy) return;
    busy = true;
    await server.close();
    handler.close();
    for (const path of [socketPath, pidFile]) {
      try {
        unlinkSync(path);
      } catch {
        // already gone
      }
    }
    process.exit(0);
  };
  const restart = async () => {
    if (busy) return;
    busy = true;
    await server.quiesce();
    const files = handler.suspendForRestart();
    const argv = [process.argv[1]!, ...process.argv.slice(2).filter((a, i, all) =>
      a !== '--restart-state' && all[i - 1] !== '--restart-state' && !a.startsWith('--restart-state='))];
    try {
      await handOver(statePath, argv, server.listenFd, files);
    } catch (err) {
      log.error('restart failed, going on: %s', (err as Error).message);
      handler.resumeAfterFailedRestart();
      server.resume();
      busy = false;
      return;
    }
    process.exit(0); // the next daemon holds every pipe and the socket now
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  process.on('SIGUSR1', () => void restart());
}

main().catch((err: Error) => {
  process.stderr.write(`tsvirtlogd: ${err.message}\n`);
  process.exit(1);
});
