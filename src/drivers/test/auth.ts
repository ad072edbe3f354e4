import { VIR_CRED_AUTHNAME, VIR_CRED_NOECHOPROMPT, VIR_CRED_PASSPHRASE } from '../../api/constants.js';
import { ErrorDomain, virError } from '../../errors/index.js';
import type { ConnectAuth, ConnectTarget, Credential } from '../types.js';
import { authConfigPath, lookupAuthCredential } from '../../util/auth-config.js';
import { E, testError } from './errors.js';
import type { TestState } from './state.js';

/** What one question asks for: auth.conf's item for it, the credential types that answer it and how its failures read. */
interface Question { item: 'username' | 'password'; types: number[]; prompt: string; missingType: string; failed: string }

const invalidArg = (detail: string) => virError(ErrorDomain.VIR_FROM_AUTH, E.VIR_ERR_INVALID_ARG, detail);
const authFailed = (detail: string) => virError(ErrorDomain.VIR_FROM_AUTH, E.VIR_ERR_AUTH_FAILED, detail);

/**
 * Ask for one credential as virAuthGetUsernamePath / virAuthGetPasswordPath do: auth.conf first
 * (`authFile`, service "test" on localhost), then the auth: no auth, no matching credential type,
 * no callback and a failing callback each have their error; null when the callback gives no answer.
 */
async function ask(auth: ConnectAuth | null, authFile: string | null, q: Question): Promise<string | null> {
  const fromFile = authFile === null ? null : lookupAuthCredential(authFile, 'test', 'localhost', q.item);
  if (fromFile !== null) return fromFile;
  if (!auth) throw invalidArg('Missing authentication credentials');
  const type = auth.credtype.find((t) => q.types.includes(t));
  if (type === undefined) throw authFailed(q.missingType);
  const listed = auth.credentials?.[type];
  if (listed !== undefined) return listed;
  if (!auth.callback) throw invalidArg('Missing authentication callback');
  const cred: Credential = { type, prompt: q.prompt };
  const rc = await auth.callback([cred], auth.cbdata);
  if (typeof rc === 'number' && rc < 0) throw authFailed(q.failed);
  return cred.result ?? null;
}

/**
 * testConnectAuthenticate: a node file with `<auth><user password='...'>name</user></auth>` asks
 * for a user name and (even for unknown users) a password.
 */
export async function authenticate(state: TestState, auth: ConnectAuth | null, target: ConnectTarget): Promise<void> {
  if (state.auths.length === 0) return;
  const authFile = authConfigPath(target.params);
  const username = await ask(auth, authFile, {
    item: 'username', types: [VIR_CRED_AUTHNAME], prompt: 'Enter username for localhost',
    missingType: 'Missing VIR_CRED_AUTHNAME credential type', failed: 'Username request failed',
  });
  if (username === null) throw testError(E.VIR_ERR_AUTH_FAILED, 'Failed to collect auth credentials');
  const user = state.auths.find((a) => a.username === username);
  let password: string | null = null;
  if (!user || user.password !== null) {
    password = await ask(auth, authFile, {
      item: 'password', types: [VIR_CRED_PASSPHRASE, VIR_CRED_NOECHOPROMPT], prompt: `Enter ${username}'s password for localhost`,
      missingType: 'Missing VIR_CRED_PASSPHRASE or VIR_CRED_NOECHOPROMPT credential type', failed: 'Password request failed',
    });
    if (password === null) throw testError(E.VIR_ERR_AUTH_FAILED, 'Failed to collect auth credentials');
  }
  if (!user || (password !== null && user.password !== password)) {
    throw testError(E.VIR_ERR_AUTH_FAILED, 'authentication failed, see test XML for the correct username/password');
  }
}
