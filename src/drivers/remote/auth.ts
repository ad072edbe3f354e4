/**
 * Authentication before CONNECT_OPEN, as libvirt's remote driver does it: AUTH_LIST, then the
 * method the URI's `auth=` asks for (`sasl`, `sasl.MECH`, `polkit`) or the daemon's first one.
 * SASL credentials come from auth.conf, then the caller's ConnectAuth: its `credentials` list
 * first, else its callback, asked for VIR_CRED_AUTHNAME (default: the URI's user) and
 * VIR_CRED_PASSPHRASE.
 */
import { ErrorDomain, ErrorNumber, isVirError, virError } from '../../errors/index.js';
import type { RpcConnection } from '../../rpc/connection.js';
import { procedures as P } from '../../rpc/protocol/remote.js';
import type { ConnectAuth, ConnectTarget, Credential } from '../types.js';
import { authConfigPath, lookupAuthCredential } from '../../util/auth-config.js';
import { remoteCall } from './call.js';
import { SASL_MECHANISMS, saslClient, type SaslSecret } from './sasl.js';

const AUTH_NONE = 0;
const AUTH_SASL = 1;
const AUTH_POLKIT = 2;
const VIR_CRED_AUTHNAME = 2;
const VIR_CRED_PASSPHRASE = 5;

function authFailed(detail: string): Error {
  return virError(ErrorDomain.VIR_FROM_REMOTE, ErrorNumber.VIR_ERR_AUTH_FAILED, detail);
}

export async function authenticate(rpc: RpcConnection, authParam: string | undefined, auth: ConnectAuth | null, target: ConnectTarget): Promise<void> {
  let types: number[];
  try {
    types = (await remoteCall(rpc, P.AUTH_LIST, undefined)).types;
  } catch (err) {
    if (isVirError(err) && err.code === ErrorNumber.VIR_ERR_NO_SUPPORT) return; // a daemon from before AUTH_LIST
    throw err;
  }
  if (types.length === 0) return;
  let type = types[0]!;
  let mech: string | undefined;
  if (authParam) {
    const want = wantedType(authParam);
    if (!types.includes(want)) throw authFailed(`requested authentication type ${authParam} rejected`);
    type = want;
    if (authParam.toLowerCase().startsWith('sasl.')) mech = authParam.slice(5);
  }
  switch (type) {
    case AUTH_NONE: return;
    case AUTH_SASL: return saslAuth(rpc, mech, auth, target);
    case AUTH_POLKIT: {
      const r = await remoteCall(rpc, P.AUTH_POLKIT, undefined);
      if (!r.complete) throw authFailed('polkit authentication did not complete');
      return;
    }
    default: throw authFailed(`unsupported authentication type ${type}`);
  }
}

function wantedType(authParam: string): number {
  const a = authParam.toLowerCase();
  if (a === 'sasl' || a.startsWith('sasl.')) return AUTH_SASL;
  if (a === 'polkit') return AUTH_POLKIT;
  throw authFailed(`unknown authentication type ${authParam}`);
}

async function saslAuth(rpc: RpcConnection, wanted: string | undefined, auth: ConnectAuth | null, target: ConnectTarget): Promise<void> {
  const offered = (await remoteCall(rpc, P.AUTH_SASL_INIT, undefined)).mechlist.split(/[,\s]+/).filter(Boolean).map((m) => m.toUpperCase());
  let mech: string | undefined;
  if (wanted) {
    if (!offered.includes(wanted.toUpperCase())) throw authFailed(`SASL mechanism ${wanted} not supported by server`);
    mech = wanted.toUpperCase();
  } else {
    mech = SASL_MECHANISMS.find((m) => offered.includes(m));
    if (!mech) throw authFailed(`no SASL mechanism in common with the server (it offers ${offered.join(', ') || 'none'})`);
  }
  const client = saslClient(mech, await saslSecret(auth, target));
  const first = client.start();
  let r = await remoteCall(rpc, P.AUTH_SASL_START, { mech, nil: 0, data: first });
  for (;;) {
    const challenge = r.nil ? Buffer.alloc(0) : Buffer.from(r.data);
    if (r.complete) {
      if (!client.done && challenge.length > 0) client.step(challenge); // the server's final message
      return;
    }
    const answer = client.step(challenge);
    r = await remoteCall(rpc, P.AUTH_SASL_STEP, { nil: 0, data: answer });
  }
}

/**
 * The SASL name and password: from auth.conf first (as remoteAuthFillFromConfig: service "libvirt"
 * on the URI's host, items `authname` and `password`), then from the auth's list or callback.
 */
async function saslSecret(auth: ConnectAuth | null, target: ConnectTarget): Promise<SaslSecret> {
  const creds: (Credential & { item: string })[] = [
    { type: VIR_CRED_AUTHNAME, item: 'authname', prompt: 'Please enter your authentication name', ...(target.user ? { defresult: target.user } : {}) },
    { type: VIR_CRED_PASSPHRASE, item: 'password', prompt: 'Please enter your password' },
  ];
  const authFile = authConfigPath(target.params);
  if (authFile !== null) {
    for (const c of creds) {
      const value = lookupAuthCredential(authFile, 'libvirt', target.server ?? 'localhost', c.item);
      if (value !== null) c.result = value;
    }
  }
  const missing = creds.filter((c) => c.result === undefined);
  if (missing.length > 0 && !auth) throw authFailed('SASL authentication needs credentials: open with openAuth()');
  for (const c of missing) {
    if (!auth!.credtype.includes(c.type)) throw authFailed(`the auth callback does not take credential type ${c.type}`);
    const given = auth!.credentials?.[c.type];
    if (given !== undefined) c.result = given;
  }
  const unanswered = missing.filter((c) => c.result === undefined);
  if (unanswered.length > 0) {
    if (!auth!.callback) throw authFailed('no credentials given for SASL');
    const rc = await auth!.callback(unanswered, auth!.cbdata);
    if (typeof rc === 'number' && rc < 0) throw authFailed('the auth callback refused to give credentials');
  }
  const value = (c: Credential) => c.result ?? c.defresult ?? '';
  return { authname: value(creds[0]!), password: value(creds[1]!) };
}
