import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let versionLine: string | null = null;

/** tsvirt's version, from the package.json above this file (src/ or dist/src/ layout alike). */
function packageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'tsvirt' && pkg.version) return pkg.version;
    } catch {
      // not here: keep climbing
    }
    const parent = dirname(dir);
    if (parent === dir) return 'unknown';
    dir = parent;
  }
}

/** The two info lines libvirt writes first to every output: version, then hostname. */
export function initMessages(): [string, string] {
  versionLine ??= `tsvirt version: ${packageVersion()}`;
  return [versionLine, `hostname: ${hostname()}`];
}
