/**
 * The argument checks libvirt's public API makes before it reaches a driver (virCheckNonZeroArg,
 * virCheckNonNullArg, VIR_REQUIRE_FLAG, virUUIDParse ...), with libvirt's raw messages.
 */
import { fstatSync } from 'node:fs';
import { ErrorDomain, invalidArgError } from '../errors/index.js';
import { systemError } from '../log/index.js';
import {
  VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT, VIR_DOMAIN_SNAPSHOT_CREATE_HALT, VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA, VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE,
  VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN, VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY, VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED,
  VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING, VIR_DOMAIN_AFFECT_CONFIG, VIR_DOMAIN_METADATA_DESCRIPTION, VIR_DOMAIN_METADATA_ELEMENT, VIR_DOMAIN_METADATA_TITLE,
  VIR_DOMAIN_VCPU_MAXIMUM, VIR_DOMAIN_SAVE_RUNNING, VIR_DOMAIN_SAVE_PAUSED,
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
 * allowed; the canonical lower-case form, or an 'Invalid UUID' error naming `func`.
 */
export function parseUUIDString(from: number, func: string, text: string): string {
  const digits = text.trim().replace(/^[- ]*/, '');
  const hex = /^(?:[0-9a-fA-F]{2}[- ]*){15}[0-9a-fA-F]{2}$/.test(digits) ? digits.replace(/[- ]/g, '').toLowerCase() : null;
  if (hex === null) throw invalidArgError(from, func, 'uuidstr', 'Invalid UUID');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

// Domain calls -----------------------------------------------------------------------------------

const DOM = ErrorDomain.VIR_FROM_DOMAIN;

/** virDomainSaveFlags, virDomainManagedSave, virDomainRestoreFlags: one state to come back in. */
export function checkSaveFlags(func: string, flags: number): void {
  exclusiveFlags(DOM, func, flags, [VIR_DOMAIN_SAVE_RUNNING, 'VIR_DOMAIN_SAVE_RUNNING'], [VIR_DOMAIN_SAVE_PAUSED, 'VIR_DOMAIN_SAVE_PAUSED']);
}

/** virDomainSetVcpus / virDomainSetVcpusFlags. */
export function checkSetVcpus(func: string, nvcpus: number, flags: number): void {
  requireFlag(DOM, func, flags, [VIR_DOMAIN_VCPU_MAXIMUM, 'VIR_DOMAIN_VCPU_MAXIMUM'], [VIR_DOMAIN_AFFECT_CONFIG, 'VIR_DOMAIN_AFFECT_CONFIG']);
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
export function checkGetMetadata(type: number, uri: string | null): void {
  const func = 'virDomainGetMetadata';
  if (type === VIR_DOMAIN_METADATA_TITLE || type === VIR_DOMAIN_METADATA_DESCRIPTION) checkNull(DOM, func, 'uri', uri);
  else if (type === VIR_DOMAIN_METADATA_ELEMENT) checkNonNull(DOM, func, 'uri', uri);
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
