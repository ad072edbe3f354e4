/**
 * package.json's install script: builds the optional native helper (native/, binding.gyp) with
 * npm's own node-gyp. The helper only adds file-descriptor passing over unix sockets and
 * SEEK_DATA/SEEK_HOLE; when it cannot be built, tsvirt installs and works without it, so a
 * failure prints one warning and exits 0. Plain JavaScript: it runs before TypeScript is built.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function nodeGyp() {
  if (process.env.npm_config_node_gyp) return process.env.npm_config_node_gyp;
  const npm = process.env.npm_execpath;
  const beside = npm ? join(dirname(npm), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js') : '';
  return beside && existsSync(beside) ? beside : null;
}

const gyp = nodeGyp();
const run = gyp ? spawnSync(process.execPath, [gyp, 'rebuild'], { cwd: root, encoding: 'utf8' }) : null;
if (!run || run.status !== 0) {
  const why = !run ? 'node-gyp was not found' : (run.error?.message ?? lastLines(`${run.stdout}\n${run.stderr}`));
  process.stderr.write(`tsvirt: warning: the optional native helper was not built (${why}); ` +
    'everything works without it except passing file descriptors over unix sockets and sparse-file ' +
    'layout; install python3, make and a C compiler, then run `npm rebuild tsvirt`.\n');
}

function lastLines(text) {
  return text.trim().split('\n').filter((l) => /error/i.test(l)).slice(-3).join(' / ') || 'node-gyp failed';
}
