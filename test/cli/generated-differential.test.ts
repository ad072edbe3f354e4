/**
 * Generated differential test: random command sessions (fixed seeds) through real virsh and
 * tsvirsh must give identical output and exit status. TSVIRSH_GEN_SEEDS=FROM-TO (and
 * TSVIRSH_GEN_LENGTH) runs other seeds when hunting for differences.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { haveVirsh, runTsvirsh, runVirsh } from './harness.js';
import { generatedScenario } from './generated/sequence.js';
import { seedRange } from '../seed-range.js';

const seeds = (): number[] => seedRange('TSVIRSH_GEN_SEEDS', 24);
const length = Number(process.env.TSVIRSH_GEN_LENGTH ?? 30);

describe('generated sessions: tsvirsh matches virsh', { concurrency: 4 }, () => {
  for (const seed of seeds()) {
    const scenario = generatedScenario(seed, length);
    it(scenario.name, { skip: haveVirsh ? false : 'virsh is not installed' }, async () => {
      const [expected, actual] = await Promise.all([runVirsh(scenario), runTsvirsh(scenario)]);
      assert.deepEqual(actual, expected, `${JSON.stringify(scenario.args)}\n${scenario.stdin ?? ''}`);
    });
  }
});
