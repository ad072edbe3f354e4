/**
 * SCRAM's arithmetic (RFC 5802, RFC 7677), shared by the remote driver's SASL client and
 * tsvirtd's SASL server: message attributes, names, the keys derived from a password, the
 * proof and signatures over the auth message.
 */
import { createHash, createHmac, pbkdf2Sync, timingSafeEqual } from 'node:crypto';

export type ScramHash = 'sha256' | 'sha1';

export const SCRAM_HASHES: Readonly<Record<string, ScramHash>> = { 'SCRAM-SHA-256': 'sha256', 'SCRAM-SHA-1': 'sha1' };

/** RFC 5802 saslname: '=' and ',' escaped. */
export function saslName(name: string): string {
  return name.replace(/=/g, '=3D').replace(/,/g, '=2C');
}

/** The reverse of saslName; null for a malformed escape. */
export function unSaslName(name: string): string | null {
  if (/=(?!3D|2C)/.test(name)) return null;
  return name.replace(/=2C/g, ',').replace(/=3D/g, '=');
}

/** `a=1,b=2` as a map of single-letter attributes (values keep any '='). */
export function attributes(message: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of message.split(',')) {
    if (part.length >= 2 && part[1] === '=') out.set(part[0]!, part.slice(2));
  }
  return out;
}

export interface ScramKeys { salted: Buffer; clientKey: Buffer; storedKey: Buffer; serverKey: Buffer }

export function hmac(hash: ScramHash, key: Buffer, data: string): Buffer {
  return createHmac(hash, key).update(data).digest();
}

export function scramKeys(hash: ScramHash, password: string, salt: Buffer, iterations: number): ScramKeys {
  const salted = pbkdf2Sync(password.normalize('NFKC'), salt, iterations, hash === 'sha256' ? 32 : 20, hash);
  const clientKey = hmac(hash, salted, 'Client Key');
  return { salted, clientKey, storedKey: createHash(hash).update(clientKey).digest(), serverKey: hmac(hash, salted, 'Server Key') };
}

/** ClientProof = ClientKey XOR HMAC(StoredKey, AuthMessage). */
export function clientProof(hash: ScramHash, keys: ScramKeys, authMessage: string): Buffer {
  const signature = hmac(hash, keys.storedKey, authMessage);
  return Buffer.from(keys.clientKey.map((b, i) => b ^ signature[i]!));
}

/** The server's check of a proof: H(proof XOR HMAC(StoredKey, AuthMessage)) must be StoredKey. */
export function proofMatches(hash: ScramHash, keys: ScramKeys, authMessage: string, proof: Buffer): boolean {
  const signature = hmac(hash, keys.storedKey, authMessage);
  if (proof.length !== signature.length) return false;
  const clientKey = Buffer.from(proof.map((b, i) => b ^ signature[i]!));
  return timingSafeEqual(createHash(hash).update(clientKey).digest(), keys.storedKey);
}

export function serverSignature(hash: ScramHash, keys: ScramKeys, authMessage: string): Buffer {
  return hmac(hash, keys.serverKey, authMessage);
}

export function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
