import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorNumber, VirError } from '../../src/errors/index.js';
import {
  type LoggingOptions, configureLogging, createLogger, getLogFilters, getLogOutputs, getLogPriority, LOG_LINE_PREFIX, resetLogging,
} from '../../src/log/index.js';
import { haveVirsh, virshInitError, virshStderrWith } from './real-virsh.js';

const dir = mkdtempSync(join(tmpdir(), 'tsvirt-log-'));
let fileCount = 0;
const newLogFile = () => join(dir, `out${fileCount++}.log`);
const linesOf = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter(Boolean) : []);

beforeEach(() => resetLogging());

test('defaults: warnings and errors pass, debug is off and never built', () => {
  const log = createLogger('test.defaults');
  assert.equal(getLogPriority(), 3);
  assert.equal(log.enabled(1), false);
  assert.equal(log.enabled(2), false);
  assert.equal(log.enabled(3), true);
  let built = 0;
  log.debug(() => { built++; return 'never'; });
  log.info('x %j', { toJSON: () => { built++; return 1; } });
  assert.equal(built, 0);
});

test('a file output gets libvirt-shaped lines, the init lines first, only its priority and up', () => {
  const path = newLogFile();
  configureLogging({ level: 'debug', outputs: `2:file:${path}` });
  const log = createLogger('remote.driver');
  function connectToServer() {
    log.debug('hidden by the output threshold');
    log.info('connecting to %s port %d', 'localhost', 16509);
  }
  connectToServer();
  log.error(() => 'lazy error');
  const lines = linesOf(path);
  assert.equal(lines.length, 4);
  for (const line of lines) assert.match(line, LOG_LINE_PREFIX);
  assert.match(lines[0], new RegExp(`: ${process.pid}: info : tsvirt version: \\d+\\.\\d+\\.\\d+$`));
  assert.match(lines[1], /: info : hostname: \S+$/);
  assert.match(lines[2], /: info : connectToServer:\d+ : connecting to localhost port 16509$/);
  assert.match(lines[3], /: error : (remote\.driver|\S+):\d+ : lazy error$/);
});

test('filters: first match wins, unmatched modules use the default level', () => {
  const path = newLogFile();
  configureLogging({ level: 4, filters: '1:remote 4:remote.keepalive 2:event', outputs: `1:file:${path}` });
  const remote = createLogger('remote.driver');
  const keepalive = createLogger('remote.keepalive');
  const event = createLogger('util.event');
  const other = createLogger('conf.domain');
  assert.deepEqual([remote, keepalive, event, other].map((l) => [1, 2, 3, 4].filter((p) => l.enabled(p as 1))),
    [[1, 2, 3, 4], [1, 2, 3, 4], [2, 3, 4], [4]]);
  assert.equal(getLogFilters(), '1:*remote* 4:*remote.keepalive* 2:*event* ');
});

test('the lowest output threshold bounds what is built at all', () => {
  configureLogging({ level: 1, outputs: `3:file:${newLogFile()} 4:stderr` });
  const log = createLogger('any');
  assert.equal(log.enabled(2), false);
  assert.equal(log.enabled(3), true);
});

test('loggers pick up later changes', () => {
  const log = createLogger('late.module');
  assert.equal(log.enabled(1), false);
  configureLogging({ filters: '1:late' });
  assert.equal(log.enabled(1), true);
  resetLogging();
  assert.equal(log.enabled(1), false);
});

test('a bad setting throws and changes nothing, not even the parts that were valid', () => {
  const path = newLogFile();
  configureLogging({ level: 2, filters: '1:keep', outputs: `2:file:${path}` });
  const before = [getLogPriority(), getLogFilters(), getLogOutputs()];
  const attempts: LoggingOptions[] = [{ level: 1, filters: '1:ok 9:bad' }, { level: 'loud' }, { filters: '1:x', outputs: '1:stderr 1:nowhere' },
    { level: 1, outputs: `1:file:${join(dir, 'missing', 'x.log')}` }];
  for (const bad of attempts) {
    assert.throws(() => configureLogging(bad), VirError);
    assert.deepEqual([getLogPriority(), getLogFilters(), getLogOutputs()], before);
  }
});

test('an unopenable log file: libvirt\'s system error', (t) => {
  const target = join(dir, 'missing', 'x.log');
  const err = (() => { try { configureLogging({ outputs: `1:file:${target}` }); } catch (e) { return e as VirError; } })();
  assert.ok(err instanceof VirError);
  assert.equal(err.code, ErrorNumber.VIR_ERR_SYSTEM_ERROR);
  assert.equal(err.message, `failed to open ${target}: No such file or directory`);
  if (!haveVirsh) return t.skip('virsh not installed');
  assert.equal(virshInitError({ LIBVIRT_LOG_OUTPUTS: `1:file:${target}` }), err.message);
});

test('outputs are listed back as libvirt lists them', () => {
  const path = newLogFile();
  configureLogging({ outputs: ` 1:stderr  3:file:${path} 4:stderr` });
  assert.equal(getLogOutputs(), `3:file:${path} 4:stderr`);
});

test('our lines have the shape of real libvirt\'s lines', (t) => {
  if (!haveVirsh) return t.skip('virsh not installed');
  const realLines = virshStderrWith({ LIBVIRT_DEBUG: '1', LIBVIRT_LOG_OUTPUTS: '1:stderr' }).split('\n').filter(Boolean);
  assert.ok(realLines.length > 3);
  const shape = (line: string) => line.replace(LOG_LINE_PREFIX, 'PREFIX ').replace(/^(PREFIX )\S+:\d+ : .*$/, '$1FUNC:LINE : MSG');
  assert.match(realLines[0], /: info : libvirt version: /);
  assert.match(realLines[1], /: info : hostname: /);
  assert.equal(shape(realLines[2]), 'PREFIX FUNC:LINE : MSG');
  const path = newLogFile();
  configureLogging({ level: 1, outputs: `1:file:${path}` });
  createLogger('shape').debug('hello');
  assert.equal(shape(linesOf(path)[2]), 'PREFIX FUNC:LINE : MSG');
});
