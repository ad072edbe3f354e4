/** nodedev-event: wait for node device lifecycle and update events, or list their types. */
import type { CommandDef } from '../command.js';
import { fail, optBool, optString } from '../opts.js';
import { eventCommandOptions, optTimeout, runEventLoop } from '../event-loop.js';

const EVENT_TYPES = ['lifecycle', 'update'];
const LIFECYCLE = ['Created', 'Deleted', 'Defined', 'Undefined'];

export const nodedevEventCommand: CommandDef = {
  name: 'nodedev-event',
  summary: 'wait for node device events and print them, or list the event types',
  options: eventCommandOptions({ name: 'device', type: 'string', help: 'only events of this device' }),
  async handler(s, cmd) {
    if (optBool(cmd, 'list')) {
      for (const name of EVENT_TYPES) s.out.print(`${name}\n`);
      return true;
    }
    const eventName = optString(s, cmd, 'event');
    if (eventName === undefined) fail(s, 'either --list or --event <type> is required');
    const eventId = EVENT_TYPES.indexOf(eventName);
    if (eventId < 0) fail(s, `unknown event type ${eventName}`);
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
