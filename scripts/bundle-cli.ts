/**
 * Part of `npm run build`, after tsc: bundles tsvirsh (dist/src/cli/main.js and everything it
 * imports, npm dependencies included) into one CommonJS file beside it, then runs everyday
 * commands through the bin so V8's code cache for that file is written too (see src/cli/bin.cts). The
 * test driver's default node is parsed here and handed to the bundle as serialized data.
 */
import { deepStrictEqual } from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { build } from 'esbuild';
import { DEFAULT_NODE_XML } from '../src/drivers/test/default-node.js';
import { parseNodeXML } from '../src/drivers/test/node-file.js';

const cliDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'cli');
const outfile = join(cliDir, 'tsvirsh.bundle.cjs');

/** The default node's content as v8.serialize data; only plain data survives that, so check it did. */
function defaultNodeContent(): string {
  const content = parseNodeXML(DEFAULT_NODE_XML, null);
  const data = serialize(content);
  deepStrictEqual(deserialize(data), content, 'the default node content must be plain data');
  return data.toString('base64');
}

await build({
  entryPoints: [join(cliDir, 'main.js')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Smaller source parses faster; names are kept for readable stack traces.
  minifyWhitespace: true,
  minifySyntax: true,
  // import.meta does not exist in CommonJS: give modules that locate files the bundle's own URL.
  banner: { js: 'const __bundleURL = require("node:url").pathToFileURL(__filename).href;' },
  define: { 'import.meta.url': '__bundleURL', TSVIRT_DEFAULT_NODE_CONTENT: JSON.stringify(defaultNodeContent()) },
  logLevel: 'warning',
});

/**
 * What the cache-writing run does: the everyday commands (listings, lookups, domain info and XML,
 * a state change and its reversal, an error), so a session's first use of each runs cached
 * bytecode instead of compiling it. Heavier and rarer ones (capabilities, edit, events) are left
 * out: every function cached makes each start-up read more.
 */
const WARM_UP = [
  'dominfo no-such-domain', 'list --all', 'dominfo test', 'domstate test --reason', 'domid test', 'domuuid test', 'dumpxml test',
  'vcpucount test', 'setmem test 1048576', 'suspend test', 'resume test', 'nodeinfo', 'net-list --all',
  'pool-list --all', 'vol-list default-pool',
].join('\n');

const warm = spawnSync(process.execPath, [join(cliDir, 'bin.cjs'), '-c', 'test:///default', WARM_UP], {
  env: { ...process.env, TSVIRSH_WRITE_CODE_CACHE: '1' },
  stdio: ['ignore', 'ignore', 'pipe'],
  encoding: 'utf8',
});
// The first command fails on purpose (its error path is warmed too); the last must succeed.
if (warm.status !== 0) throw new Error(`writing the code cache: tsvirsh exited with ${warm.status ?? warm.signal}: ${warm.stderr}`);
