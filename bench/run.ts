/**
 * Runs every benchmark: each top-level script in dist/bench/ (helpers live in subfolders), one
 * after another, each in its own node process so none warms up or loads the machine for the next.
 *
 *   node dist/bench/run.js [substring...]   (only the scripts whose names contain a substring)
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const self = basename(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);

const scripts = readdirSync(here, { withFileTypes: true })
  .filter((entry) => entry.isFile() && entry.name.endsWith('.js') && entry.name !== self)
  .map((entry) => entry.name)
  .filter((name) => filters.length === 0 || filters.some((f) => name.includes(f)))
  .sort();

const failed: string[] = [];
for (const name of scripts) {
  const run = spawnSync(process.execPath, [join(here, name)], { stdio: 'inherit' });
  if (run.status !== 0) failed.push(`${name} (${run.signal ?? `exit ${run.status}`})`);
}
if (failed.length > 0) {
  console.error(`failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
