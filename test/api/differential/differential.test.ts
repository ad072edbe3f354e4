/**
 * Differential scenarios: every step of every scenario gives the same result (or the same
 * error code, domain and message) on tsvirt's test driver as on libvirt 9.0.0's, run by
 * libvirt-python. Scenarios marked knownDifference are reported as skipped with the reason.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { oracleUnavailable, runOracle } from './oracle.js';
import { runOurs } from './ours.js';
import type { Outcome, Scenario } from './scenario.js';
import { SCENARIO_GROUPS } from './scenarios/index.js';

interface StepDifference { step: number; call: string; real: Outcome | undefined; ours: Outcome | undefined }

function differences(scenario: Scenario, real: Outcome[], ours: Outcome[]): StepDifference[] {
  const out: StepDifference[] = [];
  scenario.steps.forEach((step, i) => {
    try {
      assert.deepStrictEqual(ours[i], real[i]);
    } catch {
      out.push({ step: i, call: step.call, real: real[i], ours: ours[i] });
    }
  });
  return out;
}

function describe(diffs: StepDifference[]): string {
  return diffs.map((d) => `step ${d.step} ${d.call}\n  real: ${JSON.stringify(d.real)}\n  ours: ${JSON.stringify(d.ours)}`).join('\n');
}

const unavailable = oracleUnavailable();

test('scenario names are unique', () => {
  const names = Object.values(SCENARIO_GROUPS).flat().map((s) => s.name);
  assert.deepEqual(names.filter((n, i) => names.indexOf(n) !== i), []);
});

for (const [group, scenarios] of Object.entries(SCENARIO_GROUPS)) {
  test(`differential: ${group}`, { skip: unavailable ?? false }, async (t) => {
    const real = runOracle(scenarios);
    const ours = await runOurs(scenarios);
    for (const [i, scenario] of scenarios.entries()) {
      await t.test(scenario.name, (st) => {
        const diffs = differences(scenario, real[i]!, ours[i]!);
        if (scenario.knownDifference !== undefined) {
          assert.notDeepEqual(diffs, [], 'marked knownDifference but identical to libvirt now: drop the mark');
          st.skip(`known difference: ${scenario.knownDifference}`);
          return;
        }
        if (diffs.length > 0) assert.fail(describe(diffs));
      });
    }
  });
}
