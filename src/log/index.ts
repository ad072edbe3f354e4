export { createLogger, type Logger, type LogMessage } from './logger.js';
export {
  configureLogging, applyEnvironment, resetLogging, getLogPriority, getLogFilters, getLogOutputs,
  type LoggingOptions,
} from './settings.js';
export { LogPriority, DEFAULT_LOG_PRIORITY, parseDefaultPriority, priorityName } from './priority.js';
export { parseFilters, type LogFilter } from './filters.js';
export { parseOutputs, type LogOutputSpec, type LogDestination } from './outputs.js';
export { formatTimestamp, LOG_LINE_PREFIX } from './format.js';
export { strerror, systemError } from './system-error.js';
