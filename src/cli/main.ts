/** tsvirsh: the virsh-compatible shell of tsvirt. See docs/tsvirsh.md. The installed bin is bin.cts. */
import { runTsvirsh } from './run.js';

// No top-level await: the build bundles this file as CommonJS (scripts/bundle-cli.ts).
void runTsvirsh(process.argv.slice(2), process.env).then((code) => {
  process.exitCode = code;
});
