import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isLocal, isRemote, parseURI, remoteName, remoteParams, remoteTransport } from '../../src/uri/index.js';

test('local and remote URIs, as the remote driver tells them apart', () => {
  const local = ['test:///default', 'test:///tmp/node.xml', 'qemu:///system', 'qemu:///session', 'qemu:///embed?root=/x', 'lxc:///'];
  const remote = ['qemu+ssh://host/system', 'qemu://host/system', 'qemu+unix:///system', 'qemu+tcp:///system',
    'test+tls:///default', 'remote:///', 'remote://h/', 'qemu+ext:///system?command=x', 'esx://h/'];
  for (const text of local) assert.ok(isLocal(parseURI(text)) && !isRemote(parseURI(text)), text);
  for (const text of remote) assert.ok(isRemote(parseURI(text)) && !isLocal(parseURI(text)), text);
});

test('transport: written, case-insensitive, else TLS with a host and Unix without', () => {
  const transport = (text: string) => remoteTransport(parseURI(text));
  assert.deepEqual(transport('qemu+SSH://h/system'), { driver: 'qemu', transport: 'ssh' });
  assert.deepEqual(transport('qemu://h/system'), { driver: 'qemu', transport: 'tls' });
  assert.deepEqual(transport('qemu:///system'), { driver: 'qemu', transport: 'unix' });
  for (const t of ['tls', 'unix', 'ssh', 'libssh2', 'ext', 'tcp', 'libssh']) {
    assert.equal(transport(`test+${t}:///default`).transport, t);
  }
});

test('typed parameters: case-insensitive names, last wins, flags as integers, the rest passed through', () => {
  const params = remoteParams(parseURI('qemu+ssh://u@h:22/system?keyfile=/k1&KeyFile=/k2&no_verify=1&no_tty=0' +
    '&sshauth=agent,privkey&known_hosts=/kh&known_hosts_verify=ignore&netcat=/bin/nc&proxy=native&mode=direct' +
    '&socket=/run/s&pkipath=/pki&tls_priority=NORMAL&command=/c&auth=sasl&authfile=/a&extra=1&name=qemu:///system'));
  assert.deepEqual(params, {
    keyfile: '/k2', noVerify: true, noTty: false, noSanity: false, sshauth: 'agent,privkey', knownHosts: '/kh',
    knownHostsVerify: 'ignore', netcat: '/bin/nc', proxy: 'native', mode: 'direct', socket: '/run/s', pkipath: '/pki',
    tlsPriority: 'NORMAL', command: '/c', auth: 'sasl', name: 'qemu:///system', passthrough: [{ name: 'extra', value: '1' }],
  });
});

test('the name sent to the daemon', () => {
  const name = (text: string) => remoteName(parseURI(text));
  assert.equal(name('qemu+ssh://root@host/system?keyfile=/k&no_tty=1'), 'qemu:///system');
  assert.equal(name('qemu+tcp://host:16509/system?extra=a%20b&socket=/s'), 'qemu:///system?extra=a%20b');
  assert.equal(name('test+tcp://[::1]/default#f'), 'test:///default#f');
  assert.equal(name('qemu+ssh://host/system?name=qemu:///session'), 'qemu:///session');
  assert.equal(name('remote+tcp://host/'), '');
  assert.equal(name('remote://host/'), '');
});
