/** Domain jobs, migration tuning, backups and dirty-rate measuring (part of virsh's "domain" group). */
import * as lib from '../../index.js';
import { ErrorNumber, type DomainJobInfo, type TypedParam } from '../../index.js';
import type { CommandDef, ParsedCommand } from '../command.js';
import type { Session } from '../session.js';
import { domainOption } from '../lookup.js';
import { fail, optBool, optInt, optString, optStringQuietOrFail, optULongLong, requires } from '../opts.js';
import { XPATH_OPTIONS, printXML } from '../dumpxml.js';
import { readXMLFile } from '../files.js';
import { flag, prettyCapacity } from '../objects.js';
import { typedParamText } from '../typed-params.js';
import { DOMAIN_ARG } from '../domain-options.js';
import { PASS_FDS, passFds } from './domain-lifecycle.js';

const JOB_TYPES = ['None', 'Bounded', 'Unbounded', 'Completed', 'Failed', 'Cancelled'];
const JOB_OPERATIONS = ['Unknown', 'Start', 'Save', 'Restore', 'Incoming migration', 'Outgoing migration', 'Snapshot', 'Snapshot revert', 'Dump',
  'Backup', 'Snapshot delete'];

/** The job statistics' fields that make up virDomainJobInfo. */
const INFO_FIELDS: [keyof Omit<DomainJobInfo, 'type'>, string][] = [
  ['timeElapsed', 'time_elapsed'], ['timeRemaining', 'time_remaining'], ['dataTotal', 'data_total'], ['dataProcessed', 'data_processed'],
  ['dataRemaining', 'data_remaining'], ['memTotal', 'memory_total'], ['memProcessed', 'memory_processed'], ['memRemaining', 'memory_remaining'],
  ['fileTotal', 'disk_total'], ['fileProcessed', 'disk_processed'], ['fileRemaining', 'disk_remaining'],
];

const label = (text: string): string => text.padEnd(17);
const count = (name: string, value: bigint | number, unit = ''): string => `${label(name)} ${String(value).padEnd(12)}${unit}\n`;
const size = (name: string, value: bigint, suffix = ''): string => `${label(name)} ${prettyCapacity(value, 3)}${suffix}\n`;

/** What virsh prints of a job's optional statistics, in its order: field, how, and the line's name. */
type Line = [field: string, show: (v: bigint) => string | null];
const OPTIONAL_LINES: Line[] = [
  ['memory_constant', (v) => count('Constant pages:', v)],
  ['memory_normal', (v) => count('Normal pages:', v)],
  ['memory_normal_bytes', (v) => size('Normal data:', v)],
];
const AFTER_DOWNTIME: Line[] = [
  ['downtime_net', (v) => count('Downtime w/o network:', v, ' ms')],
  ['setup_time', (v) => count('Setup time:', v, ' ms')],
  ['compression_cache', (v) => size('Compression cache:', v)],
  ['compression_bytes', (v) => size('Compressed data:', v)],
  ['compression_pages', (v) => `${label('Compressed pages:')} ${String(v).padEnd(13)}\n`],
  ['compression_cache_misses', (v) => `${label('Compression cache misses:')} ${String(v).padEnd(13)}\n`],
  ['compression_overflow', (v) => `${label('Compression overflows:')} ${String(v).padEnd(13)}\n`],
];

function jobText(info: DomainJobInfo, params: TypedParam[], completed: boolean): string {
  const get = (field: string): TypedParam | undefined => params.find((p) => p.field === field);
  const ull = (field: string): bigint | undefined => {
    const p = get(field);
    return p && typeof p.value === 'bigint' ? p.value : p && typeof p.value === 'number' ? BigInt(p.value) : undefined;
  };
  const each = (lines: Line[]): string => lines.map(([field, show]) => {
    const v = ull(field);
    return v === undefined ? '' : show(v) ?? '';
  }).join('');
  let out = count('Time elapsed:', info.timeElapsed, ' ms');
  const net = ull('time_elapsed_net');
  if (net !== undefined) out += count('Time elapsed w/o network:', net, ' ms');
  if (info.type === lib.VIR_DOMAIN_JOB_BOUNDED) out += count('Time remaining:', info.timeRemaining, ' ms');
  if (info.dataTotal || info.dataRemaining || info.dataProcessed) {
    out += size('Data processed:', info.dataProcessed) + size('Data remaining:', info.dataRemaining) + size('Data total:', info.dataTotal);
  }
  if (info.memTotal || info.memRemaining || info.memProcessed) {
    out += size('Memory processed:', info.memProcessed) + size('Memory remaining:', info.memRemaining) + size('Memory total:', info.memTotal);
    out += each([
      ['memory_bps', (v) => (v ? size('Memory bandwidth:', v, '/s') : null)],
      ['memory_dirty_rate', (v) => count('Dirty rate:', v, ' pages/s')],
      ['memory_page_size', (v) => count('Page size:', v, ' bytes')],
      ['memory_iteration', (v) => count('Iteration:', v)],
      ['memory_postcopy_requests', (v) => count('Postcopy requests:', v)],
    ]);
  }
  if (info.fileTotal || info.fileRemaining || info.fileProcessed) {
    out += size('File processed:', info.fileProcessed) + size('File remaining:', info.fileRemaining) + size('File total:', info.fileTotal);
    out += each([['disk_bps', (v) => (v ? size('File bandwidth:', v, '/s') : null)]]);
  }
  out += each(OPTIONAL_LINES);
  const downtime = ull('downtime');
  if (downtime !== undefined) out += count(completed ? 'Total downtime:' : 'Expected downtime:', downtime, ' ms');
  out += each(AFTER_DOWNTIME);
  const throttle = get('auto_converge_throttle');
  if (throttle) out += `${label('Auto converge throttle:')} ${String(throttle.value).padEnd(13)}\n`;
  out += each([['disk_temp_used', (v) => size('Temporary disk space use:', v)], ['disk_temp_total', (v) => size('Temporary disk space total:', v)]]);
  const errmsg = get('errmsg');
  if (errmsg && typeof errmsg.value === 'string') out += `${label('Error message:')} ${errmsg.value}\n`;
  return out;
}

async function cmdDomjobinfo(s: Session, cmd: ParsedCommand): Promise<void> {
  const rawstats = optBool(cmd, 'rawstats');
  requires(s, cmd, 'keep-completed', 'completed');
  using dom = await domainOption(s, cmd);
  const flags = (optBool(cmd, 'completed') ? lib.VIR_DOMAIN_JOB_STATS_COMPLETED : 0) | (optBool(cmd, 'keep-completed') ? lib.VIR_DOMAIN_JOB_STATS_KEEP_COMPLETED : 0);
  let info: DomainJobInfo;
  let params: TypedParam[] = [];
  try {
    const stats = await dom.jobStats(flags);
    params = stats.params;
    const zero = Object.fromEntries(INFO_FIELDS.map(([k, field]) => {
      const p = params.find((q) => q.field === field);
      return [k, p ? BigInt(p.value as bigint) : 0n];
    })) as Omit<DomainJobInfo, 'type'>;
    info = { type: stats.type, ...zero };
  } catch (err) {
    if ((err as { code?: number }).code !== ErrorNumber.VIR_ERR_NO_SUPPORT) throw err;
    if (flags !== 0 || rawstats) {
      s.out.error('Optional flags or --rawstats are not supported by the daemon');
      throw err;
    }
    info = await dom.jobInfo();
  }
  if (rawstats) {
    s.out.print(`Job type: ${info.type}\n\n${params.map((p) => `${p.field}: ${typedParamText(p)}\n`).join('')}`);
    return;
  }
  s.out.print(`${label('Job type:')} ${(JOB_TYPES[info.type] ?? 'unknown').padEnd(12)}\n`);
  if (info.type === lib.VIR_DOMAIN_JOB_NONE) return;
  const op = params.find((p) => p.field === 'operation');
  s.out.print(`${label('Operation:')} ${(JOB_OPERATIONS[Number(op?.value ?? 0)] ?? 'unknown').padEnd(12)}\n`);
  const completed = (flags & lib.VIR_DOMAIN_JOB_STATS_COMPLETED) !== 0;
  if (!optBool(cmd, 'anystats') && info.type !== lib.VIR_DOMAIN_JOB_BOUNDED && info.type !== lib.VIR_DOMAIN_JOB_UNBOUNDED
    && !(completed && info.type === lib.VIR_DOMAIN_JOB_COMPLETED)) return;
  s.out.print(jobText(info, params, info.type === lib.VIR_DOMAIN_JOB_COMPLETED));
}

async function cmdDomjobabort(s: Session, cmd: ParsedCommand): Promise<void> {
  using dom = await domainOption(s, cmd);
  if (optBool(cmd, 'postcopy')) await dom.abortJobFlags(lib.VIR_DOMAIN_ABORT_JOB_POSTCOPY);
  else await dom.abortJob();
}

async function cmdMigrateSetMaxDowntime(s: Session, cmd: ParsedCommand): Promise<void> {
  using dom = await domainOption(s, cmd);
  const downtime = optULongLong(s, cmd, 'downtime') ?? 0n;
  if (downtime < 1n) fail(s, 'migrate: Invalid downtime');
  await dom.migrateSetMaxDowntime(downtime, 0);
}

async function cmdMigrateCompcache(s: Session, cmd: ParsedCommand): Promise<void> {
  using dom = await domainOption(s, cmd);
  const wanted = optULongLong(s, cmd, 'size');
  if (wanted !== undefined) await dom.migrateSetCompressionCache(wanted, 0);
  const cache = await dom.migrateGetCompressionCache(0);
  s.out.print(`Compression cache: ${prettyCapacity(cache, 3)}`);
}

const postcopyFlag = (cmd: ParsedCommand): number => (optBool(cmd, 'postcopy') ? lib.VIR_DOMAIN_MIGRATE_MAX_SPEED_POSTCOPY : 0);

/** domdirtyrate-calc --mode words and their VIR_DOMAIN_DIRTYRATE_MODE_* values. */
export const DIRTY_RATE_MODES: Record<string, number> = {
  'page-sampling': lib.VIR_DOMAIN_DIRTYRATE_MODE_PAGE_SAMPLING, 'dirty-bitmap': lib.VIR_DOMAIN_DIRTYRATE_MODE_DIRTY_BITMAP,
  'dirty-ring': lib.VIR_DOMAIN_DIRTYRATE_MODE_DIRTY_RING,
};

async function cmdDirtyRateCalc(s: Session, cmd: ParsedCommand): Promise<void> {
  using dom = await domainOption(s, cmd);
  const seconds = optInt(s, cmd, 'seconds') ?? 1;
  const mode = optString(s, cmd, 'mode');
  const modes = DIRTY_RATE_MODES;
  if (mode !== undefined && !Object.hasOwn(modes, mode)) fail(s, `Unknown calculation mode '${mode}'`);
  await dom.startDirtyRateCalc(seconds, mode === undefined ? 0 : modes[mode]!);
  s.out.printExtra("Start to calculate domain's memory dirty rate successfully.\n");
}

async function cmdFdAssociate(s: Session, cmd: ParsedCommand): Promise<void> {
  const flags = (optBool(cmd, 'seclabel-writable') ? lib.VIR_DOMAIN_FD_ASSOCIATE_SECLABEL_WRITABLE : 0)
    | (optBool(cmd, 'seclabel-restore') ? lib.VIR_DOMAIN_FD_ASSOCIATE_SECLABEL_RESTORE : 0);
  using dom = await domainOption(s, cmd);
  const name = optString(s, cmd, 'name')!;
  await dom.fdAssociate(name, passFds(s, cmd), flags);
}

async function cmdBackupBegin(s: Session, cmd: ParsedCommand): Promise<void> {
  const flags = optBool(cmd, 'reuse-external') ? lib.VIR_DOMAIN_BACKUP_BEGIN_REUSE_EXTERNAL : 0;
  using dom = await domainOption(s, cmd);
  const backupFrom = optString(s, cmd, 'backupxml');
  const backupXML = backupFrom === undefined ? '<domainbackup/>' : await readXMLFile(s, backupFrom);
  const checkFrom = optString(s, cmd, 'checkpointxml');
  const checkpointXML = checkFrom === undefined ? null : await readXMLFile(s, checkFrom);
  await dom.backupBegin(backupXML, checkpointXML, flags);
  s.out.print('Backup started\n');
}

export const jobCommands: CommandDef[] = [
  {
    name: 'domjobinfo',
    summary: "show the progress of a domain's current (or last completed) job",
    options: [
      DOMAIN_ARG,
      flag('completed', 'the statistics of the job that finished last'),
      flag('keep-completed', 'leave those statistics in place after reading them'),
      flag('anystats', 'print the statistics whatever the job type (failed ones too)'),
      flag('rawstats', 'print the statistics as the driver returns them'),
    ],
    handler: cmdDomjobinfo,
  },
  {
    name: 'domjobabort',
    summary: "abort a domain's current job",
    options: [DOMAIN_ARG, flag('postcopy', 'abort a migration in its post-copy phase')],
    handler: cmdDomjobabort,
  },
  {
    name: 'migrate-setmaxdowntime',
    summary: 'set how long a live migration may pause the guest at its end',
    options: [DOMAIN_ARG, { name: 'downtime', type: 'number', required: true, help: 'milliseconds' }],
    handler: cmdMigrateSetMaxDowntime,
  },
  {
    name: 'migrate-getmaxdowntime',
    summary: 'print how long a live migration may pause the guest at its end',
    options: [DOMAIN_ARG],
    async handler(s, cmd) {
      using dom = await domainOption(s, cmd);
      s.out.print(`${await dom.migrateGetMaxDowntime(0)}\n`);
    },
  },
  {
    name: 'migrate-compcache',
    summary: 'set and/or print the size of the migration compression cache',
    options: [DOMAIN_ARG, { name: 'size', type: 'number', named: true, help: 'new cache size in bytes' }],
    handler: cmdMigrateCompcache,
  },
  {
    name: 'migrate-setspeed',
    summary: 'limit the bandwidth a migration may use',
    options: [DOMAIN_ARG, { name: 'bandwidth', type: 'number', required: true, help: 'MiB/s' }, flag('postcopy', 'the limit of the post-copy phase')],
    async handler(s, cmd) {
      using dom = await domainOption(s, cmd);
      const bandwidth = optULongLong(s, cmd, 'bandwidth', true)!;
      await dom.migrateSetMaxSpeed(bandwidth, postcopyFlag(cmd));
    },
  },
  {
    name: 'migrate-getspeed',
    summary: 'print the bandwidth limit of migrations',
    options: [DOMAIN_ARG, flag('postcopy', 'the limit of the post-copy phase')],
    async handler(s, cmd) {
      using dom = await domainOption(s, cmd);
      s.out.print(`${await dom.migrateGetMaxSpeed(postcopyFlag(cmd))}\n`);
    },
  },
  {
    name: 'migrate-postcopy',
    summary: 'switch a running migration to post-copy',
    options: [DOMAIN_ARG],
    async handler(s, cmd) {
      using dom = await domainOption(s, cmd);
      await dom.migrateStartPostCopy(0);
    },
  },
  {
    name: 'domdirtyrate-calc',
    summary: 'measure how fast a guest dirties its memory (read it with domstats --dirtyrate)',
    options: [
      DOMAIN_ARG,
      { name: 'seconds', type: 'number', help: 'how long to measure, 1 to 60 (default 1)' },
      { name: 'mode', type: 'string', help: 'page-sampling, dirty-bitmap or dirty-ring' },
    ],
    handler: cmdDirtyRateCalc,
  },
  {
    name: 'dom-fd-associate',
    summary: 'hand file descriptors to a domain under a name, for its next start',
    options: [
      DOMAIN_ARG,
      { name: 'name', type: 'data', required: true, help: 'the name of the descriptor group' },
      { ...PASS_FDS, type: 'data', required: true },
      flag('seclabel-writable', 'label the descriptors for writing'),
      flag('seclabel-restore', 'restore their labels after use where possible'),
    ],
    handler: cmdFdAssociate,
  },
  {
    name: 'backup-begin',
    summary: 'start a backup of a running domain',
    options: [
      DOMAIN_ARG,
      { name: 'backupxml', type: 'string', help: 'file holding the backup XML' },
      { name: 'checkpointxml', type: 'string', help: 'file holding the XML of a checkpoint to take with it' },
      flag('reuse-external', 'use the target files the XML names as they are'),
    ],
    handler: cmdBackupBegin,
  },
  {
    name: 'backup-dumpxml',
    summary: "print the XML of a domain's running backup",
    options: [DOMAIN_ARG, ...XPATH_OPTIONS],
    async handler(s, cmd) {
      using dom = await domainOption(s, cmd);
      optStringQuietOrFail(cmd, 'xpath');
      await printXML(s, cmd, await dom.backupGetXMLDesc(0));
    },
  },
];
