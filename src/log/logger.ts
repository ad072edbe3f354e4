import { format } from 'node:util';
import { callerLocation } from './format.js';
import { LogPriority } from './priority.js';
import { currentSerial, dispatch, thresholdFor } from './settings.js';

/** A message, or a function building it, called only when the message is emitted. */
export type LogMessage = string | (() => string);

type LogMethod = (msg: LogMessage, ...args: unknown[]) => void;

/** A logger for one module (libvirt's log source, e.g. `remote.driver`); filters match its name. */
export interface Logger {
  readonly module: string;
  /** Whether a message of this priority would reach an output: guard costly argument building with it. */
  enabled(level: LogPriority): boolean;
  debug: LogMethod;
  info: LogMethod;
  warn: LogMethod;
  error: LogMethod;
}

/**
 * Create a module's logger. A call below the threshold costs a number comparison: the message is
 * neither formatted (util.format, `%s %d %j %o`) nor built (when given as a function).
 */
export function createLogger(module: string): Logger {
  let serial = -1;
  let threshold: LogPriority = LogPriority.ERROR;

  const passes = (level: LogPriority): boolean => {
    if (serial !== currentSerial()) {
      threshold = thresholdFor(module);
      serial = currentSerial();
    }
    return level >= threshold;
  };

  const method = (level: LogPriority): LogMethod => {
    const log: LogMethod = (msg, ...args) => {
      if (!passes(level)) return;
      const text = typeof msg === 'function' ? msg() : msg;
      dispatch(level, args.length ? format(text, ...args) : text, callerLocation(module, log));
    };
    return log;
  };

  return {
    module,
    enabled: passes,
    debug: method(LogPriority.DEBUG),
    info: method(LogPriority.INFO),
    warn: method(LogPriority.WARN),
    error: method(LogPriority.ERROR),
  };
}
