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
import { Script } from 'node:vm';
import Module = require('node:module');

const bundle = join(__dirname, 'tsvirsh.bundle.cjs');
const cacheFile = `${bundle}.cache`;

if (existsSync(bundle)) {
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // no cache: V8 compiles as usual
  }
  // The same wrapper Node gives a CommonJS module, so the bundle sees require, module, __filename.
  const script = new Script(Module.wrap(readFileSync(bundle, 'utf8')), { filename: bundle, cachedData });
  // The build runs one command with this set, so the cache holds the functions a command needs.
  if (process.env.TSVIRSH_WRITE_CODE_CACHE === '1') process.once('exit', () => writeFileSync(cacheFile, script.createCachedData()));
  const bundleModule = new Module(bundle, module);
  bundleModule.filename = bundle;
  bundleModule.paths = module.paths;
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run(bundleModule.exports, Module.createRequire(bundle), bundleModule, bundle, __dirname);
} else {
  void import('./main.js');
}
