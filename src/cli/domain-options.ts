/** Options many domain commands share, with virsh's meaning. */
import { VIR_CONNECT_LIST_DOMAINS_ACTIVE, VIR_DOMAIN_AFFECT_CONFIG, VIR_DOMAIN_AFFECT_LIVE } from '../index.js';
import type { OptionDef, ParsedCommand } from './command.js';
import { exclusive, optBool } from './opts.js';
import type { Session } from './session.js';

/** Names of every domain (or those `flags` select), for completing a domain argument. */
export async function domainNames(s: Session, flags = 0): Promise<string[]> {
  const domains = await s.conn.listAllDomains(flags);
  return domains.map((d) => {
    d.free();
    return d.name();
  });
}

export const DOMAIN_ARG: OptionDef = { name: 'domain', type: 'data', required: true, help: 'domain name, id or UUID', complete: (s) => domainNames(s) };
/** A domain argument that completes running domains only (commands that ask the guest). */
export const ACTIVE_DOMAIN_ARG: OptionDef = { ...DOMAIN_ARG, complete: (s) => domainNames(s, VIR_CONNECT_LIST_DOMAINS_ACTIVE) };

/** --live / --config / --current as VIR_DOMAIN_AFFECT_* bits (current excludes the other two). */
export function affectFlags(s: Session, cmd: ParsedCommand): number {
  exclusive(s, cmd, 'current', 'live');
  exclusive(s, cmd, 'current', 'config');
  return (optBool(cmd, 'config') ? VIR_DOMAIN_AFFECT_CONFIG : 0) | (optBool(cmd, 'live') ? VIR_DOMAIN_AFFECT_LIVE : 0);
}
