/**
 * The command table: every family under commands/, looked up by name or alias. Adding a
 * family is one file exporting a CommandFamily plus one line in commands/index.ts.
 */
import type { CommandDef, CommandFamily } from './command.js';
import { FAMILIES } from './commands/index.js';

export class CommandTable {
  readonly families: readonly CommandFamily[] = FAMILIES;
  readonly #byName = new Map<string, CommandDef>();

  constructor() {
    for (const family of this.families) {
      for (const def of family.commands) {
        for (const name of [def.name, ...(def.aliases ?? [])]) {
          if (this.#byName.has(name)) throw new Error(`tsvirsh: command ${name} defined twice`);
          this.#byName.set(name, def);
        }
      }
    }
  }

  find(name: string): CommandDef | undefined {
    return this.#byName.get(name);
  }

  /** Every command (aliases are other names of these). */
  commands(): CommandDef[] {
    return this.families.flatMap((f) => f.commands);
  }

  familyOf(def: CommandDef): CommandFamily | undefined {
    return this.families.find((f) => f.commands.includes(def));
  }
}
