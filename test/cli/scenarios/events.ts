/** The event command within one session: listing, argument errors and timeouts (no other client makes events). */
import { onDefault, type Scenario } from '../harness.js';

export const eventScenarios: Scenario[] = [
  { name: 'event --list', args: onDefault('event --list') },
  { name: 'event needs a choice', args: onDefault('event') },
  { name: 'event exclusive options', args: onDefault('event --all --event lifecycle; event --list --all; event --list --event reboot') },
  { name: 'event unknown type', args: onDefault('event --event nope') },
  { name: 'event bad timeouts', args: onDefault('event --all --timeout 0; event --all --timeout -1; event --all --timeout x; event --all --timeout 2147484') },
  { name: 'event unknown domain', args: onDefault('event nope --all --timeout 1') },
  { name: 'event times out', args: onDefault('event --all --timeout 1; event test --event lifecycle --loop --timeout 1 --timestamp; list') },
];

export const objectEventScenarios: Scenario[] = [
  { name: 'net-event --list and errors', args: onDefault('net-event --list; net-event; net-event --event foo; net-event --event lifecycle --timeout 0') },
  { name: 'net-event times out', args: onDefault('net-event --event lifecycle --timeout 1; net-event default lifecycle --timeout 1 --loop') },
  { name: 'net-event unknown network still waits', args: onDefault('net-event nope --event lifecycle --timeout 1') },
  { name: 'pool-event --list and errors', args: onDefault('pool-event --list; pool-event; pool-event --event foo; pool-event --event refresh --timeout x') },
  { name: 'pool-event times out', args: onDefault('pool-event --event refresh --timeout 1; pool-event default-pool lifecycle --timeout 1') },
  { name: 'pool-event unknown pool still waits', args: onDefault('pool-event nope lifecycle --timeout 1') },
];
