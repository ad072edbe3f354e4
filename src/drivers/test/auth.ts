import { VIR_CRED_AUTHNAME, VIR_CRED_PASSPHRASE } from '../../api/constants.js';
import type { ConnectAuth, Credential } from '../types.js';
import { E, testError } from './errors.js';
import type { TestState } from './state.js';

/** Ask the auth for one credential, by callback or from its list; null when it cannot answer. */
async function ask(auth: ConnectAuth | null, type: number, prompt: string): Promise<string | null> {
  if (!auth || !auth.credtype.includes(type)) return null;
  const listed = auth.credentials?.[type];
  if (listed !== undefined) return listed;
  if (!auth.callback) return null;
  const cred: Credential = { type, prompt };
  const rc = await auth.callback([cred], auth.cbdata);
  if (typeof rc === 'number' && rc < 0) return null;
  return cred.result ?? null;
}

/**
 * testConnectAuthenticate: a node file with `<auth><user password='...'>name</user></auth>` asks
 * for a user name and (even for unknown users) a password.
 */
export async function authenticate(state: TestState, auth: ConnectAuth | null): Promise<void> {
  if (state.auths.length === 0) return;
  const username = await ask(auth, VIR_CRED_AUTHNAME, 'Enter username for localhost');
  if (username === null) throw testError(E.VIR_ERR_AUTH_FAILED, 'Failed to collect auth credentials');
  const user = state.auths.find((a) => a.username === username);
  let password: string | null = null;
  if (!user || user.password !== null) {
    password = await ask(auth, VIR_CRED_PASSPHRASE, `Enter ${username}'s password for localhost`);
    if (password === null) throw testError(E.VIR_ERR_AUTH_FAILED, 'Failed to collect auth credentials');
  }
  if (!user || (password !== null && user.password !== password)) {
    throw testError(E.VIR_ERR_AUTH_FAILED, 'authentication failed, see test XML for the correct username/password');
  }
}
