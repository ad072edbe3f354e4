/**
 * What the network, storage, snapshot and host-object commands share: finding an object the
 * way virsh's virshCommandOpt*By helpers do, virsh's name order, and its size formatting.
 */
import type { CommandDef, OptionDef, ParsedCommand } from './command.js';
import type { Session } from './session.js';
import { CommandFailed, optBool, optString } from './opts.js';
import { must } from './lookup.js';

/** How a command family names and finds its object (a network, a pool): what the shared builders below need. */
export interface ObjectKind<T extends Disposable> {
  /** The option holding the name or UUID, e.g. NETWORK_ARG. */
  arg: OptionDef;
  /** The word virsh starts its confirmations with: 'Network', 'Pool'. */
  noun: string;
  find(s: Session, cmd: ParsedCommand): Promise<T>;
}

/** A command that runs one call on the object, then prints "<Noun> <label> <done>" as virsh does. */
export function objectAction<T extends Disposable>(kind: ObjectKind<T>, name: string, summary: string, extra: OptionDef[],
  run: (obj: T, cmd: ParsedCommand) => Promise<void>, done: string, failed: string): CommandDef {
  return {
    name,
    summary,
    options: [kind.arg, ...extra],
    async handler(s, cmd) {
      using obj = await kind.find(s, cmd);
      const label = optString(s, cmd, kind.arg.name)!;
      await must(s, `${failed} ${label}`, () => run(obj, cmd));
      s.out.printExtra(`${kind.noun} ${label} ${done}\n`);
    },
  };
}

/** net-autostart / pool-autostart: mark the object to start with the host, or unmark it with --disable. */
export function autostartCommand<T extends Disposable & { setAutostart(on: boolean): Promise<void> }>(
  kind: ObjectKind<T>, name: string, summary: string): CommandDef {
  const lower = kind.noun.toLowerCase();
  return {
    name,
    summary,
    options: [kind.arg, flag('disable', 'turn autostart off')],
    async handler(s, cmd) {
      using obj = await kind.find(s, cmd);
      const label = optString(s, cmd, kind.arg.name)!;
      const on = !optBool(cmd, 'disable');
      await must(s, `failed to ${on ? 'mark' : 'unmark'} ${lower} ${label} as autostarted`, () => obj.setAutostart(on));
      s.out.printExtra(`${kind.noun} ${label} ${on ? 'marked' : 'unmarked'} as autostarted\n`);
    },
  };
}

export const UUID_STRING_LEN = 36;

/** A flag option. */
export const flag = (name: string, help: string): OptionDef => ({ name, type: 'bool', help });

/**
 * Try each way of finding an object in turn; when none works print virsh's "failed to get"
 * line and let the library's error of the last attempt (if any was made) follow it.
 */
export async function findObject<T>(session: Session, what: string, attempts: (() => Promise<T>)[]): Promise<T> {
  let last: unknown = null;
  for (const attempt of attempts) {
    try {
      return await attempt();
    } catch (err) {
      last = err;
    }
  }
  session.out.error(what);
  if (last) throw last;
  throw new CommandFailed();
}

/** vshStrcasecmp: ASCII case-insensitive byte order, as virsh sorts its listings. */
export function compareNames(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

/** vshPrettyCapacity printed with "%.<digits>lf %s": "1.00 GiB", "512.00 B" (domblkinfo uses 3 digits). */
export function prettyCapacity(bytes: bigint, digits = 2): string {
  const value = Number(bytes);
  let unit = 0;
  let limit = 1024;
  while (unit < UNITS.length - 1 && value >= limit) {
    unit++;
    limit *= 1024;
  }
  return `${fixedC(value / (limit / 1024), digits)} ${UNITS[unit]}`;
}

/** C's "%.Nf": like toFixed(N) except that exact ties round to even. */
function fixedC(x: number, digits: number): string {
  const scaled = x * 10 ** digits;
  if (Number.isInteger(scaled * 2) && !Number.isInteger(scaled)) {
    const down = Math.floor(scaled);
    return ((down % 2 === 0 ? down : down + 1) / 10 ** digits).toFixed(digits);
  }
  return x.toFixed(digits);
}
