import { ErrorDomain, ErrorNumber, virError } from '../errors/index.js';
import { formatFilters, parseFilters, priorityForModule, type LogFilter } from './filters.js';
import { formatMessage, formatTimestamp, type LogLocation } from './format.js';
import { initMessages } from './init-message.js';
import { formatOutputs, openOutput, openOutputs, parseOutputs, type LogOutput, type LogRecord } from './outputs.js';
import { DEFAULT_LOG_PRIORITY, isLogPriority, LogPriority, parseDefaultPriority } from './priority.js';

/** What configureLogging accepts: libvirt's syntax strings, or a priority number for the level. */
export interface LoggingOptions {
  /** 1-4 or debug / info / warning / error (LIBVIRT_DEBUG, log_level). */
  level?: LogPriority | string;
  /** `3:remote 4:event` (LIBVIRT_LOG_FILTERS, log_filters); '' removes every filter. */
  filters?: string;
  /** `1:stderr 2:file:/path` (LIBVIRT_LOG_OUTPUTS, log_outputs); '' means the default, stderr. */
  outputs?: string;
}

interface Settings {
  priority: LogPriority;
  filters: LogFilter[];
  outputs: LogOutput[];
}

const settings: Settings = { priority: DEFAULT_LOG_PRIORITY, filters: [], outputs: [] };
/** Bumped on every change; loggers compare it to refresh their cached threshold. */
let serial = 0;
let environmentRead = false;

/** With no outputs configured, messages go to stderr (libvirt's own fallback). */
const fallbackStderr: LogOutput = openOutput({ priority: LogPriority.DEBUG, dest: 'stderr', name: null });

export function currentSerial(): number {
  return serial;
}

/** Read LIBVIRT_DEBUG etc. once, at first use; a bad value is reported on stderr and leaves the defaults. */
function readEnvironmentOnce(): void {
  if (environmentRead) return;
  environmentRead = true;
  try {
    applyEnvironment(process.env);
  } catch (err) {
    process.stderr.write(`libvirt:  error : ${(err as Error).message}\n`);
  }
}

/**
 * The lowest priority a module can emit: its filter (or the default) threshold, raised to the
 * lowest output threshold so that messages no output would take are never even formatted.
 */
export function thresholdFor(moduleName: string): LogPriority {
  readEnvironmentOnce();
  const own = priorityForModule(settings.filters, moduleName, settings.priority);
  const outputs = settings.outputs.length ? settings.outputs : [fallbackStderr];
  const lowestOutput = Math.min(...outputs.map((o) => o.priority)) as LogPriority;
  return Math.max(own, lowestOutput) as LogPriority;
}

/** Apply a set of settings atomically: everything is parsed and opened before anything changes. */
export function configureLogging(options: LoggingOptions): void {
  readEnvironmentOnce();
  const priority = options.level === undefined ? settings.priority : toPriority(options.level);
  const filters = options.filters === undefined ? settings.filters : parseFilters(options.filters);
  const outputs = options.outputs === undefined ? null : openOutputs(parseOutputs(options.outputs));
  settings.priority = priority;
  settings.filters = filters;
  if (outputs) {
    settings.outputs.forEach((o) => o.close());
    settings.outputs = outputs;
  }
  serial++;
}

function toPriority(level: LogPriority | string | number): LogPriority {
  if (typeof level === 'string') return parseDefaultPriority(level);
  if (!isLogPriority(level)) {
    throw virError(ErrorDomain.VIR_FROM_NONE, ErrorNumber.VIR_ERR_INVALID_ARG,
      `Failed to set logging priority, argument '${level}' is invalid`);
  }
  return level;
}

/**
 * Apply LIBVIRT_DEBUG, LIBVIRT_LOG_FILTERS and LIBVIRT_LOG_OUTPUTS from `env` (empty values are
 * ignored, as libvirt does). Throws the first syntax error; settings are then unchanged.
 */
export function applyEnvironment(env: NodeJS.ProcessEnv): void {
  environmentRead = true;
  const pick = (name: string) => (env[name] ? env[name] : undefined);
  configureLogging({
    level: pick('LIBVIRT_DEBUG'),
    filters: pick('LIBVIRT_LOG_FILTERS'),
    outputs: pick('LIBVIRT_LOG_OUTPUTS'),
  });
}

/** Back to libvirt's defaults: warnings and errors to stderr, no filters; the environment is not re-read. */
export function resetLogging(): void {
  environmentRead = true;
  settings.outputs.forEach((o) => o.close());
  settings.priority = DEFAULT_LOG_PRIORITY;
  settings.filters = [];
  settings.outputs = [];
  serial++;
}

export function getLogPriority(): LogPriority {
  readEnvironmentOnce();
  return settings.priority;
}

/** The filters in libvirt's listing form (virLogGetFilters), as the admin API reports them. */
export function getLogFilters(): string {
  readEnvironmentOnce();
  return formatFilters(settings.filters);
}

/** The outputs in libvirt's listing form (virLogGetOutputs). */
export function getLogOutputs(): string {
  readEnvironmentOnce();
  return formatOutputs(settings.outputs);
}

/** Send one message that passed its module's threshold to every output that takes its priority. */
export function dispatch(priority: LogPriority, message: string, location: LogLocation | null): void {
  const timestamp = formatTimestamp(new Date());
  const record: LogRecord = { priority, timestamp, raw: message, formatted: formatMessage(priority, message, location) };
  const outputs = settings.outputs.length ? settings.outputs : [fallbackStderr];
  for (const output of outputs) {
    if (priority < output.priority) continue;
    if (output.needsInitMessage) {
      output.needsInitMessage = false;
      for (const raw of initMessages()) {
        output.write({ priority: LogPriority.INFO, timestamp, raw, formatted: formatMessage(LogPriority.INFO, raw, null) });
      }
    }
    output.write(record);
  }
}
