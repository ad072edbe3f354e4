// TLS listeners and SASL authentication on tsvirtd, differential against libvirt's libvirtd given
// the same certificates (made by openssl), the same sasldb (made by saslpasswd2) and the same
// config: real virsh (credentials from a libvirt auth.conf), real libvirt-python (openAuth with a
// callback) and our own remote driver must see the same results from both daemons.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openAuth, VIR_CRED_AUTHNAME, VIR_CRED_PASSPHRASE } from '../../src/index.js';
import { freePort, haveVirsh, havePython, libvirtdSkip, startLibvirtd, startTsvirtd, type RunningDaemon } from './harness.js';
import { issue, makePki } from '../drivers/remote/pki.js';

const skip = !haveVirsh ? 'needs virsh' : libvirtdSkip || (spawnSync('openssl', ['version']).status !== 0 && 'needs openssl')
  || (!existsSync('/usr/sbin/saslpasswd2') && 'needs sasl2-bin');

interface Side { daemon: RunningDaemon; tls: number; tcp: number; socket: string }

/** Config shared by both daemons: SASL everywhere, a DN and a user name allow-list. */
function conf(pki: string, tls: number, tcp: number): string {
  return `listen_tls = 1\nlisten_tcp = 1\ntls_port = "${tls}"\ntcp_port = "${tcp}"\nlisten_addr = "127.0.0.1"\n`
    + 'auth_tls = "sasl"\nauth_tcp = "sasl"\nauth_unix_rw = "sasl"\n'
    + `key_file = "${pki}/serverkey.pem"\ncert_file = "${pki}/servercert.pem"\nca_file = "${pki}/cacert.pem"\n`
    + 'tls_allowed_dn_list = ["O=tsvirt,CN=client", "CN=nobody*"]\nsasl_allowed_username_list = ["fred", "al*"]\n';
}

/** A sasl config dir with libvirt.conf and a sasldb holding fred, alice and bob. */
function saslDir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'libvirt.conf'), `mech_list: scram-sha-256 scram-sha-1 plain\nsasldb_path: ${dir}/passwd.db\n`);
  for (const [user, pass] of [['fred', 'fr3d pass'], ['alice', 'al1ce'], ['bob', 'b0b']]) {
    const r = spawnSync('/usr/sbin/saslpasswd2', ['-c', '-p', '-a', 'libvirt', '-f', join(dir, 'passwd.db'), user!], { input: pass });
    assert.equal(r.status, 0, String(r.stderr));
  }
  return dir;
}

describe('TLS and SASL on tsvirtd, as on libvirtd', { skip }, () => {
  let ours: Side;
  let theirs: Side;
  let pki: string;
  let other: string;
  let authFile: string;

  before(async () => {
    const [t1, t2, t3, t4] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    const ld = await startLibvirtd({
      authUnixRw: 'sasl',
      prepare: (dir) => {
        pki = makePki(join(dir, 'pki'));
        // a second client certificate from the same CA, with a DN not on the list
        other = join(dir, 'other');
        mkdirSync(other);
        issue(other, 'client', '/O=tsvirt/CN=mallory', 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n',
          { cert: join(pki, 'cacert.pem'), key: join(pki, 'ca.key') });
        copyFileSync(join(pki, 'cacert.pem'), join(other, 'cacert.pem'));
        authFile = join(dir, 'auth.conf');
        writeFileSync(authFile, '[credentials-fred]\nauthname=fred\npassword=fr3d pass\n\n[auth-libvirt-default]\ncredentials=fred\n');
        return { listen: true, tcpPorts: [t1!, t2!], conf: conf(pki, t1!, t2!).replace('auth_unix_rw = "sasl"\n', ''), env: { SASL_CONF_PATH: saslDir(join(dir, 'sasl')) } };
      },
    });
    theirs = { daemon: ld, tls: t1!, tcp: t2!, socket: ld.socket };
    const td = await startTsvirtd(conf(pki, t3!, t4!), ['--listen'], { SASL_CONF_PATH: join(ld.dir, 'sasl') });
    ours = { daemon: td, tls: t3!, tcp: t4!, socket: td.socket };
  });
  after(async () => {
    await Promise.all([ours?.daemon.stop(), theirs?.daemon.stop()]);
  });

  const uris = (s: Side) => ({
    tls: `test+tls://localhost:${s.tls}/default?pkipath=${pki}`,
    tlsOther: `test+tls://localhost:${s.tls}/default?pkipath=${other}`,
    tcp: `test+tcp://127.0.0.1:${s.tcp}/default`,
    unix: `test+unix:///default?socket=${s.socket}`,
  });

  function virsh(uri: string, args: string[]): string {
    const r = spawnSync('virsh', ['-c', uri, ...args], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, LIBVIRT_AUTH_FILE: authFile } });
    // the test driver's CPU time is the host's clock
    return `${r.status}\n${r.stdout}${r.stderr}`.replace(/(CPU time:\s+)[0-9.]+s/, '$1Ns');
  }

  it('virsh over TLS (SASL inside): the same output', () => {
    for (const args of [['list', '--all'], ['dominfo', 'test'], ['net-list', '--all'], ['domstate', 'test']]) {
      assert.equal(virsh(uris(ours).tls, args), virsh(uris(theirs).tls, args), args.join(' '));
    }
    assert.match(virsh(uris(ours).tls, ['list', '--all']), /^0\n.* test +running/s);
  });

  it('virsh over unix with SASL, and refusals over plain TCP and for a DN not on the list: the same', () => {
    const mask = (s: string, side: Side) => s.replaceAll(String(side.tcp), 'PORT').replaceAll(String(side.tls), 'PORT');
    for (const which of ['unix', 'tcp', 'tlsOther'] as const) {
      const a = mask(virsh(uris(ours)[which], ['domstate', 'test']), ours);
      const b = mask(virsh(uris(theirs)[which], ['domstate', 'test']), theirs);
      assert.equal(a, b, which);
    }
    assert.match(virsh(uris(ours).unix, ['domstate', 'test']), /^0\nrunning/);
    assert.match(virsh(uris(ours).tlsOther, ['domstate', 'test']), /Unable to read TLS confirmation/);
  });

  const PY = String.raw`
import libvirt, sys
libvirt.registerErrorHandler(lambda *a: None, None)
uri, user, password = sys.argv[1:4]
def cb(creds, _):
    for c in creds:
        c[4] = user if c[0] == libvirt.VIR_CRED_AUTHNAME else password
    return 0
try:
    c = libvirt.openAuth(uri, [[libvirt.VIR_CRED_AUTHNAME, libvirt.VIR_CRED_PASSPHRASE], cb, None], 0)
    print('ok', c.getType(), c.lookupByName('test').name(), c.isSecure()); c.close()
except libvirt.libvirtError as e:
    print(e.get_error_code(), e.get_error_domain(), e.get_error_message())
`;
  const python = (uri: string, user: string, password: string) =>
    spawnSync('/usr/bin/python3', ['-c', PY, uri, user, password], { encoding: 'utf8', timeout: 30_000 }).stdout.trim();

  it('libvirt-python openAuth: right and wrong passwords, users on and off the list, each mechanism', { skip: !havePython && 'needs python3-libvirt' }, () => {
    const cases: [string, string, string][] = [
      ['', 'fred', 'fr3d pass'], ['', 'fred', 'wrong'], ['', 'alice', 'al1ce'], ['', 'bob', 'b0b'], ['', 'nosuch', 'x'],
      ['&auth=sasl.SCRAM-SHA-1', 'alice', 'al1ce'], ['&auth=sasl.PLAIN', 'fred', 'fr3d pass'], ['&auth=sasl.PLAIN', 'fred', 'bad'],
    ];
    for (const [extra, user, pass] of cases) {
      for (const which of ['unix', 'tls'] as const) {
        const got = python(uris(ours)[which] + extra, user, pass);
        const want = python(uris(theirs)[which] + extra, user, pass);
        assert.equal(got, want, `${which} ${extra} ${user}/${pass}`);
      }
    }
    assert.equal(python(uris(ours).unix, 'fred', 'fr3d pass'), 'ok TEST test 1');
  });

  it('our remote driver authenticates with SCRAM-SHA-256 and fails on a wrong password as with libvirtd', async () => {
    for (const side of [ours, theirs]) {
      const good = await openAuth(`${uris(side).unix}&auth=sasl.SCRAM-SHA-256`, { credtype: [VIR_CRED_AUTHNAME, VIR_CRED_PASSPHRASE], credentials: { [VIR_CRED_AUTHNAME]: 'alice', [VIR_CRED_PASSPHRASE]: 'al1ce' } });
      assert.equal((await good.lookupByName('test')).name(), 'test');
      await good.close();
    }
    const fail = async (side: Side) => {
      try {
        await openAuth(`${uris(side).tls}&auth=sasl.SCRAM-SHA-256`, { credtype: [VIR_CRED_AUTHNAME, VIR_CRED_PASSPHRASE], credentials: { [VIR_CRED_AUTHNAME]: 'fred', [VIR_CRED_PASSPHRASE]: 'nope' } });
        return 'opened';
      } catch (err) {
        const e = err as { code: number; domain: number; message: string };
        return `${e.code} ${e.domain} ${e.message}`;
      }
    };
    assert.equal(await fail(ours), await fail(theirs));
  });
});
