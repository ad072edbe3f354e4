/** Finding the object a command names, as virsh does (by id, then UUID, then name). */
import type { Domain } from '../index.js';
import type { ParsedCommand } from './command.js';
import type { Session } from './session.js';
import { fail, optString } from './opts.js';
import { parseInt32 } from './numbers.js';

export const BY_ID = 1;
export const BY_UUID = 2;
export const BY_NAME = 4;
const UUID_STRING_LEN = 36;

/** virshLookupDomainBy: every failed attempt is silent; one line if nothing matched. */
export async function lookupDomain(session: Session, name: string, by = BY_ID | BY_UUID | BY_NAME): Promise<Domain> {
  const conn = session.conn;
  const id = parseInt32(name);
  const attempts: (() => Promise<Domain>)[] = [];
  if (by & BY_ID && id !== null && id >= 0) attempts.push(() => conn.lookupByID(id));
  if (by & BY_UUID && name.length === UUID_STRING_LEN) attempts.push(() => conn.lookupByUUIDString(name));
  if (by & BY_NAME) attempts.push(() => conn.lookupByName(name));
  for (const attempt of attempts) {
    try {
      return await attempt();
    } catch {
      // try the next way
    }
  }
  fail(session, `failed to get domain '${name}'`);
}

/** virshCommandOptDomain: the domain named by the command's option (default `domain`). */
export async function domainOption(session: Session, cmd: ParsedCommand, option = 'domain', by?: number): Promise<Domain> {
  const name = optString(session, cmd, option);
  if (name === undefined) fail(session, `Failed to get option '${option}': Mandatory option not present`);
  return lookupDomain(session, name, by);
}

/**
 * Run a library call; on failure print virsh's own line first, then let the library's error
 * be reported after it (virsh's vshError + vshReportError pair).
 */
export async function must<T>(session: Session, message: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    session.out.error(message);
    throw err;
  }
}
