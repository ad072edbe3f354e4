export { Command, DEFAULT_ABORT_GRACE_MS, type WaitOptions } from './command.js';
export { COMMON_PASSED_VARIABLES } from './environment.js';
export { shellQuote, formatCommandLine } from './quote.js';
export type { LimitValue, ResourceLimits } from './types.js';
