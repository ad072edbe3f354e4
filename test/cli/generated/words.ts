/**
 * Turning chosen options into one virsh command line: positional or named (`--opt v`,
 * `--opt=v`), flags, quoting, and the mistakes users make (a missing or repeated option,
 * an extra word, an unknown option, an empty value).
 */
import type { Rng } from './rng.js';

/** One option a command line may carry: a flag when `value` is undefined. */
export interface Arg {
  opt: string;
  value?: string;
  /** May be given by position (virsh's positional options). */
  pos?: boolean;
  /** Probability that the option is given at all. */
  p?: number;
}

export const pos = (opt: string, value: string, p = 1): Arg => ({ opt, value, pos: true, p });
export const named = (opt: string, value: string, p = 0.5): Arg => ({ opt, value, p });
export const flag = (opt: string, p = 0.3): Arg => ({ opt, p });

/** Quote a word for virsh's command-line parser when it needs it. */
export function quote(word: string): string {
  if (word !== '' && /^[^\s;'"#\\]+$/.test(word)) return word;
  if (!word.includes("'")) return `'${word}'`;
  return `"${word.replace(/["\\]/g, '\\$&')}"`;
}

/**
 * The same word in another of the spellings virsh's parser reads alike: double quotes (a
 * backslash escapes there too), a backslash before each special character, a word quoted in
 * two halves, or a backslash-newline inside it.
 */
export function respell(r: Rng, word: string): string {
  const escaped = (w: string): string => w.replace(/[\s;'"#\\]/g, '\\$&');
  const double = (w: string): string => `"${w.replace(/["\\]/g, '\\$&')}"`;
  const kind = r.int(0, 3);
  // `$DIR` is filled in by the harness before virsh parses: kept whole.
  if (word.includes('$')) return kind === 0 ? double(word) : quote(word);
  if (kind === 0) return double(word);
  if (kind === 1 && word !== '') return escaped(word);
  if (kind === 2 && word.length > 1) {
    const at = r.int(1, word.length - 1);
    return `${double(word.slice(0, at))}${quote(word.slice(at)).startsWith("'") ? quote(word.slice(at)) : escaped(word.slice(at))}`;
  }
  if (kind === 3 && word.length > 1 && !word.startsWith('#')) return `${escaped(word.slice(0, 1))}\\\n${escaped(word.slice(1))}`;
  return quote(word);
}

function render(r: Rng, arg: Arg): string[] {
  if (arg.value === undefined) return [`--${arg.opt}`];
  const v = r.chance(0.1) ? respell(r, arg.value) : quote(arg.value);
  if (arg.pos && r.chance(0.7)) return [v];
  return r.chance(0.7) ? [`--${arg.opt}`, v] : [`--${arg.opt}=${v}`];
}

/** The words of one command line; with probability `mistakes` one mistake is made. */
export function commandLine(r: Rng, name: string, args: Arg[], mistakes: number): string {
  let chosen = args.filter((a) => r.chance(a.p ?? 1));
  let extra: string[] = [];
  if (r.chance(mistakes)) {
    const kind = r.int(0, 5);
    if (kind === 0 && chosen.length > 0) chosen.splice(r.int(0, chosen.length - 1), 1);
    else if (kind === 1 && chosen.length > 0) chosen.push({ ...r.pick(chosen), pos: false });
    else if (kind === 2) extra = [r.pick(['extra', '1', '--', '-x'])];
    else if (kind === 3) extra = [r.pick(['--bogus', '--all=1', '--domain', '--', '--=x', '---x', '-', '--domain='])];
    else if (kind === 4 && chosen.some((a) => a.value !== undefined)) {
      chosen = chosen.map((a) => (a.value !== undefined && r.chance(0.5) ? { ...a, value: '' } : a));
    } else chosen = r.shuffle(chosen);
  }
  const words = [name, ...chosen.flatMap((a) => render(r, a)), ...extra];
  return words.join(' ');
}
