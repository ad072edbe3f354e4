/**
 * What keeps tsvirsh's start cheap, checked on the bundle `npm run build` makes: a bundle builds a
 * namespace object (one getter per export, defined at start) for every module it must hand out
 * whole; the package root and the constants module have hundreds of exports each, and building
 * theirs cost a one-shot command about 10 ms.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cliDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'cli');
const bundle = join(cliDir, 'tsvirsh.bundle.cjs');

test('the tsvirsh bundle builds no namespace object with more than 50 exports', () => {
  const source = readFileSync(bundle, 'utf8');
  const built = [...source.matchAll(/__export\((\w+),\{/g)];
  assert.ok(built.length > 0, 'the bundle was made by esbuild with its __export helper');
  for (const m of built) {
    let depth = 1;
    let end = m.index! + m[0].length;
    while (depth > 0 && end < source.length) {
      if (source[end] === '{') depth++;
      else if (source[end] === '}') depth--;
      end++;
    }
    const getters = source.slice(m.index, end).match(/:\(\)=>/g)?.length ?? 0;
    assert.ok(getters <= 50, `${m[1]} has ${getters} exports: import the names needed, not the whole module`);
  }
});

test('the build writes the code cache afresh, never carrying an old one for a bundle of the same length', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'tsvirsh-cache-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  copyFileSync(join(cliDir, 'bin.cjs'), join(dir, 'bin.cjs'));
  const run = (env: Record<string, string> = {}): string => {
    const r = spawnSync(process.execPath, [join(dir, 'bin.cjs')], { encoding: 'utf8', env: { ...process.env, ...env } });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout;
  };
  // Two bundles of the same length, as a one-letter change makes them.
  writeFileSync(join(dir, 'tsvirsh.bundle.cjs'), 'function f() { return "old"; } console.log(f());\n');
  run({ TSVIRSH_WRITE_CODE_CACHE: '1' });
  writeFileSync(join(dir, 'tsvirsh.bundle.cjs'), 'function f() { return "new"; } console.log(f());\n');
  run({ TSVIRSH_WRITE_CODE_CACHE: '1' });
  assert.equal(run(), 'new\n');
});
