/** virsh's "domain" group (Domain Management): one family assembled from its topic files. */
import type { CommandFamily } from '../command.js';
import { lifecycleCommands } from './domain-lifecycle.js';
import { definitionCommands } from './domain-define.js';
import { resourceCommands } from './domain-resources.js';
import { consoleCommands } from './domain-console.js';
import { nativeCommands } from './domain-native.js';

export const domainFamily: CommandFamily = {
  group: 'Domain Management',
  keyword: 'domain',
  // Code-unit order: the same as a collating sort for lower-case ASCII names, without ICU's start-up.
  commands: [...definitionCommands, ...lifecycleCommands, ...resourceCommands, ...consoleCommands, ...nativeCommands]
    .sort((a, b) => (a.name < b.name ? -1 : 1)),
};
