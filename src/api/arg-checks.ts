/**
 * The argument checks libvirt's public API makes before it reaches a driver (virCheckNonZeroArg,
 * virCheckNonNullArg, VIR_REQUIRE_FLAG, virUUIDParse ...), with libvirt's raw messages.
 */
import { fstatSync } from 'node:fs';
import { ErrorDomain, ErrorNumber, invalidArgError, virError } from '../errors/index.js';
import { systemError } from '../log/index.js';
import type { Connect } from './connect.js';
import {
  VIR_DOMAIN_DIRTYRATE_MODE_DIRTY_BITMAP, VIR_DOMAIN_DIRTYRATE_MODE_DIRTY_RING, VIR_DOMAIN_JOB_STATS_COMPLETED, VIR_DOMAIN_JOB_STATS_KEEP_COMPLETED,
  VIR_DOMAIN_AUTHORIZED_SSH_KEYS_SET_APPEND, VIR_DOMAIN_AUTHORIZED_SSH_KEYS_SET_REMOVE,
  VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT, VIR_DOMAIN_SNAPSHOT_CREATE_HALT, VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA, VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE,
  VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN, VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY, VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED,
  VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING, VIR_DOMAIN_AFFECT_CONFIG, VIR_DOMAIN_METADATA_DESCRIPTION, VIR_DOMAIN_METADATA_ELEMENT, VIR_DOMAIN_METADATA_TITLE,
  VIR_DOMAIN_VCPU_MAXIMUM, VIR_DOMAIN_SAVE_RUNNING, VIR_DOMAIN_SAVE_PAUSED, VIR_DOMAIN_AFFECT_LIVE, VIR_DOMAIN_VCPU_GUEST,
  VIR_STORAGE_VOL_RESIZE_DELTA, VIR_STORAGE_VOL_RESIZE_SHRINK, VIR_DOMAIN_CORE_DUMP_FORMAT_LAST, VIR_DUMP_CRASH, VIR_DUMP_LIVE, VIR_DUMP_RESET,
  VIR_MEMORY_VIRTUAL, VIR_MEMORY_PHYSICAL, VIR_DOMAIN_EVENT_ID_LAST, VIR_NETWORK_EVENT_ID_LAST, VIR_STORAGE_POOL_EVENT_ID_LAST, VIR_NODE_DEVICE_EVENT_ID_LAST, VIR_SECRET_EVENT_ID_LAST,
  VIR_KEYCODE_SET_LAST, VIR_DOMAIN_LIFECYCLE_LAST, VIR_DOMAIN_LIFECYCLE_ACTION_LAST,
  VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE, VIR_DOMAIN_CHECKPOINT_CREATE_QUIESCE,
  VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE_VALIDATE, VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN, VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY,
  VIR_DOMAIN_BLOCK_REBASE_COPY, VIR_DOMAIN_BLOCK_REBASE_COPY_DEV, VIR_DOMAIN_BLOCK_REBASE_COPY_RAW, VIR_DOMAIN_BLOCK_REBASE_REUSE_EXT, VIR_DOMAIN_BLOCK_REBASE_SHALLOW,
} from './constants.js';

export function checkNonZero(from: number, func: string, name: string, value: number): void {
  if (value === 0) throw invalidArgError(from, func, name, `${name} in ${func} must not be zero`);
}

export function checkNonNegative(from: number, func: string, name: string, value: number): void {
  if (value < 0) throw invalidArgError(from, func, name, `${name} in ${func} must be zero or greater`);
}

export function checkPositive(from: number, func: string, name: string, value: number): void {
  if (value <= 0) throw invalidArgError(from, func, name, `${name} in ${func} must be greater than zero`);
}

export function checkNonNull(from: number, func: string, name: string, value: unknown): void {
  if (value === null || value === undefined) throw invalidArgError(from, func, name, `${name} in ${func} must not be NULL`);
}

/** virCheckNonEmptyStringArg: null is refused as NULL, '' as empty. */
export function checkNonEmptyString(from: number, func: string, name: string, value: string | null | undefined): void {
  checkNonNull(from, func, name, value);
  if (value === '') throw invalidArgError(from, func, name, `string ${name} in ${func} must not be empty`);
}

export function checkNull(from: number, func: string, name: string, value: unknown): void {
  if (value !== null && value !== undefined) throw invalidArgError(from, func, name, `${name} in ${func} must be NULL`);
}

/** virNodeGetCPUStats / virNodeGetMemoryStats: -1 (all) is the only negative cpu or cell number. */
export function checkStatsIndex(func: string, name: string, value: number): void {
  if (value < -1) throw invalidArgError(ErrorDomain.VIR_FROM_DOMAIN, func, name, `${name} in ${func} only accepts -1 as a negative value`);
}

/** VIR_REQUIRE_FLAG: `flag` may only be given together with `required`. */
export function requireFlag(from: number, func: string, flags: number, flag: [number, string], required: [number, string]): void {
  if (flags & flag[0] && !(flags & required[0])) {
    throw invalidArgError(from, func, 'flags', `Flag '${required[1]}' is required by flag '${flag[1]}'`);
  }
}

/** VIR_EXCLUSIVE_FLAGS: the two flags may not be given together. */
export function exclusiveFlags(from: number, func: string, flags: number, a: [number, string], b: [number, string]): void {
  if (flags & a[0] && flags & b[0]) {
    throw invalidArgError(from, func, 'flags', `Flags '${a[1]}' and '${b[1]}' are mutually exclusive`);
  }
}

/**
 * virUUIDParse: 32 hex digits, dashes and spaces between them ignored, surrounding whitespace
 * allowed; the canonical lower-case form, or an invalid-argument error naming `func` (worded
 * 'Invalid UUID' by the domain lookup, with the function's name by the network and pool ones).
 */
export function parseUUIDString(from: number, func: string, text: string): string {
  const digits = text.trim().replace(/^[- ]*/, '');
  const hex = /^(?:[0-9a-fA-F]{2}[- ]*){15}[0-9a-fA-F]{2}$/.test(digits) ? digits.replace(/[- ]/g, '').toLowerCase() : null;
  if (hex === null) {
    throw invalidArgError(from, func, 'uuidstr', from === ErrorDomain.VIR_FROM_DOMAIN ? 'Invalid UUID' : `uuidstr in ${func} must be a valid UUID`);
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The order libvirt's public functions check in when the check needs more than the entry point's
 * arguments (a stream's or a domain's connection): refuse a read-only connection, then the rest.
 */
export function checkWritableThen(conn: Connect, from: number, cName: string, checkArgs: () => void): Promise<void> {
  return conn.guard(from, () => {
    conn.checkWritable(cName, from);
    checkArgs();
  });
}

/** A stream handed to an entry point must come from the same connection as the object it serves. */
export function checkStreamOwner(from: number, func: string, stream: { connect(): Connect }, conn: Connect, message: string): void {
  if (stream.connect() !== conn) throw invalidArgError(from, func, 'stream', message);
}

// Event registrations ----------------------------------------------------------------------------

export type EventKind = 'domain' | 'network' | 'pool' | 'nodedev' | 'secret';

/** What the three virConnect*EventRegisterAny / DeregisterAny pairs check, and how each words it. */
const EVENT_CHECKS: Record<EventKind, {
  from: number; register: string; deregister: string; objArg: string; last: number;
  mismatch(name: string, func: string): string; tooLarge(func: string, last: number): string;
}> = {
  domain: {
    from: ErrorDomain.VIR_FROM_DOMAIN, register: 'virConnectDomainEventRegisterAny', deregister: 'virConnectDomainEventDeregisterAny',
    objArg: 'dom', last: VIR_DOMAIN_EVENT_ID_LAST,
    mismatch: (name) => `domain '${name}' must match connection`, tooLarge: (_func, last) => `eventID must be less than ${last}`,
  },
  network: {
    from: ErrorDomain.VIR_FROM_NETWORK, register: 'virConnectNetworkEventRegisterAny', deregister: 'virConnectNetworkEventDeregisterAny',
    objArg: 'net', last: VIR_NETWORK_EVENT_ID_LAST,
    mismatch: (name, func) => `network '${name}' in ${func} must match connection`, tooLarge: (func, last) => `eventID in ${func} must be less than ${last}`,
  },
  pool: {
    from: ErrorDomain.VIR_FROM_STORAGE, register: 'virConnectStoragePoolEventRegisterAny', deregister: 'virConnectStoragePoolEventDeregisterAny',
    objArg: 'pool', last: VIR_STORAGE_POOL_EVENT_ID_LAST,
    mismatch: (name, func) => `storage pool '${name}' in ${func} must match connection`,
    tooLarge: (func, last) => `eventID in ${func} must be less than ${last}`,
  },
  nodedev: {
    from: ErrorDomain.VIR_FROM_NODEDEV, register: 'virConnectNodeDeviceEventRegisterAny', deregister: 'virConnectNodeDeviceEventDeregisterAny',
    objArg: 'dev', last: VIR_NODE_DEVICE_EVENT_ID_LAST,
    mismatch: (name, func) => `node device '${name}' in ${func} must match connection`,
    tooLarge: (func, last) => `eventID in ${func} must be less than ${last}`,
  },
  secret: {
    from: ErrorDomain.VIR_FROM_SECRET, register: 'virConnectSecretEventRegisterAny', deregister: 'virConnectSecretEventDeregisterAny',
    objArg: 'secret', last: VIR_SECRET_EVENT_ID_LAST,
    mismatch: (uuid, func) => `secret '${uuid}' in ${func} must match connection`,
    tooLarge: (func, last) => `eventID in ${func} must be less than ${last}`,
  },
};

/** An event registration: an object of this connection (or none) and an event id the library knows. */
export function checkEventRegister(kind: EventKind, conn: Connect, obj: { connect(): Connect; name(): string } | null, eventId: number): void {
  const c = EVENT_CHECKS[kind];
  if (obj && obj.connect() !== conn) throw invalidArgError(c.from, c.register, c.objArg, c.mismatch(obj.name(), c.register));
  checkNonNegative(c.from, c.register, 'eventID', eventId);
  if (eventId >= c.last) throw invalidArgError(c.from, c.register, 'eventID', c.tooLarge(c.register, c.last));
}

/** An event deregistration: callback ids are never negative. */
export function checkEventDeregister(kind: EventKind, callbackId: number): void {
  const c = EVENT_CHECKS[kind];
  checkNonNegative(c.from, c.deregister, 'callbackID', callbackId);
}

// Domain calls -----------------------------------------------------------------------------------

const DOM = ErrorDomain.VIR_FROM_DOMAIN;
const LIVE: [number, string] = [VIR_DOMAIN_AFFECT_LIVE, 'VIR_DOMAIN_AFFECT_LIVE'];
const CONFIG: [number, string] = [VIR_DOMAIN_AFFECT_CONFIG, 'VIR_DOMAIN_AFFECT_CONFIG'];

/** The calls that read either the live or the persistent definition: not both at once. */
export function checkLiveOrConfig(func: string, flags: number): void {
  exclusiveFlags(DOM, func, flags, LIVE, CONFIG);
}

/** libvirt's bound on a memory size in KiB: its bytes must fit in an off_t, (2^63 - 1) / 1024 rounded down. */
const MAX_MEMORY_KIB = 2 ** 53 - 1;

/** virDomainSetMemory, virDomainSetMemoryFlags, virDomainSetMaxMemory. */
export function checkMemory(func: string, kib: number): void {
  checkNonZero(DOM, func, 'memory', kib);
  if (kib >= MAX_MEMORY_KIB) throw virError(DOM, ErrorNumber.VIR_ERR_OVERFLOW, `input too large: ${kib}`);
}

/** virDomainCoreDump / WithFormat: a known format, and one of crash, live or reset at most. */
export function checkCoreDump(func: string, dumpformat: number, flags: number): void {
  if (dumpformat >= VIR_DOMAIN_CORE_DUMP_FORMAT_LAST) throw invalidArgError(DOM, func, 'flags', `dumpformat '${dumpformat}' is not supported`);
  const crash: [number, string] = [VIR_DUMP_CRASH, 'VIR_DUMP_CRASH'];
  const live: [number, string] = [VIR_DUMP_LIVE, 'VIR_DUMP_LIVE'];
  const reset: [number, string] = [VIR_DUMP_RESET, 'VIR_DUMP_RESET'];
  exclusiveFlags(DOM, func, flags, crash, live);
  exclusiveFlags(DOM, func, flags, crash, reset);
  exclusiveFlags(DOM, func, flags, live, reset);
}

/** virDomainMemoryPeek: virtual or physical addresses, not both. */
export function checkMemoryPeek(func: string, flags: number): void {
  exclusiveFlags(DOM, func, flags, [VIR_MEMORY_VIRTUAL, 'VIR_MEMORY_VIRTUAL'], [VIR_MEMORY_PHYSICAL, 'VIR_MEMORY_PHYSICAL']);
}

/** virDomainSaveFlags, virDomainManagedSave, virDomainRestoreFlags: one state to come back in. */
export function checkSaveFlags(func: string, flags: number): void {
  exclusiveFlags(DOM, func, flags, [VIR_DOMAIN_SAVE_RUNNING, 'VIR_DOMAIN_SAVE_RUNNING'], [VIR_DOMAIN_SAVE_PAUSED, 'VIR_DOMAIN_SAVE_PAUSED']);
}

/** virDomainSetVcpus / virDomainSetVcpusFlags. */
export function checkSetVcpus(func: string, nvcpus: number, flags: number): void {
  requireFlag(DOM, func, flags, [VIR_DOMAIN_VCPU_MAXIMUM, 'VIR_DOMAIN_VCPU_MAXIMUM'], CONFIG);
  exclusiveFlags(DOM, func, flags, [VIR_DOMAIN_VCPU_GUEST, 'VIR_DOMAIN_VCPU_GUEST'], CONFIG);
  checkNonZero(DOM, func, 'nvcpus', nvcpus);
}

/** virDomainSetMetadata: which of key and uri each metadata type takes; titles are one line. */
export function checkSetMetadata(type: number, metadata: string | null, key: string | null, uri: string | null): void {
  const func = 'virDomainSetMetadata';
  if (type === VIR_DOMAIN_METADATA_TITLE && metadata?.includes('\n')) {
    throw invalidArgError(DOM, func, 'metadata', "metadata title can't contain newlines");
  }
  if (type === VIR_DOMAIN_METADATA_TITLE || type === VIR_DOMAIN_METADATA_DESCRIPTION) {
    checkNull(DOM, func, 'uri', uri);
    checkNull(DOM, func, 'key', key);
  } else if (type === VIR_DOMAIN_METADATA_ELEMENT) {
    checkNonNull(DOM, func, 'uri', uri);
    if (metadata !== null) checkNonNull(DOM, func, 'key', key);
  }
}

/** virDomainGetMetadata. */
export function checkGetMetadata(type: number, uri: string | null, flags: number): void {
  const func = 'virDomainGetMetadata';
  checkLiveOrConfig(func, flags);
  if (type === VIR_DOMAIN_METADATA_TITLE || type === VIR_DOMAIN_METADATA_DESCRIPTION) checkNull(DOM, func, 'uri', uri);
  else if (type === VIR_DOMAIN_METADATA_ELEMENT) checkNonNull(DOM, func, 'uri', uri);
}

// Storage calls ----------------------------------------------------------------------------------

/** virStorageVolResize: a zero capacity only makes sense as a change (delta) or a shrink. */
export function checkVolResize(capacity: bigint, flags: number): void {
  if (capacity === 0n && !(flags & (VIR_STORAGE_VOL_RESIZE_DELTA | VIR_STORAGE_VOL_RESIZE_SHRINK))) {
    const func = 'virStorageVolResize';
    throw invalidArgError(ErrorDomain.VIR_FROM_STORAGE, func, 'capacity', `capacity in ${func} cannot be zero without 'delta' or 'shrink' flags set`);
  }
}

// Snapshot calls ---------------------------------------------------------------------------------

const SNAP = ErrorDomain.VIR_FROM_DOMAIN_SNAPSHOT;

/** virDomainSnapshotCreateXML: only a redefinition may be made current; it neither skips metadata nor halts. */
export function checkSnapshotCreate(flags: number): void {
  const redefine: [number, string] = [VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE, 'VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE'];
  requireFlag(SNAP, 'virDomainSnapshotCreateXML', flags, [VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT, 'VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT'], redefine);
  exclusiveFlags(SNAP, 'virDomainSnapshotCreateXML', flags, redefine, [VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA, 'VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA']);
  exclusiveFlags(SNAP, 'virDomainSnapshotCreateXML', flags, redefine, [VIR_DOMAIN_SNAPSHOT_CREATE_HALT, 'VIR_DOMAIN_SNAPSHOT_CREATE_HALT']);
}

const CHK = ErrorDomain.VIR_FROM_DOMAIN_CHECKPOINT;

/** virDomainCheckpointCreateXML: a redefinition is not quiesced; REDEFINE_VALIDATE needs REDEFINE. */
export function checkCheckpointCreate(flags: number): void {
  const redefine: [number, string] = [VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE, 'VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE'];
  exclusiveFlags(CHK, 'virDomainCheckpointCreateXML', flags, redefine, [VIR_DOMAIN_CHECKPOINT_CREATE_QUIESCE, 'VIR_DOMAIN_CHECKPOINT_CREATE_QUIESCE']);
  requireFlag(CHK, 'virDomainCheckpointCreateXML', flags, [VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE_VALIDATE, 'VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE_VALIDATE'], redefine);
}

/** virDomainCheckpointDelete: with its children or only them, not both. */
export function checkCheckpointDelete(flags: number): void {
  exclusiveFlags(CHK, 'virDomainCheckpointDelete', flags, [VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN, 'VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN'],
    [VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY, 'VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY']);
}

/** virDomainRevertToSnapshot: running or paused, not both. */
export function checkSnapshotRevert(flags: number): void {
  exclusiveFlags(SNAP, 'virDomainRevertToSnapshot', flags, [VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING, 'VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING'],
    [VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED, 'VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED']);
}

/** virDomainSnapshotDelete: with the children or only the children, not both. */
export function checkSnapshotDelete(flags: number): void {
  exclusiveFlags(SNAP, 'virDomainSnapshotDelete', flags, [VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN, 'VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN'],
    [VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY, 'VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY']);
}

/** virDomainOpenGraphics: the descriptor must be open and a socket. */
export function checkGraphicsSocket(fd: number): void {
  const func = 'virDomainOpenGraphics';
  checkNonNegative(ErrorDomain.VIR_FROM_DOMAIN, func, 'fd', fd);
  let isSocket: boolean;
  try {
    isSocket = fstatSync(fd).isSocket();
  } catch (e) {
    throw systemError(ErrorDomain.VIR_FROM_DOMAIN, e as NodeJS.ErrnoException, `Unable to access file descriptor ${fd}`);
  }
  if (!isSocket) throw invalidArgError(ErrorDomain.VIR_FROM_DOMAIN, func, 'fd', `fd ${fd} must be a socket`);
}

// Typed parameters, cpu maps, keys, lifecycle, cpu statistics --------------------------------------------------------------

/** VIR_TYPED_PARAM_FIELD_LENGTH: a parameter name fills at most 79 bytes and its NUL. */
const TYPED_PARAM_FIELD_LENGTH = 80;

/** The setters of typed parameters: at least one, each name short enough (virTypedParameterValidateSet). */
export function checkSetParams(func: string, params: readonly { field: string }[]): void {
  checkPositive(DOM, func, 'nparams', params.length);
  for (const p of params) {
    if (Buffer.byteLength(p.field) >= TYPED_PARAM_FIELD_LENGTH) {
      throw invalidArgError(DOM, func, 'params', `string parameter name '${Buffer.from(p.field).subarray(0, TYPED_PARAM_FIELD_LENGTH).toString()}' too long`);
    }
  }
}

/** The byte length of a cpu map of `cpus` booleans, as the pin calls send it. */
export function cpumapLength(cpumap: readonly boolean[]): number {
  return Math.ceil(cpumap.length / 8);
}

/** The pin calls: a map of at least one byte. */
export function checkCpumap(func: string, cpumap: readonly boolean[]): void {
  checkPositive(DOM, func, 'maplen', cpumapLength(cpumap));
}

/** VIR_DOMAIN_SEND_KEY_MAX_KEYS. */
const SEND_KEY_MAX_KEYS = 16;

/** virDomainSendKey: one to 16 keys of a known code set. */
export function checkSendKey(func: string, codeset: number, keycodes: readonly number[]): void {
  checkPositive(DOM, func, 'nkeycodes', keycodes.length);
  if (codeset >= VIR_KEYCODE_SET_LAST) throw invalidArgError(DOM, func, 'codeset', `Unsupported codeset '${codeset}'`);
  if (keycodes.length > SEND_KEY_MAX_KEYS) throw invalidArgError(DOM, func, 'nkeycodes', `nkeycodes must be <= ${SEND_KEY_MAX_KEYS}`);
}

/** virDomainSetLifecycleAction: a known event and action. */
export function checkLifecycleAction(type: number, action: number): void {
  if (type >= VIR_DOMAIN_LIFECYCLE_LAST) throw virError(DOM, ErrorNumber.VIR_ERR_INVALID_ARG, `invalid lifecycle type '${type}'`);
  if (action >= VIR_DOMAIN_LIFECYCLE_ACTION_LAST) throw virError(DOM, ErrorNumber.VIR_ERR_INVALID_ARG, `invalid lifecycle action '${action}'`);
}

/** virDomainGetCPUStats: the totals are one "cpu" (-1), other starts are not negative, the sizes do not overflow. */
export function checkCPUStats(func: string, nparams: number, startCpu: number, ncpus: number): void {
  if (startCpu === -1) {
    if (ncpus !== 1) throw invalidArgError(DOM, func, 'start_cpu', 'ncpus must be 1 when start_cpu is -1');
  } else {
    checkNonNegative(DOM, func, 'start_cpu', startCpu);
  }
  if (ncpus === 0 && nparams !== 0) checkNull(DOM, func, 'params', 'params');
  if (nparams && ncpus > Math.floor(0xffffffff / nparams)) throw virError(DOM, ErrorNumber.VIR_ERR_OVERFLOW, `input too large: ${nparams} * ${ncpus}`);
}

/** virDomainBlockRebase: a copy needs its destination (`base`); the copy-only flags need a copy. */
export function checkBlockRebase(func: string, disk: unknown, base: unknown, flags: number): void {
  const DOM = ErrorDomain.VIR_FROM_DOMAIN;
  checkNonNull(DOM, func, 'disk', disk);
  if (flags & VIR_DOMAIN_BLOCK_REBASE_COPY) checkNonNull(DOM, func, 'base', base);
  else if (flags & (VIR_DOMAIN_BLOCK_REBASE_SHALLOW | VIR_DOMAIN_BLOCK_REBASE_REUSE_EXT | VIR_DOMAIN_BLOCK_REBASE_COPY_RAW | VIR_DOMAIN_BLOCK_REBASE_COPY_DEV)) {
    throw invalidArgError(DOM, func, 'flags', 'use of flags requires a copy job');
  }
}

/** virDomainStartDirtyRateCalc: one way of measuring (page sampling is no bit at all). */
export function checkDirtyRateModes(func: string, flags: number): void {
  exclusiveFlags(DOM, func, flags, [VIR_DOMAIN_DIRTYRATE_MODE_DIRTY_BITMAP, 'VIR_DOMAIN_DIRTYRATE_MODE_DIRTY_BITMAP'],
    [VIR_DOMAIN_DIRTYRATE_MODE_DIRTY_RING, 'VIR_DOMAIN_DIRTYRATE_MODE_DIRTY_RING']);
}

/** virDomainGetJobStats: keeping the completed job's statistics only makes sense when asking for them. */
export function checkJobStatsFlags(func: string, flags: number): void {
  requireFlag(DOM, func, flags, [VIR_DOMAIN_JOB_STATS_KEEP_COMPLETED, 'VIR_DOMAIN_JOB_STATS_KEEP_COMPLETED'],
    [VIR_DOMAIN_JOB_STATS_COMPLETED, 'VIR_DOMAIN_JOB_STATS_COMPLETED']);
}

/**
 * virDomainAuthorizedSSHKeysSet: appending or removing needs keys (libvirt-python sends none as a
 * NULL array); append or remove, not both.
 */
export function checkSSHKeysSetFlags(func: string, keys: readonly string[], flags: number): void {
  if (flags & (VIR_DOMAIN_AUTHORIZED_SSH_KEYS_SET_APPEND | VIR_DOMAIN_AUTHORIZED_SSH_KEYS_SET_REMOVE)) checkNonNull(DOM, func, 'keys', keys.length > 0 ? keys : null);
  exclusiveFlags(DOM, func, flags, [VIR_DOMAIN_AUTHORIZED_SSH_KEYS_SET_APPEND, 'VIR_DOMAIN_AUTHORIZED_SSH_KEYS_SET_APPEND'],
    [VIR_DOMAIN_AUTHORIZED_SSH_KEYS_SET_REMOVE, 'VIR_DOMAIN_AUTHORIZED_SSH_KEYS_SET_REMOVE']);
}
