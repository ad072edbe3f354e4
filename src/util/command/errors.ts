import { constants } from 'node:os';
import { ErrorDomain, ErrorNumber, virError, type VirError } from '../../errors/index.js';
import { systemError } from '../../log/index.js';

/** Every error of the Command API comes from VIR_FROM_NONE, as libvirt's vircommand.c reports them. */
const DOMAIN = ErrorDomain.VIR_FROM_NONE;

export function internalError(detail: string): VirError {
  return virError(DOMAIN, ErrorNumber.VIR_ERR_INTERNAL_ERROR, detail);
}

export function commandSystemError(err: NodeJS.ErrnoException, what: string): VirError {
  return systemError(DOMAIN, err, what);
}

/** A command built with a bad argument (the reason goes to the debug log when it happens). */
export const invalidUse = (): VirError => internalError('invalid use of command API');

export function abortedError(commandLine: string): VirError {
  return virError(DOMAIN, ErrorNumber.VIR_ERR_OPERATION_ABORTED, `command ${commandLine} was cancelled`);
}

/** How a child ended: an exit code, or the signal that killed it. */
export interface ExitInfo {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** libvirt's wording for a wait status: `exit status N` or `fatal signal N`. */
export function describeExit(exit: ExitInfo): string {
  if (exit.signal !== null) return `fatal signal ${constants.signals[exit.signal] ?? exit.signal}`;
  return `exit status ${exit.code}`;
}

/** `Child process (CMD) unexpected exit status N: STDERR`, the stderr part only when there is some. */
export function unexpectedExit(commandLine: string, exit: ExitInfo, stderr: string | null): VirError {
  const tail = stderr ? `: ${stderr}` : '';
  return internalError(`Child process (${commandLine}) unexpected ${describeExit(exit)}${tail}`);
}
