/**
 * Reading a parsed command's options the way virsh's vshCommandOpt* helpers do, with their
 * error lines. A getter that reports an error throws CommandFailed: the command then fails
 * with nothing more printed.
 */
import type { OptionValue, ParsedCommand } from './command.js';
import type { Session } from './session.js';
import { parseInt32, parseInt64, parseUInt32, parseUInt64, parseUInt64Prefix, scaleInteger } from './numbers.js';

/** A failure already reported to the user. */
export class CommandFailed extends Error {
  constructor() {
    super('command failed');
  }
}

/** Report an error line and fail the command. */
export function fail(session: Session, message: string): never {
  session.out.error(message);
  throw new CommandFailed();
}

/** A command asks for each of its options (list asks for ~30): a plain loop, no callback per ask. */
function find(cmd: ParsedCommand, name: string): OptionValue | undefined {
  const opts = cmd.opts;
  for (let i = 0; i < opts.length; i++) if (opts[i]!.def.name === name) return opts[i];
  return undefined;
}

/** Whether the option was given at all (flags and valued options alike). */
export function optBool(cmd: ParsedCommand, name: string): boolean {
  return find(cmd, name) !== undefined;
}

/** vshCommandOptStringReq: the value, or undefined when absent; an empty value is refused unless allowed. */
export function optString(session: Session, cmd: ParsedCommand, name: string): string | undefined {
  const opt = find(cmd, name);
  if (!opt) return undefined;
  if (opt.value === '' && !opt.def.emptyOk) fail(session, `Failed to get option '${name}': Option argument is empty`);
  return opt.value;
}

/** vshCommandOptStringQuiet: as optString, but an empty value just counts as absent. */
export function optStringQuiet(cmd: ParsedCommand, name: string): string | undefined {
  const opt = find(cmd, name);
  if (!opt || (opt.value === '' && !opt.def.emptyOk)) return undefined;
  return opt.value;
}

/**
 * vshCommandOptStringQuiet where the caller gives up on a value it refuses (an empty one): the
 * command fails with no message, as virsh's *-dumpxml do with `--xpath ''`.
 */
export function optStringQuietOrFail(cmd: ParsedCommand, name: string): string | undefined {
  const opt = find(cmd, name);
  if (opt && opt.value === '' && !opt.def.emptyOk) throw new CommandFailed();
  return opt?.value;
}

/** The values of an argv option, in order. */
export function optArgv(cmd: ParsedCommand, name: string): string[] {
  return cmd.opts.filter((o) => o.def.name === name).map((o) => o.value ?? '');
}

function numeric<T>(session: Session, cmd: ParsedCommand, name: string, parse: (text: string) => T | null): T | undefined {
  const opt = find(cmd, name);
  if (!opt) return undefined;
  const v = parse(opt.value ?? '');
  if (v === null) fail(session, `Numeric value '${opt.value}' for <${name}> option is malformed or out of range`);
  return v;
}

/** vshCommandOptInt. */
export const optInt = (s: Session, c: ParsedCommand, n: string): number | undefined => numeric(s, c, n, parseInt32);
/** vshCommandOptUInt (wrap=false) and vshCommandOptUIntWrap. */
export const optUInt = (s: Session, c: ParsedCommand, n: string, wrap = false): number | undefined =>
  numeric(s, c, n, (t) => parseUInt32(t, wrap));
/** vshCommandOptLongLong. */
export const optLongLong = (s: Session, c: ParsedCommand, n: string): bigint | undefined => numeric(s, c, n, parseInt64);
/** vshCommandOptULongLong / Wrap. */
export const optULongLong = (s: Session, c: ParsedCommand, n: string, wrap = false): bigint | undefined =>
  numeric(s, c, n, (t) => parseUInt64(t, wrap));

/**
 * vshCommandOptScaledInt: a size with an optional unit; `scale` applies without one. Both of
 * virsh's lines are printed on a bad unit: its own, then libvirt's reason.
 */
export function optScaled(session: Session, cmd: ParsedCommand, name: string, scale: bigint, limit: bigint): bigint | undefined {
  const opt = find(cmd, name);
  if (!opt) return undefined;
  const text = opt.value ?? '';
  const head = parseUInt64Prefix(text, false);
  const scaled = head ? scaleInteger(head.value, head.rest, scale, limit) : null;
  if (typeof scaled === 'bigint') return scaled;
  session.out.error(`Scaled numeric value '${text}' for <${name}> option is malformed or out of range`);
  if (scaled?.kind === 'suffix') session.out.error(`invalid argument: unknown suffix '${scaled.suffix}'`);
  else if (scaled?.kind === 'overflow') session.out.error(`numerical overflow: value too large: ${scaled.value}${scaled.suffix}`);
  throw new CommandFailed();
}

/** virsh's VSH_EXCLUSIVE_OPTIONS check. */
export function exclusive(session: Session, cmd: ParsedCommand, a: string, b: string): void {
  if (optBool(cmd, a) && optBool(cmd, b)) fail(session, `Options --${a} and --${b} are mutually exclusive`);
}

/** virsh's VSH_REQUIRE_OPTION check: `a` only makes sense with `b`. */
export function requires(session: Session, cmd: ParsedCommand, a: string, b: string): void {
  if (optBool(cmd, a) && !optBool(cmd, b)) fail(session, `Option --${b} is required by option --${a}`);
}
