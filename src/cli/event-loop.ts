/**
 * virsh's event waiting (vshEventStart/Wait/Cleanup) shared by event, net-event and
 * pool-event: register callbacks, print each event (once, or every one with --loop, optionally
 * time-stamped), stop at the first event, the --timeout or Ctrl-C, report the count.
 */
import type { OptionDef, ParsedCommand } from './command.js';
import type { Session } from './session.js';
import { fail, optBool, optString, optUInt } from './opts.js';

/**
 * The options of event, net-event and pool-event, in virsh's order: the object filter, --event,
 * the command's own (`extra`), then the waiting ones every event command has.
 */
export function eventCommandOptions(object: OptionDef, extra: OptionDef[] = []): OptionDef[] {
  return [
    object,
    { name: 'event', type: 'string', help: 'the event type to wait for' },
    ...extra,
    { name: 'loop', type: 'bool', help: 'keep waiting after the first event' },
    { name: 'timeout', type: 'number', help: 'give up after this many seconds' },
    { name: 'list', type: 'bool', help: 'list the event types' },
    { name: 'timestamp', type: 'bool', help: 'prefix each event with the time' },
  ];
}

/**
 * The event type an object event command (net-event, pool-event, ...) waits for, as an index into
 * `types`; null after `--list` printed the types (nothing more to do).
 */
export function chosenEventType(s: Session, cmd: ParsedCommand, types: readonly string[]): number | null {
  if (optBool(cmd, 'list')) {
    for (const name of types) s.out.print(`${name}\n`);
    return null;
  }
  const eventName = optString(s, cmd, 'event');
  if (eventName === undefined) fail(s, 'either --list or --event <type> is required');
  const eventId = types.indexOf(eventName);
  if (eventId < 0) fail(s, `unknown event type ${eventName}`);
  return eventId;
}

/** vshCommandOptTimeoutToMs: whole seconds, not zero, small enough to count in milliseconds. */
export function optTimeout(s: Session, cmd: ParsedCommand): number | undefined {
  const seconds = optUInt(s, cmd, 'timeout');
  if (seconds !== undefined && (seconds === 0 || seconds > Math.floor(0x7fffffff / 1000))) {
    fail(s, `Numeric value '${seconds}' for <timeout> option is malformed or out of range`);
  }
  return seconds;
}

/** virTimeStringNowRaw: "YYYY-MM-DD hh:mm:ss.mmm+0000" in UTC. */
function timestampNow(): string {
  return `${new Date().toISOString().replace('T', ' ').replace('Z', '')}+0000`;
}

/** Prints one event's line; returns nothing. */
export type Deliver = (line: string) => void;

/**
 * Run the loop. `register` subscribes with the deliver function and returns deregistration
 * callbacks; the result is true when at least one event arrived.
 */
export async function runEventLoop(s: Session, cmd: ParsedCommand, seconds: number | undefined,
  register: (deliver: Deliver) => Promise<(() => Promise<void>)[]>): Promise<boolean> {
  const loop = optBool(cmd, 'loop');
  const timestamp = optBool(cmd, 'timestamp');
  let count = 0;
  let finish: (how: 'done' | 'timeout' | 'interrupt') => void = () => undefined;
  const ended = new Promise<'done' | 'timeout' | 'interrupt'>((resolve) => { finish = resolve; });
  const deliver: Deliver = (line) => {
    if (!loop && count > 0) return;
    s.out.print(timestamp ? `${timestampNow()}: ${line}` : line);
    s.out.flush();
    count++;
    if (!loop) finish('done');
  };
  const onInterrupt = (): void => finish('interrupt');
  let timer: NodeJS.Timeout | null = null;
  let deregister: (() => Promise<void>)[] = [];
  try {
    deregister = await register(deliver);
    process.once('SIGINT', onInterrupt);
    s.out.flush();
    // With no timeout virsh waits until an event or Ctrl-C, even when nothing can send one (an
    // in-process driver): an idle timer keeps Node from ending the process meanwhile.
    timer = seconds !== undefined ? setTimeout(() => finish('timeout'), seconds * 1000) : setInterval(() => undefined, 2 ** 30);
    const how = await ended;
    if (how === 'interrupt') s.out.print('event loop interrupted\n');
    if (how === 'timeout') s.out.print('event loop timed out\n');
    s.out.print(`events received: ${count}\n`);
  } finally {
    process.removeListener('SIGINT', onInterrupt);
    if (timer) clearTimeout(timer);
    for (const undo of deregister) await undo().catch(() => undefined);
  }
  return count > 0;
}
