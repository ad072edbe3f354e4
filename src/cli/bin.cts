#!/usr/bin/env node
/**
 * The tsvirsh executable. It runs the single-file bundle `npm run build` makes of the CLI
 * (scripts/bundle-cli.ts) through V8's code cache built with it, because loading ~150 separate
 * modules and compiling them afresh dominated a one-shot command's time. Without a bundle (a
 * plain `tsc` build) it runs the modules themselves. Written as CommonJS: a CJS entry starts
 * faster than the ES module loader.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';
import Module = require('node:module');

const bundle = join(__dirname, 'tsvirsh.bundle.cjs');
const cacheFile = `${bundle}.cache`;

const builtinsFile = `${bundle}.builtins`;

/**
 * A session lives for a few commands to a few thousand: V8's optimizing compiler, started at its
 * usual threshold, spends more CPU on its background thread than its code saves before the
 * process exits (in a batch of 1,000 commands, about as much as the commands themselves). A
 * higher threshold keeps it for code that is truly hot. V8 accepts a code cache only under the
 * flags it was made with: Node's own for its built-in modules, so the ones a command loads
 * (listed by the build) are loaded first, and ours, made by the build through this file.
 */
function tuneCompilerForShortSessions(): void {
  let builtins: string[] = [];
  try {
    builtins = readFileSync(builtinsFile, 'utf8').split('\n');
  } catch {
    // no list: the modules compile from source when first used
  }
  for (const name of builtins) if (name) require(name);
  setFlagsFromString('--interrupt-budget=300000');
}

/** The built-in modules loaded so far, by the names `require` takes. */
function loadedBuiltins(): string[] {
  const loaded = (process as unknown as { moduleLoadList?: string[] }).moduleLoadList ?? [];
  return loaded.filter((m) => m.startsWith('NativeModule ') && !m.includes('internal/')).map((m) => `node:${m.slice(13)}`);
}

if (existsSync(bundle)) {
  const writingCache = process.env.TSVIRSH_WRITE_CODE_CACHE === '1';
  let cachedData: Buffer | undefined;
  try {
    // V8 checks a cache against the source's length only: the build's own run must compile afresh,
    // or an old cache for a bundle of the same length would be written out again, stale code and all.
    if (!writingCache) cachedData = readFileSync(cacheFile);
  } catch {
    // no cache: V8 compiles as usual
  }
  tuneCompilerForShortSessions();
  // The same wrapper Node gives a CommonJS module, so the bundle sees require, module, __filename.
  const script = new Script(Module.wrap(readFileSync(bundle, 'utf8')), { filename: bundle, cachedData });
  // The build runs one command with this set, so the cache holds the functions a command needs.
  if (writingCache) {
    process.once('exit', () => {
      writeFileSync(cacheFile, script.createCachedData());
      writeFileSync(builtinsFile, loadedBuiltins().join('\n'));
    });
  }
  const bundleModule = new Module(bundle, module);
  bundleModule.filename = bundle;
  bundleModule.paths = module.paths;
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run(bundleModule.exports, Module.createRequire(bundle), bundleModule, bundle, __dirname);
} else {
  void import('./main.js');
}
