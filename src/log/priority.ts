import { ErrorDomain, ErrorNumber, virError } from '../errors/index.js';

/** libvirt's log priorities (virLogPriority): a message passes when its priority is >= the threshold. */
export const LogPriority = {
  DEBUG: 1,
  INFO: 2,
  WARN: 3,
  ERROR: 4,
} as const;
export type LogPriority = (typeof LogPriority)[keyof typeof LogPriority];

/** The threshold when nothing is configured: warnings and errors. */
export const DEFAULT_LOG_PRIORITY: LogPriority = LogPriority.WARN;

const PRIORITY_NAMES: Record<LogPriority, string> = {
  1: 'debug',
  2: 'info',
  3: 'warning',
  4: 'error',
};

/** The word libvirt prints for a priority in a log line. */
export function priorityName(priority: LogPriority): string {
  return PRIORITY_NAMES[priority];
}

export function isLogPriority(value: unknown): value is LogPriority {
  return value === 1 || value === 2 || value === 3 || value === 4;
}

/** A priority field of a filter or output ("3"), as libvirt reads it: decimal digits, 1..4. */
export function parsePriorityNumber(text: string): LogPriority | null {
  if (!/^\s*\+?[0-9]+$/.test(text)) return null;
  const value = Number(text);
  return isLogPriority(value) ? value : null;
}

/** LIBVIRT_DEBUG / log_level syntax: 1-4 or debug, info, warning, error. */
export function parseDefaultPriority(text: string): LogPriority {
  const byWord: Record<string, LogPriority> = { debug: 1, info: 2, warning: 3, error: 4 };
  const priority = byWord[text] ?? (/^[1-4]$/.test(text) ? (Number(text) as LogPriority) : undefined);
  if (priority === undefined) {
    throw virError(ErrorDomain.VIR_FROM_NONE, ErrorNumber.VIR_ERR_INVALID_ARG,
      `Failed to set logging priority, argument '${text}' is invalid`);
  }
  return priority;
}
