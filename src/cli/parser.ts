/**
 * Turns words into commands with virsh's rules: the first word names the command, `--opt`,
 * `--opt=value` and `--opt value` name options, other words bind by position to the options
 * that take a value (in table order, argv last), `--` makes every later word data, `--help`
 * turns the command into `help COMMAND`. The whole input is parsed before anything runs.
 */
import type { CommandDef, OptionDef, OptionValue, ParsedCommand } from './command.js';
import type { TokenSource } from './tokens.js';

export interface CommandLookup {
  find(name: string): CommandDef | undefined;
}

export const HELP_OPTION: OptionDef = { name: 'help', type: 'bool', help: 'show help for this command' };

/** What parsing needs of a command's options, worked out once per command. */
interface OptionPlan {
  /** Options that may be filled by position, in table order. */
  positional: readonly OptionDef[];
  /** Options that take a value and must be given. */
  required: readonly OptionDef[];
}

const plans = new WeakMap<CommandDef, OptionPlan>();

function planOf(def: CommandDef): OptionPlan {
  let plan = plans.get(def);
  if (!plan) {
    const valued = def.options.filter((o) => o.type !== 'bool' && o.type !== 'alias');
    plan = { positional: valued.filter((o) => !o.named), required: valued.filter((o) => o.required) };
    plans.set(def, plan);
  }
  return plan;
}

/** An ASCII letter or digit (NaN, past the end, is neither). */
function isAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

export class ParseError extends Error {
  constructor(readonly messages: string[]) {
    super(messages.join('\n'));
  }
}

/** Per-command parsing state: which options were seen and which positions remain. */
export class CommandBuilder {
  readonly opts: OptionValue[] = [];
  readonly seen = new Set<OptionDef>();
  readonly #plan: OptionPlan;
  /** Index in the plan's positional options of the next one a word may fill. */
  #nextPosition = 0;

  constructor(readonly def: CommandDef) {
    this.#plan = planOf(def);
  }

  /** virsh's option lookup by name, resolving aliases; reports unknown or repeated options. */
  lookup(name: string, inlineValue: string | undefined, fail: (...msgs: string[]) => never): { opt: OptionDef; value: string | undefined } {
    if (name === 'help') return { opt: HELP_OPTION, value: inlineValue };
    let wanted = name;
    let value = inlineValue;
    for (const opt of this.def.options) {
      if (opt.name !== wanted) continue;
      if (opt.type === 'alias') {
        const target = opt.alias ?? '';
        const eq = target.indexOf('=');
        if (eq >= 0) {
          if (value !== undefined) fail(`invalid '=' after option --${opt.name}`);
          value = target.slice(eq + 1);
          wanted = target.slice(0, eq);
        } else {
          wanted = target;
        }
        continue;
      }
      if (this.seen.has(opt) && opt.type !== 'argv') fail(`option --${wanted} already seen`);
      this.seen.add(opt);
      return { opt, value };
    }
    fail(`command '${this.def.name}' doesn't support option --${wanted}`);
  }

  /** The option the next positional word binds to: the first in table order not yet given. */
  nextPositional(): OptionDef | undefined {
    const positional = this.#plan.positional;
    // a named option that took its value no longer binds by position (an argv option always does)
    while (this.#nextPosition < positional.length) {
      const opt = positional[this.#nextPosition]!;
      if (opt.type === 'argv') {
        this.seen.add(opt);
        return opt;
      }
      this.#nextPosition++;
      if (!this.seen.has(opt)) {
        this.seen.add(opt);
        return opt;
      }
    }
    return undefined;
  }

  missingRequired(): string[] {
    const missing: string[] = [];
    for (const o of this.#plan.required) {
      if (this.seen.has(o)) continue;
      missing.push(o.type === 'data' || o.type === 'argv'
        ? `command '${this.def.name}' requires <${o.name}> option`
        : `command '${this.def.name}' requires --${o.name} option`);
    }
    return missing;
  }
}

/**
 * Parse every command of the input. On a syntax error the message is passed to `report`
 * (virsh prints it as `error: ...`) and null is returned: nothing of the input runs.
 */
export function parseCommands(source: TokenSource, table: CommandLookup, report: (msg: string) => void): ParsedCommand[] | null {
  const fail = (...messages: string[]): never => {
    throw new ParseError(messages);
  };
  const commands: ParsedCommand[] = [];
  try {
    for (;;) {
      let builder: CommandBuilder | null = null;
      let dataOnly = false;
      let tk = source.next(true);
      for (; tk.kind === 'arg'; tk = source.next(true)) {
        const word = tk.text;
        if (!builder) {
          if (word.startsWith('#')) {
            // A comment: skip the rest of this command.
            do tk = source.next(false); while (tk.kind === 'arg');
            break;
          }
          const def = table.find(word);
          if (!def) fail(`unknown command: '${word}'`);
          builder = new CommandBuilder(def!);
          continue;
        }
        if (!dataOnly && word.startsWith('--') && isAlnum(word.charCodeAt(2))) {
          const eq = word.indexOf('=');
          const name = eq >= 0 ? word.slice(2, eq) : word.slice(2);
          const inline = eq >= 0 ? word.slice(eq + 1) : undefined;
          let found: { opt: OptionDef; value: string | undefined };
          try {
            found = builder.lookup(name, inline, fail);
          } catch (err) {
            // `help` ignores options it does not know.
            if (builder.def.name === 'help' && err instanceof ParseError) continue;
            throw err;
          }
          const { opt } = found;
          if (opt.type === 'bool') {
            if (found.value !== undefined) fail(`invalid '=' after option --${opt.name}`);
            builder.opts.push({ def: opt });
            continue;
          }
          let value = found.value;
          if (value === undefined) {
            const next = source.next(true);
            if (next.kind === 'error') fail(next.message);
            if (next.kind !== 'arg') fail(`expected syntax: --${opt.name} <${opt.type === 'number' ? 'number' : 'string'}>`);
            value = (next as { text: string }).text;
          }
          builder.opts.push({ def: opt, value });
          continue;
        }
        if (!dataOnly && word === '--') {
          dataOnly = true;
          continue;
        }
        const opt = builder.nextPositional();
        if (!opt) {
          if (builder.def.name === 'help') continue;
          fail(`unexpected data '${word}'`);
        }
        builder.opts.push({ def: opt!, value: word });
      }
      if (tk.kind === 'error') fail(tk.message);
      if (builder) commands.push(finish(builder, table, fail));
      if (tk.kind === 'end') break;
    }
  } catch (err) {
    if (err instanceof ParseError) {
      for (const msg of err.messages) report(msg);
      return null;
    }
    throw err;
  }
  return commands;
}

/** `--help` anywhere makes the command `help NAME`; otherwise required options are checked. */
function finish(builder: CommandBuilder, table: CommandLookup, fail: (...msgs: string[]) => never): ParsedCommand {
  if (builder.opts.some((o) => o.def === HELP_OPTION)) {
    const help = table.find('help')!;
    return { def: help, opts: [{ def: help.options[0]!, value: builder.def.name }] };
  }
  const missing = builder.missingRequired();
  // virsh names every missing option, then fails the whole input.
  if (missing.length > 0) fail(...missing);
  return { def: builder.def, opts: builder.opts };
}
