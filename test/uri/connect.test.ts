import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VirError } from '../../src/errors/index.js';
import { VirConf } from '../../src/util/conf/index.js';
import {
  parseURI, remoteParams, remoteTransport, resolveConnectURI, resolveDefaultURI, resolveURIAlias, VIR_CONNECT_NO_ALIASES,
} from '../../src/uri/index.js';
import { askRealLibvirt, haveRealLibvirt, type RealError } from '../util/conf/real-libvirt.js';

function errorOf(fn: () => unknown): RealError | null {
  try {
    fn();
    return null;
  } catch (err) {
    assert.ok(err instanceof VirError, String(err));
    return { code: err.code, domain: err.domain, message: err.message };
  }
}

const ALIAS_CONFIGS = [
  'uri_aliases = [ "hail=qemu+ssh://root@hail.cloud.example.com/system", "sleet=qemu+ssh://root@sleet.cloud.example.com/system" ]',
  'uri_aliases = [ "hail=qemu:///system", "hail=test:///default" ]',
  'uri_aliases = [ "a-b_9=test:///default" ]',
  'uri_aliases = [ "bad.name=test:///default", "hail=qemu:///system" ]',
  'uri_aliases = [ "hail=qemu:///system", "bad.name=test:///default" ]',
  'uri_aliases = [ "noequals" ]',
  'uri_aliases = [ "=test:///default" ]',
  'uri_aliases = [ "x=" ]',
  'uri_aliases = [ "eq=a=b" ]',
  'uri_aliases = "hail=qemu:///system"',
  'uri_aliases = [ 1 ]',
  'uri_aliases = [ ]',
  'other = 1',
];
const ALIAS_NAMES = ['hail', 'sleet', 'a-b_9', 'bad.name', '', 'x', 'eq', 'eq=a', 'qemu:///system', 'HAIL', 'noequals'];

test('alias resolution agrees with real libvirt\'s virURIResolveAlias', (t) => {
  if (!haveRealLibvirt) return t.skip('libvirt-python not installed');
  const cases = ALIAS_CONFIGS.flatMap((content) => ALIAS_NAMES.map((alias) => ({ content, alias })));
  const real = askRealLibvirt<{ uri?: string | null; error?: RealError }>('alias', cases);
  cases.forEach(({ content, alias }, i) => {
    let ours: { uri?: string | null; error?: RealError };
    const error = errorOf(() => (ours = { uri: resolveURIAlias(VirConf.parse(content), alias) }));
    assert.deepEqual(error ? { error } : ours!, real[i], `${content} / ${alias}`);
  });
});

test('aliases through resolveConnectURI, and VIR_CONNECT_NO_ALIASES', () => {
  const config = VirConf.parse('uri_aliases = [\n  "hail=qemu+ssh://root@hail.cloud.example.com/system",\n]\n');
  assert.equal(resolveConnectURI('hail', { config })?.text, 'qemu+ssh://root@hail.cloud.example.com/system');
  assert.equal(resolveConnectURI('hail', { config })?.uri.server, 'hail.cloud.example.com');
  assert.throws(() => resolveConnectURI('hail', { config, flags: VIR_CONNECT_NO_ALIASES }), /does not include a driver name/);
});

/** URIs whose failure real libvirt reports before it ever contacts a daemon. */
const BAD_CONNECT_URIS = [
  'bad uri', '/default', 'default', 'qemu://system', 'qemu://session/x', 'vbox://system', 'vz://session',
  'test:///embed', 'Test:///embed?root=/x', 'test:///embed?root=rel', 'test:///embed?root=',
  'qemu+foo://h/system', 'qemu+unix://h/system', 'test+tcp://[::1]:1/default?no_verify=x',
  'test+tcp://[::1]:1/default?no_tty=', 'test+tcp://[::1]:1/default?No_Sanity=1x', 'test+tcp://[::1]:1/default?no_verify=99999999999',
  'test+tcp://[::1]:1/default?mode=bogus', 'test+tcp://[::1]:1/default?proxy=socat',
];

/** What our URI layer reports for a URI before driver selection, including the remote driver's checks. */
function ourOpenError(text: string): RealError | null {
  return errorOf(() => {
    const resolved = resolveConnectURI(text, { config: null, env: {} });
    const uri = resolved!.uri;
    if (uri.server || uri.scheme!.includes('+')) {
      remoteTransport(uri);
      remoteParams(uri);
    }
  });
}

test('connection URI errors agree with real virConnectOpen', (t) => {
  if (!haveRealLibvirt) return t.skip('libvirt-python not installed');
  const real = askRealLibvirt<{ error?: RealError }>('open', BAD_CONNECT_URIS);
  BAD_CONNECT_URIS.forEach((uri, i) => assert.deepEqual(ourOpenError(uri), real[i].error, uri));
});

test('xen shorthands, empty names, and local forms', () => {
  const none = { config: null, env: {} };
  assert.equal(resolveConnectURI('XEN', none)?.text, 'xen:///system');
  assert.equal(resolveConnectURI('xen://', none)?.text, 'xen:///system');
  assert.equal(resolveConnectURI('', none), null);
  assert.equal(resolveConnectURI(null, none), null);
  assert.equal(resolveConnectURI('qemu:///embed?root=/var/tmp/emb', none)?.embedRoot, '/var/tmp/emb');
  assert.equal(resolveConnectURI('test:///default', none)?.embedRoot, null);
  assert.equal(resolveConnectURI('test:', none)?.uri.path, '');
});

test('default URI: LIBVIRT_DEFAULT_URI, then uri_default, else null', () => {
  const config = VirConf.parse('uri_default = "qemu:///session"');
  assert.equal(resolveDefaultURI(config, { LIBVIRT_DEFAULT_URI: 'test:///default' }), 'test:///default');
  assert.equal(resolveDefaultURI(config, { LIBVIRT_DEFAULT_URI: '' }), 'qemu:///session');
  assert.equal(resolveDefaultURI(null, {}), null);
  assert.throws(() => resolveDefaultURI(VirConf.parse('uri_default = 1'), {}),
    /internal error: memory conf: expected a string for 'uri_default' parameter/);
  assert.equal(resolveConnectURI(undefined, { config, env: {} })?.text, 'qemu:///session');
});

test('default URI from the client config file named by TSVIRT_CLIENT_CONFIG', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'tsvirt-uri-')), 'libvirt.conf');
  writeFileSync(path, 'uri_default = "hail"\nuri_aliases = [ "hail=test:///default" ]\n');
  const resolved = resolveConnectURI(null, { env: { TSVIRT_CLIENT_CONFIG: path } });
  assert.equal(resolved?.text, 'test:///default');
});

test('LIBVIRT_DEFAULT_URI picks the same URI as real virsh', (t) => {
  const run = spawnSync('virsh', ['uri'], { encoding: 'utf8', env: { PATH: process.env.PATH, LIBVIRT_DEFAULT_URI: 'test:///default' } });
  if (run.error) return t.skip('virsh not installed');
  assert.equal(resolveConnectURI(null, { config: null, env: { LIBVIRT_DEFAULT_URI: 'test:///default' } })?.text, run.stdout.trim());
});

test('a bare name that is no alias and no URI', () => {
  assert.deepEqual(errorOf(() => resolveConnectURI('hail', { config: null })),
    { code: 5, domain: 0, message: "no connection driver available for URI 'hail' does not include a driver name" });
  assert.ok(parseURI('hail'));
});
