/**
 * Writes docs/api.md: every libvirt C function tsvirt implements, beside the TypeScript method
 * that implements it. Read from the API sources, so the table cannot drift from the code:
 * `npm run docs` regenerates it and a test fails when it is stale.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENTRY_POINTS } from '../src/api/entry-points.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Functions served by the library itself rather than through a driver entry point. */
const LIBRARY_FUNCTIONS: [string, string][] = [
  ['virConnectOpen', 'open(uri, options?)'],
  ['virConnectOpenReadOnly', 'openReadOnly(uri, options?)'],
  ['virConnectOpenAuth', 'openAuth(uri, auth, flags, options?)'],
  ['virConnectClose', 'Connect.close()'],
  ['virConnectRef', 'Connect.ref()'],
  ['virConnectGetLibVersion', 'Connect.getLibVersion()'],
  ['virConnSetErrorFunc', 'Connect.setErrorFunc(handler, userData)'],
  ['virConnGetLastError', 'Connect.getLastError()'],
  ['virConnResetLastError', 'Connect.resetLastError()'],
  ['virConnCopyLastError', 'Connect.copyLastError()'],
  ['virSetErrorFunc', 'setErrorFunc(handler, userData)'],
  ['virGetLastError', 'getLastError()'],
  ['virGetLastErrorMessage', 'getLastErrorMessage()'],
  ['virGetLastErrorCode', 'getLastErrorCode()'],
  ['virGetLastErrorDomain', 'getLastErrorDomain()'],
  ['virResetLastError', 'resetLastError()'],
  ['virCopyLastError', 'copyLastError()'],
  ['virSaveLastError', 'copyLastError()'],
  ['virDefaultErrorFunc', 'defaultErrorFunc(error)'],
  ['virDomainGetName', 'Domain.name()'],
  ['virDomainGetID', 'Domain.id()'],
  ['virDomainGetUUID', 'Domain.uuid()'],
  ['virDomainGetUUIDString', 'Domain.uuidString()'],
  ['virDomainGetConnect', 'Domain.connect()'],
  ['virDomainFree', 'Domain.free()'],
  ['virDomainRef', '(held by each Domain object)'],
  ['virNetworkGetName', 'Network.name()'],
  ['virNetworkGetUUID', 'Network.uuid()'],
  ['virNetworkGetUUIDString', 'Network.uuidString()'],
  ['virNetworkFree', 'Network.free()'],
  ['virStoragePoolGetName', 'StoragePool.name()'],
  ['virStoragePoolGetUUID', 'StoragePool.uuid()'],
  ['virStoragePoolGetUUIDString', 'StoragePool.uuidString()'],
  ['virStoragePoolFree', 'StoragePool.free()'],
  ['virStorageVolGetName', 'StorageVol.name()'],
  ['virStorageVolGetKey', 'StorageVol.key()'],
  ['virStorageVolFree', 'StorageVol.free()'],
  ['virDomainSnapshotGetName', 'DomainSnapshot.getName()'],
  ['virDomainSnapshotGetDomain', 'DomainSnapshot.getDomain()'],
  ['virDomainSnapshotFree', 'DomainSnapshot.free()'],
  ['virInterfaceGetName', 'HostInterface.name()'],
  ['virInterfaceGetMACString', 'HostInterface.MACString()'],
  ['virNodeDeviceGetName', 'NodeDevice.name()'],
  // Migration: checks and protocol choice in src/api/migrate.ts before any driver step.
  ['virDomainMigrate3', 'Domain.migrate3(dconn, params, flags)'],
  ['virDomainMigrateToURI', 'Domain.migrateToURI(duri, flags, dname, bandwidth)'],
  ['virDomainMigrateToURI2', 'Domain.migrateToURI2(dconnuri, miguri, dxml, flags, dname, bandwidth)'],
  ['virDomainMigrateToURI3', 'Domain.migrateToURI3(dconnuri, params, flags)'],
];

/** Methods whose body dispatches to an entry point: `name(...) { ... invoke('x' | invokeAs('virX', 'x' ...`. */
function methodsOf(file: string): [string, string][] {
  const text = readFileSync(file, 'utf8');
  const rows: [string, string][] = [];
  let cls = '';
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const c = /^export class (\w+)/.exec(line);
    if (c) cls = c[1]!;
    const m = /^ {2}(?:async )?(\w+)\(([^)]*)\)/.exec(line);
    if (!m || !cls) return;
    // The method's own lines: one line, or up to its closing brace at the class's indentation.
    const end = line.trimEnd().endsWith('}') ? i : lines.findIndex((l, j) => j > i && /^ {2}\}/.test(l));
    const body = lines.slice(i, (end < 0 ? i : end) + 1).join('\n');
    const named = /invokeAs\('(\w+)'/.exec(body);
    const plain = /invoke\('(\w+)'/.exec(body);
    const cName = named?.[1] ?? (plain ? ENTRY_POINTS[plain[1] as keyof typeof ENTRY_POINTS]?.c : undefined);
    if (!cName) return;
    const params = m[2]!.split(',').map((p) => p.split(/[:=]/)[0]!.trim().replace('?', '')).filter(Boolean).join(', ');
    rows.push([cName, `${cls}.${m[1]}(${params})`]);
  });
  return rows;
}

export function apiTable(): string {
  const apiDir = join(ROOT, 'src', 'api');
  const rows = new Map<string, string[]>();
  const add = (c: string, ts: string) => rows.set(c, [...(rows.get(c) ?? []), ts]);
  for (const f of readdirSync(apiDir).filter((f) => f.endsWith('.ts')).sort()) {
    for (const [c, ts] of methodsOf(join(apiDir, f))) add(c, ts);
  }
  for (const [c, ts] of LIBRARY_FUNCTIONS) add(c, ts);
  const events: [string, string][] = [
    ['virConnectDomainEventRegisterAny', 'Connect.domainEventRegisterAny(dom, eventID, callback, opaque, { signal })'],
    ['virConnectDomainEventDeregisterAny', 'Connect.domainEventDeregisterAny(callbackID)'],
    ['virConnectNetworkEventRegisterAny', 'Connect.networkEventRegisterAny(net, eventID, callback, opaque, { signal })'],
    ['virConnectNetworkEventDeregisterAny', 'Connect.networkEventDeregisterAny(callbackID)'],
    ['virConnectStoragePoolEventRegisterAny', 'Connect.storagePoolEventRegisterAny(pool, eventID, callback, opaque, { signal })'],
    ['virConnectStoragePoolEventDeregisterAny', 'Connect.storagePoolEventDeregisterAny(callbackID)'],
  ];
  for (const [c, ts] of events) add(c, ts);
  const body = [...rows.entries()].sort(([a], [b]) => a.localeCompare(b))
    .map(([c, ts]) => `| \`${c}\` | ${[...new Set(ts)].map((t) => `\`${t}\``).join(', ')} |`);
  return [
    '# API reference: libvirt C functions and their tsvirt methods',
    '',
    'Generated by `npm run docs` from `src/api/` (do not edit by hand). Every method returns a promise',
    'that rejects with a `VirError`; results are objects with named fields. Methods follow',
    "libvirt-python's names in camelCase. Beyond these, `Connect` emits `domainEvent`,",
    '`networkEvent`, `storagePoolEvent` and `closed`, and `Connect.domainEvents({ eventId, domain, signal })`',
    'gives domain events as an async iterator.',
    '',
    '| C function | TypeScript |',
    '|---|---|',
    ...body,
    '',
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(join(ROOT, 'docs', 'api.md'), apiTable());
}
