/**
 * Generated custom node files (fixed seeds): real virsh and tsvirsh open each one with
 * test:///path/node.xml, run the same reads and changes and must print the same. TSVIRSH_NODE_SEEDS=FROM-TO
 * runs other seeds when hunting for differences (TSVIRSH_NODE_BROKEN sets the share of broken files).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { haveVirsh, runTsvirsh, runVirsh } from './harness.js';
import { generatedNodeFileScenario } from './generated/node-files.js';
import { seedRange } from '../seed-range.js';

const seeds = (): number[] => seedRange('TSVIRSH_NODE_SEEDS', 40);
const brokenShare = Number(process.env.TSVIRSH_NODE_BROKEN ?? 0.2);

describe('generated node files: tsvirsh matches virsh', { concurrency: 4 }, () => {
  for (const seed of seeds()) {
    const scenario = generatedNodeFileScenario(seed, brokenShare);
    it(scenario.name, { skip: haveVirsh ? false : 'virsh is not installed' }, async () => {
      const [expected, actual] = await Promise.all([runVirsh(scenario), runTsvirsh(scenario)]);
      assert.deepEqual(actual, expected, `${scenario.files!['node.xml']}\n${scenario.args.join(' ')}`);
    });
  }
});
