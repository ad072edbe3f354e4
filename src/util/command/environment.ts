/** What "pass common" hands through from the parent, after setting LC_ALL=C. */
export const COMMON_PASSED_VARIABLES = ['LD_PRELOAD', 'LD_LIBRARY_PATH', 'PATH', 'HOME', 'USER', 'LOGNAME', 'TMPDIR'] as const;

/** Why a variable name cannot be used, or null when it can. */
export function invalidEnvName(name: unknown): string | null {
  if (typeof name !== 'string' || name === '') return 'environment variable name must be a non-empty string';
  if (name.includes('=') || name.includes('\0')) return `invalid environment variable name '${name}'`;
  return null;
}

/**
 * A child's own environment: `NAME=value` entries in the order first set; setting a name
 * again replaces its value in place, so the command line shows each variable once.
 */
export class ChildEnvironment {
  readonly #entries: string[] = [];

  set(name: string, value: string): void {
    const entry = `${name}=${value}`;
    const index = this.#entries.findIndex((e) => e.startsWith(`${name}=`));
    if (index >= 0) this.#entries[index] = entry;
    else this.#entries.push(entry);
  }

  /** Copy the parent's value, if it has one. */
  pass(name: string): void {
    const value = process.env[name];
    if (value !== undefined) this.set(name, value);
  }

  passCommon(): void {
    this.set('LC_ALL', 'C');
    for (const name of COMMON_PASSED_VARIABLES) this.pass(name);
  }

  entries(): readonly string[] {
    return this.#entries;
  }
}
