// The tls and tcp transports against a real libvirtd with TLS and TCP listeners on loopback and a PKI made by
// openssl: certificates from `pkipath`, the daemon's confirmation byte, and the same errors as
// libvirt-python when our CA does not know the server or the server does not know our CA.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open } from '../../../src/index.js';
import { freePort, havePython, libvirtdSkip, startLibvirtd, type RunningDaemon } from '../../daemon/harness.js';
import { makePki } from './pki.js';

const skip = libvirtdSkip || (spawnSync('openssl', ['version']).status !== 0 && 'needs openssl');

function python(uri: string): string {
  const r = spawnSync('/usr/bin/python3', ['-c', `
import libvirt, sys
libvirt.registerErrorHandler(lambda *a: None, None)
try:
    c = libvirt.open(sys.argv[1]); print('ok', c.getType(), c.isEncrypted(), c.isSecure()); c.close()
except libvirt.libvirtError as e:
    print(e.get_error_code(), e.get_error_domain(), e.get_error_message())`, uri], { encoding: 'utf8' });
  return r.stdout.trim();
}

async function ours(uri: string): Promise<string> {
  try {
    const c = await open(uri);
    const line = `ok ${await c.getType()} ${Number(await c.isEncrypted())} ${Number(await c.isSecure())}`;
    await c.close();
    return line;
  } catch (err) {
    const e = err as { code: number; domain: number; message: string };
    return `${e.code} ${e.domain} ${e.message}`;
  }
}

describe('tls and tcp transports against libvirtd', { skip }, () => {
  let daemon: RunningDaemon;
  let port: number;
  let tcpPort: number;
  let pki: string;
  const stranger = mkdtempSync(join(tmpdir(), 'tsvirt-pki-'));
  before(async () => {
    port = await freePort();
    tcpPort = await freePort();
    makePki(stranger, 'a CA the daemon does not know');
    daemon = await startLibvirtd({
      prepare: (dir) => {
        pki = makePki(join(dir, 'pki'));
        return {
          listen: true,
          tcpPorts: [port, tcpPort],
          conf: `listen_tls = 1\nlisten_tcp = 1\ntls_port = "${port}"\ntcp_port = "${tcpPort}"\nlisten_addr = "127.0.0.1"\n`
            + 'auth_tls = "none"\nauth_tcp = "none"\n'
            + `key_file = "${pki}/serverkey.pem"\ncert_file = "${pki}/servercert.pem"\nca_file = "${pki}/cacert.pem"\n`,
        };
      },
    });
  });
  after(async () => {
    await daemon?.stop();
    rmSync(stranger, { recursive: true, force: true });
  });

  it('connects by IP and by name, encrypted and secure', async () => {
    for (const host of ['127.0.0.1', 'localhost']) {
      const uri = `test+tls://${host}:${port}/default?pkipath=${pki}`;
      assert.equal(await ours(uri), 'ok TEST 1 1');
      if (havePython) assert.equal(python(uri), 'ok TEST 1 1');
    }
  });

  it('fails as libvirt does when either side does not trust the other', async () => {
    const uri = `test+tls://127.0.0.1:${port}/default?pkipath=${stranger}`;
    const expected = havePython ? python(uri) : "45 7 authentication failed: Failed to verify peer's certificate";
    assert.equal(await ours(uri), expected);
    // no_verify skips our check; the daemon still refuses a client certificate from a CA it does not know
    assert.equal(await ours(`${uri}&no_verify=1`), '38 7 Unable to read TLS confirmation: Input/output error');
  });

  it('tcp: plain, neither encrypted nor secure', async () => {
    const uri = `test+tcp://127.0.0.1:${tcpPort}/default`;
    assert.equal(await ours(uri), 'ok TEST 0 0');
    if (havePython) assert.equal(python(uri), 'ok TEST 0 0');
  });

  it('a missing certificate file is named', async () => {
    assert.match(await ours(`test+tls://127.0.0.1:${port}/default?pkipath=/nonexistent`), /^38 7 .*Cannot read CA certificate '\/nonexistent\/cacert.pem': No such file or directory/);
  });
});
