/** The `event` command (virsh's "Domain Events" group): wait for domain events and print them. */
import type { CommandFamily, ParsedCommand } from '../command.js';
import type { Session } from '../session.js';
import { lookupDomain } from '../lookup.js';
import { exclusive, fail, optBool, optString } from '../opts.js';
import { eventCommandOptions, optTimeout, runEventLoop } from '../event-loop.js';
import { flag } from '../objects.js';
import { DOMAIN_EVENT_NAMES as EVENT_NAMES, domainEventText } from '../domain-event-lines.js';

async function cmdEvent(s: Session, cmd: ParsedCommand): Promise<boolean> {
  exclusive(s, cmd, 'all', 'event');
  exclusive(s, cmd, 'list', 'all');
  exclusive(s, cmd, 'list', 'event');
  if (optBool(cmd, 'list')) {
    for (const name of EVENT_NAMES) s.out.print(`${name}\n`);
    return true;
  }
  const eventName = optString(s, cmd, 'event');
  if (eventName === undefined && !optBool(cmd, 'all')) fail(s, 'one of --list, --all, or --event <type> is required');
  const ids = EVENT_NAMES.flatMap((name, id) => (eventName === undefined || eventName === name ? [id] : []));
  if (ids.length === 0) fail(s, `unknown event type ${eventName}`);
  const seconds = optTimeout(s, cmd);
  const domainName = optString(s, cmd, 'domain');
  using dom = domainName === undefined ? null : await lookupDomain(s, domainName);
  return runEventLoop(s, cmd, seconds, async (deliver) => {
    const undo: (() => Promise<void>)[] = [];
    for (const [i, id] of ids.entries()) {
      try {
        const callbackId = await s.conn.domainEventRegisterAny(dom, id, (ev) => {
          deliver(domainEventText(EVENT_NAMES[id]!, ev.dom.name(), ev));
          ev.dom.free();
        });
        undo.push(() => s.conn.domainEventDeregisterAny(callbackId));
      } catch (err) {
        // With --all, later failures only mean the driver knows fewer events.
        if (i === 0) throw err;
      }
    }
    return undo;
  });
}

export const eventFamily: CommandFamily = {
  group: 'Domain Events',
  keyword: 'events',
  commands: [
    {
      name: 'event',
      summary: 'wait for domain events and print them, or list the event types',
      options: eventCommandOptions({ name: 'domain', type: 'string', help: 'only events of this domain (name, id or UUID)' },
        [flag('all', 'wait for every event type')]),
      handler: cmdEvent,
    },
  ],
};
