/** Domain checkpoint commands (virsh's "checkpoint" group). */
import { xmldom } from '../../conf/xml-libs.js';
import * as lib from '../../index.js';
import { ErrorNumber, type Domain, type DomainCheckpoint } from '../../index.js';
import type { CommandDef, CommandFamily, OptionDef, ParsedCommand } from '../command.js';
import type { Session } from '../session.js';
import { domainOption, must } from '../lookup.js';
import { exclusive, fail, optArgv, optBool, optString, requires } from '../opts.js';
import { XPATH_OPTIONS, printXML } from '../dumpxml.js';
import { formatTable } from '../table.js';
import { formatForest } from '../tree.js';
import { readXMLFile } from '../files.js';
import { compareNames, flag } from '../objects.js';
import { splitCommas } from './virsh.js';
import { DOMAIN_ARG } from '../domain-options.js';
import { escape, localTime, parentName } from './snapshot.js';

const CHECKPOINT_NAME: OptionDef = { name: 'checkpointname', type: 'string', help: 'checkpoint name' };

/** virshLookupCheckpoint: the checkpoint --ARG names (it is required, though not positional-only). */
export async function lookupCheckpoint(s: Session, cmd: ParsedCommand, arg: string, dom: Domain): Promise<DomainCheckpoint> {
  const name = optString(s, cmd, arg);
  if (name === undefined) fail(s, `--${arg} is required`);
  return dom.checkpointLookupByName(name, 0);
}

async function createCheckpoint(s: Session, dom: Domain, xml: string, flags: number, from?: string): Promise<void> {
  using chk = await dom.checkpointCreateXML(xml, flags);
  s.out.printExtra(from === undefined ? `Domain checkpoint ${chk.getName()} created` : `Domain checkpoint ${chk.getName()} created from '${from}'`);
}

async function cmdCheckpointCreate(s: Session, cmd: ParsedCommand): Promise<void> {
  requires(s, cmd, 'redefine-validate', 'redefine');
  const flags = (optBool(cmd, 'redefine') ? lib.VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE : 0)
    | (optBool(cmd, 'redefine-validate') ? lib.VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE_VALIDATE : 0)
    | (optBool(cmd, 'quiesce') ? lib.VIR_DOMAIN_CHECKPOINT_CREATE_QUIESCE : 0);
  using dom = await domainOption(s, cmd);
  const from = optString(s, cmd, 'xmlfile');
  const xml = from === undefined ? '<domaincheckpoint/>' : await readXMLFile(s, from);
  await createCheckpoint(s, dom, xml, flags, from);
}

/** virshParseCheckpointDiskspec: `disk[,checkpoint=TYPE][,bitmap=NAME]`. */
function diskspecXML(s: Session, spec: string): string {
  const parts = splitCommas(spec);
  if (parts.length === 0) fail(s, `unable to parse diskspec: ${spec}`);
  const found: Record<string, string> = {};
  for (const part of parts.slice(1)) {
    const key = ['checkpoint', 'bitmap'].find((k) => found[k] === undefined && part.startsWith(`${k}=`));
    if (!key) fail(s, `unable to parse diskspec: ${spec}`);
    found[key] = part.slice(key.length + 1);
  }
  return `    <disk name='${escape(parts[0]!)}'${found.checkpoint === undefined ? '' : ` checkpoint='${found.checkpoint}'`}`
    + `${found.bitmap === undefined ? '' : ` bitmap='${found.bitmap}'`}/>\n`;
}

async function cmdCheckpointCreateAs(s: Session, cmd: ParsedCommand): Promise<void> {
  const flags = optBool(cmd, 'quiesce') ? lib.VIR_DOMAIN_CHECKPOINT_CREATE_QUIESCE : 0;
  using dom = await domainOption(s, cmd);
  const name = optString(s, cmd, 'name');
  const desc = optString(s, cmd, 'description');
  let xml = '<domaincheckpoint>\n';
  if (name !== undefined) xml += `  <name>${escape(name)}</name>\n`;
  if (desc !== undefined) xml += `  <description>${escape(desc)}</description>\n`;
  if (optBool(cmd, 'diskspec')) {
    xml += '  <disks>\n';
    for (const spec of optArgv(cmd, 'diskspec')) xml += diskspecXML(s, spec);
    xml += '  </disks>\n';
  }
  xml += '</domaincheckpoint>\n';
  if (optBool(cmd, 'print-xml')) {
    s.out.print(`${xml}\n`);
    return;
  }
  await createCheckpoint(s, dom, xml, flags);
}

async function cmdCheckpointInfo(s: Session, cmd: ParsedCommand): Promise<boolean> {
  using dom = await domainOption(s, cmd);
  using chk = await lookupCheckpoint(s, cmd, 'checkpointname', dom);
  const line = (label: string, value: string | number): void => s.out.print(`${label.padEnd(15)} ${value}\n`);
  line('Name:', chk.getName());
  line('Domain:', dom.name());
  let parent: string | null;
  try {
    parent = await parentName(s, chk, ErrorNumber.VIR_ERR_NO_DOMAIN_CHECKPOINT, 'checkpoint');
  } catch {
    fail(s, 'unexpected problem querying checkpoint state');
  }
  line('Parent:', parent ?? '-');
  let children: DomainCheckpoint[];
  try {
    children = await chk.listAllChildren(0);
  } catch (err) {
    if ((err as { code?: number }).code === ErrorNumber.VIR_ERR_NO_SUPPORT) return true;
    throw err;
  }
  line('Children:', children.length);
  for (const c of children) c.free();
  const descendants = await chk.listAllChildren(lib.VIR_DOMAIN_CHECKPOINT_LIST_DESCENDANTS);
  line('Descendants:', descendants.length);
  for (const c of descendants) c.free();
  return true;
}

/** What checkpoint-list reads from a checkpoint's XML: its parent and creation time. */
function checkpointFacts(xml: string): { parent: string; creationTime: number | null } {
  const root = new (xmldom().DOMParser)().parseFromString(xml, 'text/xml').documentElement!;
  const child = (el: Element | undefined, name: string): Element | undefined =>
    el && Array.from(el.childNodes).find((n): n is Element => n.nodeType === 1 && n.nodeName === name) as Element | undefined;
  const created = child(root as unknown as Element, 'creationTime')?.textContent;
  return {
    parent: child(child(root as unknown as Element, 'parent'), 'name')?.textContent ?? '',
    creationTime: created !== undefined && created !== null && /^\s*[+-]?\d+$/.test(created) ? Number(created) : null,
  };
}

interface Listed { chk: DomainCheckpoint; parent: string | null }

async function cmdCheckpointList(s: Session, cmd: ParsedCommand): Promise<void> {
  const tree = optBool(cmd, 'tree');
  const names = optBool(cmd, 'name');
  const from = optBool(cmd, 'from');
  const withParent = optBool(cmd, 'parent');
  for (const [a, b] of [['tree', 'name'], ['parent', 'roots'], ['parent', 'tree'], ['roots', 'tree'], ['roots', 'from']] as const) exclusive(s, cmd, a, b);
  let flags = 0;
  for (const [option, bit] of [['leaves', lib.VIR_DOMAIN_CHECKPOINT_LIST_LEAVES], ['no-leaves', lib.VIR_DOMAIN_CHECKPOINT_LIST_NO_LEAVES]] as const) {
    if (!optBool(cmd, option)) continue;
    if (tree) fail(s, `--${option} and --tree are mutually exclusive`);
    flags |= bit;
  }
  const topological = optBool(cmd, 'topological');
  if (topological) flags |= lib.VIR_DOMAIN_CHECKPOINT_LIST_TOPOLOGICAL;
  if (optBool(cmd, 'roots')) flags |= lib.VIR_DOMAIN_CHECKPOINT_LIST_ROOTS;
  if (optBool(cmd, 'descendants')) {
    if (!from) fail(s, '--descendants requires --from');
    flags |= lib.VIR_DOMAIN_CHECKPOINT_LIST_DESCENDANTS;
  }
  using dom = await domainOption(s, cmd);
  using start = from ? await lookupCheckpoint(s, cmd, 'from', dom) : null;
  let chks: DomainCheckpoint[];
  try {
    chks = start ? await start.listAllChildren(flags) : await dom.listAllCheckpoints(flags);
  } catch (err) {
    s.lastError = err as never;
    fail(s, 'unexpected problem querying checkpoints');
  }
  const list: Listed[] = chks.map((chk) => ({ chk, parent: null }));
  try {
    if (tree) {
      for (const item of list) item.parent = await parentName(s, item.chk, ErrorNumber.VIR_ERR_NO_DOMAIN_CHECKPOINT, 'checkpoint');
      if (start) list.push({ chk: start, parent: null });
    }
    if (!topological) list.sort((a, b) => compareNames(a.chk.getName(), b.chk.getName()));
    if (tree) {
      s.out.print(formatForest(list.map((l) => ({ name: l.chk.getName(), parent: l.parent }))));
      return;
    }
    if (names) {
      for (const l of list) s.out.print(`${l.chk.getName()}\n`);
      return;
    }
    const rows: string[][] = [];
    for (const l of list) {
      const xml = await l.chk.getXMLDesc(0).catch(() => null);
      const facts = xml === null ? null : checkpointFacts(xml);
      if (facts?.creationTime === null || facts === null) continue;
      const row = [l.chk.getName(), localTime(facts.creationTime)];
      if (withParent) row.push(facts.parent);
      rows.push(row);
    }
    s.out.print(formatTable(withParent ? ['Name', 'Creation Time', 'Parent'] : ['Name', 'Creation Time'], rows, !s.out.quiet));
  } finally {
    for (const chk of chks) chk.free();
  }
}

/** A command working on the checkpoint --checkpointname names. */
function onCheckpoint(name: string, summary: string, extra: OptionDef[],
  handler: (s: Session, cmd: ParsedCommand, chk: DomainCheckpoint) => Promise<void>): CommandDef {
  return {
    name,
    summary,
    options: [DOMAIN_ARG, CHECKPOINT_NAME, ...extra],
    async handler(s, cmd) {
      using dom = await domainOption(s, cmd);
      using chk = await lookupCheckpoint(s, cmd, 'checkpointname', dom);
      await handler(s, cmd, chk);
    },
  };
}

export const checkpointFamily: CommandFamily = {
  group: 'Checkpoint',
  keyword: 'checkpoint',
  commands: [
    {
      name: 'checkpoint-create',
      summary: 'make a checkpoint described by an XML file',
      options: [
        DOMAIN_ARG,
        { name: 'xmlfile', type: 'string', help: 'checkpoint XML (default: an empty description)' },
        flag('redefine', 'redefine the metadata of an existing checkpoint'),
        flag('redefine-validate', 'with --redefine, check the redefined checkpoint'),
        flag('quiesce', 'quiesce guest file systems first'),
      ],
      handler: cmdCheckpointCreate,
    },
    {
      name: 'checkpoint-create-as',
      summary: 'make a checkpoint described by options',
      options: [
        DOMAIN_ARG,
        { name: 'name', type: 'string', help: 'checkpoint name' },
        { name: 'description', type: 'string', help: 'checkpoint description' },
        flag('print-xml', 'only print the XML that would be used'),
        flag('quiesce', 'quiesce guest file systems first'),
        { name: 'diskspec', type: 'argv', help: 'disk[,checkpoint=type][,bitmap=name]' },
      ],
      handler: cmdCheckpointCreateAs,
    },
    onCheckpoint('checkpoint-delete', 'delete a checkpoint', [
      flag('children', 'also delete its descendants'),
      flag('children-only', 'delete only its descendants'),
      flag('metadata', 'forget the metadata only'),
    ], async (s, cmd, chk) => {
      const label = chk.getName();
      const childrenOnly = optBool(cmd, 'children-only');
      const flags = (optBool(cmd, 'children') ? lib.VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN : 0)
        | (childrenOnly ? lib.VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY : 0)
        | (optBool(cmd, 'metadata') ? lib.VIR_DOMAIN_CHECKPOINT_DELETE_METADATA_ONLY : 0);
      await must(s, `Failed to delete checkpoint ${label}`, () => chk.delete(flags));
      s.out.printExtra(childrenOnly ? `Domain checkpoint ${label} children deleted\n` : `Domain checkpoint ${label} deleted\n`);
    }),
    onCheckpoint('checkpoint-dumpxml', "print a checkpoint's XML description", [
      flag('security-info', 'include security-sensitive information'),
      flag('no-domain', 'leave out the domain definition'),
      flag('size', 'include the backup size estimate'),
      ...XPATH_OPTIONS,
    ], async (s, cmd, chk) => {
      const flags = (optBool(cmd, 'security-info') ? lib.VIR_DOMAIN_CHECKPOINT_XML_SECURE : 0)
        | (optBool(cmd, 'no-domain') ? lib.VIR_DOMAIN_CHECKPOINT_XML_NO_DOMAIN : 0)
        | (optBool(cmd, 'size') ? lib.VIR_DOMAIN_CHECKPOINT_XML_SIZE : 0);
      await printXML(s, cmd, await chk.getXMLDesc(flags));
    }),
    { name: 'checkpoint-info', summary: 'show facts about a checkpoint', options: [DOMAIN_ARG, CHECKPOINT_NAME], handler: cmdCheckpointInfo },
    {
      name: 'checkpoint-list',
      summary: 'list the checkpoints of a domain',
      options: [
        DOMAIN_ARG,
        flag('parent', 'add a column with each parent'),
        flag('roots', 'only checkpoints without a parent'),
        flag('leaves', 'only checkpoints without children'),
        flag('no-leaves', 'only checkpoints with children'),
        flag('tree', 'print the checkpoints as a tree'),
        { name: 'from', type: 'string', help: 'only children of this checkpoint' },
        flag('descendants', 'with --from, all descendants'),
        flag('name', 'print names only'),
        flag('topological', 'parents before children, no name sort'),
      ],
      handler: cmdCheckpointList,
    },
    onCheckpoint('checkpoint-parent', "print the name of a checkpoint's parent", [], async (s, _cmd, chk) => {
      const parent = await parentName(s, chk, ErrorNumber.VIR_ERR_NO_DOMAIN_CHECKPOINT, 'checkpoint');
      if (parent === null) fail(s, `checkpoint '${chk.getName()}' has no parent`);
      s.out.print(parent);
    }),
  ],
};
