/** Every command family, in the order `help` lists their groups (virsh's order). */
import type { CommandFamily } from '../command.js';
import { domainMonitorFamily } from './domain-monitor.js';
import { hostFamily } from './host.js';
import { virshFamily } from './virsh.js';

export const FAMILIES: readonly CommandFamily[] = [
  domainMonitorFamily,
  hostFamily,
  virshFamily,
];
