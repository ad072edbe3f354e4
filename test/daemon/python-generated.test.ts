// Generated libvirt-python call sequences (test/daemon/python-generated.py): for each seed the same
// calls go through libvirtd and through tsvirtd, both serving the test driver, and every step's
// result or error must be the same. TSVIRT_PY_SEEDS=FROM-TO (and TSVIRT_PY_STEPS) runs other seeds
// when hunting; TSVIRT_PY_ALL=1 reports every seed's first difference instead of stopping at one.
// Each step prints the call, the random choices it made (names, flags) and its result or error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { bothDaemons, havePython, libvirtdSkip, pythonAsync } from './harness.js';
import { seedRange } from '../seed-range.js';

const skip = !havePython ? 'needs libvirt-python' : libvirtdSkip;
const script = readFileSync(new URL('../../../test/daemon/python-generated.py', import.meta.url), 'utf8');
const daemons = bothDaemons(skip);

const seeds = seedRange('TSVIRT_PY_SEEDS', 100);
const [from, to] = [seeds[0]!, seeds[seeds.length - 1]!];
const steps = Number(process.env.TSVIRT_PY_STEPS ?? 120);

/**
 * Calls the generator knows that tsvirtd does not serve yet (libvirtd's test driver answers them,
 * ours says "not supported"): left out of the sequences until they are. TSVIRT_PY_ALL_CALLS=1 keeps them.
 */
const NOT_SERVED_YET = [
  'baselineCPU',
];

async function run(socket: string, seed: number): Promise<unknown[][]> {
  const skip = process.env.TSVIRT_PY_ALL_CALLS ? '' : NOT_SERVED_YET.join(',');
  const r = await pythonAsync(script, socket, [String(seed), String(steps)], { PYGEN_SKIP: skip });
  assert.equal(r.stderr, '', `seed ${seed}: ${r.stderr}`);
  return r.stdout.trim().split('\n').map((l) => JSON.parse(l) as unknown[]);
}

/** The first step where the two runs differ, or null. */
function firstDifference(ours: unknown[][], theirs: unknown[][]): string | null {
  for (let i = 0; i < Math.max(ours.length, theirs.length); i++) {
    try {
      assert.deepEqual(ours[i], theirs[i]);
    } catch {
      return `step ${i}\n  tsvirtd:  ${JSON.stringify(ours[i])}\n  libvirtd: ${JSON.stringify(theirs[i])}`;
    }
  }
  return null;
}

test(`generated libvirt-python sequences (seeds ${from}-${to}, ${steps} steps) give the same results from tsvirtd as from libvirtd`, { skip }, async () => {
  const differences: string[] = [];
  for (let seed = from; seed <= to; seed++) {
    const diff = firstDifference(await run(daemons.ours.socket, seed), await run(daemons.theirs.socket, seed));
    if (diff === null) continue;
    differences.push(`seed ${seed}: ${diff}`);
    if (!process.env.TSVIRT_PY_ALL) break;
  }
  assert.deepEqual(differences, []);
});
