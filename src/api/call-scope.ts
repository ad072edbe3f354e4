/**
 * A per-call AbortSignal without a signal parameter on every method: `withAbortSignal(signal, fn)`
 * scopes `signal` to every call `fn` makes (through awaits and callbacks, via AsyncLocalStorage),
 * and drivers that can cancel (the remote driver) read it with `currentAbortSignal()`.
 * `AbortSignal.timeout(ms)` gives a per-call timeout the same way.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const scope = new AsyncLocalStorage<AbortSignal>();

/** Run `fn` with `signal` governing every library call it makes; an outer scope's signal is combined. */
export function withAbortSignal<T>(signal: AbortSignal, fn: () => T): T {
  const outer = scope.getStore();
  return scope.run(outer ? AbortSignal.any([outer, signal]) : signal, fn);
}

/** The signal of the innermost `withAbortSignal` around the current call, if any. */
export function currentAbortSignal(): AbortSignal | undefined {
  return scope.getStore();
}
