// The remote driver against a real libvirtd (libvirt 9.0.0) serving test:///default: every corpus
// scenario gives the same results and errors through our client as through libvirt-python.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { havePython, libvirtdSkip, startLibvirtd, type RunningDaemon } from '../../daemon/harness.js';
import { SCENARIOS } from './corpus.js';
import { runScenario } from './interpreter.js';
import { runOracle } from './oracle.js';

const skip = libvirtdSkip || (!havePython && 'needs python3-libvirt');

describe('remote driver vs libvirt-python, against libvirtd', { skip }, () => {
  let daemon: RunningDaemon;
  let uri: string;
  before(async () => {
    daemon = await startLibvirtd();
    uri = `test+unix:///default?socket=${daemon.socket}`;
  });
  after(async () => { await daemon?.stop(); });

  for (const scenario of SCENARIOS) {
    it(scenario.name, async () => {
      const expected = runOracle(uri, scenario);
      const actual = await runScenario(uri, scenario);
      for (let i = 0; i < scenario.steps.length; i++) {
        assert.deepEqual(actual[i], expected[i], `step ${i} ${JSON.stringify(scenario.steps[i]).slice(0, 120)}`);
      }
    });
  }
});
