import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorDomain, ErrorNumber, VirError } from '../../../src/errors/index.js';
import { VirConf, configPath, loadClientConfig } from '../../../src/util/conf/index.js';
import { askRealLibvirt, haveRealLibvirt, type RealError } from './real-libvirt.js';

type Kind = 'string' | 'int' | 'bool' | 'list' | 'list+string';
const KINDS: Kind[] = ['string', 'int', 'bool', 'list', 'list+string'];
const NAMES = ['a', 'b', 'uri_default', 'uri_aliases', 'missing'];

const CONFIGS = [
  'uri_default = "qemu:///system"\n',
  "uri_default = 'test:///default'\n",
  '# comment only\n',
  '',
  '\n\n   \n',
  '  \t# indented comment\na = 1',
  'a = 1 # trailing comment\nb = "x" ; a = 2\n',
  'uri_aliases = [\n  "hail=qemu+ssh://root@hail.cloud.example.com/system",\n  "sleet=qemu+ssh://root@sleet.cloud.example.com/system",\n]\n',
  'uri_aliases = [ ]', 'uri_aliases = []', 'uri_aliases = ["one"]', 'uri_aliases = "one"', 'uri_aliases = [ "a", 1 ]',
  'uri_aliases = [ "a" "b" ]', 'uri_aliases = [ "a",\n "b"', 'uri_aliases = [,]', 'uri_aliases = [ "a", , "b" ]',
  'uri_aliases = [["a"]]', 'a = [1, -2, +3]',
  'a = 0', 'a = 1', 'a = 2', 'a = -0', 'a = +1', 'a = -1', 'a = 2147483647', 'a = 2147483648', 'a = -2147483648',
  'a = -2147483649', 'a = 4294967295', 'a = 4294967296', 'a = 9223372036854775807', 'a = 9223372036854775808',
  'a = 18446744073709551617', 'a = -9223372036854775809', 'a = 007', 'a = 12abc', 'a = -', 'a = +', 'a =',
  'a = "unterminated', "a = 'unterminated\n'", 'a = "line\nbreak"', 'a = """multi\nline"""', 'a = """x"""',
  'a = """unterminated\nb = 1', 'a = """"""', 'a = """ab"""\nb = 2', 'a = ""', "a = ''", 'a = "it\'s"', 'a = "\\n"',
  'a = "x" b = 1', 'a = "x";b = 1', 'a = "x";;b = 1', 'a 1', '= 1', '1a = 1', '_a = 1', 'a_1 = 1', 'a.b = 1',
  'a-b = 1', 'a = yes', 'a = true', 'a = 1\r\nb = 2\r\n', 'a = 1\n\n\nb = "x\ny"', 'a = 1\nb =\n', 'a = 1\na = 2',
  'a = 1\n\n# c\n\nb = [\n\n"x",\n\n"y"\n\n]\n\nc = @', '\n\n\na = "x" x', 'a = [\n"x"\n,\n"y"\n]', 'b = "é ünïcode"',
];

function fuzz(count: number): string[] {
  const alphabet = ['a', 'b', ' = ', '=', '"', "'", '"""', '[', ']', ',', '1', '-', '+', '#', '\n', ';', ' ', '\t', 'x', '\r'];
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  return Array.from({ length: count }, () => {
    let s = random() < 0.5 ? 'a = ' : '';
    const length = Math.floor(random() * 12);
    for (let i = 0; i < length; i++) s += alphabet[Math.floor(random() * alphabet.length)];
    return s;
  });
}

type Result = { error: RealError } | { found: boolean; value: unknown };
const DEFAULTS: Record<Kind, unknown> = { string: null, int: 0, bool: false, list: null, 'list+string': null };

function asError(err: unknown): { error: RealError } {
  assert.ok(err instanceof VirError, String(err));
  return { error: { code: err.code, domain: err.domain, message: err.message } };
}

function ourGet(conf: VirConf, kind: Kind, name: string): Result {
  try {
    const value = kind === 'string' ? conf.getString(name) : kind === 'int' ? conf.getInt(name)
      : kind === 'bool' ? conf.getBool(name) : conf.getStringList(name, kind === 'list+string');
    return value === undefined ? { found: false, value: DEFAULTS[kind] } : { found: true, value };
  } catch (err) {
    return asError(err);
  }
}

function ours(content: string): unknown {
  let conf: VirConf;
  try {
    conf = VirConf.parse(content);
  } catch (err) {
    return asError(err);
  }
  return { values: KINDS.flatMap((kind) => NAMES.map((name) => ourGet(conf, kind, name))) };
}

test('parsing and typed getters agree with real libvirt\'s virConfReadString / virConfGetValue*', (t) => {
  if (!haveRealLibvirt) return t.skip('libvirt-python not installed');
  const inputs = [...CONFIGS, ...fuzz(3000)];
  const get = KINDS.flatMap((kind) => NAMES.map((name) => [kind, name]));
  const real = askRealLibvirt<unknown>('conf', inputs.map((content) => ({ content, get })));
  inputs.forEach((content, i) => assert.deepEqual(ours(content), real[i], JSON.stringify(content)));
});

test('a libvirt.conf with aliases across lines', () => {
  const conf = VirConf.parse([
    '# client configuration',
    'uri_default = "qemu:///system"   # the default',
    'uri_aliases = [',
    '  "hail=qemu+ssh://root@hail.cloud.example.com/system",',
    "  'sleet=qemu+ssh://root@sleet.cloud.example.com/system',",
    ']',
    'keepalive_interval = -1; keepalive_count = 5',
    'remote_mode = "legacy"',
  ].join('\n'));
  assert.equal(conf.getString('uri_default'), 'qemu:///system');
  assert.deepEqual(conf.getStringList('uri_aliases'), [
    'hail=qemu+ssh://root@hail.cloud.example.com/system', 'sleet=qemu+ssh://root@sleet.cloud.example.com/system']);
  assert.equal(conf.getInt('keepalive_interval'), -1);
  assert.equal(conf.getUInt('keepalive_count'), 5);
  assert.equal(conf.getString('nothing'), undefined);
  assert.deepEqual(conf.names(), ['uri_default', 'uri_aliases', 'keepalive_interval', 'keepalive_count', 'remote_mode']);
  assert.equal(conf.entries[0].comment, ' the default');
});

test('syntax errors name the file and line', () => {
  assert.throws(() => VirConf.parse('a = 1\nb = [\n  "x"\n  "y"\n]', '/etc/libvirt/libvirtd.conf'), (err: VirError) =>
    err.code === ErrorNumber.VIR_ERR_CONF_SYNTAX && err.domain === ErrorDomain.VIR_FROM_CONF &&
    err.message === 'configuration file syntax error: /etc/libvirt/libvirtd.conf:4: expecting a separator in list');
});

test('integer getters: ranges and signedness', () => {
  const conf = VirConf.parse('neg = -5\nbig = 4294967296\nhuge = 18446744073709551615\nllmax = 9223372036854775808');
  assert.throws(() => conf.getUInt('neg'), /expected an unsigned integer for 'neg' parameter/);
  assert.throws(() => conf.getUInt('big'), /value for 'big' parameter must be in range 0:4294967295/);
  assert.equal(conf.getLLong('neg'), -5n);
  assert.equal(conf.getULLong('huge'), 18446744073709551615n);
  assert.throws(() => conf.getLLong('llmax'), /must be in range -9223372036854775808:9223372036854775807/);
  assert.throws(() => conf.getULLong('neg'), /expected an unsigned integer/);
});

test('reading files: errors as libvirt words them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsvirt-conf-'));
  const path = join(dir, 'libvirtd.conf');
  writeFileSync(path, 'listen_tcp = 1\nbad line\n');
  assert.throws(() => VirConf.readFile(path), (err: VirError) =>
    err.message === `configuration file syntax error: ${path}:2: expecting an assignment`);
  assert.throws(() => VirConf.readFile(join(dir, 'absent.conf')), (err: VirError) =>
    err.code === ErrorNumber.VIR_ERR_SYSTEM_ERROR && err.domain === ErrorDomain.VIR_FROM_CONF &&
    err.message === `Failed to open file '${join(dir, 'absent.conf')}': No such file or directory`);
  mkdirSync(join(dir, 'sub'));
  assert.throws(() => VirConf.readFile(join(dir, 'sub')), /Failed to read file '.*sub': Is a directory/);
  writeFileSync(path, `a = "${'x'.repeat(10 * 1024 * 1024)}"`);
  assert.throws(() => VirConf.readFile(path), /Failed to read file '.*': Value too large for defined data type/);
});

test('client config location: root, XDG_CONFIG_HOME, ~/.config, and the test override', () => {
  assert.equal(configPath('libvirt.conf', { XDG_CONFIG_HOME: '/x/cfg', HOME: '/home/u' }, true), '/etc/libvirt/libvirt.conf');
  assert.equal(configPath('libvirt.conf', { XDG_CONFIG_HOME: '/x/cfg', HOME: '/home/u' }, false), '/x/cfg/libvirt/libvirt.conf');
  assert.equal(configPath('libvirt.conf', { HOME: '/home/u' }, false), '/home/u/.config/libvirt/libvirt.conf');
  const dir = mkdtempSync(join(tmpdir(), 'tsvirt-client-'));
  const path = join(dir, 'client.conf');
  assert.equal(loadClientConfig({ TSVIRT_CLIENT_CONFIG: path }), null);
  writeFileSync(path, 'uri_default = "test:///default"\n');
  assert.equal(loadClientConfig({ TSVIRT_CLIENT_CONFIG: path })?.getString('uri_default'), 'test:///default');
});
