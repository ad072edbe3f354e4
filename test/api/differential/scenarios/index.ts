import type { Scenario } from '../scenario.js';
import { hostScenarios } from './host.js';
import { lookupScenarios } from './lookup.js';
import { lifecycleScenarios } from './lifecycle.js';
import { defineScenarios } from './define.js';
import { listScenarios } from './lists.js';
import { resourceScenarios } from './resources.js';
import { metadataScenarios } from './metadata.js';
import { renameScenarios } from './rename.js';
import { readOnlyScenarios } from './readonly.js';
import { networkScenarios } from './networks.js';
import { storageScenarios } from './storage.js';
import { badInputScenarios } from './bad-input.js';
import { nodeFileScenarios } from './node-file.js';
import { shellSupportScenarios } from './shell-support.js';
import { validateScenarios } from './validate.js';

/** Every group of the corpus; each group runs in one Python process and one pass of ours. */
export const SCENARIO_GROUPS: Record<string, Scenario[]> = {
  host: hostScenarios,
  lookup: lookupScenarios,
  lifecycle: lifecycleScenarios,
  define: defineScenarios,
  lists: listScenarios,
  resources: resourceScenarios,
  metadata: metadataScenarios,
  rename: renameScenarios,
  'read-only': readOnlyScenarios,
  networks: networkScenarios,
  storage: storageScenarios,
  'bad input': badInputScenarios,
  'node file': nodeFileScenarios,
  'shell support': shellSupportScenarios,
  validate: validateScenarios,
};
