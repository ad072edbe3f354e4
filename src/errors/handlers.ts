import { ERROR_DOMAIN_NAMES, ErrorLevel, ErrorNumber } from './codes.js';
import { VirError } from './vir-error.js';

/** An error handler: observes errors, may never throw into the library. */
export type ErrorHandler = (error: VirError, userData?: unknown) => void;

interface HandlerSlot {
  handler: ErrorHandler;
  userData: unknown;
}

/** Per-connection error state: its handler and its last error (virConnSetErrorFunc, virConnGetLastError). */
export class ErrorScope {
  private slot: HandlerSlot | null = null;
  private last: VirError | null = null;

  setHandler(handler: ErrorHandler | null, userData?: unknown): void {
    this.slot = handler ? { handler, userData } : null;
  }

  get handler(): HandlerSlot | null {
    return this.slot;
  }

  lastError(): VirError | null {
    return this.last;
  }

  resetLastError(): void {
    this.last = null;
  }

  copyLastError(): VirError | null {
    return this.last?.copy() ?? null;
  }

  /** @internal */
  remember(error: VirError): void {
    this.last = error;
  }
}

let globalSlot: HandlerSlot | null = null;
let globalLast: VirError | null = null;

/**
 * virSetErrorFunc: the global handler, called for errors with no connection handler.
 * Passing null restores the default handler.
 */
export function setErrorFunc(handler: ErrorHandler | null, userData?: unknown): void {
  globalSlot = handler ? { handler, userData } : null;
}

/** libvirt-python's name for setErrorFunc. */
export const registerErrorHandler = setErrorFunc;

/**
 * virDefaultErrorFunc: prints the error on stderr in libvirt's format. As in libvirt-python, it
 * is not installed by default (a promise API already reports errors); pass it to setErrorFunc to
 * get the C library's behaviour.
 */
export function defaultErrorFunc(error: VirError): void {
  const domainName = ERROR_DOMAIN_NAMES[error.domain] ?? '';
  const lead = error.level === ErrorLevel.VIR_ERR_WARNING ? 'warning' : 'error';
  const where = domainName ? `${domainName} ${lead}` : lead;
  process.stderr.write(`libvirt: ${where} : ${error.message}\n`);
}

/** virGetLastError: the last error of the process (any connection), or null. */
export function getLastError(): VirError | null {
  return globalLast;
}

export function getLastErrorMessage(): string {
  return globalLast?.message ?? 'no error';
}

export function getLastErrorCode(): number {
  return globalLast?.code ?? ErrorNumber.VIR_ERR_OK;
}

export function getLastErrorDomain(): number {
  return globalLast?.domain ?? 0;
}

export function resetLastError(): void {
  globalLast = null;
}

/** virCopyLastError / virSaveLastError: a detached copy of the last error. */
export function copyLastError(): VirError | null {
  return globalLast?.copy() ?? null;
}

function callSafely(slot: HandlerSlot, error: VirError): void {
  try {
    slot.handler(error, slot.userData);
  } catch {
    // A handler only observes: its own failure must never change the outcome of the call.
  }
}

/**
 * Report an error the way seed 003 orders it: the connection's handler if it has one, else the
 * global handler, else the default (quiet) one; then remember it as the last error, on the
 * connection when there is one and globally in every case.
 */
export function dispatchError(error: VirError, scope?: ErrorScope | null): void {
  const slot = scope?.handler ?? globalSlot;
  if (slot) callSafely(slot, error);
  scope?.remember(error);
  globalLast = error;
}
