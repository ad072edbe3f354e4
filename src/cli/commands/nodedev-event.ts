/** nodedev-event: wait for node device lifecycle and update events, or list their types. */
import type { CommandDef } from '../command.js';
import { optString } from '../opts.js';
import { chosenEventType, eventCommandOptions, optTimeout, runEventLoop } from '../event-loop.js';

const EVENT_TYPES = ['lifecycle', 'update'];
const LIFECYCLE = ['Created', 'Deleted', 'Defined', 'Undefined'];

export const nodedevEventCommand: CommandDef = {
  name: 'nodedev-event',
  summary: 'wait for node device events and print them, or list the event types',
  options: eventCommandOptions({ name: 'device', type: 'string', help: 'only events of this device' }),
  async handler(s, cmd) {
    const eventId = chosenEventType(s, cmd, EVENT_TYPES);
    if (eventId === null) return true;
    const seconds = optTimeout(s, cmd);
    const name = optString(s, cmd, 'device');
    const dev = name === undefined ? null : await s.conn.nodeDeviceLookupByName(name).catch((err: unknown) => {
      s.out.error(`Could not find matching device '${name}'`);
      throw err;
    });
    try {
      return await runEventLoop(s, cmd, seconds, async (deliver) => {
        const id = await s.conn.nodeDeviceEventRegisterAny(dev, eventId, (ev) => {
          const devName = ev.dev.name();
          deliver(eventId === 0 ? `event 'lifecycle' for node device ${devName}: ${LIFECYCLE[ev.event] ?? 'unknown'}\n` : `event 'update' for node device ${devName}\n`);
          ev.dev.free();
        });
        return [() => s.conn.nodeDeviceEventDeregisterAny(id)];
      });
    } finally {
      dev?.free();
    }
  },
};
