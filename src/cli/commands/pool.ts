/** Storage pool commands (virsh's "pool" group). */
import * as lib from '../../index.js';
import {
  VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE as ACTIVE, VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE as INACTIVE,
  VIR_STORAGE_POOL_RUNNING, VIR_STORAGE_POOL_DEGRADED, type StoragePool,
} from '../../index.js';
import type { CommandFamily, OptionDef, ParsedCommand } from '../command.js';
import type { Session } from '../session.js';
import { exclusive, fail, optBool, optString } from '../opts.js';
import { XPATH_OPTIONS, printXML } from '../dumpxml.js';
import { must } from '../lookup.js';
import { formatTable } from '../table.js';
import { JSON_OPTION, printJSON } from '../json.js';
import { readXMLFile } from '../files.js';
import { splitCommas } from './virsh.js';
import { UUID_STRING_LEN, autostartCommand, compareNames, findObject, flag, objectAction, prettyCapacity, type ObjectKind } from '../objects.js';
import { chosenEventType, eventCommandOptions, optTimeout, runEventLoop } from '../event-loop.js';
import { poolCapabilitiesCommand } from './pool-capabilities.js';

const BY_UUID = 1;
const BY_NAME = 2;

export const POOL_ARG: OptionDef = { name: 'pool', type: 'data', required: true, help: 'pool name or UUID' };
const FILE_ARG: OptionDef = { name: 'file', type: 'data', required: true, help: 'XML file describing the pool' };

/** virshCommandOptPoolBy: by UUID (when it looks like one), then by name. */
export async function poolOption(s: Session, cmd: ParsedCommand, option = 'pool', by = BY_UUID | BY_NAME): Promise<StoragePool> {
  const name = optString(s, cmd, option)!;
  const attempts: (() => Promise<StoragePool>)[] = [];
  if (by & BY_UUID && name.length === UUID_STRING_LEN) attempts.push(() => s.conn.storagePoolLookupByUUIDString(name));
  if (by & BY_NAME) attempts.push(() => s.conn.storagePoolLookupByName(name));
  return findObject(s, `failed to get pool '${name}'`, attempts);
}

/** virStoragePoolState in virsh's words. */
const STATES = ['inactive', 'building', 'running', 'degraded', 'inaccessible'];
const stateName = (state: number): string => STATES[state] ?? 'unknown';
const yesNo = (v: boolean): string => (v ? 'yes' : 'no');
const hasSizes = (state: number): boolean => state === VIR_STORAGE_POOL_RUNNING || state === VIR_STORAGE_POOL_DEGRADED;

/** --type words and the listing flag each adds (virStoragePoolType names). */
const POOL_TYPES: Record<string, number> = {
  dir: lib.VIR_CONNECT_LIST_STORAGE_POOLS_DIR, fs: lib.VIR_CONNECT_LIST_STORAGE_POOLS_FS,
  netfs: lib.VIR_CONNECT_LIST_STORAGE_POOLS_NETFS, logical: lib.VIR_CONNECT_LIST_STORAGE_POOLS_LOGICAL,
  disk: lib.VIR_CONNECT_LIST_STORAGE_POOLS_DISK, iscsi: lib.VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI,
  'iscsi-direct': lib.VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI_DIRECT, scsi: lib.VIR_CONNECT_LIST_STORAGE_POOLS_SCSI,
  mpath: lib.VIR_CONNECT_LIST_STORAGE_POOLS_MPATH, rbd: lib.VIR_CONNECT_LIST_STORAGE_POOLS_RBD,
  sheepdog: lib.VIR_CONNECT_LIST_STORAGE_POOLS_SHEEPDOG, gluster: lib.VIR_CONNECT_LIST_STORAGE_POOLS_GLUSTER,
  zfs: lib.VIR_CONNECT_LIST_STORAGE_POOLS_ZFS, vstorage: lib.VIR_CONNECT_LIST_STORAGE_POOLS_VSTORAGE,
};

interface PoolRow {
  name: string;
  uuid: string;
  state: string;
  active: boolean;
  autostart: boolean | null;
  persistent: boolean | null;
  capacity: bigint | null;
  allocation: bigint | null;
  available: bigint | null;
}

async function cmdPoolList(s: Session, cmd: ParsedCommand): Promise<void> {
  const inactive = optBool(cmd, 'inactive');
  const all = optBool(cmd, 'all');
  exclusive(s, cmd, 'all', 'inactive');
  let flags = ACTIVE;
  if (inactive) flags = INACTIVE;
  if (all) flags = ACTIVE | INACTIVE;
  if (optBool(cmd, 'autostart')) flags |= lib.VIR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART;
  if (optBool(cmd, 'no-autostart')) flags |= lib.VIR_CONNECT_LIST_STORAGE_POOLS_NO_AUTOSTART;
  if (optBool(cmd, 'persistent')) flags |= lib.VIR_CONNECT_LIST_STORAGE_POOLS_PERSISTENT;
  if (optBool(cmd, 'transient')) flags |= lib.VIR_CONNECT_LIST_STORAGE_POOLS_TRANSIENT;
  const uuid = optBool(cmd, 'uuid');
  const name = optBool(cmd, 'name');
  const details = optBool(cmd, 'details');
  const type = optString(s, cmd, 'type');
  exclusive(s, cmd, 'details', 'uuid');
  exclusive(s, cmd, 'details', 'name');
  if (type !== undefined) {
    for (const word of splitCommas(type)) {
      const bit = POOL_TYPES[word];
      if (bit === undefined) fail(s, `Invalid pool type '${word}'`);
      flags |= bit;
    }
  }
  const pools = (await must(s, 'Failed to list pools', () => s.conn.listAllStoragePools(flags)))
    .sort((a, b) => compareNames(a.name(), b.name()));
  const rows: PoolRow[] = [];
  try {
    for (const pool of pools) {
      const row: PoolRow = {
        name: pool.name(), uuid: pool.uuidString(), state: 'unknown', active: false,
        autostart: await pool.autostart().catch(() => null),
        persistent: await pool.isPersistent().catch(() => null),
        capacity: null, allocation: null, available: null,
      };
      try {
        const info = await pool.info();
        row.state = stateName(info.state);
        row.active = await pool.isActive().catch(() => false);
        if (hasSizes(info.state)) Object.assign(row, { capacity: info.capacity, allocation: info.allocation, available: info.available });
      } catch {
        s.out.error('Could not retrieve pool information');
      }
      rows.push(row);
    }
  } finally {
    for (const pool of pools) pool.free();
  }
  if (optBool(cmd, 'json')) {
    printJSON(s, rows);
    return;
  }
  const autostartText = (r: PoolRow): string => (r.autostart === null ? 'no autostart' : yesNo(r.autostart));
  if (!details) {
    if (uuid || name) {
      for (const r of rows) {
        if (uuid) s.out.print(`${r.uuid.padEnd(36)}${name ? ' ' : '\n'}`);
        if (name) s.out.print(`${r.name.padEnd(20)}\n`);
      }
      return;
    }
    const state = (r: PoolRow): string => (r.state === 'unknown' ? r.state : r.active ? 'active' : 'inactive');
    s.out.print(formatTable(['Name', 'State', 'Autostart'], rows.map((r) => [r.name, state(r), autostartText(r)]), !s.out.quiet));
    return;
  }
  const size = (r: PoolRow, v: bigint | null): string => (r.state === 'unknown' ? 'unknown' : v === null ? '-' : prettyCapacity(v));
  s.out.print(formatTable(['Name', 'State', 'Autostart', 'Persistent', 'Capacity', 'Allocation', 'Available'], rows.map((r) => [
    r.name, r.state, autostartText(r), r.persistent === null ? 'unknown' : yesNo(r.persistent),
    size(r, r.capacity), size(r, r.allocation), size(r, r.available),
  ]), !s.out.quiet));
}

async function cmdPoolInfo(s: Session, cmd: ParsedCommand): Promise<void> {
  using pool = await poolOption(s, cmd);
  const bytes = optBool(cmd, 'bytes');
  const json = optBool(cmd, 'json');
  const line = (label: string, value: string): void => {
    if (!json) s.out.print(`${label.padEnd(15)} ${value}\n`);
  };
  line('Name:', pool.name());
  line('UUID:', pool.uuidString());
  const info = await pool.info();
  const persistent = await pool.isPersistent().catch(() => null);
  const autostart = await pool.autostart().catch(() => null);
  line('State:', stateName(info.state));
  line('Persistent:', persistent === null ? 'unknown' : yesNo(persistent));
  line('Autostart:', autostart === null ? 'no autostart' : yesNo(autostart));
  const sizes = hasSizes(info.state);
  if (sizes) {
    const show = (v: bigint): string => (bytes ? String(v) : prettyCapacity(v));
    line('Capacity:', show(info.capacity));
    line('Allocation:', show(info.allocation));
    line('Available:', show(info.available));
  }
  if (json) {
    printJSON(s, {
      name: pool.name(), uuid: pool.uuidString(), state: stateName(info.state), persistent, autostart,
      capacity: sizes ? info.capacity : null, allocation: sizes ? info.allocation : null, available: sizes ? info.available : null,
    });
  }
}

/** The options pool-define-as and pool-create-as share, in virsh's order. */
const AS_OPTIONS: OptionDef[] = [
  { name: 'name', type: 'data', required: true, help: 'name of the new pool' },
  { name: 'type', type: 'data', required: true, help: 'pool type (dir, fs, netfs, logical, ...)' },
  flag('print-xml', 'only print the XML that would be used'),
  ...([
    ['source-host', 'host serving the storage'], ['source-path', 'source path'], ['source-dev', 'source device'],
    ['source-name', 'source name'], ['target', 'target path'], ['source-format', 'source format'],
    ['auth-type', 'authentication type'], ['auth-username', 'authentication user name'],
    ['secret-usage', 'usage of the authentication secret'], ['secret-uuid', 'UUID of the authentication secret'],
    ['adapter-name', 'SCSI host adapter name'], ['adapter-wwnn', 'adapter WWNN'], ['adapter-wwpn', 'adapter WWPN'],
    ['adapter-parent', 'parent scsi_hostN of a vHBA'], ['adapter-parent-wwnn', 'parent WWNN of a vHBA'],
    ['adapter-parent-wwpn', 'parent WWPN of a vHBA'], ['adapter-parent-fabric-wwn', 'parent fabric WWN of a vHBA'],
    ['source-protocol-ver', 'NFS protocol version'], ['source-initiator', 'iSCSI initiator IQN'],
  ] as const).map(([name, help]): OptionDef => ({ name, type: 'string', help })),
];

const BUILD_OPTIONS: OptionDef[] = [
  flag('build', 'build the pool first'),
  flag('no-overwrite', 'refuse to overwrite existing data'),
  flag('overwrite', 'overwrite existing data'),
];

/** virshBuildPoolXML: the pool XML virsh writes from the *-as options (values are not escaped, as in virsh). */
function buildPoolXML(s: Session, cmd: ParsedCommand): { name: string; xml: string } {
  exclusive(s, cmd, 'secret-usage', 'secret-uuid');
  const name = optString(s, cmd, 'name')!;
  const type = optString(s, cmd, 'type')!;
  const o: Record<string, string | undefined> = {};
  for (const def of AS_OPTIONS.slice(3)) o[def.name] = optString(s, cmd, def.name);
  const lines = [`<pool type='${type}'>`, `  <name>${name}</name>`];
  if (o['source-host'] || o['source-path'] || o['source-dev'] || o['source-initiator'] || o['source-format']
    || o['source-name'] || (o['adapter-wwnn'] && o['adapter-wwpn']) || o['adapter-name']) {
    lines.push('  <source>');
    const src = (text: string): number => lines.push(`    ${text}`);
    if (o['source-host']) src(`<host name='${o['source-host']}'/>`);
    if (o['source-path']) src(`<dir path='${o['source-path']}'/>`);
    if (o['source-dev']) src(`<device path='${o['source-dev']}'/>`);
    if (o['source-initiator']) src(`<initiator>\n      <iqn name='${o['source-initiator']}'/>\n    </initiator>`);
    if (o['adapter-wwnn'] && o['adapter-wwpn']) {
      let parent = '';
      if (o['adapter-parent']) parent = ` parent='${o['adapter-parent']}'`;
      else if (o['adapter-parent-wwnn'] && o['adapter-parent-wwpn']) parent = ` parent_wwnn='${o['adapter-parent-wwnn']}' parent_wwpn='${o['adapter-parent-wwpn']}'`;
      else if (o['adapter-parent-fabric-wwn']) parent = ` parent_fabric_wwn='${o['adapter-parent-fabric-wwn']}'`;
      src(`<adapter type='fc_host'${parent} wwnn='${o['adapter-wwnn']}' wwpn='${o['adapter-wwpn']}'/>`);
    } else if (o['adapter-name']) {
      src(`<adapter type='scsi_host' name='${o['adapter-name']}'/>`);
    }
    if (o['auth-type'] && o['auth-username'] && (o['secret-usage'] || o['secret-uuid'])) {
      const secret = o['secret-usage'] ? `usage='${o['secret-usage']}'` : `uuid='${o['secret-uuid']}'`;
      src(`<auth type='${o['auth-type']}' username='${o['auth-username']}'>\n      <secret ${secret}/>\n    </auth>`);
    }
    if (o['source-format']) src(`<format type='${o['source-format']}'/>`);
    if (o['source-name']) src(`<name>${o['source-name']}</name>`);
    if (o['source-protocol-ver']) src(`<protocol ver='${o['source-protocol-ver']}'/>`);
    lines.push('  </source>');
  }
  if (o.target) lines.push('  <target>', `    <path>${o.target}</path>`, '  </target>');
  lines.push('</pool>');
  return { name, xml: `${lines.join('\n')}\n` };
}

/** The VIR_STORAGE_POOL_CREATE_WITH_BUILD* flags of --build / --overwrite / --no-overwrite. */
function buildFlags(s: Session, cmd: ParsedCommand): number {
  exclusive(s, cmd, 'overwrite', 'no-overwrite');
  let flags = 0;
  if (optBool(cmd, 'build')) flags |= lib.VIR_STORAGE_POOL_CREATE_WITH_BUILD;
  if (optBool(cmd, 'overwrite')) flags |= lib.VIR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE;
  if (optBool(cmd, 'no-overwrite')) flags |= lib.VIR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE;
  return flags;
}

/** A command that looks a pool up, does one thing and reports it. */
const POOL: ObjectKind<StoragePool> = { arg: POOL_ARG, noun: 'Pool', find: (s, cmd) => poolOption(s, cmd) };

/** A command running one call on a pool. */
const action = (name: string, summary: string, extra: OptionDef[], run: (pool: StoragePool, cmd: ParsedCommand) => Promise<void>,
  done: string, failed: string) => objectAction(POOL, name, summary, extra, run, done, failed);

function overwriteFlags(cmd: ParsedCommand): number {
  return (optBool(cmd, 'no-overwrite') ? lib.VIR_STORAGE_POOL_BUILD_NO_OVERWRITE : 0)
    | (optBool(cmd, 'overwrite') ? lib.VIR_STORAGE_POOL_BUILD_OVERWRITE : 0);
}

const POOL_EVENT_TYPES = ['lifecycle', 'refresh'];
const POOL_EVENTS = ['Defined', 'Undefined', 'Started', 'Stopped', 'Created', 'Deleted'];

/** pool-event: wait for storage pool lifecycle or refresh events. */
async function cmdPoolEvent(s: Session, cmd: ParsedCommand): Promise<boolean> {
  const eventId = chosenEventType(s, cmd, POOL_EVENT_TYPES);
  if (eventId === null) return true;
  const seconds = optTimeout(s, cmd);
  // As virsh: a pool that cannot be found is reported, and then events of every pool are awaited.
  const pool = optBool(cmd, 'pool') ? await poolOption(s, cmd).catch((err: unknown) => {
    s.lastError = err as never;
    return null;
  }) : null;
  try {
    return await runEventLoop(s, cmd, seconds, async (deliver) => {
      const id = await s.conn.storagePoolEventRegisterAny(pool, eventId, (ev) => {
        deliver(eventId === 0
          ? `event 'lifecycle' for storage pool ${ev.pool.name()}: ${POOL_EVENTS[ev.event] ?? 'unknown'}\n`
          : `event 'refresh' for storage pool ${ev.pool.name()}\n`);
        ev.pool.free();
      });
      return [() => s.conn.storagePoolEventDeregisterAny(id)];
    });
  } finally {
    pool?.free();
  }
}

/** find-storage-pool-sources-as: a `<source>` made of the host, port and initiator given. */
function sourceSpecFromOptions(s: Session, cmd: ParsedCommand): string | null {
  const host = optString(s, cmd, 'host');
  const initiator = optString(s, cmd, 'initiator');
  if (host === undefined) return null;
  const port = optString(s, cmd, 'port');
  // virsh pastes the values in as they are, unescaped
  let spec = `<source>\n  <host name='${host}'${port === undefined ? '' : ` port='${port}'`}/>\n`;
  if (initiator !== undefined) spec += `  <initiator>\n    <iqn name='${initiator}'/>\n  </initiator>\n`;
  return `${spec}</source>\n`;
}

/** find-storage-pool-sources(-as): the driver's `<sources>` document for a pool type. */
async function findSources(s: Session, cmd: ParsedCommand, specOf: (s: Session, cmd: ParsedCommand) => string | null | Promise<string | null>): Promise<void> {
  const type = optString(s, cmd, 'type')!;
  const spec = await specOf(s, cmd);
  s.out.print(await must(s, `Failed to find any ${type} pool sources`, () => s.conn.findStoragePoolSources(type, spec, 0)));
}

export const poolFamily: CommandFamily = {
  group: 'Storage Pool',
  keyword: 'pool',
  commands: [
    {
      name: 'find-storage-pool-sources',
      summary: 'ask the driver which sources of a pool type it can find',
      options: [
        { name: 'type', type: 'data', required: true, help: 'pool type (logical, netfs, ...)' },
        { name: 'srcSpec', type: 'string', help: 'file with a <source> to narrow the search' },
      ],
      handler: (s, cmd) => findSources(s, cmd, async () => {
        const file = optString(s, cmd, 'srcSpec');
        return file === undefined ? null : readXMLFile(s, file);
      }),
    },
    {
      name: 'find-storage-pool-sources-as',
      summary: 'ask the driver which sources of a pool type it can find on a host',
      options: [
        { name: 'type', type: 'data', required: true, help: 'pool type (logical, netfs, ...)' },
        { name: 'host', type: 'string', help: 'host to ask' },
        { name: 'port', type: 'string', help: "the host's port" },
        { name: 'initiator', type: 'string', help: 'iSCSI initiator IQN to ask as' },
      ],
      handler: (s, cmd) => findSources(s, cmd, sourceSpecFromOptions),
    },
    autostartCommand(POOL, 'pool-autostart', 'start a pool with the host, or stop doing so'),
    action('pool-build', 'build a pool', BUILD_OPTIONS.slice(1), (p, cmd) => p.build(overwriteFlags(cmd)), 'built', 'Failed to build pool'),
    {
      name: 'pool-create',
      summary: 'start a transient pool from an XML file',
      options: [FILE_ARG, ...BUILD_OPTIONS],
      async handler(s, cmd) {
        const file = optString(s, cmd, 'file')!;
        const flags = buildFlags(s, cmd);
        const xml = await readXMLFile(s, file);
        using pool = await must(s, `Failed to create pool from ${file}`, () => s.conn.storagePoolCreateXML(xml, flags));
        s.out.printExtra(`Pool ${pool.name()} created from ${file}\n`);
      },
    },
    {
      name: 'pool-create-as',
      summary: 'start a transient pool described by options',
      options: [...AS_OPTIONS, ...BUILD_OPTIONS],
      async handler(s, cmd) {
        const flags = buildFlags(s, cmd);
        const { name, xml } = buildPoolXML(s, cmd);
        if (optBool(cmd, 'print-xml')) {
          s.out.print(xml);
          return;
        }
        using _pool = await must(s, `Failed to create pool ${name}`, () => s.conn.storagePoolCreateXML(xml, flags));
        s.out.printExtra(`Pool ${name} created\n`);
      },
    },
    {
      name: 'pool-define',
      summary: 'define (or redefine) a persistent pool from an XML file',
      options: [FILE_ARG, flag('validate', 'check the XML against the schema first')],
      async handler(s, cmd) {
        const file = optString(s, cmd, 'file')!;
        const flags = optBool(cmd, 'validate') ? lib.VIR_STORAGE_POOL_DEFINE_VALIDATE : 0;
        const xml = await readXMLFile(s, file);
        using pool = await must(s, `Failed to define pool from ${file}`, () => s.conn.storagePoolDefineXML(xml, flags));
        s.out.printExtra(`Pool ${pool.name()} defined from ${file}\n`);
      },
    },
    {
      name: 'pool-define-as',
      summary: 'define a persistent pool described by options',
      options: AS_OPTIONS,
      async handler(s, cmd) {
        const { name, xml } = buildPoolXML(s, cmd);
        if (optBool(cmd, 'print-xml')) {
          s.out.print(xml);
          return;
        }
        using _pool = await must(s, `Failed to define pool ${name}`, () => s.conn.storagePoolDefineXML(xml, 0));
        s.out.printExtra(`Pool ${name} defined\n`);
      },
    },
    action('pool-delete', "delete a pool's underlying storage", [], (p) => p.delete(0), 'deleted', 'Failed to delete pool'),
    action('pool-destroy', 'stop an active pool', [], (p) => p.destroy(), 'destroyed', 'Failed to destroy pool'),
    {
      name: 'pool-dumpxml',
      summary: "print a pool's XML description",
      options: [POOL_ARG, flag('inactive', 'the persistent configuration rather than the live one'), ...XPATH_OPTIONS],
      async handler(s, cmd) {
        using pool = await poolOption(s, cmd);
        await printXML(s, cmd, await pool.xmlDesc(optBool(cmd, 'inactive') ? lib.VIR_STORAGE_XML_INACTIVE : 0));
      },
    },
    {
      name: 'pool-event',
      summary: 'wait for storage pool events and print them, or list the event types',
      options: eventCommandOptions({ name: 'pool', type: 'string', help: 'only events of this pool' }),
      handler: cmdPoolEvent,
    },
    {
      name: 'pool-info',
      summary: 'show basic facts about a pool',
      options: [POOL_ARG, flag('bytes', 'sizes in bytes instead of binary units'), JSON_OPTION],
      handler: cmdPoolInfo,
    },
    {
      name: 'pool-list',
      summary: 'list pools (active ones unless told otherwise)',
      options: [
        flag('inactive', 'only inactive pools'),
        flag('all', 'active and inactive pools'),
        flag('transient', 'only transient pools'),
        flag('persistent', 'only persistent pools'),
        flag('autostart', 'only pools that start with the host'),
        flag('no-autostart', 'only pools that do not start with the host'),
        { name: 'type', type: 'string', help: 'only pools of these types (comma separated)' },
        flag('details', 'add state details and sizes'),
        flag('uuid', 'print UUIDs only'),
        flag('name', 'print names only'),
        JSON_OPTION,
      ],
      handler: cmdPoolList,
    },
    {
      name: 'pool-name',
      summary: 'print the name of a pool given its UUID',
      options: [POOL_ARG],
      async handler(s, cmd) {
        using pool = await poolOption(s, cmd, 'pool', BY_UUID);
        s.out.print(`${pool.name()}\n`);
      },
    },
    action('pool-refresh', "re-read a pool's volumes", [], (p) => p.refresh(0), 'refreshed', 'Failed to refresh pool'),
    {
      name: 'pool-start',
      summary: 'start an inactive pool',
      options: [POOL_ARG, ...BUILD_OPTIONS],
      async handler(s, cmd) {
        using pool = await poolOption(s, cmd);
        const label = optString(s, cmd, 'pool')!;
        const flags = buildFlags(s, cmd);
        await must(s, `Failed to start pool ${label}`, () => pool.create(flags));
        s.out.printExtra(`Pool ${label} started\n`);
      },
    },
    action('pool-undefine', 'remove the persistent definition of a pool', [], (p) => p.undefine(), 'has been undefined', 'Failed to undefine pool'),
    {
      name: 'pool-uuid',
      summary: 'print the UUID of a pool given its name',
      options: [POOL_ARG],
      async handler(s, cmd) {
        using pool = await poolOption(s, cmd, 'pool', BY_NAME);
        s.out.print(`${pool.uuidString()}\n`);
      },
    },
    poolCapabilitiesCommand,
  ],
};
