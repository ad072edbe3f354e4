/**
 * Tab completion for the interactive shell, decided as virsh decides it: the line up to the
 * cursor is parsed leniently; the word being typed completes a command name when no command is
 * known yet, an option's value when the last word read (or an option's missing value right
 * after one blank) belongs to an option with a completer, and the command's options not yet
 * given otherwise. When nothing matches, readline's file name completion takes over.
 */
import { readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import type { CommandDef, OptionDef, OptionValue } from './command.js';
import { CommandBuilder, HELP_OPTION, ParseError } from './parser.js';
import { completeOption } from './completers.js';
import type { Session } from './session.js';
import { StringTokens, type Token } from './tokens.js';

/** The last command of the line as virsh's partial parse leaves it. */
interface PartialCommand {
  def: CommandDef | null;
  opts: OptionValue[];
  /** The option whose value (or flag) is the word at the cursor. */
  completing: OptionDef | null;
}

/** readline's word delimiters as virsh sets them, and its quote characters. */
const BREAK_CHARS = " \t\n`@$><=;|&{(";
const QUOTE_CHARS = `"'`;

/**
 * The word readline completes: after the last unquoted delimiter, or after an opening quote
 * left open (then `quote` is that character).
 */
function completionWord(line: string): { text: string; quote: string | null } {
  let quote: string | null = null;
  let quoteStart = -1;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = null;
      // readline lets a backslash escape the next character inside double quotes only
      else if (c === '\\' && quote === '"') i++;
    } else if (c === '\\') {
      i++;
    } else if (QUOTE_CHARS.includes(c)) {
      quote = c;
      quoteStart = i;
    }
  }
  if (quote) return { text: line.slice(quoteStart + 1), quote };
  let start = line.length;
  while (start > 0 && !(BREAK_CHARS.includes(line[start - 1]!) && !escaped(line, start - 1))) start--;
  return { text: line.slice(start), quote: null };
}

/** vshReadlineCharIsQuoted: the character follows an unescaped backslash. */
function escaped(line: string, index: number): boolean {
  return index > 0 && line[index - 1] === '\\' && !escaped(line, index - 1);
}

/** virsh's parse of a half-typed line (vshCommandParse with a partial command). */
function parsePartial(line: string, session: Session): PartialCommand {
  const tokens = new StringTokens(line);
  const point = line.length;
  // Where the parser stands: after the last word or command separator (not moved by the end).
  let pos = 0;
  // virsh reads the words that start an option or a value with error reports on (they land
  // on the terminal mid-line), and an option's separate value without.
  const read = (report = true): Token => {
    const tk = tokens.next(report);
    if (tk.kind !== 'end') pos = tokens.position;
    if (tk.kind === 'error' && report) session.out.stderrRaw(`error: ${tk.message}\n`);
    return tk;
  };
  for (;;) {
    let builder: CommandBuilder | null = null;
    let completing: OptionDef | null = null;
    let dataOnly = false;
    const partial = (): PartialCommand => ({ def: builder?.def ?? null, opts: builder?.opts ?? [], completing });
    const save = (opt: OptionDef, value: string | undefined, at: number): void => {
      builder!.opts.push({ def: opt, value });
      if (pos === at) completing = opt;
    };
    let tk = read();
    try {
      for (; tk.kind === 'arg'; tk = read()) {
        const word = tk.text;
        if (!builder) {
          if (word.startsWith('#')) {
            do tk = read(false); while (tk.kind === 'arg');
            break;
          }
          const def = session.table.find(word);
          if (!def) return partial();
          builder = new CommandBuilder(def);
          continue;
        }
        if (!dataOnly && word.startsWith('--') && /^[A-Za-z0-9]$/.test(word[2] ?? '')) {
          const eq = word.indexOf('=');
          let found;
          try {
            found = builder.lookup(eq >= 0 ? word.slice(2, eq) : word.slice(2), eq >= 0 ? word.slice(eq + 1) : undefined, fail);
          } catch (err) {
            if (builder.def.name === 'help' && err instanceof ParseError) continue;
            throw err;
          }
          const { opt } = found;
          if (opt.type === 'bool') {
            if (found.value !== undefined) return partial();
            save(opt, undefined, point);
            continue;
          }
          if (found.value !== undefined) {
            save(opt, found.value, point);
            continue;
          }
          const next = read(false);
          if (next.kind !== 'arg') {
            // the value is not typed yet: completed when the cursor is one blank past the option
            if (next.kind !== 'error') save(opt, '', point - 1);
            return partial();
          }
          save(opt, next.text, point);
          continue;
        }
        if (!dataOnly && word === '--') {
          dataOnly = true;
          continue;
        }
        const opt = builder.nextPositional();
        if (!opt) {
          if (builder.def.name === 'help') continue;
          return partial();
        }
        save(opt, word, point);
      }
    } catch (err) {
      if (err instanceof ParseError) return partial();
      throw err;
    }
    if (tk.kind !== 'end-of-command') {
      if (tk.kind === 'end' && builder?.opts.some((o) => o.def === HELP_OPTION)) {
        const help = session.table.find('help')!;
        return { def: help, opts: [{ def: help.options[0]!, value: builder.def.name }], completing: null };
      }
      return partial();
    }
  }
}

function fail(...messages: string[]): never {
  throw new ParseError(messages);
}

/** The candidates virsh offers for the word, before filtering; null when it has none to offer. */
async function candidates(session: Session, partial: PartialCommand, text: string): Promise<string[] | null> {
  const def = partial.def && partial.def.name !== text ? partial.def : null;
  if (!def) return session.table.commands().filter((d) => !d.hidden).map((d) => d.name);
  const opt = partial.completing;
  if (!opt || opt.type === 'bool') {
    const given = new Set(partial.opts.filter((o) => o.def.type !== 'argv').map((o) => o.def));
    // `--json` is ours alone: left out so the options complete as virsh's do.
    return def.options.filter((o) => o.type !== 'alias' && o.name !== 'json' && !given.has(o)).map((o) => `--${o.name}`);
  }
  return completeOption(session, def.name, opt, partial);
}

/**
 * readline's file name completion, which it falls back on when virsh offers nothing: entries of
 * the directory named so far, directories marked with `/`. Returned as readline shows them:
 * the last path component, completing the part of the word after its last `/`.
 */
function fileNames(text: string): [string[], string] {
  const slash = text.lastIndexOf('/');
  const dirPart = slash >= 0 ? text.slice(0, slash + 1) : '';
  const base = text.slice(slash + 1);
  const dir = dirPart === '' ? '.' : dirPart.replace(/^~(?=\/)/, homedir());
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [[], base];
  }
  const hits = entries
    .filter((name) => name.startsWith(base) && (base !== '' || (name !== '.' && name !== '..')))
    .sort()
    .map((name) => {
      try {
        return statSync(`${dir}/${name}`).isDirectory() ? `${name}/` : name;
      } catch {
        return name;
      }
    });
  return [hits.length === 1 && !hits[0]!.endsWith('/') ? [`${hits[0]} `] : hits, base];
}

export async function complete(session: Session, line: string): Promise<[string[], string]> {
  const { text, quote } = completionWord(line);
  const offered = await candidates(session, parsePartial(line, session), text);
  // Spaces in a candidate are escaped unless the word was begun with a quote.
  const hits = [...new Set(offered ?? [])]
    .map((c) => (quote ? c : c.replaceAll(' ', '\\ ')))
    .filter((c) => c.startsWith(text))
    .sort();
  if (hits.length === 0) return fileNames(text);
  const close = quote ?? '';
  return [hits.length === 1 ? [`${hits[0]}${close} `] : hits, text];
}
