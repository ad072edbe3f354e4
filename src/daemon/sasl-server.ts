/**
 * One SASL server exchange of a tsvirtd client, as cyrus-sasl runs it for libvirtd:
 * SCRAM-SHA-256 and SCRAM-SHA-1 (RFC 5802/7677, no channel binding, 4096 iterations and a fresh
 * salt per exchange, since sasldb keeps the plain password) and PLAIN (RFC 4616). None of them
 * gives a security layer, so, as libvirtd demands an SSF of 56 on plain TCP, a client that is not
 * on a unix socket or TLS is offered no mechanism at all.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { SCRAM_HASHES, attributes, proofMatches, scramKeys, serverSignature, unSaslName, type ScramHash, type ScramKeys } from '../util/scram.js';
import { SaslDb, type SaslSettings } from './sasldb.js';

export const SERVER_MECHANISMS = ['SCRAM-SHA-256', 'SCRAM-SHA-1', 'PLAIN'] as const;
const ITERATIONS = 4096;

/** An answer to the client: more to do or done, with data or none (`nil`, distinct from empty). */
export interface SaslAnswer { complete: boolean; data: Buffer | null }

/** Any refusal: the dispatcher turns every one into libvirt's single "authentication failed". */
export class SaslRefused extends Error {}

type Step = (data: Buffer | null) => SaslAnswer;

interface ScramState { gs2: string; bare: string; serverFirst: string; nonce: string; user: string; keys: ScramKeys }

export class SaslServerSession {
  /** The authenticated user name, once complete. */
  identity: string | null = null;
  private next: Step | null = null;

  constructor(private readonly settings: SaslSettings, private readonly secure: boolean, private readonly realm = hostname()) {}

  /** Comma-separated mechanisms this client may use; refused when there are none. */
  mechanisms(): string {
    const list = this.offered();
    if (list.length === 0) throw new SaslRefused('no SASL mechanism available on this transport');
    return list.join(',');
  }

  private offered(): string[] {
    if (!this.secure) return [];
    return SERVER_MECHANISMS.filter((m) => this.settings.mechList === null || this.settings.mechList.includes(m));
  }

  start(mech: string, data: Buffer | null): SaslAnswer {
    const name = mech.toUpperCase();
    if (this.next || this.identity || !this.offered().includes(name)) throw new SaslRefused(`mechanism ${mech} not offered`);
    const hash = SCRAM_HASHES[name];
    const first: Step = hash ? (d) => this.scramFirst(hash, d!) : (d) => this.plain(d!);
    // No initial response: ask for one with an empty challenge.
    if (data === null) {
      this.next = (d) => { if (d === null) throw new SaslRefused('no data'); return first(d); };
      return { complete: false, data: Buffer.alloc(0) };
    }
    return first(data);
  }

  step(data: Buffer | null): SaslAnswer {
    const next = this.next;
    this.next = null;
    if (!next || data === null) throw new SaslRefused('unexpected step');
    return next(data);
  }

  private passwordOf(user: string): string {
    const password = SaslDb.load(this.settings.dbPath).password(user, this.realm);
    if (password === null) throw new SaslRefused(`no such user ${user}`);
    return password;
  }

  private plain(data: Buffer): SaslAnswer {
    const parts = data.toString('utf8').split('\0');
    if (parts.length !== 3) throw new SaslRefused('malformed PLAIN message');
    const [authzid, authcid, password] = parts as [string, string, string];
    if (authzid !== '' && authzid !== authcid) throw new SaslRefused('authorization identity differs');
    const expected = Buffer.from(this.passwordOf(authcid));
    const given = Buffer.from(password);
    if (expected.length !== given.length || !expected.equals(given)) throw new SaslRefused('wrong password');
    this.identity = authcid;
    return { complete: true, data: null };
  }

  private scramFirst(hash: ScramHash, data: Buffer): SaslAnswer {
    const text = data.toString('utf8');
    // gs2 header: "n" or "y" (no channel binding), optional "a=authzid", then client-first-bare.
    const m = /^([ny]),(a=[^,]*)?,(n=[^,]*,r=[^,]+(?:,.*)?)$/.exec(text);
    if (!m) throw new SaslRefused('malformed SCRAM client-first-message');
    const gs2 = `${m[1]},${m[2] ?? ''},`;
    const bare = m[3]!;
    const a = attributes(bare);
    const user = unSaslName(a.get('n')!);
    const authzid = m[2] ? unSaslName(m[2].slice(2)) : null;
    if (!user || (authzid !== null && authzid !== user)) throw new SaslRefused('bad SCRAM user');
    const salt = randomBytes(16);
    const keys = scramKeys(hash, this.passwordOf(user), salt, ITERATIONS);
    const nonce = a.get('r')! + randomBytes(18).toString('base64');
    const serverFirst = `r=${nonce},s=${salt.toString('base64')},i=${ITERATIONS}`;
    this.next = (d) => this.scramFinal(hash, d!, { gs2, bare, serverFirst, nonce, user, keys });
    return { complete: false, data: Buffer.from(serverFirst) };
  }

  private scramFinal(hash: ScramHash, data: Buffer, s: ScramState): SaslAnswer {
    const text = data.toString('utf8');
    const cut = text.lastIndexOf(',p=');
    if (cut < 0) throw new SaslRefused('malformed SCRAM client-final-message');
    const withoutProof = text.slice(0, cut);
    const a = attributes(withoutProof);
    if (a.get('c') !== Buffer.from(s.gs2).toString('base64') || a.get('r') !== s.nonce) throw new SaslRefused('SCRAM channel binding or nonce mismatch');
    const authMessage = `${s.bare},${s.serverFirst},${withoutProof}`;
    if (!proofMatches(hash, s.keys, authMessage, Buffer.from(text.slice(cut + 3), 'base64'))) throw new SaslRefused('wrong password');
    this.identity = s.user;
    return { complete: true, data: Buffer.from(`v=${serverSignature(hash, s.keys, authMessage).toString('base64')}`) };
  }
}
