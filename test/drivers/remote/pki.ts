// A throwaway PKI in libvirt's layout, made with openssl: a CA, a server certificate for
// 127.0.0.1/localhost (serverAuth) and a client certificate (clientAuth), as libvirtd's checks want.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function openssl(dir: string, args: string[]): void {
  const r = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.stderr}`);
}

/** Issue DIR/NAMEcert.pem and NAMEkey.pem for `subject`, signed by the CA. */
export function issue(dir: string, name: string, subject: string, ext: string, ca: { cert: string; key: string }): void {
  writeFileSync(join(dir, `${name}.ext`), ext);
  openssl(dir, ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}key.pem`, '-out', `${name}.csr`, '-subj', subject]);
  openssl(dir, ['x509', '-req', '-in', `${name}.csr`, '-CA', ca.cert, '-CAkey', ca.key, '-CAcreateserial', '-out', `${name}cert.pem`, '-days', '30', '-extfile', `${name}.ext`]);
}

/** Creates DIR with cacert.pem, ca.key, servercert.pem, serverkey.pem, clientcert.pem, clientkey.pem. */
export function makePki(dir: string, caName = 'tsvirt test CA'): string {
  mkdirSync(dir, { recursive: true });
  openssl(dir, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'cacert.pem', '-days', '30', '-subj', `/CN=${caName}`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  const ca = { cert: join(dir, 'cacert.pem'), key: join(dir, 'ca.key') };
  const leaf = (usage: string) => `basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=${usage}\n`;
  issue(dir, 'server', '/O=tsvirt/CN=localhost', `${leaf('serverAuth')}subjectAltName=IP:127.0.0.1,DNS:localhost\n`, ca);
  issue(dir, 'client', '/O=tsvirt/CN=client', leaf('clientAuth'), ca);
  return dir;
}
