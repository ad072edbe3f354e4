/** `--json` output: one JSON document per command, two-space indented, field names documented in docs/tsvirsh.md. */
import type { OptionDef } from './command.js';
import type { Session } from './session.js';

export const JSON_OPTION: OptionDef = { name: 'json', type: 'bool', help: 'print the result as JSON (tsvirsh only)' };

export function printJSON(session: Session, value: unknown): void {
  session.out.print(`${JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v), 2)}\n`);
}
