/** Storage volume commands (virsh's "volume" group). */
import {
  VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA, VIR_STORAGE_VOL_CREATE_VALIDATE, VIR_STORAGE_VOL_DELETE_WITH_SNAPSHOTS, VIR_STORAGE_VOL_GET_PHYSICAL,
} from '../../index.js';
import type { CommandFamily, ParsedCommand } from '../command.js';
import type { Session } from '../session.js';
import { fail, optBool, optString, optStringQuiet } from '../opts.js';
import { XPATH_OPTIONS, printXML } from '../dumpxml.js';
import { must } from '../lookup.js';
import { formatTable } from '../table.js';
import { JSON_OPTION, printJSON } from '../json.js';
import { readXMLFile } from '../files.js';
import { compareNames, findObject, flag, prettyCapacity } from '../objects.js';
import { POOL_ARG, poolOption } from './pool.js';
import { POOL_OPTIONAL, VOL_ARG, volumeOption, volumeSize } from './volume-option.js';
import { volumeContentCommands } from './volume-content.js';

/** virStorageVolType in virsh's words. */
const VOL_TYPES = ['file', 'block', 'dir', 'network', 'netdir', 'ploop'];
const volType = (type: number): string => VOL_TYPES[type] ?? 'unknown';

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
    volumeContentCommands['vol-clone']!,
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
    volumeContentCommands['vol-create-from']!,
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
    volumeContentCommands['vol-download']!,
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
    volumeContentCommands['vol-resize']!,
    volumeContentCommands['vol-upload']!,
    volumeContentCommands['vol-wipe']!,
  ],
};
