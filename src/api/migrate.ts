/**
 * The public migration calls (virDomainMigrate3, virDomainMigrateToURI, ...ToURI2, ...ToURI3):
 * libvirt's argument checks and its choice of protocol from the features both drivers
 * announce (VIR_DRV_FEATURE_MIGRATION_*). Peer-to-peer and direct migration hand the whole job
 * to the source driver's domainMigratePerform3Params; a driver announcing nothing is refused
 * with libvirt's messages, naming the function libvirt names.
 */
import { ErrorDomain, ErrorNumber, invalidArgError, virError } from '../errors/index.js';
import type { ConnectionDriver, TypedParam } from '../drivers/types.js';
import { parseURI } from '../uri/index.js';
import type { Connect } from './connect.js';
import type { Domain } from './domain.js';
import { exclusiveFlags, checkNonNull, requireFlag } from './arg-checks.js';
import {
  VIR_MIGRATE_CHANGE_PROTECTION, VIR_MIGRATE_NON_SHARED_DISK, VIR_MIGRATE_NON_SHARED_INC, VIR_MIGRATE_NON_SHARED_SYNCHRONOUS_WRITES,
  VIR_MIGRATE_OFFLINE, VIR_MIGRATE_PARALLEL, VIR_MIGRATE_PEER2PEER, VIR_MIGRATE_TUNNELLED, VIR_TYPED_PARAM_STRING, VIR_TYPED_PARAM_ULLONG,
} from './constants.js';

const DOM = ErrorDomain.VIR_FROM_DOMAIN;

/** VIR_DRV_FEATURE_* numbers the migration calls ask about. */
export const FEATURE_MIGRATION_V1 = 1;
export const FEATURE_MIGRATION_V2 = 3;
export const FEATURE_MIGRATION_P2P = 4;
export const FEATURE_MIGRATION_DIRECT = 5;
export const FEATURE_MIGRATION_V3 = 6;
export const FEATURE_MIGRATE_CHANGE_PROTECTION = 7;
export const FEATURE_MIGRATION_OFFLINE = 12;
export const FEATURE_MIGRATION_PARAMS = 13;

/** VIR_MIGRATE_PARAM_* names the older calls translate their arguments to. */
export const MIGRATE_PARAM_URI = 'migrate_uri';
export const MIGRATE_PARAM_DEST_NAME = 'destination_name';
export const MIGRATE_PARAM_DEST_XML = 'destination_xml';
export const MIGRATE_PARAM_BANDWIDTH = 'bandwidth';
/** The parameters protocols older than "v3 with parameters" can carry. */
const COMPAT_PARAMS = new Set([MIGRATE_PARAM_URI, MIGRATE_PARAM_DEST_NAME, MIGRATE_PARAM_DEST_XML, MIGRATE_PARAM_BANDWIDTH]);

const NON_SHARED_DISK: [number, string] = [VIR_MIGRATE_NON_SHARED_DISK, 'VIR_MIGRATE_NON_SHARED_DISK'];
const NON_SHARED_INC: [number, string] = [VIR_MIGRATE_NON_SHARED_INC, 'VIR_MIGRATE_NON_SHARED_INC'];
const NON_SHARED_EITHER: [number, string] = [VIR_MIGRATE_NON_SHARED_DISK | VIR_MIGRATE_NON_SHARED_INC, 'VIR_MIGRATE_NON_SHARED_DISK | VIR_MIGRATE_NON_SHARED_INC'];
const SYNC_WRITES: [number, string] = [VIR_MIGRATE_NON_SHARED_SYNCHRONOUS_WRITES, 'VIR_MIGRATE_NON_SHARED_SYNCHRONOUS_WRITES'];
const TUNNELLED: [number, string] = [VIR_MIGRATE_TUNNELLED, 'VIR_MIGRATE_TUNNELLED'];
const PARALLEL: [number, string] = [VIR_MIGRATE_PARALLEL, 'VIR_MIGRATE_PARALLEL'];

/** VIR_DRV_SUPPORTS_FEATURE: a driver that cannot be asked supports nothing. */
async function supports(driver: ConnectionDriver, feature: number): Promise<boolean> {
  return driver.connectSupportsFeature ? (await driver.connectSupportsFeature(feature)) > 0 : false;
}

function unsupportedArg(message: string) {
  return virError(DOM, ErrorNumber.VIR_ERR_ARGUMENT_UNSUPPORTED, message);
}

/** virReportUnsupportedError as libvirt raises it: it names the C function it was raised in. */
function noSupport(func: string) {
  return virError(DOM, ErrorNumber.VIR_ERR_NO_SUPPORT, func);
}

/** Both copy-storage modes at once, or synchronous writes without either, are refused everywhere. */
function checkStorageFlags(func: string, flags: number): void {
  exclusiveFlags(DOM, func, flags, NON_SHARED_DISK, NON_SHARED_INC);
  requireFlag(DOM, func, flags, SYNC_WRITES, NON_SHARED_EITHER);
}

/** Run a public call's body with libvirt's error reporting on the source connection. */
function run<T>(dom: Domain, body: () => Promise<T>): Promise<T> {
  return dom.connect().guard(DOM, body);
}

/** virDomainMigrate3: the client drives the migration between two connections. */
export function migrate3(dom: Domain, dconn: Connect, params: TypedParam[], flags: number): Promise<Domain> {
  const func = 'virDomainMigrate3';
  return run(dom, async () => {
    const src = dom.connect();
    src.checkWritable(func, DOM);
    dconn.checkWritable(func, DOM);
    checkStorageFlags(func, flags);
    if (flags & VIR_MIGRATE_PEER2PEER) throw invalidArgError(DOM, func, 'flags', 'use virDomainMigrateToURI3 for peer-to-peer migration');
    if (flags & VIR_MIGRATE_TUNNELLED) throw invalidArgError(DOM, func, 'flags', 'cannot perform tunnelled migration without using peer2peer flag');
    if (flags & VIR_MIGRATE_OFFLINE) {
      if (!(await supports(src.driver, FEATURE_MIGRATION_OFFLINE))) throw unsupportedArg('offline migration is not supported by the source host');
      if (!(await supports(dconn.driver, FEATURE_MIGRATION_OFFLINE))) throw unsupportedArg('offline migration is not supported by the destination host');
    }
    if (flags & VIR_MIGRATE_CHANGE_PROTECTION && !(await supports(src.driver, FEATURE_MIGRATE_CHANGE_PROTECTION))) {
      throw unsupportedArg('cannot enforce change protection');
    }
    const both = async (feature: number) => (await supports(src.driver, feature)) && supports(dconn.driver, feature);
    // No driver here carries out the managed Begin/Prepare/Perform/Finish/Confirm sequence yet:
    // whichever protocol both sides would agree on, the answer is libvirt's for a driver lacking it.
    if (await both(FEATURE_MIGRATION_PARAMS)) throw noSupport(func);
    if (params.some((p) => !COMPAT_PARAMS.has(p.field))) {
      throw unsupportedArg('Migration APIs with extensible parameters are not supported but extended parameters were passed');
    }
    if (await both(FEATURE_MIGRATION_V3)) throw noSupport(func);
    const dxml = params.some((p) => p.field === MIGRATE_PARAM_DEST_XML);
    for (const feature of [FEATURE_MIGRATION_V2, FEATURE_MIGRATION_V1]) {
      if (await both(feature)) {
        if (dxml) throw unsupportedArg('Unable to change target guest XML during migration');
        throw noSupport(func);
      }
    }
    throw noSupport(func);
  });
}

/** virDomainMigrateCheckNotLocal: a peer-to-peer target naming this host is a mistake, unless it is an explicit socket. */
function checkNotLocal(dconnuri: string): void {
  const uri = parseURI(dconnuri);
  const viaSocket = uri.scheme?.includes('+') && uri.scheme.slice(uri.scheme.indexOf('+')) === '+unix' && uri.params.some((p) => p.name === 'socket');
  if ((uri.server && uri.server.startsWith('localhost')) || (!uri.server && !viaSocket)) {
    throw invalidArgError(DOM, 'virDomainMigrateCheckNotLocal', 'dconnuri', 'Attempt to migrate guest to the same host');
  }
}

/** virDomainMigrateUnmanagedCheckCompat: the source must announce the kind of migration asked for. */
async function checkUnmanaged(driver: ConnectionDriver, flags: number): Promise<void> {
  checkStorageFlags('virDomainMigrateUnmanagedCheckCompat', flags);
  if (flags & VIR_MIGRATE_OFFLINE && !(await supports(driver, FEATURE_MIGRATION_OFFLINE))) {
    throw unsupportedArg('offline migration is not supported by the source host');
  }
  if (flags & VIR_MIGRATE_PEER2PEER) {
    if (!(await supports(driver, FEATURE_MIGRATION_P2P))) throw unsupportedArg('p2p migration is not supported by the source host');
  } else if (!(await supports(driver, FEATURE_MIGRATION_DIRECT))) {
    throw unsupportedArg('direct migration is not supported by the source host');
  }
}

/** virDomainMigrateUnmanagedParams: the source driver migrates by itself (peer-to-peer or direct). */
async function migrateUnmanaged(dom: Domain, dconnuri: string | null, params: TypedParam[], flags: number): Promise<void> {
  const driver = dom.connect().driver;
  if (flags & VIR_MIGRATE_PEER2PEER) {
    checkNotLocal(dconnuri!);
    if (await supports(driver, FEATURE_MIGRATION_PARAMS)) {
      if (!driver.domainMigratePerform3Params) throw noSupport('virDomainMigrateUnmanagedParams');
      await driver.domainMigratePerform3Params(dom.ref, dconnuri, params, null, flags);
      return;
    }
  }
  // Protocols 2 and 3 without parameters have no entry in our driver contract.
  throw noSupport('virDomainMigrateUnmanagedParams');
}

/** The older calls' arguments as typed parameters (virDomainMigrateUnmanaged). */
export function legacyParams(miguri: string | null, dname: string | null, dxml: string | null, bandwidth: bigint): TypedParam[] {
  const params: TypedParam[] = [];
  const add = (field: string, value: string | null) => { if (value !== null) params.push({ field, type: VIR_TYPED_PARAM_STRING, value }); };
  add(MIGRATE_PARAM_URI, miguri);
  add(MIGRATE_PARAM_DEST_NAME, dname);
  add(MIGRATE_PARAM_DEST_XML, dxml);
  params.push({ field: MIGRATE_PARAM_BANDWIDTH, type: VIR_TYPED_PARAM_ULLONG, value: bandwidth });
  return params;
}

/** The checks virDomainMigrateToURI, ...ToURI2 and ...ToURI3 share, before the source takes over. */
async function toURI(dom: Domain, func: string, dconnuri: string | null, params: TypedParam[], flags: number): Promise<void> {
  exclusiveFlags(DOM, func, flags, TUNNELLED, PARALLEL);
  await checkUnmanaged(dom.connect().driver, flags);
  if (flags & VIR_MIGRATE_PEER2PEER) checkNonNull(DOM, func, 'dconnuri', dconnuri);
  await migrateUnmanaged(dom, flags & VIR_MIGRATE_PEER2PEER ? dconnuri : null, params, flags);
}

/** virDomainMigrateToURI3. */
export function migrateToURI3(dom: Domain, dconnuri: string | null, params: TypedParam[], flags: number): Promise<void> {
  return run(dom, async () => {
    dom.connect().checkWritable('virDomainMigrateToURI3', DOM);
    await toURI(dom, 'virDomainMigrateToURI3', dconnuri, params, flags);
  });
}

/** virDomainMigrateToURI2: separate connection and migration URIs. */
export function migrateToURI2(dom: Domain, dconnuri: string | null, miguri: string | null, dxml: string | null, flags: number, dname: string | null, bandwidth: bigint): Promise<void> {
  return run(dom, async () => {
    dom.connect().checkWritable('virDomainMigrateToURI2', DOM);
    await toURI(dom, 'virDomainMigrateToURI2', dconnuri, legacyParams(miguri, dname, dxml, bandwidth), flags);
  });
}

/** virDomainMigrateToURI: one URI, the destination's connection for peer-to-peer, else the migration URI. */
export function migrateToURI(dom: Domain, duri: string, flags: number, dname: string | null, bandwidth: bigint): Promise<void> {
  const func = 'virDomainMigrateToURI';
  return run(dom, async () => {
    dom.connect().checkWritable(func, DOM);
    checkNonNull(DOM, func, 'duri', duri);
    const p2p = (flags & VIR_MIGRATE_PEER2PEER) !== 0;
    await toURI(dom, func, p2p ? duri : null, legacyParams(p2p ? null : duri, dname, null, bandwidth), flags);
  });
}
