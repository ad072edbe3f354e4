/**
 * `migrate` as virsh 9.0.0 runs it: the option checks, the destination connection (unless the
 * source migrates by itself: --p2p, --direct), the options as flags and VIR_MIGRATE_PARAM_*
 * typed parameters, and the job watch (progress with --verbose, the --timeout action, Ctrl-C).
 */
import {
  VIR_DOMAIN_EVENT_ID_MIGRATION_ITERATION, VIR_DOMAIN_JOB_BOUNDED, VIR_DOMAIN_JOB_UNBOUNDED, VIR_MIGRATE_ABORT_ON_ERROR, VIR_MIGRATE_AUTO_CONVERGE,
  VIR_MIGRATE_CHANGE_PROTECTION, VIR_MIGRATE_COMPRESSED, VIR_MIGRATE_LIVE, VIR_MIGRATE_NON_SHARED_DISK, VIR_MIGRATE_NON_SHARED_INC,
  VIR_MIGRATE_NON_SHARED_SYNCHRONOUS_WRITES, VIR_MIGRATE_OFFLINE, VIR_MIGRATE_PARALLEL, VIR_MIGRATE_PAUSED, VIR_MIGRATE_PEER2PEER,
  VIR_MIGRATE_PERSIST_DEST, VIR_MIGRATE_POSTCOPY, VIR_MIGRATE_POSTCOPY_RESUME, VIR_MIGRATE_RDMA_PIN_ALL, VIR_MIGRATE_TLS, VIR_MIGRATE_TUNNELLED,
  VIR_MIGRATE_UNDEFINE_SOURCE, VIR_MIGRATE_UNSAFE, VIR_MIGRATE_ZEROCOPY, VIR_TYPED_PARAM_INT, VIR_TYPED_PARAM_STRING, VIR_TYPED_PARAM_ULLONG,
  type Connect, type Domain, type TypedParam,
} from '../../index.js';
import type { CommandDef, OptionDef, ParsedCommand } from '../command.js';
import { domainOption } from '../lookup.js';
import { CommandFailed, exclusive, fail, optBool, optInt, optString, optUInt, optULongLong, requires } from '../opts.js';
import { DOMAIN_ARG } from '../domain-options.js';
import { readFileOrReason } from '../files.js';
import type { Session } from '../session.js';
import { printProgress } from './domain-blockjob.js';

const flag = (name: string, help: string): OptionDef => ({ name, type: 'bool', help });
const text = (name: string, help: string): OptionDef => ({ name, type: 'string', help });
const num = (name: string, help: string): OptionDef => ({ name, type: 'number', help });

/** Boolean options and the flag each sets, in virsh's order. */
const FLAG_OPTIONS: [string, number][] = [
  ['live', VIR_MIGRATE_LIVE], ['p2p', VIR_MIGRATE_PEER2PEER], ['tunnelled', VIR_MIGRATE_TUNNELLED], ['persistent', VIR_MIGRATE_PERSIST_DEST],
  ['undefinesource', VIR_MIGRATE_UNDEFINE_SOURCE], ['suspend', VIR_MIGRATE_PAUSED], ['copy-storage-all', VIR_MIGRATE_NON_SHARED_DISK],
  ['copy-storage-inc', VIR_MIGRATE_NON_SHARED_INC], ['copy-storage-synchronous-writes', VIR_MIGRATE_NON_SHARED_SYNCHRONOUS_WRITES],
  ['change-protection', VIR_MIGRATE_CHANGE_PROTECTION], ['unsafe', VIR_MIGRATE_UNSAFE], ['compressed', VIR_MIGRATE_COMPRESSED],
  ['auto-converge', VIR_MIGRATE_AUTO_CONVERGE], ['rdma-pin-all', VIR_MIGRATE_RDMA_PIN_ALL], ['offline', VIR_MIGRATE_OFFLINE],
  ['abort-on-error', VIR_MIGRATE_ABORT_ON_ERROR], ['postcopy', VIR_MIGRATE_POSTCOPY], ['postcopy-resume', VIR_MIGRATE_POSTCOPY_RESUME],
  ['zerocopy', VIR_MIGRATE_ZEROCOPY], ['tls', VIR_MIGRATE_TLS], ['parallel', VIR_MIGRATE_PARALLEL],
];

/** The typed parameters of the options, in the order virsh reads them (a bad value fails at its turn). */
async function migrationParams(s: Session, cmd: ParsedCommand): Promise<TypedParam[]> {
  const params: TypedParam[] = [];
  const str = (field: string, value: string | undefined) => { if (value !== undefined) params.push({ field, type: VIR_TYPED_PARAM_STRING, value }); };
  const int = (field: string, value: number | undefined) => { if (value !== undefined) params.push({ field, type: VIR_TYPED_PARAM_INT, value }); };
  const ull = (field: string, value: bigint | undefined) => { if (value !== undefined) params.push({ field, type: VIR_TYPED_PARAM_ULLONG, value }); };
  const list = (field: string, value: string | undefined) => { for (const item of value?.split(',') ?? []) str(field, item); };
  /** virsh names the file first, then libvirt's reason. */
  const file = async (field: string, path: string | undefined) => {
    if (path === undefined) return;
    const read = await readFileOrReason(path);
    if ('reason' in read) {
      s.out.error(`cannot read file '${path}'`);
      fail(s, read.reason);
    }
    str(field, read.text);
  };
  str('migrate_uri', optString(s, cmd, 'migrateuri'));
  str('graphics_uri', optString(s, cmd, 'graphicsuri'));
  str('listen_address', optString(s, cmd, 'listen-address'));
  const disksPort = optInt(s, cmd, 'disks-port');
  if (disksPort) int('disks_port', disksPort); // virsh leaves a zero port out
  str('disks_uri', optString(s, cmd, 'disks-uri'));
  str('destination_name', optString(s, cmd, 'dname'));
  list('migrate_disks', optString(s, cmd, 'migrate-disks'));
  list('compression', optString(s, cmd, 'comp-methods'));
  int('compression.mt.level', optInt(s, cmd, 'comp-mt-level'));
  int('compression.mt.threads', optInt(s, cmd, 'comp-mt-threads'));
  int('compression.mt.dthreads', optInt(s, cmd, 'comp-mt-dthreads'));
  ull('compression.xbzrle.cache', optULongLong(s, cmd, 'comp-xbzrle-cache'));
  await file('destination_xml', optString(s, cmd, 'xml'));
  await file('persistent_xml', optString(s, cmd, 'persistent-xml'));
  int('auto_converge.initial', optInt(s, cmd, 'auto-converge-initial'));
  int('auto_converge.increment', optInt(s, cmd, 'auto-converge-increment'));
  ull('bandwidth.postcopy', optULongLong(s, cmd, 'postcopy-bandwidth'));
  int('parallel.connections', optInt(s, cmd, 'parallel-connections'));
  ull('bandwidth', optULongLong(s, cmd, 'bandwidth'));
  str('tls.destination', optString(s, cmd, 'tls-destination'));
  return params;
}

/** virsh's doMigrate: the call itself, to the destination connection or by the source alone. */
async function doMigrate(s: Session, cmd: ParsedCommand, dom: Domain, dconn: Connect | null): Promise<void> {
  const desturi = optString(s, cmd, 'desturi') ?? null;
  const params = await migrationParams(s, cmd);
  let flags = 0;
  for (const [name, bit] of FLAG_OPTIONS) if (optBool(cmd, name)) flags |= bit;
  if (flags & VIR_MIGRATE_NON_SHARED_SYNCHRONOUS_WRITES && !(flags & (VIR_MIGRATE_NON_SHARED_DISK | VIR_MIGRATE_NON_SHARED_INC))) {
    fail(s, "'--copy-storage-synchronous-writes' requires one of '--copy-storage-all', 'copy-storage-inc'");
  }
  if (dconn) {
    (await dom.migrate3(dconn, params, flags)).free();
  } else {
    await dom.migrateToURI3(desturi, params, flags);
  }
}

type TimeoutAction = 'suspend' | 'postcopy';

/**
 * virshWatchJob: while the migration runs, ask for the job every half second (its progress with
 * --verbose), run the timeout action once, and abort the job on Ctrl-C.
 */
async function watchJob(s: Session, dom: Domain, job: Promise<void>, verbose: boolean, timeoutSecs: number, action: TimeoutAction): Promise<void> {
  let started = false;
  let polling = true;
  const poll = setInterval(() => {
    if (!polling) return;
    dom.jobInfo().then((info) => {
      if (verbose && info.dataTotal > 0n) printProgress(s, 'Migration', info.dataRemaining, info.dataTotal);
      if (!started && (info.type === VIR_DOMAIN_JOB_BOUNDED || info.type === VIR_DOMAIN_JOB_UNBOUNDED)) {
        started = true;
        if (!verbose) polling = false;
      }
    }, () => undefined);
  }, 500);
  const timer = timeoutSecs > 0
    ? setTimeout(() => { void (action === 'postcopy' ? dom.migrateStartPostCopy(0) : dom.suspend()).catch(() => undefined); }, timeoutSecs * 1000)
    : null;
  const onInterrupt = (): void => { void dom.abortJob().catch(() => undefined); };
  process.on('SIGINT', onInterrupt);
  try {
    await job;
    if (verbose) printProgress(s, 'Migration', 0n, 1n);
  } finally {
    clearInterval(poll);
    if (timer) clearTimeout(timer);
    process.off('SIGINT', onInterrupt);
  }
}

async function cmdMigrate(s: Session, cmd: ParsedCommand): Promise<void> {
  exclusive(s, cmd, 'live', 'offline');
  exclusive(s, cmd, 'timeout-suspend', 'timeout-postcopy');
  requires(s, cmd, 'postcopy-after-precopy', 'postcopy');
  requires(s, cmd, 'postcopy-resume', 'postcopy');
  requires(s, cmd, 'timeout-postcopy', 'postcopy');
  requires(s, cmd, 'persistent-xml', 'persistent');
  requires(s, cmd, 'tls-destination', 'tls');
  const dom = await domainOption(s, cmd);
  let dconn: Connect | null = null;
  let iterationEvent: number | null = null;
  try {
    const timeout = optUInt(s, cmd, 'timeout') ?? 0;
    if (timeout > 0 && !optBool(cmd, 'live')) fail(s, 'migrate: Unexpected timeout for offline migration');
    const action: TimeoutAction | null = optBool(cmd, 'timeout-postcopy') ? 'postcopy' : optBool(cmd, 'timeout-suspend') ? 'suspend' : null;
    if (timeout === 0 && action) fail(s, 'migrate: Unexpected --timeout-* option without --timeout');
    if (optBool(cmd, 'postcopy-after-precopy')) {
      // After the first full pass over memory, switch to post-copy.
      iterationEvent = await s.conn.domainEventRegisterAny(dom, VIR_DOMAIN_EVENT_ID_MIGRATION_ITERATION, (event) => {
        if (event.iteration === 2) void event.dom.migrateStartPostCopy(0).catch(() => undefined);
      });
    }
    if (!optBool(cmd, 'p2p') && !optBool(cmd, 'direct')) {
      dconn = await s.openOther(optString(s, cmd, 'desturi')!);
    }
    await watchJob(s, dom, doMigrate(s, cmd, dom, dconn), optBool(cmd, 'verbose'), timeout, action ?? 'suspend');
  } catch (err) {
    // virsh never keeps these errors as its own last error, so it never takes them for a lost
    // connection (a failed destination is not a reason to reconnect to the source).
    if (err instanceof CommandFailed) throw err;
    s.out.error((err as Error).message || 'unknown error');
    throw new CommandFailed();
  } finally {
    if (dconn) await dconn.close().catch(() => undefined);
    if (iterationEvent !== null) await s.conn.domainEventDeregisterAny(iterationEvent).catch(() => undefined);
    dom.free();
  }
}

export const migrateCommands: CommandDef[] = [{
  name: 'migrate',
  summary: 'move a domain to another host',
  description: 'Move a domain to another host; --live keeps it running meanwhile.',
  options: [
    DOMAIN_ARG,
    { name: 'desturi', type: 'data', required: true, help: "the destination's connection URI, as the client sees it (or the source, with --p2p)" },
    flag('live', 'migrate while the domain runs'),
    flag('offline', 'migrate only the definition'),
    flag('p2p', 'let the source talk to the destination itself'),
    flag('direct', 'let the source hypervisor migrate without a destination daemon'),
    { name: 'tunneled', type: 'alias', alias: 'tunnelled' },
    flag('tunnelled', 'carry the migration over the daemons\' connection'),
    flag('persistent', 'define the domain on the destination'),
    flag('undefinesource', 'undefine the domain on the source'),
    flag('suspend', 'leave the domain paused on the destination'),
    flag('copy-storage-all', 'copy whole disks too (storage not shared)'),
    flag('copy-storage-inc', 'copy disks above a shared base image'),
    flag('copy-storage-synchronous-writes', 'write guest disk writes to the destination synchronously while copying'),
    flag('change-protection', 'refuse configuration changes until the migration ends'),
    flag('unsafe', 'migrate even where it may be unsafe'),
    flag('verbose', 'show the progress'),
    flag('compressed', 'compress repeated pages'),
    flag('auto-converge', 'slow the guest down until the migration converges'),
    flag('rdma-pin-all', 'pin all guest memory before an RDMA migration'),
    flag('abort-on-error', 'abort on soft errors'),
    flag('postcopy', 'allow switching to post-copy (see migrate-postcopy)'),
    flag('postcopy-after-precopy', 'switch to post-copy after the first pre-copy pass'),
    flag('postcopy-resume', 'resume a failed post-copy migration'),
    flag('zerocopy', 'send memory pages without copying them'),
    text('migrateuri', 'the URI the migration data goes to (usually left out)'),
    text('graphicsuri', 'where graphics clients should reconnect to'),
    text('listen-address', 'the address the destination listens on for the migration'),
    text('dname', 'the name the domain takes on the destination'),
    num('timeout', 'seconds after which the --timeout-* action (suspend by default) runs'),
    flag('timeout-suspend', 'suspend the guest when the timeout expires'),
    flag('timeout-postcopy', 'switch to post-copy when the timeout expires'),
    text('xml', 'a file with the domain XML to use on the destination'),
    text('migrate-disks', 'comma-separated disks to migrate'),
    num('disks-port', 'the port the destination listens on for disks'),
    text('disks-uri', 'the URI disks go to (instead of --disks-port)'),
    text('comp-methods', 'comma-separated compression methods'),
    num('comp-mt-level', 'multithreaded compression level'),
    num('comp-mt-threads', 'multithreaded compression threads'),
    num('comp-mt-dthreads', 'multithreaded decompression threads'),
    num('comp-xbzrle-cache', 'page cache size for xbzrle compression'),
    num('auto-converge-initial', 'initial throttling percentage for auto-converge'),
    num('auto-converge-increment', 'throttling step for auto-converge'),
    text('persistent-xml', 'a file with the persistent domain XML for the destination'),
    flag('tls', 'encrypt the migration with TLS'),
    num('postcopy-bandwidth', 'post-copy bandwidth limit, MiB/s'),
    flag('parallel', 'migrate over several connections'),
    num('parallel-connections', 'how many connections for --parallel'),
    num('bandwidth', 'bandwidth limit, MiB/s'),
    text('tls-destination', 'the host name TLS verifies the destination against'),
  ],
  handler: cmdMigrate,
}];
