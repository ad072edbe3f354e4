// SASL against a real libvirtd (cyrus-sasl with a sasldb from saslpasswd2): SCRAM-SHA-256,
// SCRAM-SHA-1 and PLAIN succeed with the right password, through the credential list or the
// callback; a wrong password fails with the same error libvirt-python gets.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openAuth, VIR_CRED_AUTHNAME, VIR_CRED_PASSPHRASE, type Credential } from '../../../src/index.js';
import { havePython, libvirtdSkip, startLibvirtd, type RunningDaemon } from '../../daemon/harness.js';

const skip = libvirtdSkip || (!existsSync('/usr/sbin/saslpasswd2') && 'needs sasl2-bin')
  || (!existsSync('/usr/lib/x86_64-linux-gnu/sasl2/libscram.so') && 'needs libsasl2-modules');

const credtype = [VIR_CRED_AUTHNAME, VIR_CRED_PASSPHRASE];

describe('SASL against libvirtd', { skip }, () => {
  let daemon: RunningDaemon;
  const uri = (mech?: string) => `test+unix:///default?socket=${daemon.socket}${mech ? `&auth=sasl.${mech}` : ''}`;

  before(async () => {
    daemon = await startLibvirtd({
      authUnixRw: 'sasl',
      prepare: (dir) => {
        const conf = join(dir, 'sasl');
        mkdirSync(conf);
        writeFileSync(join(conf, 'libvirt.conf'), `mech_list: scram-sha-256 scram-sha-1 plain\nsasldb_path: ${conf}/passwd.db\n`);
        const r = spawnSync('/usr/sbin/saslpasswd2', ['-c', '-p', '-a', 'libvirt', '-f', join(conf, 'passwd.db'), 'fred'], { input: 'fr3d pass' });
        assert.equal(r.status, 0, String(r.stderr));
        return { env: { SASL_CONF_PATH: conf } };
      },
    });
  });
  after(async () => { await daemon?.stop(); });

  for (const mech of ['SCRAM-SHA-256', 'SCRAM-SHA-1', 'PLAIN', undefined]) {
    it(`${mech ?? 'the preferred mechanism'} with the right password`, async () => {
      const c = await openAuth(uri(mech), { credtype, credentials: { [VIR_CRED_AUTHNAME]: 'fred', [VIR_CRED_PASSPHRASE]: 'fr3d pass' } });
      assert.equal(await c.getType(), 'TEST');
      assert.equal((await c.lookupByName('test')).name(), 'test');
      await c.close();
    });
  }

  it('asks the callback for what the list lacks', async () => {
    const asked: Credential[] = [];
    const c = await openAuth(uri('SCRAM-SHA-256'), {
      credtype,
      credentials: { [VIR_CRED_AUTHNAME]: 'fred' },
      callback: (creds) => { for (const cr of creds) { asked.push({ ...cr }); cr.result = 'fr3d pass'; } return 0; },
    });
    assert.deepEqual(asked.map((cr) => cr.type), [VIR_CRED_PASSPHRASE]);
    await c.close();
  });

  it('a wrong password fails as for libvirt-python', { skip: !havePython && 'needs python3-libvirt' }, async () => {
    const py = spawnSync('/usr/bin/python3', ['-c', `
import libvirt, sys
libvirt.registerErrorHandler(lambda *a: None, None)
def cb(creds, _):
    for c in creds:
        c[4] = 'fred' if c[0] == libvirt.VIR_CRED_AUTHNAME else 'wrong'
    return 0
try:
    libvirt.openAuth(sys.argv[1], [[libvirt.VIR_CRED_AUTHNAME, libvirt.VIR_CRED_PASSPHRASE], cb, None], 0)
except libvirt.libvirtError as e:
    print(e.get_error_code(), e.get_error_domain(), e.get_error_message())
`, uri('SCRAM-SHA-256')], { encoding: 'utf8' });
    const [code, domain, ...words] = py.stdout.trim().split(' ');
    for (const mech of ['SCRAM-SHA-256', 'PLAIN']) {
      await assert.rejects(openAuth(uri(mech), { credtype, credentials: { [VIR_CRED_AUTHNAME]: 'fred', [VIR_CRED_PASSPHRASE]: 'wrong' } }),
        (err: { code: number; domain: number; message: string }) => {
          assert.deepEqual([err.code, err.domain, err.message], [Number(code), Number(domain), words.join(' ')]);
          return true;
        });
    }
  });

  it('takes the credentials from auth.conf (the URI\'s authfile, LIBVIRT_AUTH_FILE), as real virsh does', async () => {
    const file = join(daemon.dir, 'auth.conf');
    writeFileSync(file, '[credentials-f]\nauthname = fred\npassword = fr3d pass\n[auth-libvirt-localhost]\ncredentials=f\n');
    const withFile = `${uri('SCRAM-SHA-256')}&authfile=${file}`;
    const c = await openAuth(withFile, null);
    assert.equal(await c.getType(), 'TEST');
    await c.close();
    const virsh = spawnSync('virsh', ['-c', withFile, 'uri'], { encoding: 'utf8', input: '' });
    assert.equal(virsh.status, 0, virsh.stderr);
    // Only the password from the file: the name comes from the auth.
    writeFileSync(file, '[credentials-f]\npassword = fr3d pass\n[auth-libvirt-default]\ncredentials=f\n');
    const asked: number[] = [];
    const d = await openAuth(withFile, { credtype, callback: (creds) => { for (const cr of creds) { asked.push(cr.type); cr.result = 'fred'; } return 0; } });
    assert.deepEqual(asked, [VIR_CRED_AUTHNAME]);
    await d.close();
    // A group without its credentials item fails as libvirt's.
    writeFileSync(file, '[auth-libvirt-localhost]\nfoo=bar\n');
    await assert.rejects(openAuth(withFile, null), { message: `configuration file syntax error: Missing item 'credentials' in group 'auth-libvirt-localhost' in '${file}'` });
  });

  it('refuses a mechanism the daemon does not offer and an auth type it does not use', async () => {
    const creds = { credtype, credentials: { [VIR_CRED_AUTHNAME]: 'fred', [VIR_CRED_PASSPHRASE]: 'fr3d pass' } };
    await assert.rejects(openAuth(uri('DIGEST-MD5'), creds), /SASL mechanism DIGEST-MD5 not supported by server/);
    await assert.rejects(openAuth(`${uri()}&auth=polkit`, creds), /requested authentication type polkit rejected/);
    await assert.rejects(openAuth(uri('SCRAM-SHA-256'), null), /needs credentials/);
  });
});
