/**
 * One generated scenario per seed: a session of random commands on test:///default or on a
 * custom node file, given as one `;`/newline-separated argument or on standard input.
 */
import type { Scenario } from '../harness.js';
import { randomCommand } from './commands.js';
import { DEFAULT_NAMES, FILES, NODE_NAMES } from './fixtures.js';
import { Rng } from './rng.js';
import { commandLine } from './words.js';

/** Global options besides -q/-r/-t, good and bad values (the bad ones end virsh before any command). */
const GLOBAL_EXTRAS = [['-k', '0'], ['-k', '5'], ['-K', '3'], ['-k', 'x'], ['-K', '-1'], ['-e', '^a'], ['-e', 'ab'], ['-d', '4'], ['-d', '9'],
  ['--readonly=1'], ['--quiet'], ['--timing'], ['-qt'], ['--debug=4'], ['-l', '$DIR/log.txt']];

/** The probability that a command line carries one of the usual mistakes. */
const MISTAKES = 0.12;

export interface GeneratorOptions {
  /**
   * The URI of the test driver at `path` (`/default`, `$DIR/node.xml`, ...): `test://PATH` by
   * default; through a daemon, e.g. `test+unix://PATH?socket=$SOCKET` (placeholders the runner fills).
   */
  uri?: (path: string) => string;
  /** Commands the sessions leave out. */
  leaveOut?: readonly string[];
}

export function generatedScenario(seed: number, length: number, options: GeneratorOptions = {}): Scenario {
  const r = new Rng(seed);
  const onNode = r.chance(0.25);
  const mode = r.weighted([[0.55, 'batch'], [0.3, 'stdin'], [0.15, 'argv']] as const);
  const ctx = { r, names: onNode ? NODE_NAMES : DEFAULT_NAMES, uri: options.uri ?? ((path: string) => `test://${path}`), leaveOut: options.leaveOut };
  const line = (): string => randomCommand(ctx, (name, args) => commandLine(r, name, args, MISTAKES));
  const uri = ctx.uri(onNode ? '$DIR/node.xml' : '/default');
  const global = [...(r.chance(0.1) ? ['-q'] : []), ...(r.chance(0.05) ? ['-r'] : []), ...(r.chance(0.05) ? ['-t'] : []),
    ...(r.chance(0.1) ? [r.pick(GLOBAL_EXTRAS)] : []).flat()];
  // The URI from -c in its spellings, or from the environment.
  const how = r.weighted([[0.8, 'c'], [0.05, 'connect='], [0.05, 'cURI'], [0.05, 'LIBVIRT_DEFAULT_URI'], [0.05, 'VIRSH_DEFAULT_CONNECT_URI']] as const);
  const env: Record<string, string> = r.chance(0.05) ? { VIRSH_DEBUG: r.pick(['x', '5', '4', '-1']) } : {};
  if (how === 'c') global.push('-c', uri);
  else if (how === 'connect=') global.push(`--connect=${uri}`);
  else if (how === 'cURI') global.push(`-c${uri}`);
  else env[how] = uri;
  const name = `seed ${seed}`;
  // One command given as separate words (virsh joins them itself): no quoting needed, or wanted.
  if (mode === 'argv') {
    let words = line().split(' ');
    while (words.some((w) => /['"]/.test(w))) words = line().split(' ');
    return { name, args: [...global, ...words], files: FILES, env };
  }
  const lines: string[] = [];
  // Most sessions start by defining the demo domain, so later commands find more to act on.
  if (r.chance(0.7)) lines.push('define $DIR/demo.xml');
  if (r.chance(0.3)) lines.push(r.pick(['define $DIR/rich.xml', 'create $DIR/rich.xml', 'create $DIR/rich.xml --paused']));
  // An unknown command makes virsh refuse a whole batch before running any: rare there.
  const unknownOdds = mode === 'stdin' ? 0.02 : 0.002;
  // A snapshot without a name is named after the current second: a second one may clash or not.
  let unnamedSnapshot = false;
  while (lines.length < length) {
    if (r.chance(unknownOdds)) {
      lines.push(r.pick(['frobnicate', 'list --all --bogus', 'quit-now', '', 'help nosuch']));
      continue;
    }
    const next = line();
    if (/^snapshot-create-as\b/.test(next) && !next.includes('--name')) {
      if (unnamedSnapshot) continue;
      unnamedSnapshot = true;
    }
    lines.push(next);
  }
  if (mode === 'stdin') return { name, args: global, stdin: `${lines.join('\n')}\n`, files: FILES, env };
  return { name, args: [...global, lines.join(r.chance(0.7) ? '; ' : '\n')], files: FILES, env };
}
