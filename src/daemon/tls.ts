/**
 * tsvirtd's TLS listener side, as libvirtd's: the server PKI from `key_file`/`cert_file`/`ca_file`
 * (`crl_file` optional) or libvirt's default layout, the client certificate checked after the
 * handshake (against the CA, then `tls_allowed_dn_list`), and one byte, 1, sent once the client
 * is accepted. A refused client is hung up on without that byte, which libvirt's clients report
 * as "Unable to read TLS confirmation".
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import type { TLSSocket, TlsOptions } from 'node:tls';
import { ErrorDomain, ErrorNumber, virError } from '../errors/index.js';
import type { DaemonConfig } from './config.js';
import { createLogger } from '../log/index.js';

const log = createLogger('daemon.tls');

interface ServerPki { ca: string; crl: string; cert: string; key: string; crlOptional: boolean }

function unsupported(message: string) {
  return virError(ErrorDomain.VIR_FROM_CONF, ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED, message);
}

/**
 * The server's files: the config's (all three of CA, cert and key, or none), else ~/.pki/libvirt
 * for a session daemon whose files exist there, else /etc/pki.
 */
export function serverPki(c: DaemonConfig, privileged: boolean, home = homedir()): ServerPki {
  if (c.caFile || c.certFile || c.keyFile) {
    if (!c.caFile) throw unsupported('No CA certificate path set to match server key/cert');
    if (!c.certFile) throw unsupported('No server certificate path set to match server key');
    if (!c.keyFile) throw unsupported('No server key path set to match server cert');
    return { ca: c.caFile, crl: c.crlFile ?? '', cert: c.certFile, key: c.keyFile, crlOptional: c.crlFile === null };
  }
  const system = {
    ca: '/etc/pki/CA/cacert.pem', crl: '/etc/pki/CA/cacrl.pem',
    cert: '/etc/pki/libvirt/servercert.pem', key: '/etc/pki/libvirt/private/serverkey.pem', crlOptional: true,
  };
  if (privileged) return system;
  const user = join(home, '.pki', 'libvirt');
  const mine = { ca: join(user, 'cacert.pem'), crl: join(user, 'cacrl.pem'), cert: join(user, 'servercert.pem'), key: join(user, 'serverkey.pem'), crlOptional: true };
  return {
    ...mine,
    ca: existsSync(mine.ca) ? mine.ca : system.ca,
    crl: existsSync(mine.crl) ? mine.crl : system.crl,
    ...(existsSync(mine.cert) && existsSync(mine.key) ? {} : { cert: system.cert, key: system.key }),
  };
}

function read(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw virError(ErrorDomain.VIR_FROM_RPC, ErrorNumber.VIR_ERR_SYSTEM_ERROR,
      `Cannot read ${what} '${path}': ${e.code === 'ENOENT' ? 'No such file or directory' : e.message}`);
  }
}

/** Options for tls.createServer: a client certificate is asked for, and judged by `accepts`. */
export function tlsServerOptions(c: DaemonConfig, privileged: boolean): TlsOptions {
  const pki = serverPki(c, privileged);
  const crl = pki.crlOptional && !existsSync(pki.crl) ? undefined : read(pki.crl, 'CA revocation list');
  return {
    ca: read(pki.ca, 'CA certificate'),
    cert: read(pki.cert, 'server certificate'),
    key: read(pki.key, 'server key'),
    ...(crl ? { crl } : {}),
    requestCert: true,
    // Judged after the handshake, as libvirtd does, so a refused client gets no confirmation byte.
    rejectUnauthorized: false,
    minVersion: 'TLSv1.2',
  };
}

/**
 * A certificate's DN as libvirtd (gnutls_x509_crt_get_dn) gives it to tls_allowed_dn_list: the
 * subject's attributes in certificate order, comma-separated, e.g. "O=tsvirt,CN=client".
 */
export function distinguishedName(cert: X509Certificate): string {
  const escape = (v: string) => v.replace(/([,+"\\<>;])/g, '\\$1').replace(/^([ #])/, '\\$1').replace(/ $/, '\\ ');
  return cert.subject.split('\n').filter(Boolean).map((rdn) => {
    const eq = rdn.indexOf('=');
    return `${rdn.slice(0, eq)}=${escape(rdn.slice(eq + 1))}`;
  }).join(',');
}

/** GLib's g_pattern_match_simple: `*` any run, `?` one character. */
export function globMatch(pattern: string, text: string): boolean {
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 's').test(text);
}

/** Whether the client behind `socket` may stay: its certificate verified and its DN allowed. */
export function accepts(socket: TLSSocket, c: DaemonConfig): boolean {
  if (c.tlsNoVerifyCertificate) return true;
  if (!socket.authorized) {
    log.warn(`client certificate refused: ${socket.authorizationError ?? 'none presented'}`);
    return false;
  }
  const raw = socket.getPeerX509Certificate();
  if (!raw) return false;
  const dn = distinguishedName(raw);
  if (c.tlsAllowedDnList && !c.tlsAllowedDnList.some((p) => globMatch(p, dn))) {
    log.warn(`Client's Distinguished Name '${dn}' is not on tls_allowed_dn_list`);
    return false;
  }
  return true;
}
