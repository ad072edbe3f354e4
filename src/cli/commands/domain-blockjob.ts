/**
 * Block device commands (virsh's Domain Management group): blockresize, domblkthreshold and the
 * block jobs blockpull, blockcommit, blockcopy and blockjob.
 */
import {
  VIR_DOMAIN_BLOCK_COMMIT_ACTIVE, VIR_DOMAIN_BLOCK_COMMIT_BANDWIDTH_BYTES, VIR_DOMAIN_BLOCK_COMMIT_DELETE, VIR_DOMAIN_BLOCK_COMMIT_RELATIVE,
  VIR_DOMAIN_BLOCK_COMMIT_SHALLOW, VIR_DOMAIN_BLOCK_COPY_SYNCHRONOUS_WRITES, VIR_DOMAIN_BLOCK_COPY_TRANSIENT_JOB,
  VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC, VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT, VIR_DOMAIN_BLOCK_JOB_INFO_BANDWIDTH_BYTES,
  VIR_DOMAIN_BLOCK_JOB_SPEED_BANDWIDTH_BYTES, VIR_DOMAIN_BLOCK_PULL_BANDWIDTH_BYTES, VIR_DOMAIN_BLOCK_REBASE_BANDWIDTH_BYTES,
  VIR_DOMAIN_BLOCK_REBASE_COPY, VIR_DOMAIN_BLOCK_REBASE_COPY_DEV, VIR_DOMAIN_BLOCK_REBASE_COPY_RAW, VIR_DOMAIN_BLOCK_REBASE_RELATIVE,
  VIR_DOMAIN_BLOCK_REBASE_REUSE_EXT, VIR_DOMAIN_BLOCK_REBASE_SHALLOW, VIR_DOMAIN_BLOCK_RESIZE_BYTES, VIR_TYPED_PARAM_UINT,
  VIR_TYPED_PARAM_ULLONG, ErrorNumber, VirError, type Domain, type TypedParam,
} from '../../index.js';
import type { CommandDef, OptionDef, ParsedCommand } from '../command.js';
import { domainOption, must } from '../lookup.js';
import { CommandFailed, exclusive, fail, optBool, optScaled, optString, optUInt, optULongLong, requires } from '../opts.js';
import { DOMAIN_ARG } from '../domain-options.js';
import { parseUInt64, parseUInt64Prefix, scaleInteger } from '../numbers.js';
import { prettyCapacity } from '../objects.js';
import { readXMLFile } from '../files.js';
import { escAttr, formatElement } from '../device-xml.js';
import type { Session } from '../session.js';

const ULONG_MAX = 2n ** 64n - 1n;
const INT_MAX = 2 ** 31 - 1;

const JOB_NAMES = ['Unknown job', 'Block Pull', 'Block Copy', 'Block Commit', 'Active Block Commit', 'Backup'];
const jobName = (type: number): string => JOB_NAMES[type] ?? 'Unknown job';

const flag = (name: string, help: string): OptionDef => ({ name, type: 'bool', help });
const PATH_ARG: OptionDef = { name: 'path', type: 'data', required: true, help: 'the disk (target such as vda, or source path)' };
const BANDWIDTH: OptionDef = { name: 'bandwidth', type: 'number', help: 'bandwidth limit in MiB/s (or with a unit)' };
const TIMEOUT: OptionDef = { name: 'timeout', type: 'number', help: 'give up (and abort the job) after this many seconds' };

/**
 * vshBlockJobOptionBandwidth: a plain number (negative ones wrap) is taken as given; anything
 * else must be a scaled size, in bytes, then turned into MiB unless `bytes`.
 */
function optBandwidth(s: Session, cmd: ParsedCommand, bytes: boolean): bigint {
  const opt = cmd.opts.find((o) => o.def.name === 'bandwidth');
  if (!opt) return 0n;
  const text = opt.value ?? '';
  const plain = parseUInt64(text, true);
  if (plain !== null) return plain;
  const head = parseUInt64Prefix(text, false);
  const scaled = head ? scaleInteger(head.value, head.rest, 1n, ULONG_MAX) : null;
  if (typeof scaled !== 'bigint') {
    s.out.error(`Scaled numeric value '${text}' for <--bandwidth> option is malformed or out of range`);
    if (scaled?.kind === 'suffix') s.out.error(`invalid argument: unknown suffix '${scaled.suffix}'`);
    else if (scaled?.kind === 'overflow') s.out.error(`numerical overflow: value too large: ${scaled.value}${scaled.suffix}`);
    throw new CommandFailed();
  }
  return bytes ? scaled : scaled >> 20n;
}

/** vshCommandOptTimeoutToMs: seconds, non-zero and small enough to count in int milliseconds. */
function optTimeoutMs(s: Session, cmd: ParsedCommand): number {
  const seconds = optUInt(s, cmd, 'timeout');
  if (seconds === undefined) return 0;
  if (seconds === 0 || seconds > Math.floor(INT_MAX / 1000)) fail(s, `Numeric value '${seconds}' for <timeout> option is malformed or out of range`);
  return seconds * 1000;
}

/** virshPrintJobProgress: `label: [ nn %]` on stderr, rewritten in place. */
export function printProgress(s: Session, label: string, remaining: bigint, total: bigint): void {
  let progress = 100;
  if (remaining !== 0n) progress = Math.min(99, Math.trunc(100 - (Number(remaining) * 100) / Number(total)));
  s.out.stderrRaw(`\r${label}: [${String(progress).padStart(3)} %]`);
}

type WaitEnd = 'completed' | 'ready' | 'canceled';

/**
 * virshBlockJobWait as virsh runs it when it hears no job events: poll the job every half
 * second; a job that vanished has completed, one at 100 % is ready (in its mirroring phase).
 * The timeout, or Ctrl-C, aborts it.
 */
async function waitForJob(s: Session, dom: Domain, path: string, label: string, verbose: boolean, timeoutMs: number, asyncAbort: boolean): Promise<WaitEnd> {
  const start = Date.now();
  let interrupted = false;
  const onInterrupt = (): void => { interrupted = true; };
  process.on('SIGINT', onInterrupt);
  try {
    let last = { cur: 0n, end: 0n };
    for (;;) {
      const info = await must(s, `failed to query job for disk ${path}`, () => dom.blockJobInfo(path, 0));
      if (info === null) return done('completed');
      if (info.cur === info.end) return done('ready');
      if (verbose && (info.cur !== last.cur || info.end !== last.end)) printProgress(s, label, info.end - info.cur, info.end);
      last = info;
      if (interrupted || (timeoutMs && Date.now() - start > timeoutMs)) {
        await must(s, `failed to abort job for disk '${path}'`, () => dom.blockJobAbort(path, asyncAbort ? VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC : 0));
        return 'canceled';
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    process.off('SIGINT', onInterrupt);
  }
  function done(end: WaitEnd): WaitEnd {
    if (verbose) printProgress(s, label, 0n, 1n);
    return end;
  }
}

/** Wait for the job; false (after virsh's `aborted` line) when it was aborted. */
async function awaitJob(s: Session, dom: Domain, path: string, label: string, cmd: ParsedCommand, timeoutMs: number, aborted: string): Promise<boolean> {
  const end = await waitForJob(s, dom, path, label, optBool(cmd, 'verbose'), timeoutMs, optBool(cmd, 'async'));
  if (end === 'canceled') {
    s.out.printExtra(`\n${aborted}`);
    return false;
  }
  return true;
}

/** End a two-phase job once synchronised: pivot to the new image, or keep both. */
async function finishJob(s: Session, dom: Domain, path: string, pivot: boolean, asyncAbort: boolean, finished: string): Promise<void> {
  const flags = (asyncAbort ? VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC : 0) | (pivot ? VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT : 0);
  await must(s, `failed to ${pivot ? 'pivot' : 'finish'} job for disk ${path}`, () => dom.blockJobAbort(path, flags));
  s.out.printExtra(`\n${pivot ? 'Successfully pivoted' : finished}`);
}

/** --verbose and --async only make sense while waiting. */
function checkWaitOnly(s: Session, cmd: ParsedCommand, blocking: boolean, waitOptions: string): void {
  if (blocking) return;
  for (const name of ['verbose', 'async']) {
    if (optBool(cmd, name)) fail(s, `--${name} requires at least one of ${waitOptions}`);
  }
}

async function cmdBlockcommit(s: Session, cmd: ParsedCommand): Promise<void> {
  const pivot = optBool(cmd, 'pivot');
  const keepOverlay = optBool(cmd, 'keep-overlay');
  const active = optBool(cmd, 'active') || pivot || keepOverlay;
  let blocking = optBool(cmd, 'wait') || pivot || keepOverlay;
  const bytes = optBool(cmd, 'bytes');
  exclusive(s, cmd, 'pivot', 'keep-overlay');
  const path = optString(s, cmd, 'path')!;
  const base = optString(s, cmd, 'base') ?? null;
  const top = optString(s, cmd, 'top') ?? null;
  const bandwidth = optBandwidth(s, cmd, bytes);
  const flags = (bytes ? VIR_DOMAIN_BLOCK_COMMIT_BANDWIDTH_BYTES : 0) | (optBool(cmd, 'shallow') ? VIR_DOMAIN_BLOCK_COMMIT_SHALLOW : 0)
    | (optBool(cmd, 'delete') ? VIR_DOMAIN_BLOCK_COMMIT_DELETE : 0) | (active ? VIR_DOMAIN_BLOCK_COMMIT_ACTIVE : 0)
    | (optBool(cmd, 'keep-relative') ? VIR_DOMAIN_BLOCK_COMMIT_RELATIVE : 0);
  const timeout = optTimeoutMs(s, cmd);
  if (timeout) blocking = true;
  checkWaitOnly(s, cmd, blocking, '--timeout, --wait, --pivot, or --keep-overlay');
  using dom = await domainOption(s, cmd);
  await dom.blockCommit(path, base, top, bandwidth, flags);
  if (!blocking) {
    s.out.printExtra(active ? 'Active Block Commit started' : 'Block Commit started');
    return;
  }
  if (!(await awaitJob(s, dom, path, 'Block commit', cmd, timeout, 'Commit aborted'))) throw new CommandFailed();
  if (!active) s.out.printExtra('\nCommit complete');
  else if (pivot || keepOverlay) await finishJob(s, dom, path, pivot, optBool(cmd, 'async'), 'Commit complete, overlay image kept');
  else s.out.printExtra('\nNow in synchronized phase');
}

/** blockcopy's typed parameters (the new API), bandwidth turned into bytes/s. */
function copyParams(s: Session, bandwidth: bigint, bytes: boolean, granularity: number, bufSize: bigint): TypedParam[] {
  const params: TypedParam[] = [];
  if (bandwidth) {
    const limit = ULONG_MAX >> 20n;
    if (!bytes && bandwidth > limit) fail(s, `bandwidth must be less than ${limit}`);
    params.push({ field: 'bandwidth', type: VIR_TYPED_PARAM_ULLONG, value: bytes ? bandwidth : bandwidth << 20n });
  }
  if (granularity) params.push({ field: 'granularity', type: VIR_TYPED_PARAM_UINT, value: granularity });
  if (bufSize) params.push({ field: 'buf-size', type: VIR_TYPED_PARAM_ULLONG, value: bufSize });
  return params;
}

/** The destination disk blockcopy describes when given no --xml. */
function copyDestXML(dest: string | undefined, format: string | undefined, blockdev: boolean): string {
  const children = formatElement('  ', 'source', escAttr(blockdev ? 'dev' : 'file', dest), '') + formatElement('  ', 'driver', escAttr('type', format), '');
  return formatElement('', 'disk', ` type='${blockdev ? 'block' : 'file'}'`, children);
}

async function cmdBlockcopy(s: Session, cmd: ParsedCommand): Promise<void> {
  const pivot = optBool(cmd, 'pivot');
  const finish = optBool(cmd, 'finish');
  const blockdev = optBool(cmd, 'blockdev');
  let blocking = optBool(cmd, 'wait') || finish || pivot;
  const bytes = optBool(cmd, 'bytes');
  const transient = optBool(cmd, 'transient-job');
  const syncWrites = optBool(cmd, 'synchronous-writes');
  const printXML = optBool(cmd, 'print-xml');
  const path = optString(s, cmd, 'path')!;
  const dest = optString(s, cmd, 'dest');
  const xml = optString(s, cmd, 'xml');
  const format = optString(s, cmd, 'format');
  const bandwidth = optBandwidth(s, cmd, bytes);
  const granularity = optUInt(s, cmd, 'granularity') ?? 0;
  const bufSize = optULongLong(s, cmd, 'buf-size') ?? 0n;
  let flags = (optBool(cmd, 'shallow') ? VIR_DOMAIN_BLOCK_REBASE_SHALLOW : 0) | (optBool(cmd, 'reuse-external') ? VIR_DOMAIN_BLOCK_REBASE_REUSE_EXT : 0)
    | (transient ? VIR_DOMAIN_BLOCK_COPY_TRANSIENT_JOB : 0) | (syncWrites ? VIR_DOMAIN_BLOCK_COPY_SYNCHRONOUS_WRITES : 0);
  const timeout = optTimeoutMs(s, cmd);
  if (timeout) blocking = true;
  exclusive(s, cmd, 'dest', 'xml');
  exclusive(s, cmd, 'format', 'xml');
  exclusive(s, cmd, 'blockdev', 'xml');
  exclusive(s, cmd, 'pivot', 'finish');
  if (dest === undefined && xml === undefined) fail(s, 'need either --dest or --xml');
  checkWaitOnly(s, cmd, blocking, '--timeout, --wait, --pivot, or --finish');
  using dom = await domainOption(s, cmd);
  const destXML = xml !== undefined ? await readXMLFile(s, xml) : undefined;
  if (granularity || bufSize || (format !== undefined && format !== 'raw') || destXML !== undefined || transient || syncWrites || printXML) {
    const params = copyParams(s, bandwidth, bytes, granularity, bufSize);
    const description = destXML ?? copyDestXML(dest, format, blockdev);
    if (printXML) {
      s.out.print(description);
      return;
    }
    await dom.blockCopy(path, description, params, flags);
  } else {
    flags |= VIR_DOMAIN_BLOCK_REBASE_COPY | (blockdev ? VIR_DOMAIN_BLOCK_REBASE_COPY_DEV : 0) | (format === 'raw' ? VIR_DOMAIN_BLOCK_REBASE_COPY_RAW : 0)
      | (bytes ? VIR_DOMAIN_BLOCK_REBASE_BANDWIDTH_BYTES : 0);
    await dom.blockRebase(path, dest ?? null, bandwidth, flags);
  }
  if (!blocking) {
    s.out.printExtra('Block Copy started');
    return;
  }
  if (!(await awaitJob(s, dom, path, 'Block Copy', cmd, timeout, 'Copy aborted'))) throw new CommandFailed();
  if (pivot || finish) await finishJob(s, dom, path, pivot, optBool(cmd, 'async'), 'Successfully copied');
  else s.out.printExtra('\nNow in mirroring phase');
}

async function cmdBlockpull(s: Session, cmd: ParsedCommand): Promise<void> {
  const blocking = optBool(cmd, 'wait');
  const bytes = optBool(cmd, 'bytes');
  requires(s, cmd, 'verbose', 'wait');
  requires(s, cmd, 'async', 'wait');
  const path = optString(s, cmd, 'path')!;
  const base = optString(s, cmd, 'base');
  const bandwidth = optBandwidth(s, cmd, bytes);
  const timeout = optTimeoutMs(s, cmd);
  const relative = optBool(cmd, 'keep-relative');
  using dom = await domainOption(s, cmd);
  if (base !== undefined || relative) {
    const flags = (relative ? VIR_DOMAIN_BLOCK_REBASE_RELATIVE : 0) | (bytes ? VIR_DOMAIN_BLOCK_REBASE_BANDWIDTH_BYTES : 0);
    await dom.blockRebase(path, base ?? null, bandwidth, flags);
  } else {
    await dom.blockPull(path, bandwidth, bytes ? VIR_DOMAIN_BLOCK_PULL_BANDWIDTH_BYTES : 0);
  }
  if (!blocking) {
    s.out.printExtra('Block Pull started');
    return;
  }
  if (!(await awaitJob(s, dom, path, 'Block Pull', cmd, timeout, 'Pull aborted'))) throw new CommandFailed();
  s.out.printExtra('\nPull complete');
}

/** blockjob's report: the job's progress and bandwidth, or its raw fields. */
async function showJob(s: Session, dom: Domain, path: string, raw: boolean, bytes: boolean): Promise<void> {
  let info;
  let speed = 0n;
  let inBytes = false;
  if (bytes || !raw) {
    try {
      info = await dom.blockJobInfo(path, VIR_DOMAIN_BLOCK_JOB_INFO_BANDWIDTH_BYTES);
      inBytes = true;
    } catch (err) {
      // A driver that cannot report bytes: ask again in MiB/s (unless bytes were demanded).
      const code = err instanceof VirError ? err.code : -1;
      if (bytes || (code !== ErrorNumber.VIR_ERR_INVALID_ARG && code !== ErrorNumber.VIR_ERR_OVERFLOW)) throw err;
    }
  }
  if (!inBytes) info = await dom.blockJobInfo(path, 0);
  if (!info) {
    if (!raw) s.out.printExtra(`No current block job for ${path}`);
    return;
  }
  speed = inBytes || raw ? info.bandwidth : info.bandwidth << 20n;
  if (raw) {
    s.out.print(` type=${jobName(info.type)}\n bandwidth=${info.bandwidth}\n cur=${info.cur}\n end=${info.end}\n`);
    return;
  }
  printProgress(s, jobName(info.type), info.end - info.cur, info.end);
  if (speed) s.out.print(`    Bandwidth limit: ${speed} bytes/s (${prettyCapacity(speed, 3)}/s)`);
  s.out.print('\n');
}

async function cmdBlockjob(s: Session, cmd: ParsedCommand): Promise<void> {
  const raw = optBool(cmd, 'raw');
  const bytes = optBool(cmd, 'bytes');
  const pivot = optBool(cmd, 'pivot');
  const asyncAbort = optBool(cmd, 'async');
  for (const [a, b] of [['raw', 'abort'], ['raw', 'pivot'], ['raw', 'async'], ['raw', 'bandwidth'], ['info', 'abort'], ['info', 'pivot'],
    ['info', 'async'], ['info', 'bandwidth'], ['bytes', 'abort'], ['bytes', 'pivot'], ['bytes', 'async']] as const) exclusive(s, cmd, a, b);
  using dom = await domainOption(s, cmd);
  const path = optString(s, cmd, 'path')!;
  if (optBool(cmd, 'bandwidth')) {
    const bandwidth = optBandwidth(s, cmd, bytes);
    await dom.blockJobSetSpeed(path, bandwidth, bytes ? VIR_DOMAIN_BLOCK_JOB_SPEED_BANDWIDTH_BYTES : 0);
  } else if (optBool(cmd, 'abort') || pivot || asyncAbort) {
    await dom.blockJobAbort(path, (asyncAbort ? VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC : 0) | (pivot ? VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT : 0));
  } else {
    await showJob(s, dom, path, raw, bytes);
  }
}

export const blockCommands: CommandDef[] = [
  {
    name: 'blockresize',
    summary: "change the size of a running domain's disk",
    options: [
      DOMAIN_ARG,
      PATH_ARG,
      { name: 'size', type: 'number', required: true, help: 'the new size (KiB unless a unit is given)' },
    ],
    async handler(s, cmd) {
      const path = optString(s, cmd, 'path')!;
      let size = optScaled(s, cmd, 'size', 1024n, 2n ** 64n - 1n)!;
      let flags = 0;
      if (size % 1024n === 0n) size /= 1024n;
      else flags = VIR_DOMAIN_BLOCK_RESIZE_BYTES;
      using dom = await domainOption(s, cmd);
      await must(s, `Failed to resize block device '${path}'`, () => dom.blockResize(path, size, flags));
      s.out.printExtra(`Block device '${path}' is resized`);
    },
  },
  {
    name: 'domblkthreshold',
    summary: 'ask for a block-threshold event when a disk is written past a size',
    options: [
      DOMAIN_ARG,
      { name: 'dev', type: 'data', required: true, help: 'the disk (target, or target[index] for a backing image)' },
      { name: 'threshold', type: 'number', required: true, help: 'the size (bytes unless a unit is given)' },
    ],
    async handler(s, cmd) {
      const dev = optString(s, cmd, 'dev')!;
      const threshold = optScaled(s, cmd, 'threshold', 1n, 2n ** 64n - 1n)!;
      using dom = await domainOption(s, cmd);
      await dom.setBlockThreshold(dev, threshold, 0);
    },
  },
  {
    name: 'blockpull',
    summary: "fill a disk's top image from its backing images",
    options: [
      DOMAIN_ARG, PATH_ARG, BANDWIDTH,
      { name: 'base', type: 'string', help: 'pull only the images above this one' },
      flag('wait', 'wait until the job ends'),
      flag('verbose', 'with --wait, show progress'),
      { ...TIMEOUT, help: 'with --wait, abort the job after this many seconds' },
      flag('async', "with --wait, do not wait for an abort to finish"),
      flag('keep-relative', 'keep relative names in the backing chain'),
      flag('bytes', 'the bandwidth is in bytes/s'),
    ],
    handler: cmdBlockpull,
  },
  {
    name: 'blockcommit',
    summary: 'merge the images of a disk down into a backing image',
    options: [
      DOMAIN_ARG, PATH_ARG, BANDWIDTH,
      { name: 'base', type: 'string', help: 'the image to merge into (default: the bottom of the chain)' },
      flag('shallow', "merge into the top image's backing file"),
      { name: 'top', type: 'string', help: 'the image to merge from (default: the top of the chain)' },
      flag('active', 'merge the active image too (a two-phase job)'),
      flag('delete', 'delete the merged images afterwards'),
      flag('wait', 'wait until the job ends (with --active: until it is synchronised)'),
      flag('verbose', 'with --wait, show progress'),
      TIMEOUT,
      flag('pivot', 'implies --active --wait: switch to the base once synchronised'),
      flag('keep-overlay', 'implies --active --wait: end the job once synchronised, keeping the overlay'),
      flag('async', "with --wait, do not wait for an abort to finish"),
      flag('keep-relative', 'keep relative names in the backing chain'),
      flag('bytes', 'the bandwidth is in bytes/s'),
    ],
    handler: cmdBlockcommit,
  },
  {
    name: 'blockcopy',
    summary: "copy a running domain's disk to a new image",
    options: [
      DOMAIN_ARG, PATH_ARG,
      { name: 'dest', type: 'string', help: 'the file (or device) to copy to' },
      BANDWIDTH,
      flag('shallow', 'copy only the top image; the copy shares the backing chain'),
      flag('reuse-external', 'use the existing destination'),
      { name: 'raw', type: 'alias', alias: 'format=raw' },
      flag('blockdev', 'the destination is a block device'),
      flag('wait', 'wait until the copy mirrors the disk'),
      flag('verbose', 'with --wait, show progress'),
      TIMEOUT,
      flag('pivot', 'implies --wait: switch to the copy once it mirrors'),
      flag('finish', 'implies --wait: end the job once the copy mirrors'),
      flag('async', "with --wait, do not wait for an abort to finish"),
      { name: 'xml', type: 'string', help: 'a file describing the destination disk' },
      { name: 'format', type: 'string', help: 'the format of the destination' },
      { name: 'granularity', type: 'number', help: 'the granularity of the copy (a power of two)' },
      { name: 'buf-size', type: 'number', help: 'the most data in flight during the copy' },
      flag('bytes', 'the bandwidth is in bytes/s'),
      flag('transient-job', 'do not keep the job when the domain stops'),
      flag('synchronous-writes', "write the guest's writes to the copy at once"),
      flag('print-xml', 'print the destination XML instead of copying'),
    ],
    handler: cmdBlockcopy,
  },
  {
    name: 'blockjob',
    summary: 'show, throttle or end the block job of a disk',
    options: [
      DOMAIN_ARG, PATH_ARG,
      flag('abort', 'end the job'),
      flag('async', 'implies --abort; do not wait for it to end'),
      flag('pivot', 'implies --abort; switch a copy or commit over to its new image'),
      flag('info', 'show the job (the default)'),
      flag('bytes', 'show or set the bandwidth in bytes/s'),
      flag('raw', 'implies --info; print the fields as they are'),
      { name: 'bandwidth', type: 'number', help: "change the job's bandwidth limit (MiB/s)" },
    ],
    handler: cmdBlockjob,
  },
];
