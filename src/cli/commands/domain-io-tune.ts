/** Per-device I/O limits of a domain (part of virsh's "domain" group): interface bandwidth and disk throttling. */
import { VIR_TYPED_PARAM_STRING, VIR_TYPED_PARAM_UINT, VIR_TYPED_PARAM_ULLONG, type TypedParam } from '../../index.js';
import type { CommandDef, OptionDef, ParsedCommand } from '../command.js';
import { domainOption } from '../lookup.js';
import { CommandFailed, fail, optString } from '../opts.js';
import { DOMAIN_ARG, affectFlags } from '../domain-options.js';
import { JSON_OPTION } from '../json.js';
import { parseUInt64, parseUInt64Prefix, scaleInteger } from '../numbers.js';
import { getOrSet } from './domain-tune.js';
import type { Session } from '../session.js';

const flag = (name: string, help: string): OptionDef => ({ name, type: 'bool', help });
const AFFECT: OptionDef[] = [flag('config', 'the persistent definition'), flag('live', 'the running domain'),
  flag('current', 'the running domain if it runs, else the definition')];
const UINT_MAX = 4294967295n;

interface Rate { average: bigint; peak: bigint; burst: bigint; floor: bigint }

/** virshParseRateStr: `average,peak,burst,floor`, any of them empty or left out. */
function parseRate(s: Session, text: string): Rate {
  const fields = text.split(',');
  if (fields.length > 4) fail(s, `Rate string '${text}' has too many fields`);
  const names = ['average', 'peak', 'burst', 'floor'] as const;
  const rate: Rate = { average: 0n, peak: 0n, burst: 0n, floor: 0n };
  names.forEach((name, i) => {
    const field = fields[i];
    if (field === undefined || field === '') return;
    const value = parseUInt64(field, false);
    if (value === null) fail(s, `field '${name}' is malformed`);
    rate[name] = value;
  });
  return rate;
}

const uint = (field: string, value: bigint): TypedParam => ({ field, type: VIR_TYPED_PARAM_UINT, value: Number(value) });

/** The bandwidth parameters of one direction, checked as virsh checks them. */
function bandwidth(s: Session, text: string, inbound: boolean): TypedParam[] {
  const dir = inbound ? 'inbound' : 'outbound';
  const rate = parseRate(s, text);
  if (rate.average > UINT_MAX || rate.peak > UINT_MAX || rate.burst > UINT_MAX) fail(s, `${dir} rate larger than maximum ${UINT_MAX}`);
  const needsAverage = rate.average === 0n && (rate.burst !== 0n || rate.peak !== 0n);
  if (inbound && needsAverage && rate.floor === 0n) fail(s, 'either inbound average or floor is mandatory');
  if (!inbound && needsAverage) fail(s, 'outbound average is mandatory');
  if (!inbound && rate.floor !== 0n) fail(s, 'outbound floor is unsupported yet');
  const prefix = inbound ? 'inbound' : 'outbound';
  const params = [uint(`${prefix}.average`, rate.average)];
  if (rate.peak) params.push(uint(`${prefix}.peak`, rate.peak));
  if (rate.burst) params.push(uint(`${prefix}.burst`, rate.burst));
  if (inbound && rate.floor) params.push(uint(`${prefix}.floor`, rate.floor));
  return params;
}

async function cmdDomiftune(s: Session, cmd: ParsedCommand): Promise<void> {
  const flags = affectFlags(s, cmd);
  using dom = await domainOption(s, cmd);
  const device = optString(s, cmd, 'interface')!;
  const inbound = optString(s, cmd, 'inbound');
  const outbound = optString(s, cmd, 'outbound');
  const params = [...(inbound === undefined ? [] : bandwidth(s, inbound, true)), ...(outbound === undefined ? [] : bandwidth(s, outbound, false))];
  const words = { count: 'Unable to get number of interface parameters', get: 'Unable to get interface parameters', set: 'Unable to set interface parameters', countChecksFlags: false };
  await getOrSet(s, cmd, params, words, flags, () => dom.interfaceParameters(device, flags), () => dom.setInterfaceParameters(device, params, flags));
}

/** blkdeviotune's limits: option and parameter names (the option also answers to the parameter's spelling), scaled or not. */
const IOTUNE_SCALED = ['total-bytes-sec', 'read-bytes-sec', 'write-bytes-sec', 'total-bytes-sec-max', 'read-bytes-sec-max', 'write-bytes-sec-max'];
const IOTUNE_PLAIN = ['total-iops-sec', 'read-iops-sec', 'write-iops-sec', 'total-iops-sec-max', 'read-iops-sec-max', 'write-iops-sec-max',
  'size-iops-sec', 'total-bytes-sec-max-length', 'read-bytes-sec-max-length', 'write-bytes-sec-max-length', 'total-iops-sec-max-length',
  'read-iops-sec-max-length', 'write-iops-sec-max-length'];
const paramName = (option: string): string => option.replace(/-/g, '_');

/** One limit's value; a bad one gets virsh's line for the option, then "Unable to parse integer parameter". */
function iotuneValue(s: Session, cmd: ParsedCommand, name: string, scaled: boolean): bigint | undefined {
  const given = cmd.opts.find((o) => o.def.name === name);
  if (!given) return undefined;
  const text = given.value ?? '';
  const refuse = (reason?: string): never => {
    s.out.error(scaled ? `Scaled numeric value '${text}' for <${name}> option is malformed or out of range`
      : `Numeric value '${text}' for <${name}> option is malformed or out of range`);
    s.out.error('Unable to parse integer parameter');
    if (reason) s.out.error(reason);
    throw new CommandFailed();
  };
  if (text === '') refuse();
  if (!scaled) return parseUInt64(text, false) ?? refuse();
  const head = parseUInt64Prefix(text, false);
  if (!head) return refuse();
  const value = scaleInteger(head.value, head.rest, 1n, 2n ** 64n - 1n);
  if (typeof value === 'bigint') return value;
  return refuse(value.kind === 'suffix' ? `invalid argument: unknown suffix '${value.suffix}'` : `numerical overflow: value too large: ${value.value}${value.suffix}`);
}

async function cmdBlkdeviotune(s: Session, cmd: ParsedCommand): Promise<void> {
  const flags = affectFlags(s, cmd);
  using dom = await domainOption(s, cmd);
  const disk = optString(s, cmd, 'device')!;
  const params: TypedParam[] = [];
  for (const [names, scaled] of [[IOTUNE_SCALED, true], [IOTUNE_PLAIN, false]] as const) {
    for (const name of names) {
      const value = iotuneValue(s, cmd, name, scaled);
      if (value !== undefined) params.push({ field: paramName(name), type: VIR_TYPED_PARAM_ULLONG, value });
    }
  }
  const given = cmd.opts.find((o) => o.def.name === 'group-name');
  if (given?.value === '') {
    s.out.error("Failed to get option 'group-name': Option argument is empty");
    fail(s, 'Unable to parse group-name parameter');
  }
  if (given) params.push({ field: 'group_name', type: VIR_TYPED_PARAM_STRING, value: given.value ?? '' });
  const words = { count: 'Unable to get number of block I/O throttle parameters', get: 'Unable to get block I/O throttle parameters',
    set: 'Unable to change block I/O throttle', countChecksFlags: true };
  await getOrSet(s, cmd, params, words, flags, () => dom.blockIoTune(disk, flags), () => dom.setBlockIoTune(disk, params, flags));
}

/** The limit options in virsh's table order (which positional values follow), each after its older underscore spelling. */
const IOTUNE_TABLE = [...IOTUNE_SCALED.slice(0, 3), ...IOTUNE_PLAIN.slice(0, 3), ...IOTUNE_SCALED.slice(3), ...IOTUNE_PLAIN.slice(3, 7), 'group-name',
  ...IOTUNE_PLAIN.slice(7)];
const IOTUNE_OPTIONS: OptionDef[] = IOTUNE_TABLE.flatMap((name) => [
  { name: paramName(name), type: 'alias' as const, alias: name },
  name === 'group-name' ? { name, type: 'string' as const, help: 'throttle group shared with other disks' }
    : { name, type: 'number' as const, help: iotuneHelp(name) },
]);

/** Our words for a limit option, from the parts of its name. */
function iotuneHelp(name: string): string {
  if (name === 'size-iops-sec') return 'bytes that count as one I/O operation';
  const [dir, unit] = name.split('-') as [string, string];
  const what = unit === 'bytes' ? `${dir} bytes per second` : `${dir} I/O operations per second`;
  if (name.endsWith('-max-length')) return `seconds a burst of ${what} may last`;
  if (name.endsWith('-max')) return `burst limit of ${what}${unit === 'bytes' ? ' (a unit may follow)' : ''}`;
  return `limit of ${what}${unit === 'bytes' ? ' (a unit may follow)' : ''}`;
}

export const ioTuneCommands: CommandDef[] = [
  {
    name: 'domiftune',
    summary: 'show or change the bandwidth limits of a domain network interface',
    options: [
      DOMAIN_ARG,
      { name: 'interface', type: 'data', required: true, help: 'the interface (target device or MAC)' },
      { name: 'inbound', type: 'string', help: 'incoming limits: average,peak,burst,floor (KiB/s, KiB)' },
      { name: 'outbound', type: 'string', help: 'outgoing limits: average,peak,burst (KiB/s, KiB)' },
      ...AFFECT,
      JSON_OPTION,
    ],
    handler: cmdDomiftune,
  },
  {
    name: 'blkdeviotune',
    summary: 'show or change the I/O throttling of a domain disk',
    options: [
      DOMAIN_ARG,
      { name: 'device', type: 'data', required: true, help: 'the disk (target such as vda, or source path)' },
      ...IOTUNE_OPTIONS,
      ...AFFECT,
      JSON_OPTION,
    ],
    handler: cmdBlkdeviotune,
  },
];
