/** Storage volume commands (virsh's "volume" group). */
import {
  VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA, VIR_STORAGE_VOL_CREATE_VALIDATE, VIR_STORAGE_VOL_DELETE_WITH_SNAPSHOTS, VIR_STORAGE_VOL_GET_PHYSICAL,
  type StoragePool, type StorageVol,
} from '../../index.js';
import type { CommandFamily, OptionDef, ParsedCommand } from '../command.js';
import type { Session } from '../session.js';
import { CommandFailed, fail, optBool, optString, optStringQuiet } from '../opts.js';
import { XPATH_OPTIONS, printXML } from '../dumpxml.js';
import { must } from '../lookup.js';
import { formatTable } from '../table.js';
import { JSON_OPTION, printJSON } from '../json.js';
import { readXMLFile } from '../files.js';
import { parseUInt64Prefix, scaleInteger } from '../numbers.js';
import { compareNames, findObject, flag, prettyCapacity } from '../objects.js';
import { POOL_ARG, poolOption } from './pool.js';

/** Names of the volumes of the pool the command line names, for completion. */
async function volumeNames(s: Session): Promise<string[]> {
  const pools = await s.conn.listAllStoragePools();
  const names: string[] = [];
  for (const pool of pools) {
    const vols = await pool.listAllVolumes().catch(() => []);
    for (const vol of vols) {
      names.push(vol.name());
      vol.free();
    }
    pool.free();
  }
  return names;
}

const VOL_ARG: OptionDef = { name: 'vol', type: 'data', required: true, help: 'volume name, key or path', complete: volumeNames };
const POOL_OPTIONAL: OptionDef = { name: 'pool', type: 'string', help: 'pool name or UUID (to find the volume by name)' };

/** virStorageVolType in virsh's words. */
const VOL_TYPES = ['file', 'block', 'dir', 'network', 'netdir', 'ploop'];
const volType = (type: number): string => VOL_TYPES[type] ?? 'unknown';

/**
 * virshCommandOptVolBy: with a pool, by name inside it; then by key, then by path. A volume
 * found outside the named pool is refused.
 */
async function volumeOption(s: Session, cmd: ParsedCommand, withPool = true): Promise<StorageVol> {
  const name = optString(s, cmd, 'vol')!;
  const poolName = withPool ? optString(s, cmd, 'pool') : undefined;
  let pool: StoragePool | null = null;
  if (poolName !== undefined) {
    pool = await poolOption(s, cmd);
    if (!(await pool.isActive().catch(() => false))) {
      pool.free();
      fail(s, `pool '${poolName}' is not active`);
    }
  }
  try {
    const attempts: (() => Promise<StorageVol>)[] = [];
    if (pool) attempts.push(() => pool.storageVolLookupByName(name));
    attempts.push(() => s.conn.storageVolLookupByKey(name), () => s.conn.storageVolLookupByPath(name));
    const what = pool || !withPool ? `failed to get vol '${name}'` : `failed to get vol '${name}', specifying --pool might help`;
    const vol = await findObject(s, what, attempts);
    if (pool) {
      using owner = await vol.storagePoolLookupByVolume().catch(() => null);
      if (owner && owner.name() !== pool.name()) {
        vol.free();
        fail(s, `Requested volume '${name}' is not in pool '${pool.name()}'`);
      }
    }
    return vol;
  } finally {
    pool?.free();
  }
}

/** virshVolSize: bytes with an optional unit suffix. */
function volumeSize(s: Session, text: string): bigint {
  const head = parseUInt64Prefix(text, false);
  const scaled = head ? scaleInteger(head.value, head.rest, 1n, 2n ** 64n - 1n) : null;
  if (typeof scaled === 'bigint') return scaled;
  s.out.error(`Malformed size ${text}`);
  if (scaled?.kind === 'suffix') s.out.error(`invalid argument: unknown suffix '${scaled.suffix}'`);
  else if (scaled?.kind === 'overflow') s.out.error(`numerical overflow: value too large: ${scaled.value}${scaled.suffix}`);
  throw new CommandFailed();
}

async function cmdVolCreateAs(s: Session, cmd: ParsedCommand): Promise<void> {
  const flags = optBool(cmd, 'prealloc-metadata') ? VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA : 0;
  using pool = await poolOption(s, cmd);
  const name = optString(s, cmd, 'name')!;
  const capacity = volumeSize(s, optString(s, cmd, 'capacity')!);
  const allocationText = optStringQuiet(cmd, 'allocation');
  const allocation = allocationText === undefined ? undefined : volumeSize(s, allocationText);
  const format = optString(s, cmd, 'format');
  const backing = optString(s, cmd, 'backing-vol');
  const backingFormat = optString(s, cmd, 'backing-vol-format');
  const lines = ['<volume>', `  <name>${name}</name>`, `  <capacity>${capacity}</capacity>`];
  if (allocation !== undefined) lines.push(`  <allocation>${allocation}</allocation>`);
  if (format !== undefined) lines.push('  <target>', `    <format type='${format}'/>`, '  </target>');
  if (backing !== undefined) {
    using base = await findObject(s, `failed to get vol '${backing}'`, [
      () => pool.storageVolLookupByName(backing),
      () => s.conn.storageVolLookupByKey(backing),
      () => s.conn.storageVolLookupByPath(backing),
    ]);
    lines.push('  <backingStore>', `    <path>${await base.path()}</path>`);
    if (backingFormat !== undefined) lines.push(`    <format type='${backingFormat}'/>`);
    lines.push('  </backingStore>');
  }
  lines.push('</volume>');
  const xml = `${lines.join('\n')}\n`;
  if (optBool(cmd, 'print-xml')) {
    s.out.print(xml);
    return;
  }
  using _vol = await must(s, `Failed to create vol ${name}`, () => pool.createXML(xml, flags));
  s.out.printExtra(`Vol ${name} created\n`);
}

async function cmdVolInfo(s: Session, cmd: ParsedCommand): Promise<void> {
  using vol = await volumeOption(s, cmd);
  const json = optBool(cmd, 'json');
  if (!json) s.out.print(`${'Name:'.padEnd(15)} ${vol.name()}\n`);
  const physical = optBool(cmd, 'physical');
  const info = physical ? await vol.infoFlags(VIR_STORAGE_VOL_GET_PHYSICAL) : await vol.info();
  const sizeName = physical ? 'physical' : 'allocation';
  if (json) {
    printJSON(s, { name: vol.name(), type: volType(info.type), capacity: info.capacity, [sizeName]: info.allocation });
    return;
  }
  const show = (v: bigint): string => (optBool(cmd, 'bytes') ? `${v} bytes` : prettyCapacity(v));
  s.out.print(`${'Type:'.padEnd(15)} ${volType(info.type)}\n`);
  s.out.print(`${'Capacity:'.padEnd(15)} ${show(info.capacity)}\n`);
  s.out.print(`${`${physical ? 'Physical' : 'Allocation'}:`.padEnd(15)} ${show(info.allocation)}\n`);
}

async function cmdVolList(s: Session, cmd: ParsedCommand): Promise<void> {
  using pool = await poolOption(s, cmd);
  const details = optBool(cmd, 'details');
  const vols = (await must(s, 'Failed to list volumes', () => pool.listAllVolumes())).sort((a, b) => compareNames(a.name(), b.name()));
  const rows = [];
  try {
    for (const vol of vols) {
      const path = await vol.path().catch(() => null);
      const info = await vol.info().catch(() => null);
      rows.push({ name: vol.name(), path, type: info ? volType(info.type) : null, capacity: info?.capacity ?? null, allocation: info?.allocation ?? null });
    }
  } finally {
    for (const vol of vols) vol.free();
  }
  if (optBool(cmd, 'json')) {
    printJSON(s, rows);
    return;
  }
  const size = (v: bigint | null): string => (v === null ? 'unknown' : prettyCapacity(v));
  if (!details) {
    s.out.print(formatTable(['Name', 'Path'], rows.map((r) => [r.name, r.path ?? 'unknown']), !s.out.quiet));
    return;
  }
  s.out.print(formatTable(['Name', 'Path', 'Type', 'Capacity', 'Allocation'], rows.map((r) => [
    r.name, r.path ?? 'unknown', r.type ?? 'unknown', size(r.capacity), size(r.allocation),
  ]), !s.out.quiet));
}

export const volumeFamily: CommandFamily = {
  group: 'Storage Volume',
  keyword: 'volume',
  commands: [
    {
      name: 'vol-create-as',
      summary: 'create a volume described by options',
      options: [
        POOL_ARG,
        { name: 'name', type: 'data', required: true, help: 'name of the new volume' },
        { name: 'capacity', type: 'data', required: true, help: 'size, with an optional unit (default bytes)' },
        { name: 'allocation', type: 'string', help: 'space to allocate at once, with an optional unit' },
        { name: 'format', type: 'string', help: 'file format (raw, qcow2, ...)' },
        { name: 'backing-vol', type: 'string', help: 'volume to back the new one' },
        { name: 'backing-vol-format', type: 'string', help: 'format of the backing volume' },
        flag('prealloc-metadata', 'preallocate metadata (qcow2)'),
        flag('print-xml', 'only print the XML that would be used'),
      ],
      handler: cmdVolCreateAs,
    },
    {
      name: 'vol-create',
      summary: 'create a volume from an XML file',
      options: [
        POOL_ARG,
        { name: 'file', type: 'data', required: true, help: 'XML file describing the volume' },
        flag('prealloc-metadata', 'preallocate metadata (qcow2)'),
        flag('validate', 'check the XML against the schema first'),
      ],
      async handler(s, cmd) {
        const flags = (optBool(cmd, 'prealloc-metadata') ? VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA : 0)
          | (optBool(cmd, 'validate') ? VIR_STORAGE_VOL_CREATE_VALIDATE : 0);
        using pool = await poolOption(s, cmd);
        const file = optString(s, cmd, 'file')!;
        const xml = await readXMLFile(s, file);
        using vol = await must(s, `Failed to create vol from ${file}`, () => pool.createXML(xml, flags));
        s.out.printExtra(`Vol ${vol.name()} created from ${file}\n`);
      },
    },
    {
      name: 'vol-delete',
      summary: 'delete a volume',
      options: [VOL_ARG, POOL_OPTIONAL, flag('delete-snapshots', 'also delete its snapshots, where the driver can')],
      async handler(s, cmd) {
        using vol = await volumeOption(s, cmd);
        const label = optString(s, cmd, 'vol')!;
        const flags = optBool(cmd, 'delete-snapshots') ? VIR_STORAGE_VOL_DELETE_WITH_SNAPSHOTS : 0;
        await must(s, `Failed to delete vol ${label}`, () => vol.delete(flags));
        s.out.printExtra(`Vol ${label} deleted\n`);
      },
    },
    {
      name: 'vol-dumpxml',
      summary: "print a volume's XML description",
      options: [VOL_ARG, POOL_OPTIONAL, ...XPATH_OPTIONS],
      async handler(s, cmd) {
        using vol = await volumeOption(s, cmd);
        await printXML(s, cmd, await vol.xmlDesc());
      },
    },
    {
      name: 'vol-info',
      summary: 'show basic facts about a volume',
      options: [VOL_ARG, POOL_OPTIONAL, flag('bytes', 'sizes in bytes instead of binary units'),
        flag('physical', 'the size the volume takes on the host instead of its allocation'), JSON_OPTION],
      handler: cmdVolInfo,
    },
    {
      name: 'vol-key',
      summary: 'print the key of a volume',
      options: [{ ...VOL_ARG, help: 'volume name or path' }, POOL_OPTIONAL],
      async handler(s, cmd) {
        using vol = await volumeOption(s, cmd);
        s.out.print(`${vol.key()}\n`);
      },
    },
    {
      name: 'vol-list',
      summary: 'list the volumes of a pool',
      options: [POOL_ARG, flag('details', 'add type and sizes'), JSON_OPTION],
      handler: cmdVolList,
    },
    {
      name: 'vol-name',
      summary: 'print the name of a volume given its key or path',
      options: [{ ...VOL_ARG, help: 'volume key or path' }],
      async handler(s, cmd) {
        using vol = await volumeOption(s, cmd, false);
        s.out.print(`${vol.name()}\n`);
      },
    },
    {
      name: 'vol-path',
      summary: 'print the path of a volume',
      options: [{ ...VOL_ARG, help: 'volume name or key' }, POOL_OPTIONAL],
      async handler(s, cmd) {
        using vol = await volumeOption(s, cmd);
        s.out.print(`${await vol.path()}\n`);
      },
    },
    {
      name: 'vol-pool',
      summary: 'print the pool a volume belongs to',
      options: [{ ...VOL_ARG, help: 'volume key or path' }, flag('uuid', 'print the pool UUID instead of its name')],
      async handler(s, cmd) {
        using vol = await volumeOption(s, cmd, false);
        using pool = await vol.storagePoolLookupByVolume().catch(() => fail(s, 'failed to get parent pool'));
        s.out.print(`${optBool(cmd, 'uuid') ? pool.uuidString() : pool.name()}\n`);
      },
    },
  ],
};
