/** Every scenario of the corpus, through real virsh and through tsvirsh: identical results. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { haveVirsh, runTsvirsh, runVirsh, type Scenario } from './harness.js';
import { basics } from './scenarios/basics.js';
import { networkScenarios } from './scenarios/networks.js';
import { poolScenarios, volumeScenarios } from './scenarios/storage.js';

const corpus: Scenario[] = [...basics, ...networkScenarios, ...poolScenarios, ...volumeScenarios];

for (const scenario of corpus) {
  test(`tsvirsh matches virsh: ${scenario.name}`, { skip: haveVirsh ? false : 'virsh is not installed' }, () => {
    const expected = runVirsh(scenario);
    const actual = runTsvirsh(scenario);
    assert.deepEqual(actual, expected);
  });
}
