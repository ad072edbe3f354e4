/**
 * Domain tunables (part of virsh's "domain" group): scheduler, memory, block I/O and NUMA
 * parameters, perf events, lifecycle actions.
 */
import {
  VIR_DOMAIN_AFFECT_CONFIG, VIR_DOMAIN_AFFECT_LIVE, VIR_TYPED_PARAM_BOOLEAN, VIR_TYPED_PARAM_INT, VIR_TYPED_PARAM_STRING, VIR_TYPED_PARAM_UINT, VIR_TYPED_PARAM_ULLONG,
  type TypedParam,
} from '../../index.js';
import type { CommandDef, OptionDef, ParsedCommand } from '../command.js';
import { domainOption, must } from '../lookup.js';
import { CommandFailed, fail, optArgv, optBool, optInt, optString } from '../opts.js';
import { DOMAIN_ARG, affectFlags } from '../domain-options.js';
import { JSON_OPTION, printJSON } from '../json.js';
import { pad } from '../printf.js';
import { typedParamFromString, typedParamText } from '../typed-params.js';
import { parseAnyBase, parseInt64, scaleInteger } from '../numbers.js';
import type { Session } from '../session.js';

const flag = (name: string, help: string): OptionDef => ({ name, type: 'bool', help });
const AFFECT: OptionDef[] = [flag('config', 'the persistent definition'), flag('live', 'the running domain'),
  flag('current', 'the running domain if it runs, else the definition')];
const numeric = (name: string, help: string): OptionDef => ({ name, type: 'number', help });
const text = (name: string, help: string): OptionDef => ({ name, type: 'string', help });

/** VIR_DOMAIN_MEMORY_PARAM_UNLIMITED: the figure that means "no limit". */
const UNLIMITED = 9007199254740991n;
/** virDomainNumatuneMemMode's words. */
export const NUMA_MODES = ['strict', 'preferred', 'interleave', 'restrictive'];
const LIVE_AND_CONFIG = VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG;

/** `field          : value`, virsh's "%-15s: %s" line. */
const paramLine = (field: string, value: string): string => `${pad(field, -15)}: ${value}\n`;

/** A parameter's value for --json: numbers as numbers, the rest as they are. */
const jsonValue = (p: TypedParam): unknown => (typeof p.value === 'bigint' ? Number(p.value) : p.value);

/** Print parameters as `field: value` lines, or as one JSON object; `show` renders special values. */
function printParams(s: Session, cmd: ParsedCommand, params: TypedParam[], show: (p: TypedParam) => [string, unknown]): void {
  if (optBool(cmd, 'json')) {
    printJSON(s, Object.fromEntries(params.map((p) => [p.field, show(p)[1]])));
    return;
  }
  for (const p of params) s.out.print(paramLine(p.field, show(p)[0]));
}
const plain = (p: TypedParam): [string, unknown] => [typedParamText(p), jsonValue(p)];

/** virsh's lines when a tunable cannot be read or changed, and whether libvirt refuses --live with --config already when counting. */
export interface TunableWords { count: string; get: string; set: string; countChecksFlags: boolean }
const tunable = (what: string, countChecksFlags: boolean): TunableWords =>
  ({ count: `Unable to get number of ${what} parameters`, get: `Unable to get ${what} parameters`, set: `Unable to change ${what} parameters`, countChecksFlags });

/**
 * A tunable's parameters: set them when any were given, else print them (virsh's get/set
 * pattern). virsh first asks for the count, then the values: a failure gets the line of the
 * call that meets it.
 */
export async function getOrSet(s: Session, cmd: ParsedCommand, params: TypedParam[], words: TunableWords, flags: number,
  get: () => Promise<TypedParam[]>, set: () => Promise<void>, show: (p: TypedParam) => [string, unknown] = plain): Promise<void> {
  if (params.length > 0) {
    await must(s, words.set, set);
    return;
  }
  const refusedWhenCounting = words.countChecksFlags && (flags & LIVE_AND_CONFIG) === LIVE_AND_CONFIG;
  const current = await must(s, refusedWhenCounting ? words.count : words.get, get);
  printParams(s, cmd, current, show);
}

/** cmdSchedInfoUpdateOne: a new value for a parameter the scheduler has, typed as it is. */
function schedUpdate(s: Session, have: TypedParam[], field: string, value: string): TypedParam {
  const known = have.find((p) => p.field === field);
  if (!known) fail(s, `invalid scheduler option: ${field}`);
  const param = typedParamFromString(field, known.type, value);
  if (typeof param === 'string') fail(s, param);
  return param;
}

async function cmdSchedinfo(s: Session, cmd: ParsedCommand): Promise<boolean> {
  const flags = affectFlags(s, cmd);
  const live = optBool(cmd, 'live');
  const config = optBool(cmd, 'config');
  // Live and config cannot be read at once: read the current state then.
  const queryFlags = live && config ? 0 : flags;
  const withFlags = flags !== 0 || optBool(cmd, 'current');
  const json = optBool(cmd, 'json');
  using dom = await domainOption(s, cmd);
  let type;
  try {
    type = await dom.schedulerType();
  } catch (err) {
    if (!json) s.out.print(paramLine('Scheduler', 'Unknown'));
    throw err;
  }
  if (!json) s.out.print(paramLine('Scheduler', type.type));
  if (type.nparams === 0) return false;
  const read = (): Promise<TypedParam[]> => (withFlags ? dom.schedulerParametersFlags(queryFlags) : dom.schedulerParameters());
  let params = await read();
  const updates: TypedParam[] = [];
  for (const item of optArgv(cmd, 'set')) {
    const eq = item.indexOf('=');
    if (eq < 0) fail(s, 'Invalid syntax for --set, expecting name=value');
    updates.push(schedUpdate(s, params, item.slice(0, eq), item.slice(eq + 1)));
  }
  for (const name of ['cap', 'weight']) {
    const value = optString(s, cmd, name);
    if (value !== undefined) updates.push(schedUpdate(s, params, name, value));
  }
  if (updates.length > 0) {
    if (withFlags) await dom.setSchedulerParametersFlags(updates, flags);
    else await dom.setSchedulerParameters(updates);
    params = await read();
  } else if (live && config) {
    fail(s, 'cannot query both live and config at once');
  }
  if (json) printJSON(s, { scheduler: type.type, parameters: Object.fromEntries(params.map((p) => [p.field, jsonValue(p)])) });
  else for (const p of params) s.out.print(paramLine(p.field, typedParamText(p)));
  return true;
}

/**
 * virshMemtuneGetSize: a size in KiB (a unit may follow the number), or UNLIMITED for a
 * negative one; undefined when not given.
 */
function memtuneSize(s: Session, cmd: ParsedCommand, name: string): bigint | undefined {
  const given = cmd.opts.find((o) => o.def.name === name);
  if (!given) return undefined;
  const refuse = (): never => fail(s, `Unable to parse integer parameter ${name}`);
  const raw = given.value ?? '';
  if (raw === '') refuse();
  const m = /^[ \t\n\v\f\r]*[+-]?\d+/.exec(raw);
  const value = m ? parseInt64(m[0]) : null;
  if (value === null) return refuse();
  if (value < 0n) return UNLIMITED;
  const scaled = scaleInteger(value, raw.slice(m![0].length), 1024n, 2n ** 63n - 1n);
  if (typeof scaled !== 'bigint') {
    s.out.error(`Unable to parse integer parameter ${name}`);
    s.out.error(scaled.kind === 'suffix' ? `invalid argument: unknown suffix '${scaled.suffix}'`
      : `numerical overflow: value too large: ${scaled.value}${scaled.suffix}`);
    throw new CommandFailed();
  }
  return (scaled + 1023n) / 1024n;
}

const MEMTUNE_FIELDS: [string, string][] = [
  ['hard-limit', 'hard_limit'], ['soft-limit', 'soft_limit'], ['swap-hard-limit', 'swap_hard_limit'], ['min-guarantee', 'min_guarantee'],
];

async function cmdMemtune(s: Session, cmd: ParsedCommand): Promise<void> {
  const flags = affectFlags(s, cmd);
  using dom = await domainOption(s, cmd);
  const params: TypedParam[] = [];
  for (const [name, field] of MEMTUNE_FIELDS) {
    const kib = memtuneSize(s, cmd, name);
    if (kib !== undefined) params.push({ field, type: VIR_TYPED_PARAM_ULLONG, value: kib });
  }
  await getOrSet(s, cmd, params, tunable('memory', true), flags, () => dom.memoryParameters(flags), () => dom.setMemoryParameters(params, flags),
    (p) => (p.type === VIR_TYPED_PARAM_ULLONG && BigInt(p.value as bigint) === UNLIMITED ? ['unlimited', null] : plain(p)));
}

const BLKIO_STRINGS: [string, string][] = [
  ['device-weights', 'device_weight'], ['device-read-iops-sec', 'device_read_iops_sec'], ['device-write-iops-sec', 'device_write_iops_sec'],
  ['device-read-bytes-sec', 'device_read_bytes_sec'], ['device-write-bytes-sec', 'device_write_bytes_sec'],
];

async function cmdBlkiotune(s: Session, cmd: ParsedCommand): Promise<void> {
  const flags = affectFlags(s, cmd);
  using dom = await domainOption(s, cmd);
  const params: TypedParam[] = [];
  const weight = optInt(s, cmd, 'weight');
  if (weight !== undefined) {
    if (weight <= 0) fail(s, `Invalid value of ${weight} for I/O weight`);
    params.push({ field: 'weight', type: VIR_TYPED_PARAM_UINT, value: weight });
  }
  for (const [name, field] of BLKIO_STRINGS) {
    const given = cmd.opts.find((o) => o.def.name === name);
    if (!given) continue;
    if (given.value === '') fail(s, 'Unable to parse string parameter');
    params.push({ field, type: VIR_TYPED_PARAM_STRING, value: given.value ?? '' });
  }
  await getOrSet(s, cmd, params, tunable('blkio', true), flags, () => dom.blkioParameters(flags), () => dom.setBlkioParameters(params, flags));
}

async function cmdNumatune(s: Session, cmd: ParsedCommand): Promise<void> {
  const flags = affectFlags(s, cmd);
  using dom = await domainOption(s, cmd);
  const params: TypedParam[] = [];
  const nodeset = optString(s, cmd, 'nodeset');
  if (nodeset !== undefined) params.push({ field: 'numa_nodeset', type: VIR_TYPED_PARAM_STRING, value: nodeset });
  const mode = optString(s, cmd, 'mode');
  if (mode !== undefined) {
    const known = NUMA_MODES.indexOf(mode);
    const n = known >= 0 ? BigInt(known) : parseAnyBase(mode);
    const m = n !== null && n >= -(2n ** 31n) && n < 2n ** 31n ? Number(n) : null;
    if (m === null) fail(s, `Invalid mode: ${mode}`);
    params.push({ field: 'numa_mode', type: VIR_TYPED_PARAM_INT, value: m });
  }
  await getOrSet(s, cmd, params, tunable('numa', false), flags, () => dom.numaParameters(flags), () => dom.setNumaParameters(params, flags),
    (p) => (p.type === VIR_TYPED_PARAM_INT && p.field === 'numa_mode' ? [NUMA_MODES[p.value as number] ?? '(null)', NUMA_MODES[p.value as number] ?? null] : plain(p)));
}

const PERF_HELP = 'comma-separated perf events (cmt, cpu_cycles, instructions, ...)';

/** virshParseEventStr: each named event of a comma-separated list, enabled or disabled. */
const perfEvents = (list: string | undefined, enabled: boolean): TypedParam[] =>
  (list ?? '').split(',').filter((name) => name !== '').map((field) => ({ field, type: VIR_TYPED_PARAM_BOOLEAN, value: enabled }));

async function cmdPerf(s: Session, cmd: ParsedCommand): Promise<void> {
  const flags = affectFlags(s, cmd);
  const enable = optString(s, cmd, 'enable');
  const disable = optString(s, cmd, 'disable');
  using dom = await domainOption(s, cmd);
  let params = [...perfEvents(enable, true), ...perfEvents(disable, false)];
  if (params.length === 0) params = await must(s, 'Unable to get perf events', () => dom.perfEvents(flags));
  else await must(s, 'Unable to enable/disable perf events', () => dom.setPerfEvents(params, flags));
  const on = (p: TypedParam): boolean => p.type === VIR_TYPED_PARAM_BOOLEAN && p.value === true;
  if (optBool(cmd, 'json')) printJSON(s, Object.fromEntries(params.map((p) => [p.field, on(p)])));
  else for (const p of params) s.out.printExtra(paramLine(p.field, on(p) ? 'enabled' : 'disabled'));
}

export const LIFECYCLE_TYPES = ['poweroff', 'reboot', 'crash'];
export const LIFECYCLE_ACTIONS = ['destroy', 'restart', 'rename-restart', 'preserve', 'coredump-destroy', 'coredump-restart'];

async function cmdSetLifecycleAction(s: Session, cmd: ParsedCommand): Promise<void> {
  const flags = affectFlags(s, cmd);
  const typeWord = optString(s, cmd, 'type')!;
  const actionWord = optString(s, cmd, 'action')!;
  const type = LIFECYCLE_TYPES.indexOf(typeWord);
  if (type < 0) fail(s, `Invalid lifecycle type '${typeWord}'.`);
  const action = LIFECYCLE_ACTIONS.indexOf(actionWord);
  if (action < 0) fail(s, `Invalid lifecycle action '${actionWord}'.`);
  using dom = await domainOption(s, cmd);
  await must(s, 'Unable to change lifecycle action.', () => dom.setLifecycleAction(type, action, flags));
}

export const tuneCommands: CommandDef[] = [
  {
    name: 'schedinfo',
    summary: 'show or change the scheduler parameters of a domain',
    options: [
      DOMAIN_ARG,
      { name: 'weight', type: 'number', named: true, help: 'new weight (schedulers that have one)' },
      { name: 'cap', type: 'number', named: true, help: 'new cap (schedulers that have one)' },
      flag('current', 'the running domain if it runs, else the definition'),
      flag('config', 'the persistent definition'),
      flag('live', 'the running domain'),
      { name: 'set', type: 'argv', help: 'parameters to change, as name=value' },
      JSON_OPTION,
    ],
    handler: cmdSchedinfo,
  },
  {
    name: 'memtune',
    summary: 'show or change the memory limits of a domain',
    options: [
      DOMAIN_ARG,
      numeric('hard-limit', 'most memory the domain may use (KiB unless a unit is given; negative: no limit)'),
      numeric('soft-limit', 'memory the domain is held to when the host runs short'),
      numeric('swap-hard-limit', 'most memory plus swap the domain may use'),
      numeric('min-guarantee', 'memory the domain is guaranteed'),
      ...AFFECT,
      JSON_OPTION,
    ],
    handler: cmdMemtune,
  },
  {
    name: 'blkiotune',
    summary: 'show or change the block I/O weights and limits of a domain',
    options: [
      DOMAIN_ARG,
      numeric('weight', 'overall I/O weight'),
      text('device-weights', 'weights per device: /dev/path,weight,...'),
      text('device-read-iops-sec', 'read operations per second per device: /dev/path,iops,...'),
      text('device-write-iops-sec', 'write operations per second per device: /dev/path,iops,...'),
      text('device-read-bytes-sec', 'bytes read per second per device: /dev/path,bytes,...'),
      text('device-write-bytes-sec', 'bytes written per second per device: /dev/path,bytes,...'),
      ...AFFECT,
      JSON_OPTION,
    ],
    handler: cmdBlkiotune,
  },  {
    name: 'numatune',
    summary: 'show or change the NUMA memory policy of a domain',
    options: [
      DOMAIN_ARG,
      text('mode', 'strict, preferred, interleave, restrictive (or its number)'),
      text('nodeset', 'host NUMA nodes to take memory from'),
      ...AFFECT,
      JSON_OPTION,
    ],
    handler: cmdNumatune,
  },
  {
    name: 'perf',
    summary: 'show or switch the perf events counted for a domain',
    options: [DOMAIN_ARG, text('enable', `events to count: ${PERF_HELP}`), text('disable', `events to stop counting: ${PERF_HELP}`), ...AFFECT, JSON_OPTION],
    handler: cmdPerf,
  },
  {
    name: 'set-lifecycle-action',
    summary: 'choose what happens when a domain powers off, reboots or crashes',
    options: [
      DOMAIN_ARG,
      { name: 'type', type: 'data', required: true, help: 'poweroff, reboot or crash' },
      { name: 'action', type: 'data', required: true, help: 'destroy, restart, rename-restart, preserve, coredump-destroy or coredump-restart' },
      ...AFFECT,
    ],
    handler: cmdSetLifecycleAction,
  },
];
