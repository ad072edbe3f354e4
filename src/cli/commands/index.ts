/** Every command family, in the order `help` lists their groups (virsh's order). */
import type { CommandDef, CommandFamily } from '../command.js';
import { checkpointEditCommands, domainEditCommands, interfaceEditCommands, networkEditCommands, nwfilterEditCommands, poolEditCommands, snapshotEditCommands } from './edit.js';
import { saveXMLCommands } from './domain-save-xml.js';
import { jobCommands } from './domain-jobs.js';
import { agentCommands } from './domain-agent.js';
import { displayCommands } from './domain-display.js';
import { networkPortCommands } from './network-ports.js';
import { qemuCommands } from './domain-qemu.js';
import { migrateCommands } from './domain-migrate.js';
import { domainFamily } from './domain.js';
import { domainMonitorFamily } from './domain-monitor.js';
import { eventFamily } from './event.js';
import { checkpointFamily } from './checkpoint.js';
import { hostFamily } from './host.js';
import { interfaceFamily, nodedevFamily } from './host-objects.js';
import { networkFamily } from './network.js';
import { nwfilterFamily } from './nwfilter.js';
import { secretFamily } from './secret.js';
import { poolFamily } from './pool.js';
import { snapshotFamily } from './snapshot.js';
import { virshFamily } from './virsh.js';
import { volumeFamily } from './volume.js';

/** A family with commands from other files, each placed before the first name that sorts after it. */
function withCommands(family: CommandFamily, extra: CommandDef[]): CommandFamily {
  const commands = [...family.commands];
  for (const def of extra) {
    const at = commands.findIndex((c) => c.name > def.name);
    commands.splice(at < 0 ? commands.length : at, 0, def);
  }
  return { ...family, commands };
}

export const FAMILIES: readonly CommandFamily[] = [
  withCommands(domainFamily, [...domainEditCommands, ...saveXMLCommands, ...jobCommands, ...agentCommands, ...displayCommands, ...qemuCommands, ...migrateCommands]),
  domainMonitorFamily,
  eventFamily,
  hostFamily,
  withCommands(checkpointFamily, checkpointEditCommands),
  withCommands(interfaceFamily, interfaceEditCommands),
  withCommands(nwfilterFamily, nwfilterEditCommands),
  withCommands(networkFamily, [...networkEditCommands, ...networkPortCommands]),
  nodedevFamily,
  secretFamily,
  withCommands(snapshotFamily, snapshotEditCommands),
  withCommands(poolFamily, poolEditCommands),
  volumeFamily,
  virshFamily,
];
