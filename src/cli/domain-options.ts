/** Options many domain commands share, with virsh's meaning. */
import { VIR_DOMAIN_AFFECT_CONFIG, VIR_DOMAIN_AFFECT_LIVE } from '../index.js';
import type { OptionDef, ParsedCommand } from './command.js';
import { exclusive, optBool } from './opts.js';
import type { Session } from './session.js';

export const DOMAIN_ARG: OptionDef = { name: 'domain', type: 'data', required: true, help: 'domain name, id or UUID' };

/** --live / --config / --current as VIR_DOMAIN_AFFECT_* bits (current excludes the other two). */
export function affectFlags(s: Session, cmd: ParsedCommand): number {
  exclusive(s, cmd, 'current', 'live');
  exclusive(s, cmd, 'current', 'config');
  return (optBool(cmd, 'config') ? VIR_DOMAIN_AFFECT_CONFIG : 0) | (optBool(cmd, 'live') ? VIR_DOMAIN_AFFECT_LIVE : 0);
}
