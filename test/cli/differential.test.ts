/** Every scenario of the corpus, through real virsh and through tsvirsh: identical results. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { haveVirsh, runTsvirsh, runVirsh, type Scenario } from './harness.js';
import { basics } from './scenarios/basics.js';
import { domainScenarios, hostScenarios } from './scenarios/domains.js';
import { networkScenarios } from './scenarios/networks.js';
import { poolScenarios, volumeScenarios } from './scenarios/storage.js';
import { snapshotScenarios } from './scenarios/snapshots.js';
import { checkpointScenarios } from './scenarios/checkpoints.js';
import { discoveryScenarios } from './scenarios/discovery.js';
import { hostObjectScenarios } from './scenarios/host-objects.js';
import { eventScenarios, objectEventScenarios } from './scenarios/events.js';
import { xpathScenarios } from './scenarios/xpath.js';
import { domstatsScenarios } from './scenarios/domstats.js';
import { guestInfoScenarios } from './scenarios/guest-info.js';
import { tunableScenarios } from './scenarios/tunables.js';
import { pinningScenarios } from './scenarios/pinning.js';
import { editScenarios } from './scenarios/edits.js';
import { deviceScenarios } from './scenarios/devices.js';
import { hostAdminScenarios } from './scenarios/host-admin.js';
import { domainExtraScenarios } from './scenarios/domain-extras.js';
import { nodeFileScenarios } from './scenarios/node-files.js';
import { migrateScenarios } from './scenarios/migrate.js';
import { authFileScenarios } from './scenarios/auth-file.js';

const corpus: Scenario[] = [...basics, ...hostScenarios, ...domainScenarios, ...networkScenarios, ...poolScenarios, ...volumeScenarios,
  ...snapshotScenarios, ...checkpointScenarios, ...discoveryScenarios, ...hostObjectScenarios, ...eventScenarios, ...objectEventScenarios, ...xpathScenarios,
  ...domstatsScenarios, ...guestInfoScenarios, ...tunableScenarios, ...pinningScenarios, ...editScenarios, ...deviceScenarios, ...hostAdminScenarios, ...domainExtraScenarios,
  ...nodeFileScenarios, ...migrateScenarios, ...authFileScenarios];

// Scenarios are independent (each has its own directory and session): run a few at a time.
describe('tsvirsh matches virsh', { concurrency: 4 }, () => {
  for (const scenario of corpus) {
    it(scenario.name, { skip: haveVirsh ? false : 'virsh is not installed' }, async () => {
      const [expected, actual] = await Promise.all([runVirsh(scenario), runTsvirsh(scenario)]);
      assert.deepEqual(actual, expected);
    });
  }
});
