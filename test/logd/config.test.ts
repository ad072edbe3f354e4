import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { VirError } from '../../src/errors/index.js';
import { defaultPlaces, loadDaemonConfig } from '../../src/logd/config.js';

const root = mkdtempSync(join(tmpdir(), 'tsvirtlogd-conf-'));
after(() => rmSync(root, { recursive: true, force: true }));

function conf(text: string): string {
  const path = join(root, `c${Math.random().toString(36).slice(2)}.conf`);
  writeFileSync(path, text);
  return path;
}

test('defaults are virtlogd\'s: 2 MiB, 3 kept files, 1024 clients', () => {
  const c = loadDaemonConfig(join(root, 'missing.conf'), ['/var/log/tsvirt']);
  assert.deepEqual({ ...c, logging: undefined }, { maxSize: 2097152, maxBackups: 3, maxClients: 1024, logDirs: ['/var/log/tsvirt'], logging: undefined });
});

test('virtlogd.conf keys and log_dirs are read', () => {
  const c = loadDaemonConfig(conf('max_size = 1048576\nmax_backups = 5\nmax_clients = 7\nlog_dirs = [ "/a", "/b" ]\nlog_level = 1\n'), []);
  assert.equal(c.maxSize, 1048576);
  assert.equal(c.maxBackups, 5);
  assert.equal(c.maxClients, 7);
  assert.deepEqual(c.logDirs, ['/a', '/b']);
  assert.equal(c.logging.level, 1);
  assert.deepEqual(loadDaemonConfig(conf('log_dirs = "/only"\n'), []).logDirs, ['/only']);
});

test('bad values are refused with the config errors', () => {
  assert.throws(() => loadDaemonConfig(conf('max_backups = 33\n'), []),
    (e: unknown) => e instanceof VirError && e.message === 'unsupported configuration: Max backup 33 must be less than or equal to 32');
  assert.throws(() => loadDaemonConfig(conf('max_size = "big"\n'), []), VirError);
  assert.throws(() => loadDaemonConfig(conf('max_size = \n'), []), VirError);
});

test('places: root uses /run/tsvirt and /var/log/tsvirt, a user the XDG directories', () => {
  assert.deepEqual(defaultPlaces(true), { runDir: '/run/tsvirt', configFile: '/etc/tsvirt/tsvirtlogd.conf', logDirs: ['/var/log/tsvirt'] });
  const user = defaultPlaces(false, { HOME: '/home/u', XDG_RUNTIME_DIR: '/run/user/1000' });
  assert.deepEqual(user, { runDir: '/run/user/1000/tsvirt', configFile: '/home/u/.config/tsvirt/tsvirtlogd.conf', logDirs: ['/home/u/.cache/tsvirt'] });
});
