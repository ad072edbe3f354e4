/**
 * The line (or lines) virsh's `event` command prints for each domain event type, from the
 * event's payload as the library delivers it (fields named as on the wire: `offset`,
 * `devAlias`, `srcPath`...). Names and wording follow virsh 9.0.0's output.
 */

/** Event names, indexed by VIR_DOMAIN_EVENT_ID_*. */
export const DOMAIN_EVENT_NAMES = ['lifecycle', 'reboot', 'rtc-change', 'watchdog', 'io-error', 'graphics', 'io-error-reason',
  'control-error', 'block-job', 'disk-change', 'tray-change', 'pm-wakeup', 'pm-suspend', 'balloon-change', 'pm-suspend-disk',
  'device-removed', 'block-job-2', 'tunable', 'agent-lifecycle', 'device-added', 'migration-iteration', 'job-completed',
  'device-removal-failed', 'metadata-change', 'block-threshold', 'memory-failure', 'memory-device-size-change'];

/** Lifecycle event types and, per type, their details. */
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
const WATCHDOG_ACTIONS = ['none', 'pause', 'reset', 'poweroff', 'shutdown', 'debug', 'inject-nmi'];
const IO_ERROR_ACTIONS = ['none', 'pause', 'report'];
const GRAPHICS_PHASES = ['connect', 'initialize', 'disconnect'];
const ADDRESS_FAMILIES = ['IPv4', 'IPv6', 'unix'];
const BLOCK_JOB_TYPES = ['Unknown job', 'Block Pull', 'Block Copy', 'Block Commit', 'Active Block Commit', 'Backup'];
const BLOCK_JOB_STATUSES = ['completed', 'failed', 'canceled', 'ready'];
const DISK_CHANGE_REASONS = ['changed', 'dropped'];
const TRAY_CHANGE_REASONS = ['opened', 'closed'];
const AGENT_STATES = ['unknown', 'connected', 'disconnected'];
const AGENT_REASONS = ['unknown', 'domain started', 'channel event'];
const METADATA_TYPES = ['description', 'title', 'element'];
const MEMORY_FAILURE_RECIPIENTS = ['hypervisor', 'guest'];
const MEMORY_FAILURE_ACTIONS = ['ignore', 'inject', 'fatal', 'reset'];
const VIR_DOMAIN_MEMORY_FAILURE_ACTION_REQUIRED = 1;
const VIR_DOMAIN_MEMORY_FAILURE_RECURSIVE = 2;

type Payload = Record<string, unknown>;

/** An enum value in words; virsh says `unknown` for values it has no word for (some events `unsupported value`). */
const word = (table: string[], value: unknown, fallback = 'unknown'): string => table[Number(value)] ?? fallback;
/** virsh prints an absent string as `<null>`. */
const orNull = (value: unknown): string => (value === null || value === undefined ? '<null>' : String(value));

interface TypedParam { field: string; value: { type: number; value: unknown } }

/** virTypedParameterToString: integers in decimal, doubles as C's %g, booleans as 0/1, strings as they are. */
function typedParamValue({ value: { type, value } }: TypedParam): string {
  if (type === 5) return formatG(Number(value));
  if (type === 6) return value ? '1' : '0';
  return String(value);
}

/** C's printf("%g"): 6 significant digits, trailing zeros dropped, exponent form outside 1e-4 <= |x| < 1e6. */
export function formatG(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const [mantissa, exp] = x.toExponential(5).split('e') as [string, string];
  const exponent = Number(exp);
  const trim = (s: string): string => (s.includes('.') ? s.replace(/\.?0+$/, '') : s);
  if (exponent < -4 || exponent >= 6) {
    return `${trim(mantissa)}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return trim(x.toFixed(5 - exponent));
}

const paramLines = (params: unknown): string =>
  ((params as TypedParam[] | undefined) ?? []).map((p) => `\t${p.field}: ${typedParamValue(p)}\n`).join('');

function graphicsAddress(a: unknown): string {
  const { family, node, service } = a as { family: number; node: string; service: string };
  return `${word(ADDRESS_FAMILIES, family)} ${node} ${service}`;
}

/** Everything virsh prints for one event of type `name` (an entry of DOMAIN_EVENT_NAMES) of domain `dom`. */
export function domainEventText(name: string, dom: string, p: Payload): string {
  const head = `event '${name}' for domain '${dom}'`;
  switch (name) {
    case 'lifecycle': {
      const [type, details] = LIFECYCLE[Number(p.event)] ?? ['unknown', []];
      return `${head}: ${type} ${details[Number(p.detail)] ?? 'unknown'}\n`;
    }
    case 'rtc-change': return `${head}: ${String(p.offset)}\n`;
    case 'watchdog': return `${head}: ${word(WATCHDOG_ACTIONS, p.action)}\n`;
    case 'io-error': return `${head}: ${String(p.srcPath)} (${String(p.devAlias)}) ${word(IO_ERROR_ACTIONS, p.action)}\n`;
    case 'io-error-reason':
      return `${head}: ${String(p.srcPath)} (${String(p.devAlias)}) ${word(IO_ERROR_ACTIONS, p.action)} due to ${String(p.reason)}\n`;
    case 'graphics': {
      const subject = (p.subject as { type: string; name: string }[] | undefined) ?? [];
      return `${head}: ${word(GRAPHICS_PHASES, p.phase)} local[${graphicsAddress(p.local)}] remote[${graphicsAddress(p.remote)}] `
        + `${String(p.authScheme)}\n${subject.map((id) => `\t${id.type}=${id.name}\n`).join('')}`;
    }
    case 'block-job':
    case 'block-job-2':
      return `${head}: ${word(BLOCK_JOB_TYPES, p.type, 'Unknown job')} for ${String(name === 'block-job' ? p.path : p.dst)} `
        + `${word(BLOCK_JOB_STATUSES, p.status)}\n`;
    case 'disk-change':
      return `event 'disk-change' for domain '${dom}' disk ${String(p.devAlias)}: ${orNull(p.oldSrcPath)} -> ${orNull(p.newSrcPath)}: `
        + `${word(DISK_CHANGE_REASONS, p.reason)}\n`;
    case 'tray-change': return `event 'tray-change' for domain '${dom}' disk ${String(p.devAlias)}: ${word(TRAY_CHANGE_REASONS, p.reason)}\n`;
    case 'balloon-change': return `${head}: ${String(p.actual)}KiB\n`;
    case 'device-removed':
    case 'device-added':
    case 'device-removal-failed':
      return `${head}: ${String(p.devAlias)}\n`;
    case 'tunable':
    case 'job-completed':
      return `${head}:\n${paramLines(p.params)}`;
    case 'agent-lifecycle':
      return `${head}: state: '${word(AGENT_STATES, p.state, 'unsupported value')}' reason: '${word(AGENT_REASONS, p.reason, 'unsupported value')}'\n`;
    case 'migration-iteration': return `${head}: iteration: '${String(p.iteration)}'\n`;
    case 'metadata-change': return `${head}: type ${word(METADATA_TYPES, p.type, 'unsupported value')}, uri ${orNull(p.nsuri)}\n`;
    case 'block-threshold':
      return `${head}: dev: ${String(p.dev)}(${orNull(p.path)}) ${String(p.threshold)} ${String(p.excess)}\n`;
    case 'memory-failure': {
      const flags = Number(p.flags);
      return `${head}:\nrecipient: ${word(MEMORY_FAILURE_RECIPIENTS, p.recipient, 'unsupported value')}\n`
        + `action: ${word(MEMORY_FAILURE_ACTIONS, p.action, 'unsupported value')}\n`
        + `flags:\n\taction required: ${flags & VIR_DOMAIN_MEMORY_FAILURE_ACTION_REQUIRED ? 1 : 0}\n`
        + `\trecursive: ${flags & VIR_DOMAIN_MEMORY_FAILURE_RECURSIVE ? 1 : 0}\n`;
    }
    case 'memory-device-size-change': return `${head}:\nalias: ${String(p.alias)}\nsize: ${String(p.size)}\n`;
    default: // reboot, control-error and the power-management events carry nothing virsh prints
      return `${head}\n`;
  }
}
