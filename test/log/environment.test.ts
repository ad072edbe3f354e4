import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { LOG_LINE_PREFIX } from '../../src/log/index.js';

const logIndex = fileURLToPath(new URL('../../src/log/index.js', import.meta.url));
const script = `
  const { createLogger } = await import(${JSON.stringify(logIndex)});
  const log = createLogger('remote.driver');
  log.debug('d'); log.info('i'); log.warn('w'); log.error('e');
  createLogger('util.event').debug('event debug');
`;

function runWith(env: Record<string, string>): string[] {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8', env: { PATH: process.env.PATH, ...env },
  });
  assert.equal(run.status, 0, run.stderr);
  return run.stderr.split('\n').filter(Boolean);
}

const messages = (lines: string[]) => lines.filter((l) => LOG_LINE_PREFIX.test(l) && !/ : (tsvirt version|hostname): /.test(l))
  .map((l) => l.replace(/^.* : /, ''));

test('nothing set: warnings and errors on stderr', () => {
  assert.deepEqual(messages(runWith({})), ['w', 'e']);
});

test('LIBVIRT_DEBUG as a number or a word', () => {
  assert.deepEqual(messages(runWith({ LIBVIRT_DEBUG: '1' })), ['d', 'i', 'w', 'e', 'event debug']);
  assert.deepEqual(messages(runWith({ LIBVIRT_DEBUG: 'info' })), ['i', 'w', 'e']);
});

test('LIBVIRT_LOG_FILTERS refines per module, LIBVIRT_LOG_OUTPUTS bounds the output', () => {
  assert.deepEqual(messages(runWith({ LIBVIRT_DEBUG: '4', LIBVIRT_LOG_FILTERS: '1:event' })), ['e', 'event debug']);
  assert.deepEqual(messages(runWith({ LIBVIRT_DEBUG: '1', LIBVIRT_LOG_OUTPUTS: '3:stderr' })), ['w', 'e']);
});

test('a bad variable is reported once and the defaults stay', () => {
  const lines = runWith({ LIBVIRT_DEBUG: '1', LIBVIRT_LOG_FILTERS: '1:event 8:x' });
  assert.equal(lines[0], "libvirt:  error : invalid argument: Invalid priority '8' for filter '8:x'");
  assert.deepEqual(messages(lines), ['w', 'e']);
});
