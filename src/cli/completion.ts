/**
 * Tab completion for the interactive shell: command names first, then the options the command
 * has not been given yet, or the values an option takes (domain names and the like) from the
 * open connection.
 */
import type { CommandDef, OptionDef } from './command.js';
import type { Session } from './session.js';
import { StringTokens } from './tokens.js';

/** The words of the command being typed (after the last `;`) and whether a new word has begun. */
function currentWords(line: string): { words: string[]; fresh: boolean } {
  const tokens = new StringTokens(line);
  let words: string[] = [];
  for (;;) {
    const tk = tokens.next(false);
    if (tk.kind === 'end') break;
    if (tk.kind === 'end-of-command') words = [];
    else if (tk.kind === 'arg') words.push(tk.text);
    else break;
  }
  const fresh = line === '' || /[ \t;]$/.test(line);
  return { words, fresh };
}

/** Which option the next value would bind to, given the words typed so far. */
function valueTarget(def: CommandDef, typed: string[]): OptionDef | undefined {
  const seen = new Set<OptionDef>();
  let positional = def.options.filter((o) => o.type !== 'bool' && o.type !== 'alias' && !o.named);
  let expecting: OptionDef | undefined;
  for (const word of typed) {
    if (expecting) {
      seen.add(expecting);
      positional = positional.filter((o) => o !== expecting || o.type === 'argv');
      expecting = undefined;
      continue;
    }
    if (word.startsWith('--')) {
      const [name, inline] = word.slice(2).split('=', 2);
      const opt = def.options.find((o) => o.name === name);
      if (opt && opt.type !== 'bool' && inline === undefined) expecting = opt;
      else if (opt) {
        seen.add(opt);
        positional = positional.filter((o) => o !== opt || o.type === 'argv');
      }
      continue;
    }
    const next = positional[0];
    if (next && next.type !== 'argv') positional.shift();
  }
  return expecting ?? positional[0];
}

export async function complete(session: Session, line: string): Promise<[string[], string]> {
  const { words, fresh } = currentWords(line);
  const partial = fresh ? '' : (words.pop() ?? '');
  const match = (candidates: string[]): [string[], string] => {
    const hits = [...new Set(candidates)].filter((c) => c.startsWith(partial)).sort();
    return [hits.length === 1 ? [`${hits[0]} `] : hits, partial];
  };
  if (words.length === 0) return match(session.table.names());
  const def = session.table.find(words[0]!);
  if (!def) return [[], partial];
  const typed = words.slice(1);
  if (partial.startsWith('-')) {
    const given = new Set(typed.filter((w) => w.startsWith('--')).map((w) => w.slice(2).split('=')[0]));
    const names = def.options
      .filter((o) => o.type !== 'alias' && (o.type === 'argv' || !given.has(o.name)))
      .map((o) => `--${o.name}`);
    return match(names);
  }
  const target = valueTarget(def, typed);
  if (!target?.complete || !session.connected) return [[], partial];
  return match(await target.complete(session));
}
