import { closeSync, openSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { ErrorDomain, ErrorNumber, virError } from '../errors/index.js';
import { LogPriority, parsePriorityNumber } from './priority.js';
import { formatLine } from './format.js';
import { systemError } from './system-error.js';

export type LogDestination = 'stderr' | 'syslog' | 'file' | 'journald';
const DESTINATIONS: readonly LogDestination[] = ['stderr', 'syslog', 'file', 'journald'];

/** A parsed `x:dest[:name]` output, not opened yet. */
export interface LogOutputSpec {
  readonly priority: LogPriority;
  readonly dest: LogDestination;
  /** The file path (made absolute) or the syslog tag; null for stderr and journald. */
  readonly name: string | null;
}

/** What an output receives for one message. */
export interface LogRecord {
  readonly priority: LogPriority;
  readonly timestamp: string;
  /** The message alone. */
  readonly raw: string;
  /** `PID: level : func:line : message\n`, without the timestamp. */
  readonly formatted: string;
}

/** An opened output. */
export interface LogOutput extends LogOutputSpec {
  /** True until the output has written libvirt's version and hostname lines. */
  needsInitMessage: boolean;
  write(record: LogRecord): void;
  close(): void;
}

function invalid(detail: string): Error {
  return virError(ErrorDomain.VIR_FROM_NONE, ErrorNumber.VIR_ERR_INVALID_ARG, detail);
}

/** Parse one output definition with libvirt's checks and messages. */
export function parseOutput(src: string): LogOutputSpec {
  const tokens = src.split(':');
  if (tokens.length < 2) throw invalid(`Malformed format for log output '${src}'`);
  const priority = parsePriorityNumber(tokens[0]);
  if (priority === null) throw invalid(`Invalid log priority '${tokens[0]}' for log output '${src}'`);
  const dest = DESTINATIONS.find((d) => d === tokens[1]);
  if (dest === undefined) throw invalid(`Invalid log destination '${tokens[1]}' for log output '${src}'`);
  const wantsName = dest === 'file' || dest === 'syslog';
  if (tokens.length !== (wantsName ? 3 : 2)) {
    throw invalid(`Log output '${src}' does not meet the format requirements for destination type '${dest}'`);
  }
  const name = !wantsName ? null : dest === 'file' ? resolve(tokens[2]) : tokens[2];
  return { priority, dest, name };
}

/** Parse a space separated set of outputs; a repeated destination keeps only its last occurrence. */
export function parseOutputs(src: string): LogOutputSpec[] {
  const list: LogOutputSpec[] = [];
  for (const word of src.split(' ')) {
    if (word === '') continue;
    const spec = parseOutput(word);
    const duplicate = list.findIndex((o) => o.dest === spec.dest && o.name === spec.name);
    list.push(spec);
    if (duplicate >= 0) list.splice(duplicate, 1);
  }
  return list;
}

/** The outputs as libvirt lists them back (virLogGetOutputs). */
export function formatOutputs(outputs: readonly LogOutputSpec[]): string {
  return outputs.map((o) => (o.name === null ? `${o.priority}:${o.dest}` : `${o.priority}:${o.dest}:${o.name}`)).join(' ');
}

function fdOutput(spec: LogOutputSpec, fd: number, closeFd: boolean): LogOutput {
  return {
    ...spec,
    needsInitMessage: true,
    write(record) {
      try {
        writeSync(fd, formatLine(record.timestamp, record.formatted));
      } catch {
        // libvirt ignores failed log writes: logging must never fail the caller.
      }
    },
    close() {
      if (closeFd) closeSync(fd);
    },
  };
}

/**
 * syslog and journald take datagrams on a Unix socket, which Node cannot send; relaying through a
 * helper process would spawn outside the Command API, which itself logs here. So they are refused.
 */
function unsupportedOutput(spec: LogOutputSpec): never {
  throw virError(ErrorDomain.VIR_FROM_NONE, ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED,
    `log output '${spec.dest}' is not supported: Node.js cannot send Unix datagrams; use stderr or file`);
}

/** Open an output; throws libvirt's system error when a log file cannot be opened. */
export function openOutput(spec: LogOutputSpec): LogOutput {
  switch (spec.dest) {
    case 'stderr':
      return fdOutput(spec, 2, false);
    case 'file': {
      const path = spec.name as string;
      try {
        return fdOutput(spec, openSync(path, 'a', 0o600), true);
      } catch (err) {
        throw systemError(ErrorDomain.VIR_FROM_NONE, err as NodeJS.ErrnoException, `failed to open ${path}`);
      }
    }
    case 'syslog':
    case 'journald':
      return unsupportedOutput(spec);
  }
}

/** Open every output or none: on failure the ones already opened are closed again. */
export function openOutputs(specs: readonly LogOutputSpec[]): LogOutput[] {
  const opened: LogOutput[] = [];
  try {
    for (const spec of specs) opened.push(openOutput(spec));
  } catch (err) {
    opened.forEach((o) => o.close());
    throw err;
  }
  return opened;
}
