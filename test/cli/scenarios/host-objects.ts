/** Host interfaces and node devices as the test driver shows them. */
import { onDefault, type Scenario } from '../harness.js';

export const hostObjectScenarios: Scenario[] = [
  { name: 'iface-list', args: onDefault('iface-list; iface-list --all; iface-list --inactive') },
  { name: 'iface-list exclusive', args: onDefault('iface-list --all --inactive') },
  { name: 'iface-list quiet', args: ['-q', ...onDefault('iface-list')] },
  { name: 'iface-dumpxml', args: onDefault('iface-dumpxml eth1; iface-dumpxml eth1 --inactive') },
  { name: 'iface-dumpxml by MAC', args: onDefault('iface-dumpxml aa:bb:cc:dd:ee:ff; iface-dumpxml AA-BB-CC-DD-EE-FF') },
  { name: 'iface-dumpxml unknown', args: onDefault('iface-dumpxml nope; iface-dumpxml 00:11:22:33:44:55; iface-dumpxml') },
  { name: 'nodedev-list', args: onDefault('nodedev-list; nodedev-list --all; nodedev-list --inactive; nodedev-list --tree') },
  { name: 'nodedev-list --cap', args: onDefault('nodedev-list --cap system; nodedev-list --cap pci,net; nodedev-list --cap foo') },
  { name: 'nodedev-list incompatible options', args: onDefault('nodedev-list --all --inactive; nodedev-list --tree --cap system; nodedev-list --tree --inactive') },
  { name: 'nodedev-dumpxml', args: onDefault('nodedev-dumpxml computer; nodedev-dumpxml nope; nodedev-dumpxml a,b; nodedev-dumpxml') },
];
