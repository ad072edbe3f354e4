/**
 * One generated scenario per seed: a session of random commands on test:///default or on a
 * custom node file, given as one `;`/newline-separated argument or on standard input.
 */
import type { Scenario } from '../harness.js';
import { randomCommand } from './commands.js';
import { DEFAULT_NAMES, FILES, NODE_NAMES } from './fixtures.js';
import { Rng } from './rng.js';
import { commandLine } from './words.js';

/** The probability that a command line carries one of the usual mistakes. */
const MISTAKES = 0.12;

export function generatedScenario(seed: number, length: number): Scenario {
  const r = new Rng(seed);
  const onNode = r.chance(0.25);
  const ctx = { r, names: onNode ? NODE_NAMES : DEFAULT_NAMES };
  const lines: string[] = [];
  // Most sessions start by defining the demo domain, so later commands find more to act on.
  if (r.chance(0.7)) lines.push('define $DIR/demo.xml');
  while (lines.length < length) {
    if (r.chance(0.02)) lines.push(r.pick(['frobnicate', 'list --all --bogus', 'quit-now', '']));
    else lines.push(randomCommand(ctx, (name, args) => commandLine(r, name, args, MISTAKES)));
  }
  const global = [...(r.chance(0.1) ? ['-q'] : []), '-c', onNode ? 'test://$DIR/node.xml' : 'test:///default'];
  const name = `seed ${seed}`;
  if (r.chance(0.3)) return { name, args: global, stdin: `${lines.join('\n')}\n`, files: FILES };
  const separator = r.chance(0.7) ? '; ' : '\n';
  return { name, args: [...global, lines.join(separator)], files: FILES };
}
