/** virsh's "domain" group (Domain Management): one family assembled from its topic files. */
import { byName, type CommandFamily } from '../command.js';
import { lifecycleCommands } from './domain-lifecycle.js';
import { definitionCommands } from './domain-define.js';
import { resourceCommands } from './domain-resources.js';
import { consoleCommands } from './domain-console.js';
import { nativeCommands } from './domain-native.js';
import { guestCommands } from './domain-guest.js';
import { tuneCommands } from './domain-tune.js';
import { debugCommands } from './domain-debug.js';
import { cpuCommands } from './domain-cpu.js';
import { ioTuneCommands } from './domain-io-tune.js';
import { deviceCommands } from './domain-devices.js';
import { blockCommands } from './domain-blockjob.js';
import { vcpuPowerCommands } from './domain-vcpu-power.js';

export const domainFamily: CommandFamily = {
  group: 'Domain Management',
  keyword: 'domain',
  commands: byName([...definitionCommands, ...lifecycleCommands, ...resourceCommands, ...consoleCommands, ...nativeCommands, ...guestCommands,
    ...tuneCommands, ...debugCommands, ...cpuCommands, ...ioTuneCommands, ...deviceCommands, ...blockCommands, ...vcpuPowerCommands]),
};
