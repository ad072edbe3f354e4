/**
 * Differential scenarios are data: the same steps run by our interpreter (ours.ts) and by
 * libvirt-python on the real test driver (oracle.py), each step's outcome compared.
 */

/** A step argument: JSON, `$TMP` in strings stands for the scenario's temporary directory. */
export type Arg = string | number | boolean | null | { ref: string } | Arg[];

export interface Step {
  /** `open` / `openReadOnly` (a new connection to the scenario's URI) or `<var>.<method>`. */
  call: string;
  args?: Arg[];
  /** Keep the result under this name for later steps (`conn` is the scenario's first connection). */
  as?: string;
}

export interface Scenario {
  name: string;
  /** A custom node file (libvirt's test driver format; `$TMP` is replaced); else test:///default. */
  node?: string;
  steps: Step[];
  /** The steps open their connections themselves (to see open's own errors); else `conn` is opened first. */
  manualOpen?: boolean;
  /** Why our result still differs from libvirt's: the test reports the scenario as skipped. */
  knownDifference?: string;
}

/** What one step produced, shaped identically on both sides. */
export type Outcome =
  | { ok: unknown }
  | { error: { code: number; domain: number; message: string } }
  | { harnessError: string };

/** Marker for values that depend on the clock (cpuTime, block and interface stats). */
export const TIME_DEPENDENT = '<int>';

/**
 * Methods whose list results keep libvirt's order; every other list is sorted on both sides
 * because libvirt returns it in hash-table order.
 */
export const ORDERED_CALLS = ['getCellsFreeMemory'];
