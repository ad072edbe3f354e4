/**
 * The options before the command, parsed as virsh's getopt_long does ("+:c:d:e:hk:K:l:qrtvV"):
 * bundled short flags (`-qr`), attached or separate values (`-cURI`, `-c URI`), long names with
 * `=` or a separate value and any unambiguous prefix (`--conn=URI`), and parsing stops at the
 * first word that is not an option (or after `--`).
 */
import { parseInt32 } from './numbers.js';

/** virStrToLong_i with base 0: decimal, 0x hexadecimal or 0 octal. */
function parseCLong(text: string): number | null {
  const m = /^[ \t\n\v\f\r]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)$/.exec(text);
  if (!m) return null;
  const body = m[2]!;
  const magnitude = /^0[xX]/.test(body) ? parseInt(body.slice(2), 16) : body.startsWith('0') ? parseInt(body, 8) : parseInt(body, 10);
  const v = m[1] === '-' ? -magnitude : magnitude;
  return v < -(2 ** 31) || v > 2 ** 31 - 1 ? null : v;
}

export type GlobalAction =
  | { kind: 'run'; rest: string[] }
  | { kind: 'help' }
  | { kind: 'version'; long: boolean }
  | { kind: 'error'; message: string };

export interface GlobalOptions {
  connect?: string;
  debug?: number;
  escape?: string;
  keepaliveInterval: number;
  keepaliveCount: number;
  /** Log files in the order given (virsh opens each, keeping the last). */
  logs: string[];
  quiet: boolean;
  readonly: boolean;
  timing: boolean;
  /** Errors virsh prints without stopping (a debug level out of range). */
  warnings: string[];
}

interface LongOpt {
  name: string;
  short: string;
  arg: 'none' | 'required' | 'optional';
}

const LONG: LongOpt[] = [
  { name: 'connect', short: 'c', arg: 'required' },
  { name: 'debug', short: 'd', arg: 'required' },
  { name: 'escape', short: 'e', arg: 'required' },
  { name: 'help', short: 'h', arg: 'none' },
  { name: 'keepalive-interval', short: 'k', arg: 'required' },
  { name: 'keepalive-count', short: 'K', arg: 'required' },
  { name: 'log', short: 'l', arg: 'required' },
  { name: 'quiet', short: 'q', arg: 'none' },
  { name: 'readonly', short: 'r', arg: 'none' },
  { name: 'timing', short: 't', arg: 'none' },
  { name: 'version', short: 'v', arg: 'optional' },
];
const SHORT_WITH_ARG = new Set(['c', 'd', 'e', 'k', 'K', 'l']);
const SHORT_FLAGS = new Set(['h', 'q', 'r', 't', 'v', 'V']);

export function parseGlobalOptions(argv: readonly string[]): { options: GlobalOptions; action: GlobalAction } {
  const options: GlobalOptions = {
    quiet: false, readonly: false, timing: false, keepaliveInterval: -1, keepaliveCount: -1, logs: [], warnings: [],
  };
  const error = (message: string): GlobalAction => ({ kind: 'error', message });
  const apply = (short: string, value: string | undefined, spelling: string): GlobalAction | null => {
    const v = value ?? '';
    switch (short) {
      case 'c': options.connect = v; break;
      case 'd': {
        const level = parseInt32(v);
        if (level === null) return error(`option ${spelling} takes a numeric argument`);
        if (level < 0 || level > 4) options.warnings.push(`ignoring debug level ${level} out of range [0-4]`);
        else options.debug = level;
        break;
      }
      case 'e':
        if (!((v.length === 2 && v[0] === '^' && /[a-z@-_]/.test(v[1]!)) || (v.length === 1 && v !== '^'))) {
          return error(`Invalid string '${v}' for escape sequence`);
        }
        options.escape = v;
        break;
      case 'k':
      case 'K': {
        const n = parseCLong(v);
        if (n === null) return error(`Invalid value for option ${spelling}`);
        if (n < 0) return error(`option ${spelling} requires a positive integer argument`);
        if (short === 'k') options.keepaliveInterval = n;
        else options.keepaliveCount = n;
        break;
      }
      case 'l': options.logs.push(v); break;
      case 'q': options.quiet = true; break;
      case 'r': options.readonly = true; break;
      case 't': options.timing = true; break;
      case 'h': return { kind: 'help' };
      case 'v': return { kind: 'version', long: value === 'long' };
      case 'V': return { kind: 'version', long: true };
    }
    return null;
  };
  const requiresArg = (short: string): GlobalAction => {
    const long = LONG.find((o) => o.short === short);
    return { kind: 'error', message: long ? `option '-${short}'/'--${long.name}' requires an argument` : `option '-${short}' requires an argument` };
  };

  let i = 0;
  while (i < argv.length) {
    const word = argv[i]!;
    if (word === '--') {
      i++;
      break;
    }
    if (!word.startsWith('-') || word === '-') break;
    i++;
    if (word.startsWith('--')) {
      const eq = word.indexOf('=');
      const name = eq >= 0 ? word.slice(2, eq) : word.slice(2);
      const exact = LONG.find((o) => o.name === name);
      const matches = exact ? [exact] : LONG.filter((o) => o.name.startsWith(name));
      if (matches.length !== 1) {
        // getopt reports ambiguity and unknown names alike as '?' with no option letter.
        return { options, action: { kind: 'error', message: `unsupported option '${word}'. See --help.` } };
      }
      const opt = matches[0]!;
      let value: string | undefined;
      if (opt.arg === 'none') {
        // getopt refuses the value and names the option by its letter.
        if (eq >= 0) return { options, action: { kind: 'error', message: `unsupported option '-${opt.short}'. See --help.` } };
      } else if (eq >= 0) {
        value = word.slice(eq + 1);
      } else if (opt.arg === 'required') {
        if (i >= argv.length) return { options, action: requiresArg(opt.short) };
        value = argv[i++];
      }
      const action = apply(opt.short, value, `--${opt.name}`);
      if (action) return { options, action };
      continue;
    }
    for (let j = 1; j < word.length; j++) {
      const c = word[j]!;
      if (SHORT_WITH_ARG.has(c)) {
        let value = word.slice(j + 1);
        if (value === '') {
          if (i >= argv.length) return { options, action: requiresArg(c) };
          value = argv[i++]!;
        }
        const action = apply(c, value, `-${c}`);
        if (action) return { options, action };
        break;
      }
      if (!SHORT_FLAGS.has(c)) return { options, action: { kind: 'error', message: `unsupported option '-${c}'. See --help.` } };
      const action = apply(c, undefined, `-${c}`);
      if (action) return { options, action };
    }
  }
  return { options, action: { kind: 'run', rest: argv.slice(i) } };
}
