/**
 * Client TLS in libvirt's PKI layout: `pkipath` if given (files used whether or not they exist),
 * else ~/.pki/libvirt for a non-root user when its files exist, else /etc/pki. After the
 * handshake libvirtd sends one byte, 1, once it has checked our certificate: anything else
 * means it refused us.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isIP, type Socket } from 'node:net';
import { join } from 'node:path';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { ErrorDomain, ErrorNumber, virError } from '../../errors/index.js';

export interface PkiFiles { cacert: string; cert: string; key: string }

const SYSTEM_PKI: PkiFiles = {
  cacert: '/etc/pki/CA/cacert.pem',
  cert: '/etc/pki/libvirt/clientcert.pem',
  key: '/etc/pki/libvirt/private/clientkey.pem',
};

export function pkiFiles(pkipath: string | undefined, privileged = process.geteuid?.() === 0, home = homedir()): PkiFiles {
  if (pkipath) return { cacert: join(pkipath, 'cacert.pem'), cert: join(pkipath, 'clientcert.pem'), key: join(pkipath, 'clientkey.pem') };
  if (privileged) return SYSTEM_PKI;
  const user = join(home, '.pki', 'libvirt');
  const cacert = join(user, 'cacert.pem');
  const cert = join(user, 'clientcert.pem');
  const key = join(user, 'clientkey.pem');
  const pair = existsSync(cert) && existsSync(key);
  return {
    cacert: existsSync(cacert) ? cacert : SYSTEM_PKI.cacert,
    cert: pair ? cert : SYSTEM_PKI.cert,
    key: pair ? key : SYSTEM_PKI.key,
  };
}

function readPki(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw virError(ErrorDomain.VIR_FROM_RPC, ErrorNumber.VIR_ERR_SYSTEM_ERROR,
      `Cannot read ${what} '${path}': ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'No such file or directory' : (err as Error).message}`);
  }
}

export interface TlsOptions { host: string; port: number; pkipath?: string; noVerify: boolean }

/** Connect, handshake, verify (unless no_verify), then wait for the daemon's confirmation byte. */
export async function openTls(o: TlsOptions): Promise<TLSSocket> {
  const files = pkiFiles(o.pkipath);
  const ca = readPki(files.cacert, 'CA certificate');
  const cert = readPki(files.cert, 'client certificate');
  const key = readPki(files.key, 'client key');
  const socket = await new Promise<TLSSocket>((resolve, reject) => {
    const s = tlsConnect({
      host: o.host, port: o.port, ca, cert, key,
      servername: isIP(o.host) ? undefined : o.host,
      rejectUnauthorized: !o.noVerify,
      minVersion: 'TLSv1.2',
    }, () => { s.off('error', reject); resolve(s); });
    s.once('error', (err) => reject(tlsError(err)));
  });
  await confirmation(socket);
  return socket;
}

/** OpenSSL's verification failures, reported as libvirt reports gnutls's. */
const VERIFY_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'CERT_SIGNATURE_FAILURE', 'CERT_REVOKED', 'INVALID_CA', 'CERT_UNTRUSTED',
]);

function tlsError(err: NodeJS.ErrnoException): Error {
  if (err.code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return virError(ErrorDomain.VIR_FROM_RPC, ErrorNumber.VIR_ERR_RPC, `Certificate owner does not match the hostname: ${err.message}`);
  }
  if (err.code && VERIFY_CODES.has(err.code)) {
    return virError(ErrorDomain.VIR_FROM_RPC, ErrorNumber.VIR_ERR_AUTH_FAILED, "Failed to verify peer's certificate");
  }
  return virError(ErrorDomain.VIR_FROM_RPC, ErrorNumber.VIR_ERR_SYSTEM_ERROR, `Unable to establish TLS session: ${err.message}`);
}

function confirmation(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    const refused = () => virError(ErrorDomain.VIR_FROM_RPC, ErrorNumber.VIR_ERR_RPC,
      'server verification (of our certificate or IP address) failed');
    const onReadable = () => {
      const byte = socket.read(1) as Buffer | null;
      if (byte === null) return;
      cleanup();
      if (byte[0] === 1) resolve();
      else { socket.destroy(); reject(refused()); }
    };
    // libvirtd hangs up instead of sending 0 when it rejects our certificate.
    const onEnd = () => {
      cleanup();
      reject(virError(ErrorDomain.VIR_FROM_RPC, ErrorNumber.VIR_ERR_SYSTEM_ERROR, 'Unable to read TLS confirmation: Input/output error'));
    };
    const onError = (err: Error) => { cleanup(); reject(tlsError(err)); };
    const cleanup = () => { socket.off('readable', onReadable); socket.off('end', onEnd); socket.off('error', onError); };
    socket.on('readable', onReadable);
    socket.once('end', onEnd);
    socket.once('error', onError);
  });
}
