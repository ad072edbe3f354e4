/**
 * The shape of a tsvirsh command: a table entry with virsh's option model. A command family is
 * one file under src/cli/commands/ exporting an array of CommandDef; see docs/tsvirsh.md.
 */
import type { Session } from './session.js';

/**
 * Option kinds, as virsh's:
 * - bool: a flag (`--all`), never takes a value.
 * - string / number: takes a value, given as `--opt value`, `--opt=value` or, unless `named`
 *   is set, by position (positional binding follows the table order).
 * - data: a value normally given by position (`dominfo test`), also accepted as `--domain test`.
 * - argv: takes every remaining positional argument (and may be repeated by name).
 * - alias: another spelling of a later option; `alias` names it, `target=value` makes a flag
 *   that stands for that option with that value.
 */
export type OptionType = 'bool' | 'string' | 'number' | 'data' | 'argv' | 'alias';

/** Completion source for an option's value in the interactive shell. */
export type Completer = (session: Session) => Promise<string[]>;

export interface OptionDef {
  name: string;
  type: OptionType;
  /** The command fails before running unless the option is given. */
  required?: boolean;
  /** Only `--name value` binds it: never filled by position. */
  named?: boolean;
  /** An empty string is an acceptable value. */
  emptyOk?: boolean;
  /** For type 'alias': the option it stands for (optionally `name=value`). */
  alias?: string;
  /** Our own words for `help COMMAND`. */
  help?: string;
  complete?: Completer;
}

export interface CommandDef {
  name: string;
  /** Other names that run this command. */
  aliases?: string[];
  /** One line for `help`, in our own words. */
  summary: string;
  /** A longer description for `help COMMAND`, in our own words. */
  description?: string;
  options: OptionDef[];
  /** Runs without a hypervisor connection (virsh's NOCONNECT commands). */
  noConnect?: boolean;
  /** Left out of `help` listings. */
  hidden?: boolean;
  /**
   * The work. Returns false (or throws) on failure. A thrown VirError is printed as virsh
   * prints libvirt's last error; anything the handler already reported is not repeated.
   */
  handler: (session: Session, cmd: ParsedCommand) => Promise<boolean | void>;
}

/** One option occurrence on a parsed command line, in the order given. */
export interface OptionValue {
  def: OptionDef;
  /** The value for non-bool options; undefined for flags. */
  value?: string;
}

export interface ParsedCommand {
  def: CommandDef;
  opts: OptionValue[];
}

/** A command family: the commands of one file, with the help group they appear under. */
export interface CommandFamily {
  group: string;
  keyword: string;
  commands: CommandDef[];
}

/** Commands in code-unit order: the same as a collating sort for lower-case ASCII names, without ICU's start-up. */
export function byName(commands: CommandDef[]): CommandDef[] {
  return commands.sort((a, b) => (a.name < b.name ? -1 : 1));
}
