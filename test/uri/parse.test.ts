import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirError } from '../../src/errors/index.js';
import { formatQueryParams } from '../../src/uri/params.js';
import { formatURI, parseURI, type VirURI } from '../../src/uri/index.js';
import { askRealLibvirt, haveRealLibvirt, type RealError } from '../util/conf/real-libvirt.js';
import { URI_CORPUS } from './corpus.js';

interface RealURI extends Omit<VirURI, 'params'> {
  params: [string, string][];
  formatted: string;
  formattedParams: string | null;
  error?: RealError;
}

function ours(text: string): RealURI | { error: RealError } {
  try {
    const uri = parseURI(text);
    return {
      scheme: uri.scheme, server: uri.server, user: uri.user, port: uri.port, path: uri.path, query: uri.query,
      fragment: uri.fragment, params: uri.params.map((p) => [p.name, p.value]),
      formatted: formatURI(uri), formattedParams: uri.params.length ? formatQueryParams(uri.params) : null,
    };
  } catch (err) {
    assert.ok(err instanceof VirError);
    return { error: { code: err.code, domain: err.domain, message: err.message } };
  }
}

/** Random strings over the characters that matter to the URI grammar. */
function fuzzCorpus(count: number): string[] {
  const alphabet = 'ab1:/?#[]@!$&\'()*+,;=%20%zz%4-._~ "<>^`{|}\\';
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const prefixes = ['', 'test:', 'qemu+ssh://', 'test:///', 'x://u@h:1/'];
  return Array.from({ length: count }, () => {
    let s = prefixes[Math.floor(random() * prefixes.length)];
    const length = Math.floor(random() * 14);
    for (let i = 0; i < length; i++) s += alphabet[Math.floor(random() * alphabet.length)];
    return s;
  });
}

test('parse and format agree with real libvirt\'s virURIParse / virURIFormat', (t) => {
  if (!haveRealLibvirt) return t.skip('libvirt-python not installed');
  const inputs = [...URI_CORPUS, ...fuzzCorpus(3000)];
  const real = askRealLibvirt<RealURI>('uri', inputs);
  inputs.forEach((input, i) => assert.deepEqual(ours(input), real[i], JSON.stringify(input)));
});

/** Forms libvirt writes back exactly as given. */
const CANONICAL = [
  'test:///default', 'test:///tmp/node.xml', 'qemu:///system', 'qemu:///session', 'qemu:///embed?root=/tmp/embed',
  'lxc:///', 'qemu+unix:///system?socket=/run/libvirt/virtqemud-sock', 'qemu+tcp://127.0.0.1:16509/system',
  'qemu+tls://host.example.com/system?no_verify=1', 'qemu+ssh://root@hail.cloud.example.com/system',
  'qemu+ssh://user@host:2222/system?keyfile=/home/u/.ssh/id_ed25519&no_tty=1',
  'qemu+libssh://user@host/system?known_hosts=/tmp/kh&known_hosts_verify=ignore&sshauth=privkey,agent',
  'qemu+ext:///system?command=/usr/bin/mytunnel', 'test+tcp://[::1]:16509/default', 'qemu://[2001:db8::1]/system',
  'remote://host/', 'test:///default?a=1&b=2&a=3', 'test:///default#frag', 'test://user@/default',
  'test:///abs/path%20with%20space.xml', 'test:///default?a=%2F%26%3D&b=%E2%82%AC', 'test:///%E2%82%AC',
];

test('round trip: canonical forms format back to the same text, and reparse to the same URI', () => {
  for (const input of CANONICAL) {
    const uri = parseURI(input);
    assert.equal(formatURI(uri), input);
    assert.deepEqual(parseURI(formatURI(uri)), uri, input);
  }
});

test('the parts of a remote URI', () => {
  const uri = parseURI('qemu+ssh://root@[::1]:2222/system?keyfile=/a%20b&no_verify=1;x=2#f%20g');
  assert.deepEqual(uri, {
    scheme: 'qemu+ssh', server: '::1', user: 'root', port: 2222, path: '/system',
    query: 'keyfile=/a%20b&no_verify=1;x=2', fragment: 'f g',
    params: [{ name: 'keyfile', value: '/a b' }, { name: 'no_verify', value: '1' }, { name: 'x', value: '2' }],
  });
  assert.equal(formatURI(uri), 'qemu+ssh://root@[::1]:2222/system?keyfile=/a%20b&no_verify=1;x=2#f%20g');
});

test('formatting a URI built by hand: params become the query, IPv6 gets brackets', () => {
  assert.equal(formatURI({ scheme: 'qemu+tcp', server: 'fe80::1', port: 16509, path: '/system',
    params: [{ name: 'socket', value: '/run/a b' }, { name: 'no_verify', value: '1' }] }),
  'qemu+tcp://[fe80::1]:16509/system?socket=%2Frun%2Fa%20b&no_verify=1');
  assert.equal(formatURI({ scheme: 'test', path: '/default' }), 'test:///default');
});

test('a malformed URI: libvirt\'s error', () => {
  assert.throws(() => parseURI('bad uri'), (err: VirError) =>
    err.code === 1 && err.domain === 45 && err.message === 'internal error: Unable to parse URI bad uri');
});
