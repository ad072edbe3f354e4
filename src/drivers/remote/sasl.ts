/**
 * The SASL client mechanisms we speak with cyrus-sasl in libvirtd, on node:crypto: SCRAM-SHA-256
 * and SCRAM-SHA-1 (RFC 5802 / 7677, no channel binding) and PLAIN (RFC 4616). None of them
 * negotiates a security layer (SSF 0), so libvirtd offers them only on a Unix socket or over TLS.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import { ErrorDomain, ErrorNumber, virError } from '../../errors/index.js';

export interface SaslSecret { authname: string; password: string }

/** One mechanism run: `start()` gives the initial response, `step()` answers each challenge. */
export interface SaslClient {
  readonly mech: string;
  start(): Buffer;
  step(challenge: Buffer): Buffer;
  /** True once the server's final message was checked (or none is expected). */
  readonly done: boolean;
}

/** Mechanisms in order of preference when the URI names none. */
export const SASL_MECHANISMS = ['SCRAM-SHA-256', 'SCRAM-SHA-1', 'PLAIN'] as const;

export function saslClient(mech: string, secret: SaslSecret): SaslClient {
  switch (mech.toUpperCase()) {
    case 'SCRAM-SHA-256': return new ScramClient('SCRAM-SHA-256', 'sha256', secret);
    case 'SCRAM-SHA-1': return new ScramClient('SCRAM-SHA-1', 'sha1', secret);
    case 'PLAIN': return new PlainClient(secret);
    default: throw authFailed(`SASL mechanism ${mech} is not supported by this client`);
  }
}

function authFailed(detail: string): Error {
  return virError(ErrorDomain.VIR_FROM_AUTH, ErrorNumber.VIR_ERR_AUTH_FAILED, detail);
}

class PlainClient implements SaslClient {
  readonly mech = 'PLAIN';
  done = false;
  constructor(private readonly secret: SaslSecret) {}
  start(): Buffer {
    this.done = true;
    return Buffer.from(`\0${this.secret.authname}\0${this.secret.password}`, 'utf8');
  }
  step(): Buffer {
    throw authFailed('PLAIN expects no challenge');
  }
}

/** RFC 5802 saslname: '=' and ',' escaped. */
function saslName(name: string): string {
  return name.replace(/=/g, '=3D').replace(/,/g, '=2C');
}

function attributes(message: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of message.split(',')) {
    if (part.length >= 2 && part[1] === '=') out.set(part[0]!, part.slice(2));
  }
  return out;
}

class ScramClient implements SaslClient {
  done = false;
  readonly #nonce = randomBytes(24).toString('base64');
  readonly #firstBare: string;
  #serverSignature: Buffer | null = null;

  constructor(readonly mech: string, private readonly hash: 'sha256' | 'sha1', private readonly secret: SaslSecret) {
    this.#firstBare = `n=${saslName(secret.authname)},r=${this.#nonce}`;
  }

  start(): Buffer {
    return Buffer.from(`n,,${this.#firstBare}`, 'utf8');
  }

  step(challenge: Buffer): Buffer {
    const text = challenge.toString('utf8');
    return this.#serverSignature === null ? this.#final(text) : this.#verify(text);
  }

  #final(serverFirst: string): Buffer {
    const a = attributes(serverFirst);
    const nonce = a.get('r');
    const salt = a.get('s');
    const iterations = Number(a.get('i'));
    if (a.has('e')) throw authFailed(`SCRAM: server error ${a.get('e')}`);
    if (!nonce?.startsWith(this.#nonce) || !salt || !Number.isSafeInteger(iterations) || iterations < 1) {
      throw authFailed('SCRAM: malformed server-first-message');
    }
    const len = this.hash === 'sha256' ? 32 : 20;
    const salted = pbkdf2Sync(this.secret.password.normalize('NFKC'), Buffer.from(salt, 'base64'), iterations, len, this.hash);
    const hmac = (key: Buffer, data: string) => createHmac(this.hash, key).update(data).digest();
    const clientKey = hmac(salted, 'Client Key');
    const storedKey = createHash(this.hash).update(clientKey).digest();
    const withoutProof = `c=${Buffer.from('n,,').toString('base64')},r=${nonce}`;
    const authMessage = `${this.#firstBare},${serverFirst},${withoutProof}`;
    const signature = hmac(storedKey, authMessage);
    const proof = Buffer.from(clientKey.map((b, i) => b ^ signature[i]!));
    this.#serverSignature = hmac(hmac(salted, 'Server Key'), authMessage);
    return Buffer.from(`${withoutProof},p=${proof.toString('base64')}`, 'utf8');
  }

  #verify(serverFinal: string): Buffer {
    const a = attributes(serverFinal);
    if (a.has('e')) throw authFailed(`SCRAM: server error ${a.get('e')}`);
    const v = Buffer.from(a.get('v') ?? '', 'base64');
    if (v.length !== this.#serverSignature!.length || !timingSafeEqual(v, this.#serverSignature!)) {
      throw authFailed('SCRAM: the server could not prove it knows the password');
    }
    this.done = true;
    return Buffer.alloc(0);
  }
}
