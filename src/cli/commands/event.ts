/** The `event` command (virsh's "Domain Events" group): wait for domain events and print them. */
import type { DomainEvent } from '../../index.js';
import type { CommandFamily, ParsedCommand } from '../command.js';
import type { Session } from '../session.js';
import { lookupDomain } from '../lookup.js';
import { exclusive, fail, optBool, optString } from '../opts.js';
import { optTimeout, runEventLoop } from '../event-loop.js';
import { flag } from '../objects.js';

/** Event names, indexed by VIR_DOMAIN_EVENT_ID_*. */
const EVENT_NAMES = ['lifecycle', 'reboot', 'rtc-change', 'watchdog', 'io-error', 'graphics', 'io-error-reason', 'control-error',
  'block-job', 'disk-change', 'tray-change', 'pm-wakeup', 'pm-suspend', 'balloon-change', 'pm-suspend-disk', 'device-removed',
  'block-job-2', 'tunable', 'agent-lifecycle', 'device-added', 'migration-iteration', 'job-completed', 'device-removal-failed',
  'metadata-change', 'block-threshold', 'memory-failure', 'memory-device-size-change'];

/** Lifecycle event types and, per type, their details, in virsh's words. */
const LIFECYCLE: [string, string[]][] = [
  ['Defined', ['Added', 'Updated', 'Renamed', 'Snapshot']],
  ['Undefined', ['Removed', 'Renamed']],
  ['Started', ['Booted', 'Migrated', 'Restored', 'Snapshot', 'Event wakeup']],
  ['Suspended', ['Paused', 'Migrated', 'I/O Error', 'Watchdog', 'Restored', 'Snapshot', 'API error', 'Post-copy', 'Post-copy Error']],
  ['Resumed', ['Unpaused', 'Migrated', 'Snapshot', 'Post-copy', 'Post-copy Error']],
  ['Stopped', ['Shutdown', 'Destroyed', 'Crashed', 'Migrated', 'Saved', 'Failed', 'Snapshot']],
  ['Shutdown', ['Finished', 'Finished after guest request', 'Finished after host request']],
  ['PMSuspended', ['Memory', 'Disk']],
  ['Crashed', ['Panicked', 'Crashloaded']],
];
const METADATA_TYPES = ['description', 'title', 'element'];

/** The line virsh prints for an event (lifecycle and metadata-change in full, others by name). */
function describe(name: string, ev: DomainEvent): string {
  const dom = ev.dom.name();
  if (name === 'lifecycle') {
    const [type, details] = LIFECYCLE[ev.event ?? -1] ?? ['unknown', []];
    return `event 'lifecycle' for domain '${dom}': ${type} ${details[ev.detail ?? -1] ?? 'unknown'}\n`;
  }
  if (name === 'metadata-change') {
    const type = METADATA_TYPES[ev.type as number] ?? 'unknown';
    return `event 'metadata-change' for domain '${dom}': type ${type}, uri ${(ev.nsuri as string | null | undefined) ?? '(null)'}\n`;
  }
  return `event '${name}' for domain '${dom}'\n`;
}

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
          deliver(describe(EVENT_NAMES[id]!, ev));
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
      options: [
        { name: 'domain', type: 'string', help: 'only events of this domain (name, id or UUID)' },
        { name: 'event', type: 'string', help: 'the event type to wait for' },
        flag('all', 'wait for every event type'),
        flag('loop', 'keep waiting after the first event'),
        { name: 'timeout', type: 'number', help: 'give up after this many seconds' },
        flag('list', 'list the event types'),
        flag('timestamp', 'prefix each event with the time'),
      ],
      handler: cmdEvent,
    },
  ],
};
