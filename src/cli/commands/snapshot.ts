/** Domain snapshot commands (virsh's "snapshot" group). */
import { xmldom } from '../../conf/xml-libs.js';
import type { Element as XmlElement } from '@xmldom/xmldom';
import * as lib from '../../index.js';
import { ErrorNumber, type Domain, type DomainCheckpoint, type DomainSnapshot } from '../../index.js';
import type { CommandDef, CommandFamily, OptionDef, ParsedCommand } from '../command.js';
import type { Session } from '../session.js';
import { domainOption, must } from '../lookup.js';
import { exclusive, fail, optArgv, optBool, optString } from '../opts.js';
import { XPATH_OPTIONS, printXML } from '../dumpxml.js';
import { formatTable } from '../table.js';
import { formatForest } from '../tree.js';
import { JSON_OPTION, printJSON } from '../json.js';
import { readXMLFile } from '../files.js';
import { compareNames, flag } from '../objects.js';
import { splitCommas } from './virsh.js';
import { DOMAIN_ARG } from '../domain-options.js';

const codeOf = (err: unknown): number | undefined => (err as { code?: number }).code;

const SNAPSHOT_NAME: OptionDef = { name: 'snapshotname', type: 'string', help: 'snapshot name' };
const CURRENT: OptionDef = flag('current', 'the current snapshot');

/** What virsh reads from a snapshot's XML. */
interface SnapshotFacts {
  state: string;
  parent: string | null;
  external: boolean;
  creationTime: number;
}

function snapshotFacts(xml: string): SnapshotFacts {
  const root = new (xmldom().DOMParser)().parseFromString(xml, 'text/xml').documentElement as XmlElement;
  const children = (el: XmlElement, name: string): XmlElement[] =>
    Array.from(el.childNodes).filter((n): n is XmlElement => n.nodeType === 1 && n.nodeName === name) as XmlElement[];
  const text = (el: XmlElement | undefined): string | null => (el ? el.textContent ?? '' : null);
  const state = text(children(root, 'state')[0]) ?? '';
  const parentEl = children(root, 'parent')[0];
  const memory = children(root, 'memory');
  const externalDisk = children(root, 'disks').some((d) => children(d, 'disk').some((e) => e.getAttribute('snapshot') === 'external'));
  return {
    state,
    parent: parentEl ? text(children(parentEl, 'name')[0]) : null,
    external: memory.length > 0 ? memory.some((m) => m.getAttribute('snapshot') === 'external') || externalDisk : state === 'disk-snapshot',
    creationTime: Number(text(children(root, 'creationTime')[0]) ?? 0),
  };
}

/** g_date_time_format(local, "%Y-%m-%d %H:%M:%S %z"). */
export function localTime(epoch: number): string {
  const d = new Date(epoch * 1000);
  const p = (n: number): string => String(n).padStart(2, '0');
  const offset = -d.getTimezoneOffset();
  const zone = `${offset < 0 ? '-' : '+'}${p(Math.floor(Math.abs(offset) / 60))}${p(Math.abs(offset) % 60)}`;
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())} ${zone}`;
}

/** virshLookupSnapshot: --ARG names the snapshot, or --current stands for the current one. */
export async function lookupSnapshot(s: Session, cmd: ParsedCommand, arg: string, dom: Domain, exclusiveCurrent: boolean): Promise<DomainSnapshot> {
  const current = optBool(cmd, 'current');
  const name = optString(s, cmd, arg);
  if (exclusiveCurrent && current && name !== undefined) fail(s, `--${arg} and --current are mutually exclusive`);
  if (name !== undefined) return dom.snapshotLookupByName(name, 0);
  if (current) return dom.snapshotCurrent(0);
  fail(s, `--${arg} or --current is required`);
}

/**
 * virshGetSnapshotParent / virshGetCheckpointParent: the parent's name, or null for a root
 * (`noParent` is the error code that means there is none).
 */
export async function parentName(s: Session, moment: DomainSnapshot | DomainCheckpoint, noParent: number, kind: string): Promise<string | null> {
  try {
    using parent = await moment.getParent(0);
    return parent.getName();
  } catch (err) {
    if (codeOf(err) === noParent) return null;
    s.out.error((err as Error).message);
    fail(s, `unable to determine if ${kind} has parent`);
  }
}

/** virshSnapshotCreate: create, with virsh's fallbacks for older servers, and report it. */
async function createSnapshot(s: Session, dom: Domain, xml: string, flags: number, from?: string): Promise<void> {
  let halt = false;
  let snap: DomainSnapshot;
  try {
    snap = await dom.snapshotCreateXML(xml, flags);
  } catch (err) {
    let failure = err;
    if (codeOf(failure) === ErrorNumber.VIR_ERR_NO_SUPPORT && from === undefined) {
      flags &= ~lib.VIR_DOMAIN_SNAPSHOT_CREATE_VALIDATE;
      try {
        snap = await dom.snapshotCreateXML(xml, flags);
        failure = null;
      } catch (again) {
        failure = again;
      }
    }
    if (failure && codeOf(failure) === ErrorNumber.VIR_ERR_INVALID_ARG && flags & lib.VIR_DOMAIN_SNAPSHOT_CREATE_HALT) {
      // Emulate --halt: snapshot, then destroy.
      if (!(await dom.isPersistent())) fail(s, 'cannot halt after snapshot of transient domain');
      halt = await dom.isActive().catch(() => false);
      snap = await dom.snapshotCreateXML(xml, flags & ~lib.VIR_DOMAIN_SNAPSHOT_CREATE_HALT);
      failure = null;
    }
    if (failure) throw failure;
  }
  using made = snap!;
  if (halt) await dom.destroy();
  s.out.printExtra(from === undefined ? `Domain snapshot ${made.getName()} created` : `Domain snapshot ${made.getName()} created from '${from}'`);
}

/** virBufferEscapeString's escaping of XML text and attribute values. */
export function escape(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** virshParseSnapshotMemspec: `[file=]/path[,snapshot=TYPE]`. */
function memspecXML(s: Session, spec: string): string {
  let snapshot: string | undefined;
  let file: string | undefined;
  for (const part of splitCommas(spec)) {
    if (snapshot === undefined && part.startsWith('snapshot=')) snapshot = part.slice('snapshot='.length);
    else if (file === undefined && part.startsWith('file=')) file = part.slice('file='.length);
    else if (file === undefined && part.startsWith('/')) file = part;
    else fail(s, `unable to parse memspec: ${spec}`);
  }
  return `  <memory${snapshot === undefined ? '' : ` snapshot='${escape(snapshot)}'`}${file === undefined ? '' : ` file='${escape(file)}'`}/>\n`;
}

/** virshParseSnapshotDiskspec: `disk[,snapshot=TYPE][,driver=TYPE][,stype=TYPE][,file=NAME]`. */
function diskspecXML(s: Session, spec: string): string {
  const parts = splitCommas(spec);
  const bad = (): never => fail(s, `unable to parse diskspec: ${spec}`);
  const found: Record<string, string> = {};
  for (const part of parts.slice(1)) {
    const key = ['snapshot', 'driver', 'stype', 'file'].find((k) => found[k] === undefined && part.startsWith(`${k}=`));
    if (!key) bad();
    found[key!] = part.slice(key!.length + 1);
  }
  let out = `    <disk name='${escape(parts[0]!)}'`;
  if (found.snapshot !== undefined) out += ` snapshot='${found.snapshot}'`;
  let isFile = true;
  if (found.stype !== undefined) {
    if (found.stype === 'block') isFile = false;
    else if (found.stype !== 'file') {
      s.out.error(`Unknown storage type: '${found.stype}'`);
      bad();
    }
    out += ` type='${found.stype}'`;
  }
  if (found.driver === undefined && found.file === undefined) return `${out}/>\n`;
  out += '>\n';
  if (found.driver !== undefined) out += `      <driver type='${found.driver}'/>\n`;
  if (found.file !== undefined) out += `      <source ${isFile ? 'file' : 'dev'}='${escape(found.file)}'/>\n`;
  return `${out}    </disk>\n`;
}

/** The creation flags shared by snapshot-create and snapshot-create-as. */
const CREATE_FLAGS: [string, number, string][] = [
  ['no-metadata', lib.VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA, 'take the snapshot without keeping metadata'],
  ['halt', lib.VIR_DOMAIN_SNAPSHOT_CREATE_HALT, 'stop the domain afterwards'],
  ['disk-only', lib.VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY, 'disks only, no memory state'],
  ['reuse-external', lib.VIR_DOMAIN_SNAPSHOT_CREATE_REUSE_EXT, 'reuse existing external files'],
  ['quiesce', lib.VIR_DOMAIN_SNAPSHOT_CREATE_QUIESCE, 'quiesce guest file systems first'],
  ['atomic', lib.VIR_DOMAIN_SNAPSHOT_CREATE_ATOMIC, 'all disks or none'],
  ['live', lib.VIR_DOMAIN_SNAPSHOT_CREATE_LIVE, 'take it while the domain runs'],
  ['validate', lib.VIR_DOMAIN_SNAPSHOT_CREATE_VALIDATE, 'check the XML against the schema first'],
];
const createFlags = (cmd: ParsedCommand): number => CREATE_FLAGS.reduce((f, [name, bit]) => (optBool(cmd, name) ? f | bit : f), 0);
const CREATE_OPTIONS = CREATE_FLAGS.map(([name, , help]) => flag(name, help));

async function cmdSnapshotCreate(s: Session, cmd: ParsedCommand): Promise<void> {
  let flags = createFlags(cmd);
  if (optBool(cmd, 'redefine')) flags |= lib.VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE;
  if (optBool(cmd, 'current')) flags |= lib.VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT;
  using dom = await domainOption(s, cmd);
  const from = optString(s, cmd, 'xmlfile');
  const xml = from === undefined ? '<domainsnapshot/>' : await readXMLFile(s, from);
  await createSnapshot(s, dom, xml, flags, from);
}

async function cmdSnapshotCreateAs(s: Session, cmd: ParsedCommand): Promise<void> {
  const flags = createFlags(cmd);
  using dom = await domainOption(s, cmd);
  const name = optString(s, cmd, 'name');
  const desc = optString(s, cmd, 'description');
  let xml = '<domainsnapshot>\n';
  if (name !== undefined) xml += `  <name>${escape(name)}</name>\n`;
  if (desc !== undefined) xml += `  <description>${escape(desc)}</description>\n`;
  const memspec = optString(s, cmd, 'memspec');
  if (memspec !== undefined) xml += memspecXML(s, memspec);
  if (optBool(cmd, 'diskspec')) {
    xml += '  <disks>\n';
    for (const spec of optArgv(cmd, 'diskspec')) xml += diskspecXML(s, spec);
    xml += '  </disks>\n';
  }
  xml += '</domainsnapshot>\n';
  if (optBool(cmd, 'print-xml')) {
    s.out.print(`${xml}\n`);
    return;
  }
  await createSnapshot(s, dom, xml, flags);
}

async function cmdSnapshotCurrent(s: Session, cmd: ParsedCommand): Promise<void> {
  exclusive(s, cmd, 'name', 'snapshotname');
  using dom = await domainOption(s, cmd);
  const domname = optString(s, cmd, 'domain')!;
  const snapshotname = optString(s, cmd, 'snapshotname');
  if (snapshotname !== undefined) {
    using snap = await dom.snapshotLookupByName(snapshotname, 0);
    const xml = await snap.getXMLDesc(lib.VIR_DOMAIN_XML_SECURE);
    let flags = lib.VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE | lib.VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT;
    if (xml.includes('<state>disk-snapshot</state>')) flags |= lib.VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY;
    using _again = await dom.snapshotCreateXML(xml, flags);
    s.out.printExtra(`Snapshot ${snapshotname} set as current`);
    return;
  }
  if (!(await dom.hasCurrentSnapshot(0))) fail(s, `domain '${domname}' has no current snapshot`);
  using snap = await dom.snapshotCurrent(0);
  if (optBool(cmd, 'name')) s.out.print(snap.getName());
  else s.out.print(await snap.getXMLDesc(optBool(cmd, 'security-info') ? lib.VIR_DOMAIN_XML_SECURE : 0));
}

async function cmdSnapshotInfo(s: Session, cmd: ParsedCommand): Promise<void> {
  using dom = await domainOption(s, cmd);
  using snap = await lookupSnapshot(s, cmd, 'snapshotname', dom, true);
  const json = optBool(cmd, 'json');
  const fields: Record<string, unknown> = {};
  const put = (label: string, key: string, text: string, value: unknown = text): void => {
    if (json) fields[key] = value;
    else s.out.print(`${label.padEnd(15)} ${text}\n`);
  };
  try {
    put('Name:', 'name', snap.getName());
    put('Domain:', 'domain', dom.name());
    const current = await snap.isCurrent(0).catch(() => false);
    put('Current:', 'current', current ? 'yes' : 'no', current);
    const facts = snapshotFacts(await snap.getXMLDesc(0));
    put('State:', 'state', facts.state);
    put('Location:', 'location', facts.external ? 'external' : 'internal');
    put('Parent:', 'parent', facts.parent ?? '-', facts.parent);
    let children: number;
    try {
      children = await snap.numChildren(0);
    } catch (err) {
      if (codeOf(err) === ErrorNumber.VIR_ERR_NO_SUPPORT) return;
      throw err;
    }
    put('Children:', 'children', String(children), children);
    const descendants = await snap.numChildren(lib.VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS);
    put('Descendants:', 'descendants', String(descendants), descendants);
    const metadata = await snap.hasMetadata(0).catch(() => dom.snapshotNum(lib.VIR_DOMAIN_SNAPSHOT_LIST_METADATA).then((n) => n > 0, () => null));
    if (metadata !== null) put('Metadata:', 'metadata', metadata ? 'yes' : 'no', metadata);
  } finally {
    if (json) printJSON(s, fields);
  }
}

interface Listed {
  snap: DomainSnapshot;
  parent: string | null;
}

async function cmdSnapshotList(s: Session, cmd: ParsedCommand): Promise<void> {
  const tree = optBool(cmd, 'tree');
  const name = optBool(cmd, 'name');
  const from = optBool(cmd, 'from');
  const parent = optBool(cmd, 'parent');
  const current = optBool(cmd, 'current');
  for (const [a, b] of [['tree', 'name'], ['parent', 'roots'], ['parent', 'tree'], ['roots', 'tree'], ['roots', 'from'], ['roots', 'current']] as const) {
    exclusive(s, cmd, a, b);
  }
  let flags = 0;
  for (const [option, bit] of [
    ['leaves', lib.VIR_DOMAIN_SNAPSHOT_LIST_LEAVES], ['no-leaves', lib.VIR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES],
    ['inactive', lib.VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE], ['active', lib.VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE],
    ['disk-only', lib.VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY], ['internal', lib.VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL],
    ['external', lib.VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL],
  ] as const) {
    if (!optBool(cmd, option)) continue;
    if (tree) fail(s, `--${option} and --tree are mutually exclusive`);
    flags |= bit;
  }
  const topological = optBool(cmd, 'topological');
  if (topological) flags |= lib.VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL;
  if (optBool(cmd, 'roots')) flags |= lib.VIR_DOMAIN_SNAPSHOT_LIST_ROOTS;
  if (optBool(cmd, 'metadata')) flags |= lib.VIR_DOMAIN_SNAPSHOT_LIST_METADATA;
  if (optBool(cmd, 'no-metadata')) flags |= lib.VIR_DOMAIN_SNAPSHOT_LIST_NO_METADATA;
  if (optBool(cmd, 'descendants')) {
    if (!from && !current) fail(s, '--descendants requires either --from or --current');
    flags |= lib.VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS;
  }
  using dom = await domainOption(s, cmd);
  using start = from || current ? await lookupSnapshot(s, cmd, 'from', dom, true) : null;
  const snaps = start ? await start.listAllChildren(flags) : await dom.listAllSnapshots(flags);
  const list: Listed[] = snaps.map((snap) => ({ snap, parent: null }));
  try {
    if (tree) {
      for (const item of list) item.parent = await parentName(s, item.snap, ErrorNumber.VIR_ERR_NO_DOMAIN_SNAPSHOT, 'snapshot');
      if (start) list.push({ snap: start, parent: null });
    }
    if (!topological) list.sort((a, b) => compareNames(a.snap.getName(), b.snap.getName()));
    if (tree) {
      s.out.print(formatForest(list.map((l) => ({ name: l.snap.getName(), parent: l.parent }))));
      return;
    }
    if (name) {
      for (const l of list) s.out.print(`${l.snap.getName()}\n`);
      return;
    }
    const rows = [];
    for (const l of list) {
      const xml = await l.snap.getXMLDesc(0).catch(() => null);
      if (xml === null) continue;
      const facts = snapshotFacts(xml);
      rows.push({ name: l.snap.getName(), creationTime: facts.creationTime, state: facts.state, parent: facts.parent });
    }
    if (optBool(cmd, 'json')) {
      printJSON(s, rows.map((r) => (parent ? r : { name: r.name, creationTime: r.creationTime, state: r.state })));
      return;
    }
    const header = parent ? ['Name', 'Creation Time', 'State', 'Parent'] : ['Name', 'Creation Time', 'State'];
    s.out.print(formatTable(header, rows.map((r) => {
      const row = [r.name, localTime(r.creationTime), r.state];
      if (parent) row.push(r.parent ?? '');
      return row;
    }), !s.out.quiet));
  } finally {
    for (const snap of snaps) snap.free();
  }
}

/** A command working on one snapshot named by --snapshotname or --current. */
function onSnapshot(name: string, summary: string, extra: OptionDef[], handler: (s: Session, cmd: ParsedCommand, dom: Domain, snap: DomainSnapshot) => Promise<void>): CommandDef {
  return {
    name,
    summary,
    options: [DOMAIN_ARG, SNAPSHOT_NAME, CURRENT, ...extra],
    async handler(s, cmd) {
      using dom = await domainOption(s, cmd);
      using snap = await lookupSnapshot(s, cmd, 'snapshotname', dom, true);
      await handler(s, cmd, dom, snap);
    },
  };
}

export const snapshotFamily: CommandFamily = {
  group: 'Snapshot',
  keyword: 'snapshot',
  commands: [
    {
      name: 'snapshot-create',
      summary: 'take a snapshot described by an XML file',
      options: [
        DOMAIN_ARG,
        { name: 'xmlfile', type: 'string', help: 'snapshot XML (default: an empty description)' },
        flag('redefine', 'redefine the metadata of an existing snapshot'),
        flag('current', 'with --redefine, make it the current snapshot'),
        ...CREATE_OPTIONS,
      ],
      handler: cmdSnapshotCreate,
    },
    {
      name: 'snapshot-create-as',
      summary: 'take a snapshot described by options',
      options: [
        DOMAIN_ARG,
        { name: 'name', type: 'string', help: 'snapshot name' },
        { name: 'description', type: 'string', help: 'snapshot description' },
        flag('print-xml', 'only print the XML that would be used'),
        ...CREATE_OPTIONS,
        { name: 'memspec', type: 'string', named: true, help: 'memory state: [file=]/path[,snapshot=type]' },
        { name: 'diskspec', type: 'argv', help: 'disk[,snapshot=type][,driver=type][,stype=type][,file=name]' },
      ],
      handler: cmdSnapshotCreateAs,
    },
    {
      name: 'snapshot-current',
      summary: 'show or set the current snapshot',
      options: [
        DOMAIN_ARG,
        flag('name', 'print only the name'),
        flag('security-info', 'include security-sensitive information'),
        { ...SNAPSHOT_NAME, help: 'make this snapshot the current one' },
      ],
      handler: cmdSnapshotCurrent,
    },
    onSnapshot('snapshot-delete', 'delete a snapshot', [
      flag('children', 'also delete its descendants'),
      flag('children-only', 'delete only its descendants'),
      flag('metadata', 'forget the metadata only'),
    ], async (s, cmd, _dom, snap) => {
      const label = snap.getName();
      const childrenOnly = optBool(cmd, 'children-only');
      const flags = (optBool(cmd, 'children') ? lib.VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN : 0)
        | (childrenOnly ? lib.VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY : 0)
        | (optBool(cmd, 'metadata') ? lib.VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY : 0);
      await must(s, `Failed to delete snapshot ${label}`, () => snap.delete(flags));
      s.out.printExtra(childrenOnly ? `Domain snapshot ${label} children deleted\n` : `Domain snapshot ${label} deleted\n`);
    }),
    {
      name: 'snapshot-dumpxml',
      summary: "print a snapshot's XML description",
      options: [
        DOMAIN_ARG,
        { name: 'snapshotname', type: 'data', required: true, help: 'snapshot name' },
        flag('security-info', 'include security-sensitive information'),
        ...XPATH_OPTIONS,
      ],
      async handler(s, cmd) {
        const name = optString(s, cmd, 'snapshotname')!;
        using dom = await domainOption(s, cmd);
        using snap = await dom.snapshotLookupByName(name, 0);
        await printXML(s, cmd, await snap.getXMLDesc(optBool(cmd, 'security-info') ? lib.VIR_DOMAIN_XML_SECURE : 0));
      },
    },
    { name: 'snapshot-info', summary: 'show facts about a snapshot', options: [DOMAIN_ARG, SNAPSHOT_NAME, CURRENT, JSON_OPTION], handler: cmdSnapshotInfo },
    {
      name: 'snapshot-list',
      summary: 'list the snapshots of a domain',
      options: [
        DOMAIN_ARG,
        flag('parent', 'add a column with each parent'),
        flag('roots', 'only snapshots without a parent'),
        flag('leaves', 'only snapshots without children'),
        flag('no-leaves', 'only snapshots with children'),
        flag('metadata', 'only snapshots with libvirt metadata'),
        flag('no-metadata', 'only snapshots without libvirt metadata'),
        flag('inactive', 'only snapshots of a shut-off domain'),
        flag('active', 'only snapshots of a running domain'),
        flag('disk-only', 'only disk-only snapshots'),
        flag('internal', 'only internal snapshots'),
        flag('external', 'only external snapshots'),
        flag('tree', 'print the snapshots as a tree'),
        { name: 'from', type: 'string', help: 'only children of this snapshot' },
        flag('current', 'only children of the current snapshot'),
        flag('descendants', 'with --from or --current, all descendants'),
        flag('name', 'print names only'),
        flag('topological', 'parents before children, no name sort'),
        JSON_OPTION,
      ],
      handler: cmdSnapshotList,
    },
    onSnapshot('snapshot-parent', "print the name of a snapshot's parent", [], async (s, _cmd, _dom, snap) => {
      const parent = await parentName(s, snap, ErrorNumber.VIR_ERR_NO_DOMAIN_SNAPSHOT, 'snapshot');
      if (parent === null) fail(s, `snapshot '${snap.getName()}' has no parent`);
      s.out.print(parent);
    }),
    onSnapshot('snapshot-revert', 'return a domain to a snapshot', [
      flag('running', 'leave the domain running afterwards'),
      flag('paused', 'leave the domain paused afterwards'),
      flag('force', 'revert even when it is risky'),
      flag('reset-nvram', 'start from a fresh NVRAM'),
    ], async (s, cmd, _dom, snap) => {
      const label = snap.getName();
      let flags = (optBool(cmd, 'running') ? lib.VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING : 0)
        | (optBool(cmd, 'paused') ? lib.VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED : 0)
        | (optBool(cmd, 'reset-nvram') ? lib.VIR_DOMAIN_SNAPSHOT_REVERT_RESET_NVRAM : 0);
      await must(s, `Failed to revert snapshot ${label}`, async () => {
        try {
          await snap.revert(flags);
        } catch (err) {
          // Only ask for force when the driver says it would make the difference.
          if (!optBool(cmd, 'force') || codeOf(err) !== ErrorNumber.VIR_ERR_SNAPSHOT_REVERT_RISKY) throw err;
          flags |= lib.VIR_DOMAIN_SNAPSHOT_REVERT_FORCE;
          await snap.revert(flags);
        }
      });
      s.out.printExtra(`Domain snapshot ${label} reverted\n`);
    }),
  ],
};
