/** Every command family, in the order `help` lists their groups (virsh's order). */
import type { CommandFamily } from '../command.js';
import { domainFamily } from './domain.js';
import { domainMonitorFamily } from './domain-monitor.js';
import { eventFamily } from './event.js';
import { checkpointFamily } from './checkpoint.js';
import { hostFamily } from './host.js';
import { interfaceFamily, nodedevFamily } from './host-objects.js';
import { networkFamily } from './network.js';
import { poolFamily } from './pool.js';
import { snapshotFamily } from './snapshot.js';
import { virshFamily } from './virsh.js';
import { volumeFamily } from './volume.js';

export const FAMILIES: readonly CommandFamily[] = [
  domainFamily,
  domainMonitorFamily,
  eventFamily,
  hostFamily,
  checkpointFamily,
  interfaceFamily,
  networkFamily,
  nodedevFamily,
  snapshotFamily,
  poolFamily,
  volumeFamily,
  virshFamily,
];
