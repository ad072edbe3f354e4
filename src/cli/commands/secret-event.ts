/** secret-event: wait for secret lifecycle and value-changed events, or list their types. */
import type { CommandDef } from '../command.js';
import { optBool, optString } from '../opts.js';
import { chosenEventType, eventCommandOptions, optTimeout, runEventLoop } from '../event-loop.js';
import { findObject } from '../objects.js';

const EVENT_TYPES = ['lifecycle', 'value-changed'];
const LIFECYCLE = ['Defined', 'Undefined'];

export const secretEventCommand: CommandDef = {
  name: 'secret-event',
  summary: 'wait for secret events and print them, or list the event types',
  options: eventCommandOptions({ name: 'secret', type: 'string', help: 'only events of this secret (UUID)' }),
  async handler(s, cmd) {
    const eventId = chosenEventType(s, cmd, EVENT_TYPES);
    if (eventId === null) return true;
    const seconds = optTimeout(s, cmd);
    // As virsh: a secret that cannot be found is reported, and then events of every secret are awaited.
    let secret = null;
    if (optBool(cmd, 'secret')) {
      const uuid = optString(s, cmd, 'secret')!;
      secret = await findObject(s, `failed to get secret '${uuid}'`, [() => s.conn.secretLookupByUUIDString(uuid)]).catch((err: unknown) => {
        s.lastError = err as never;
        return null;
      });
    }
    try {
      return await runEventLoop(s, cmd, seconds, async (deliver) => {
        const id = await s.conn.secretEventRegisterAny(secret, eventId, (ev) => {
          const uuid = ev.secret.UUIDString();
          deliver(eventId === 0 ? `event 'lifecycle' for secret ${uuid}: ${LIFECYCLE[ev.event] ?? 'unknown'}\n` : `event '${EVENT_TYPES[eventId]}' for secret ${uuid}\n`);
          ev.secret.free();
        });
        return [() => s.conn.secretEventDeregisterAny(id)];
      });
    } finally {
      secret?.free();
    }
  },
};
