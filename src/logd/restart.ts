/**
 * The state-preserving restart virtlogd does on SIGUSR1, without execve (Node has none):
 *
 *  1. stop taking clients, finish the calls under way, close the client connections;
 *  2. stop reading the pipes and drain them into the files;
 *  3. write the state (open files, their pipe fds, the listening socket's fd) to a private file;
 *  4. start a new daemon with those fds inherited at the same numbers;
 *  5. the new daemon takes over the pipes and the socket and signals SIGUSR2; the old one exits.
 *
 * At every moment some process holds each pipe's reading end, so a guest writing through the
 * restart never meets a closed pipe, and only one of the two daemons reads a pipe at a time.
 * Unlike execve the pid changes: the new daemon rewrites the pid file. If the new daemon fails
 * to start, the old one goes on serving.
 */
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { ErrorDomain, ErrorNumber, virError } from '../errors/index.js';
import { Command } from '../util/command/index.js';
import type { LogFileState } from './log-handler.js';

const MAGIC = 'tsvirtlogd-restart-exec-1';
export const RESTART_STATE_FILE = 'tsvirtlogd-restart-exec.json';
export const RESTART_READY_SIGNAL = 'SIGUSR2';
const READY_TIMEOUT_MS = 30_000;

export interface RestartState {
  magic: string;
  /** The daemon that wrote the state, waiting for RESTART_READY_SIGNAL. */
  pid: number;
  listenFd: number;
  files: LogFileState[];
}

function stateError(path: string, detail: string) {
  return virError(ErrorDomain.VIR_FROM_LOGGING, ErrorNumber.VIR_ERR_INTERNAL_ERROR, `restart state ${path}: ${detail}`);
}

/** Reads and removes the state a previous daemon left for us. */
export function takeRestartState(path: string): RestartState {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } finally {
    try {
      unlinkSync(path);
    } catch {
      // already gone
    }
  }
  const state = JSON.parse(text) as RestartState;
  if (state.magic !== MAGIC) throw stateError(path, 'not written by this version of tsvirtlogd');
  if (!Number.isInteger(state.pid) || !Number.isInteger(state.listenFd) || !Array.isArray(state.files)) {
    throw stateError(path, 'malformed');
  }
  return state;
}

/**
 * Starts the next daemon (`argv`: the script and its arguments, without --restart-state) and
 * resolves once it has taken over; rejects, with the state file removed, if it did not.
 */
export async function handOver(statePath: string, argv: string[], listenFd: number, files: LogFileState[]): Promise<void> {
  const state: RestartState = { magic: MAGIC, pid: process.pid, listenFd, files };
  writeFileSync(statePath, JSON.stringify(state), { mode: 0o600 });
  const cmd = new Command(process.execPath, [...process.execArgv, ...argv, '--restart-state', statePath])
    .newSession()
    .setOutputFd(1)
    .setErrorFd(2)
    .preserveFd(listenFd);
  for (const file of files) cmd.preserveFd(file.fd);

  let onReady = () => {};
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  process.once(RESTART_READY_SIGNAL, onReady);
  let timer: NodeJS.Timeout | undefined;
  try {
    await cmd.runAsync();
    const exited = cmd.wait({ exitStatus: true }).then((status) => {
      throw virError(ErrorDomain.VIR_FROM_LOGGING, ErrorNumber.VIR_ERR_INTERNAL_ERROR, `new daemon exited with status ${status} before taking over`);
    });
    exited.catch(() => {}); // after a take-over, the new daemon outlives us
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(virError(ErrorDomain.VIR_FROM_LOGGING, ErrorNumber.VIR_ERR_OPERATION_TIMEOUT,
        `new daemon did not take over within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
    });
    await Promise.race([ready, exited, timeout]);
  } catch (err) {
    process.off(RESTART_READY_SIGNAL, onReady);
    try {
      unlinkSync(statePath);
    } catch {
      // the new daemon took it before failing
    }
    await cmd.abort().catch(() => {});
    throw err;
  } finally {
    clearTimeout(timer);
  }
}
