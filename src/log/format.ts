import { LogPriority, priorityName } from './priority.js';

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** libvirt's log timestamp: UTC, milliseconds, a literal `+0000` (`2026-11-21 12:00:00.123+0000`). */
export function formatTimestamp(when: Date): string {
  return `${pad(when.getUTCFullYear(), 4)}-${pad(when.getUTCMonth() + 1)}-${pad(when.getUTCDate())} ` +
    `${pad(when.getUTCHours())}:${pad(when.getUTCMinutes())}:${pad(when.getUTCSeconds())}.` +
    `${pad(when.getUTCMilliseconds(), 3)}+0000`;
}

/** Where a message was emitted: libvirt prints the C function and line; we print the JS caller's. */
export interface LogLocation {
  readonly funcname: string;
  readonly line: number;
}

/**
 * The part of a log line after the timestamp, as libvirt builds it:
 * `PID: level : func:line : message` (or `PID: level : message` without a location), newline ended.
 */
export function formatMessage(priority: LogPriority, message: string, location: LogLocation | null): string {
  const where = location ? `${location.funcname}:${location.line} : ` : '';
  return `${process.pid}: ${priorityName(priority)} : ${where}${message}\n`;
}

/** A whole line as the stderr and file outputs write it. */
export function formatLine(timestamp: string, formattedMessage: string): string {
  return `${timestamp}: ${formattedMessage}`;
}

/** Matches the start of a line produced by libvirt's (and our) logger, like virLogProbablyLogMessage. */
export const LOG_LINE_PREFIX = /^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}\+[0-9]{4}: [0-9]+: (debug|info|warning|error) : /;

/**
 * The caller of a logger method, read from a V8 stack trace. Called only for messages that are
 * emitted, so disabled logging never pays for it. `skip` is the logger function to cut above.
 */
export function callerLocation(moduleName: string, skip: Function): LogLocation {
  const holder: { stack?: string } = {};
  const savedLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 1;
  Error.captureStackTrace(holder, skip);
  Error.stackTraceLimit = savedLimit;
  const frame = holder.stack?.split('\n')[1] ?? '';
  // "    at [async ]name (file:line:col)" or "    at file:line:col"
  const parsed = /^\s*at (?:async )?(?:(.+?) \()?.*?:(\d+):\d+\)?$/.exec(frame);
  const name = parsed?.[1];
  const named = name !== undefined && !name.includes('<anonymous>') && name !== 'new <anonymous>';
  return { funcname: named ? name : moduleName, line: parsed ? Number(parsed[2]) : 0 };
}
