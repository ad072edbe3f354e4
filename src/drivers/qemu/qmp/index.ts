export { QmpMonitor, DEFAULT_CONNECT_TIMEOUT_MS, type QmpGreeting, type QmpConnectOptions, type QmpCommandOptions } from './monitor.js';
export * from './events.js';
