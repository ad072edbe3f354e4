/** Defining, describing and naming domains (part of virsh's "domain" group). */
import {
  VIR_DOMAIN_DEFINE_VALIDATE, VIR_DOMAIN_METADATA_DESCRIPTION, VIR_DOMAIN_METADATA_ELEMENT, VIR_DOMAIN_METADATA_TITLE,
  VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA, VIR_DOMAIN_UNDEFINE_KEEP_NVRAM,
  VIR_DOMAIN_UNDEFINE_KEEP_TPM, VIR_DOMAIN_UNDEFINE_MANAGED_SAVE, VIR_DOMAIN_UNDEFINE_NVRAM, VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA,
  VIR_DOMAIN_UNDEFINE_TPM, VIR_DOMAIN_SNAPSHOT_LIST_METADATA, VIR_DOMAIN_XML_INACTIVE, VIR_DOMAIN_XML_MIGRATABLE,
  VIR_DOMAIN_XML_SECURE, VIR_DOMAIN_XML_UPDATE_CPU, VIR_STORAGE_VOL_DELETE_WITH_SNAPSHOTS, ErrorNumber,
  type Domain, type StorageVol,
} from '../../index.js';
import type { CommandDef, OptionDef, ParsedCommand } from '../command.js';
import { BY_ID, BY_NAME, BY_UUID, domainOption, must } from '../lookup.js';
import { exclusive, fail, optArgv, optBool, optString, optStringQuiet, requires } from '../opts.js';
import { readXMLFile } from '../files.js';
import { XPATH_OPTIONS, printXML } from '../dumpxml.js';
import { editText } from '../editor.js';
import type { Session } from '../session.js';
import { splitCommas } from './virsh.js';
import { domainDescription } from './domain-monitor.js';
import { DOMAIN_ARG, affectFlags } from '../domain-options.js';

const flag = (name: string, help: string): OptionDef => ({ name, type: 'bool', help });

const isCode = (err: unknown, ...codes: number[]): boolean => codes.includes((err as { code?: number }).code ?? -1);

/** A count that may be unsupported by the driver (then 0), as virsh's undefine probes them. */
async function countOrZero(s: Session, probe: () => Promise<number | boolean>): Promise<number> {
  try {
    return Number(await probe());
  } catch (err) {
    if (!isCode(err, ErrorNumber.VIR_ERR_NO_SUPPORT)) throw err;
    return 0;
  }
}

interface DoomedVolume { vol: StorageVol; target: string; source: string }

/** The volumes undefine --storage / --remove-all-storage should delete, with virsh's complaints. */
async function volumesToRemove(s: Session, dom: Domain, wanted: string[] | null): Promise<DoomedVolume[] | null> {
  const { parseXML, selectElements, xpathString } = await import('../xml.js');
  const xml = await must(s, 'Failed to get domain description xml', () => dom.xmlDesc(0));
  const root = parseXML(xml);
  const remaining = wanted ? [...wanted] : null;
  const found: DoomedVolume[] = [];
  for (const disk of selectElements(root, './devices/disk')) {
    const target = xpathString(disk, './target/@dev');
    if (target === null) throw new Error('disk without target');
    const source = xpathString(disk, './source/@file|./source/@dir|./source/@name|./source/@dev|./source/@volume');
    if (source === null) continue;
    const pool = xpathString(disk, './source/@pool');
    if (remaining) {
      const i = remaining.findIndex((v) => v === target || v === source);
      if (i < 0) continue;
      remaining.splice(i, 1);
    }
    let vol: StorageVol | null = null;
    if (pool !== null) {
      const p = await s.conn.storagePoolLookupByName(pool).catch(() => null);
      if (!p) {
        s.out.error(`Storage pool '${pool}' for volume '${target}' not found.`);
        continue;
      }
      vol = await p.storageVolLookupByName(source).catch(() => null);
      p.free();
    } else {
      vol = await s.conn.storageVolLookupByPath(source).catch(() => null);
    }
    if (!vol) {
      s.out.error(`Storage volume '${target}'(${source}) is not managed by libvirt. Remove it manually.\n`);
      continue;
    }
    found.push({ vol, target, source });
  }
  if (remaining && remaining.length > 0) {
    for (const v of remaining) s.out.error(`Volume '${v}' was not found in domain's definition.\n`);
    for (const f of found) f.vol.free();
    return null;
  }
  return found;
}

async function cmdUndefine(s: Session, cmd: ParsedCommand): Promise<boolean> {
  const managedSave = optBool(cmd, 'managed-save');
  const snapshotsMetadata = optBool(cmd, 'snapshots-metadata');
  const wipe = optBool(cmd, 'wipe-storage');
  const removeAll = optBool(cmd, 'remove-all-storage');
  const nvram = optBool(cmd, 'nvram');
  requires(s, cmd, 'delete-storage-volume-snapshots', 'remove-all-storage');
  exclusive(s, cmd, 'nvram', 'keep-nvram');
  exclusive(s, cmd, 'tpm', 'keep-tpm');
  const volString = optStringQuiet(cmd, 'storage');
  if (volString === undefined && !removeAll && wipe) fail(s, "'--wipe-storage' requires '--storage <string>' or '--remove-all-storage'");
  const volFlags = optBool(cmd, 'delete-storage-volume-snapshots') ? VIR_STORAGE_VOL_DELETE_WITH_SNAPSHOTS : 0;
  let flags = 0;
  for (const [name, bit] of [['managed-save', VIR_DOMAIN_UNDEFINE_MANAGED_SAVE], ['snapshots-metadata', VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA],
    ['checkpoints-metadata', VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA], ['nvram', VIR_DOMAIN_UNDEFINE_NVRAM],
    ['keep-nvram', VIR_DOMAIN_UNDEFINE_KEEP_NVRAM], ['tpm', VIR_DOMAIN_UNDEFINE_TPM], ['keep-tpm', VIR_DOMAIN_UNDEFINE_KEEP_TPM]] as const) {
    if (optBool(cmd, name)) flags |= bit;
  }
  let managedSafe = managedSave;
  let snapshotsSafe = snapshotsMetadata;
  using dom = await domainOption(s, cmd);
  const name = optString(s, cmd, 'domain')!;
  const running = await dom.isActive();
  let hasManagedSave = 0;
  let hasSnapshots = 0;
  let hasSnapshotsMetadata = 0;
  if (!running) {
    hasManagedSave = await countOrZero(s, () => dom.hasManagedSaveImage());
    hasSnapshots = await countOrZero(s, () => dom.snapshotNum());
    if (hasSnapshots) {
      try {
        hasSnapshotsMetadata = await dom.snapshotNum(VIR_DOMAIN_SNAPSHOT_LIST_METADATA);
        managedSafe = snapshotsSafe = true;
      } catch {
        hasSnapshotsMetadata = hasSnapshots;
      }
    }
  }
  if (!hasManagedSave) {
    flags &= ~VIR_DOMAIN_UNDEFINE_MANAGED_SAVE;
    managedSafe = true;
  }
  if (hasSnapshots === 0) snapshotsSafe = true;
  if (hasSnapshotsMetadata === 0) {
    flags &= ~VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA;
    snapshotsSafe = true;
  }
  let volumes: DoomedVolume[] = [];
  if (volString !== undefined || removeAll) {
    if (running) fail(s, 'Storage volume deletion is supported only on stopped domains');
    if (volString !== undefined && removeAll) fail(s, 'Specified both --storage and --remove-all-storage');
    const picked = await volumesToRemove(s, dom, volString !== undefined ? splitCommas(volString) : null);
    if (!picked) return false;
    volumes = picked;
  }
  try {
    let done = false;
    let failure: unknown = null;
    if ((managedSafe && snapshotsSafe) || nvram) {
      try {
        await dom.undefineFlags(flags);
        done = true;
      } catch (err) {
        if (nvram || !isCode(err, ErrorNumber.VIR_ERR_NO_SUPPORT, ErrorNumber.VIR_ERR_INVALID_ARG)) failure = err;
      }
    }
    if (!done && failure === null) {
      // The flags are unsupported or unsafe here: do it piece by piece.
      if (hasManagedSave) {
        if (!managedSave) fail(s, 'Refusing to undefine while domain managed save image exists');
        await dom.managedSaveRemove();
      }
      if (hasSnapshotsMetadata) {
        fail(s, snapshotsMetadata ? `Unable to remove metadata of ${hasSnapshotsMetadata} snapshots`
          : `Refusing to undefine while ${hasSnapshotsMetadata} snapshots exist`);
      }
      try {
        await dom.undefine();
        done = true;
      } catch (err) {
        failure = err;
      }
    }
    if (!done) {
      s.out.error(`Failed to undefine domain '${name}'`);
      throw failure;
    }
    s.out.printExtra(`Domain '${name}' has been undefined\n`);
    let ok = true;
    for (const v of volumes) {
      if (wipe) {
        s.out.printExtra(`Wiping volume '${v.target}'(${v.source}) ... `);
        s.out.flush();
        try {
          await v.vol.wipe();
          s.out.printExtra('Done.\n');
        } catch {
          s.out.error('Failed! Volume not removed.');
          ok = false;
          continue;
        }
      }
      try {
        await v.vol.delete(volFlags);
        s.out.printExtra(`Volume '${v.target}'(${v.source}) removed.\n`);
      } catch {
        s.out.error(`Failed to remove storage volume '${v.target}'(${v.source})`);
        ok = false;
      }
    }
    return ok;
  } finally {
    for (const v of volumes) v.vol.free();
  }
}

async function cmdDesc(s: Session, cmd: ParsedCommand): Promise<void> {
  const flags = affectFlags(s, cmd);
  const queryFlags = optBool(cmd, 'config') ? VIR_DOMAIN_XML_INACTIVE : 0;
  const title = optBool(cmd, 'title');
  const edit = optBool(cmd, 'edit');
  using dom = await domainOption(s, cmd);
  await dom.state();
  const type = title ? VIR_DOMAIN_METADATA_TITLE : VIR_DOMAIN_METADATA_DESCRIPTION;
  const words = optArgv(cmd, 'new-desc');
  let descArg: string | null = words.length > 0 ? words.join(' ') : null;
  if (!edit && descArg === null) {
    const desc = await domainDescription(dom, title, queryFlags);
    if (desc.length > 0) s.out.print(desc);
    else s.out.printExtra(`No ${title ? 'title' : 'description'} for domain: ${dom.name()}`);
    return;
  }
  const current = await domainDescription(dom, title, queryFlags);
  descArg ??= current;
  let next = descArg;
  if (edit) {
    let edited = await editText(s, descArg);
    // Editors add a final newline; a title is one line.
    if (title && edited.endsWith('\n')) edited = edited.slice(0, -1);
    if (edited === current) {
      s.out.printExtra(`Domain ${title ? 'title' : 'description'} not changed\n`);
      return;
    }
    next = edited;
  }
  await must(s, `Failed to set new domain ${title ? 'title' : 'description'}`, () => dom.setMetadata(type, next, null, null, flags));
  s.out.printExtra(`Domain ${title ? 'title' : 'description'} updated successfully`);
}

async function cmdMetadata(s: Session, cmd: ParsedCommand): Promise<void> {
  const flags = affectFlags(s, cmd);
  exclusive(s, cmd, 'edit', 'set');
  exclusive(s, cmd, 'remove', 'set');
  exclusive(s, cmd, 'remove', 'edit');
  const edit = optBool(cmd, 'edit');
  const remove = optBool(cmd, 'remove');
  using dom = await domainOption(s, cmd);
  const uri = optString(s, cmd, 'uri')!;
  const key = optString(s, cmd, 'key') ?? null;
  const set = optString(s, cmd, 'set');
  if ((set !== undefined || edit) && key === null) fail(s, 'namespace key is required when modifying metadata');
  if (set !== undefined || remove) {
    await dom.setMetadata(VIR_DOMAIN_METADATA_ELEMENT, set ?? null, key, uri, flags);
    s.out.printExtra(remove ? 'Metadata removed\n' : 'Metadata modified\n');
    return;
  }
  if (edit) {
    let current = '';
    try {
      current = await dom.metadata(VIR_DOMAIN_METADATA_ELEMENT, uri, flags);
    } catch (err) {
      if (!isCode(err, ErrorNumber.VIR_ERR_NO_DOMAIN_METADATA)) throw err;
      current = '<metadata/>';
    }
    const edited = await editText(s, current);
    if (edited === current) {
      s.out.printExtra('Metadata not changed');
      return;
    }
    await dom.setMetadata(VIR_DOMAIN_METADATA_ELEMENT, edited, key, uri, flags);
    s.out.printExtra('Metadata modified\n');
    return;
  }
  s.out.print(`${await dom.metadata(VIR_DOMAIN_METADATA_ELEMENT, uri, flags)}\n`);
}

export const definitionCommands: CommandDef[] = [
  {
    name: 'define',
    summary: 'define (but do not start) a domain from an XML file',
    options: [
      { name: 'file', type: 'data', required: true, help: 'file holding the domain XML' },
      flag('validate', 'check the XML against the schema first'),
    ],
    async handler(s, cmd) {
      const from = optString(s, cmd, 'file')!;
      const validate = optBool(cmd, 'validate');
      const xml = await readXMLFile(s, from);
      const dom = await must(s, `Failed to define domain from ${from}`,
        () => (validate ? s.conn.defineXMLFlags(xml, VIR_DOMAIN_DEFINE_VALIDATE) : s.conn.defineXML(xml)));
      s.out.printExtra(`Domain '${dom.name()}' defined from ${from}\n`);
      dom.free();
    },
  },
  {
    name: 'undefine',
    summary: 'remove the definition of a domain (a running one becomes transient)',
    options: [
      DOMAIN_ARG,
      flag('managed-save', 'remove its managed save image too'),
      { name: 'storage', type: 'string', help: 'comma-separated disks (target or source) whose volumes to delete' },
      flag('remove-all-storage', 'delete the volumes of every disk'),
      { name: 'delete-snapshots', type: 'alias', alias: 'delete-storage-volume-snapshots' },
      flag('delete-storage-volume-snapshots', 'delete the volumes\' snapshots as well (with --remove-all-storage)'),
      flag('wipe-storage', 'overwrite the volumes before deleting them'),
      flag('snapshots-metadata', 'remove the metadata of its snapshots too'),
      flag('checkpoints-metadata', 'remove the metadata of its checkpoints too'),
      flag('nvram', 'remove its NVRAM file too'),
      flag('keep-nvram', 'keep its NVRAM file'),
      flag('tpm', 'remove its TPM state too'),
      flag('keep-tpm', 'keep its TPM state'),
    ],
    handler: cmdUndefine,
  },
  {
    name: 'dumpxml',
    summary: 'print the XML description of a domain',
    options: [
      DOMAIN_ARG,
      flag('inactive', 'the definition used at next boot'),
      flag('security-info', 'include secrets such as passwords'),
      flag('update-cpu', 'update the guest CPU to what the host provides'),
      flag('migratable', 'the XML suitable for migration'),
      ...XPATH_OPTIONS,
    ],
    async handler(s, cmd) {
      let flags = 0;
      if (optBool(cmd, 'inactive')) flags |= VIR_DOMAIN_XML_INACTIVE;
      if (optBool(cmd, 'security-info')) flags |= VIR_DOMAIN_XML_SECURE;
      if (optBool(cmd, 'update-cpu')) flags |= VIR_DOMAIN_XML_UPDATE_CPU;
      if (optBool(cmd, 'migratable')) flags |= VIR_DOMAIN_XML_MIGRATABLE;
      using dom = await domainOption(s, cmd);
      const xml = await dom.xmlDesc(flags);
      await printXML(s, cmd, xml);
    },
  },
  {
    name: 'domrename',
    summary: 'give an inactive domain a new name',
    options: [
      { ...DOMAIN_ARG, help: 'domain name or UUID' },
      { name: 'new-name', type: 'data', required: true, help: 'the new name' },
    ],
    async handler(s, cmd) {
      using dom = await domainOption(s, cmd);
      await dom.rename(optString(s, cmd, 'new-name')!, 0);
      s.out.printExtra('Domain successfully renamed\n');
    },
  },
  {
    name: 'domid',
    summary: 'print the id of a domain (- when not running)',
    options: [{ ...DOMAIN_ARG, help: 'domain name or UUID' }],
    async handler(s, cmd) {
      using dom = await domainOption(s, cmd, 'domain', BY_NAME | BY_UUID);
      s.out.print(`${dom.id() >= 0 ? dom.id() : '-'}\n`);
    },
  },
  {
    name: 'domname',
    summary: 'print the name of a domain given by id or UUID',
    options: [{ ...DOMAIN_ARG, help: 'domain id or UUID' }],
    async handler(s, cmd) {
      using dom = await domainOption(s, cmd, 'domain', BY_ID | BY_UUID);
      s.out.print(`${dom.name()}\n`);
    },
  },
  {
    name: 'domuuid',
    summary: 'print the UUID of a domain given by name or id',
    options: [{ ...DOMAIN_ARG, help: 'domain name or id' }],
    async handler(s, cmd) {
      using dom = await domainOption(s, cmd, 'domain', BY_NAME | BY_ID);
      s.out.print(`${dom.uuidString()}\n`);
    },
  },
  {
    name: 'desc',
    summary: "show or change a domain's description or title",
    options: [
      DOMAIN_ARG,
      flag('live', 'the running domain'),
      flag('config', 'the persistent definition'),
      flag('current', 'the running domain if it runs, else the definition'),
      flag('title', 'the title instead of the description'),
      flag('edit', 'change it in your editor'),
      { name: 'new-desc', type: 'argv', help: 'the new text' },
    ],
    handler: cmdDesc,
  },
  {
    name: 'metadata',
    summary: 'show or change a custom XML metadata element of a domain',
    options: [
      DOMAIN_ARG,
      { name: 'uri', type: 'data', required: true, help: 'namespace URI of the element' },
      flag('live', 'the running domain'),
      flag('config', 'the persistent definition'),
      flag('current', 'the running domain if it runs, else the definition'),
      flag('edit', 'change it in your editor'),
      { name: 'key', type: 'string', help: 'namespace prefix to write it with' },
      { name: 'set', type: 'string', help: 'the new element (XML)' },
      flag('remove', 'remove the element'),
    ],
    handler: cmdMetadata,
  },
];
