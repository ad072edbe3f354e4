/**
 * The SASL client mechanisms we speak with cyrus-sasl in libvirtd, on node:crypto: SCRAM-SHA-256
 * and SCRAM-SHA-1 (RFC 5802 / 7677, no channel binding) and PLAIN (RFC 4616). None of them
 * negotiates a security layer (SSF 0), so libvirtd offers them only on a Unix socket or over TLS.
 */
import { randomBytes } from 'node:crypto';
import { ErrorDomain, ErrorNumber, virError } from '../../errors/index.js';
import { SCRAM_HASHES, attributes, clientProof, sameBytes, saslName, scramKeys, serverSignature, type ScramHash } from '../../util/scram.js';

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
  const name = mech.toUpperCase();
  const hash = SCRAM_HASHES[name];
  if (hash) return new ScramClient(name, hash, secret);
  if (name === 'PLAIN') return new PlainClient(secret);
  throw authFailed(`SASL mechanism ${mech} is not supported by this client`);
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

class ScramClient implements SaslClient {
  done = false;
  readonly #nonce = randomBytes(24).toString('base64');
  readonly #firstBare: string;
  #serverSignature: Buffer | null = null;

  constructor(readonly mech: string, private readonly hash: ScramHash, private readonly secret: SaslSecret) {
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
    const keys = scramKeys(this.hash, this.secret.password, Buffer.from(salt, 'base64'), iterations);
    const withoutProof = `c=${Buffer.from('n,,').toString('base64')},r=${nonce}`;
    const authMessage = `${this.#firstBare},${serverFirst},${withoutProof}`;
    const proof = clientProof(this.hash, keys, authMessage);
    this.#serverSignature = serverSignature(this.hash, keys, authMessage);
    return Buffer.from(`${withoutProof},p=${proof.toString('base64')}`, 'utf8');
  }

  #verify(serverFinal: string): Buffer {
    const a = attributes(serverFinal);
    if (a.has('e')) throw authFailed(`SCRAM: server error ${a.get('e')}`);
    const v = Buffer.from(a.get('v') ?? '', 'base64');
    if (!sameBytes(v, this.#serverSignature!)) {
      throw authFailed('SCRAM: the server could not prove it knows the password');
    }
    this.done = true;
    return Buffer.alloc(0);
  }
}
