/** Domain monitoring commands (virsh's "monitor" group): listing and reading domain state. */
import {
  VIR_CONNECT_LIST_DOMAINS_ACTIVE as ACTIVE, VIR_CONNECT_LIST_DOMAINS_INACTIVE as INACTIVE,
  VIR_CONNECT_LIST_DOMAINS_PERSISTENT, VIR_CONNECT_LIST_DOMAINS_TRANSIENT, VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE,
  VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE, VIR_CONNECT_LIST_DOMAINS_AUTOSTART, VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART,
  VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT, VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT, VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT,
  VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT, VIR_CONNECT_LIST_DOMAINS_RUNNING, VIR_CONNECT_LIST_DOMAINS_PAUSED,
  VIR_CONNECT_LIST_DOMAINS_SHUTOFF, VIR_CONNECT_LIST_DOMAINS_OTHER, VIR_DOMAIN_METADATA_TITLE, VIR_DOMAIN_METADATA_DESCRIPTION,
  VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_XML_INACTIVE, VIR_DOMAIN_AFFECT_LIVE, VIR_DOMAIN_MEMORY_STAT_NR, ErrorNumber,
  type Domain, type DomainBlockStats, type DomainInterfaceStats,
} from '../../index.js';
import { byName, type CommandFamily, type OptionDef, type ParsedCommand } from '../command.js';
import { domainOption, must } from '../lookup.js';
import { CommandFailed, exclusive, fail, optBool, optInt, optString } from '../opts.js';
import { DOMAIN_ARG, affectFlags } from '../domain-options.js';
import { formatTable } from '../table.js';
import { reasonName, stateName } from '../domain-state.js';
import { JSON_OPTION, printJSON } from '../json.js';
import type { Session } from '../session.js';
import { statsCommands } from './domain-stats.js';
import { guestMonitorCommands } from './domain-guest-monitor.js';
import { domifGetlink } from './domain-devices.js';
import { diagnosticCommands } from './domain-diagnostics.js';



/** list's filter flags: option name and the listAllDomains flag it adds. */
const LIST_FILTERS: [string, number][] = [
  ['persistent', VIR_CONNECT_LIST_DOMAINS_PERSISTENT],
  ['transient', VIR_CONNECT_LIST_DOMAINS_TRANSIENT],
  ['with-managed-save', VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE],
  ['without-managed-save', VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE],
  ['autostart', VIR_CONNECT_LIST_DOMAINS_AUTOSTART],
  ['no-autostart', VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART],
  ['with-snapshot', VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT],
  ['without-snapshot', VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT],
  ['with-checkpoint', VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT],
  ['without-checkpoint', VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT],
  ['state-running', VIR_CONNECT_LIST_DOMAINS_RUNNING],
  ['state-paused', VIR_CONNECT_LIST_DOMAINS_PAUSED],
  ['state-shutoff', VIR_CONNECT_LIST_DOMAINS_SHUTOFF],
  ['state-other', VIR_CONNECT_LIST_DOMAINS_OTHER],
];

const flag = (name: string, help: string): OptionDef => ({ name, type: 'bool', help });

/** virsh's order: running domains by id, then inactive ones by name (ASCII case-insensitive). */
function compareDomains(a: Domain, b: Domain): number {
  const ia = a.id();
  const ib = b.id();
  if (ia < 0 && ib < 0) {
    const x = a.name().toLowerCase();
    const y = b.name().toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (ia >= 0 && ib >= 0) return ia - ib;
  return ia >= 0 ? -1 : 1;
}

/** virshGetDomainDescription: the title or description, empty when the domain has none. */
export async function domainDescription(dom: Domain, title: boolean, flags = 0): Promise<string> {
  try {
    return await dom.metadata(title ? VIR_DOMAIN_METADATA_TITLE : VIR_DOMAIN_METADATA_DESCRIPTION, null, flags);
  } catch (err) {
    const code = (err as { code?: number }).code;
    if (code === ErrorNumber.VIR_ERR_NO_DOMAIN_METADATA) return '';
    if (code !== ErrorNumber.VIR_ERR_NO_SUPPORT) throw err;
  }
  const xml = await dom.xmlDesc(flags);
  const m = new RegExp(`<${title ? 'title' : 'description'}>([\\s\\S]*?)</`).exec(xml);
  return m ? decodeXML(m[1]!) : '';
}

function decodeXML(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos);/g, (_m, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e]!);
}

async function withDomains<T>(domains: Domain[], fn: (doms: Domain[]) => Promise<T>): Promise<T> {
  try {
    return await fn(domains);
  } finally {
    for (const d of domains) d.free();
  }
}

async function cmdList(s: Session, cmd: ParsedCommand): Promise<void> {
  const managed = optBool(cmd, 'managed-save');
  const optTitle = optBool(cmd, 'title');
  const optUUID = optBool(cmd, 'uuid');
  const optName = optBool(cmd, 'name');
  const optID = optBool(cmd, 'id');
  let flags = ACTIVE;
  if (optBool(cmd, 'inactive') || optBool(cmd, 'state-shutoff')) flags = INACTIVE;
  if (optBool(cmd, 'all')) flags = ACTIVE | INACTIVE;
  for (const [name, bit] of LIST_FILTERS) if (optBool(cmd, name)) flags |= bit;
  exclusive(s, cmd, 'table', 'name');
  exclusive(s, cmd, 'table', 'uuid');
  exclusive(s, cmd, 'table', 'id');
  const table = optBool(cmd, 'table') || (!optUUID && !optName && !optID);
  const json = optBool(cmd, 'json');

  const domains = (await s.conn.listAllDomains(flags)).sort(compareDomains);
  await withDomains(domains, async () => {
    if (json) {
      const rows = [];
      for (const dom of domains) {
        const info = await dom.state().catch(() => null);
        if (!info) continue;
        const saved = managed && info.state === VIR_DOMAIN_SHUTOFF && (await dom.hasManagedSaveImage().catch(() => false));
        rows.push({
          id: dom.id() >= 0 ? dom.id() : null,
          name: dom.name(),
          uuid: dom.uuidString(),
          state: saved ? 'saved' : stateName(info.state),
          ...(optTitle ? { title: await domainDescription(dom, true) } : {}),
        });
      }
      printJSON(s, rows);
      return;
    }
    if (!table) {
      for (const dom of domains) {
        const id = dom.id() >= 0 ? String(dom.id()) : '-';
        const parts: string[] = [];
        if (optUUID) parts.push(dom.uuidString());
        if (optID) {
          // --id alone lists only running domains.
          if (dom.id() < 0 && !optUUID && !optName) continue;
          parts.push(id);
        }
        if (optName) parts.push(dom.name());
        s.out.print(`${parts.join(' ')}\n`);
      }
      return;
    }
    const rows: string[][] = [];
    for (const dom of domains) {
      let state: number;
      try {
        state = (await dom.state()).state;
      } catch {
        continue; // removed meanwhile
      }
      const saved = managed && state === VIR_DOMAIN_SHUTOFF && (await dom.hasManagedSaveImage().catch(() => false));
      const row = [dom.id() >= 0 ? String(dom.id()) : '-', dom.name(), saved ? 'saved' : stateName(state)];
      if (optTitle) row.push(await domainDescription(dom, true));
      rows.push(row);
    }
    const header = optTitle ? ['Id', 'Name', 'State', 'Title'] : ['Id', 'Name', 'State'];
    s.out.print(formatTable(header, rows, !s.out.quiet));
  });
}

const pad = (label: string): string => label.padEnd(15);

async function cmdDominfo(s: Session, cmd: ParsedCommand): Promise<boolean> {
  using dom = await domainOption(s, cmd);
  const json = optBool(cmd, 'json');
  const fields: Record<string, unknown> = {};
  const put = (label: string, key: string, text: string, value: unknown = text): void => {
    if (json) fields[key] = value;
    else s.out.print(`${pad(label)} ${text}\n`);
  };
  let ok = true;
  const id = dom.id();
  put('Id:', 'id', id >= 0 ? String(id) : '-', id >= 0 ? id : null);
  put('Name:', 'name', dom.name());
  put('UUID:', 'uuid', dom.uuidString());
  const osType = await dom.osType().catch(() => null);
  if (osType !== null) put('OS Type:', 'osType', osType);
  try {
    const info = await dom.info();
    put('State:', 'state', stateName(info.state));
    put('CPU(s):', 'cpus', String(info.nrVirtCpu), info.nrVirtCpu);
    const cpuTime = Number(info.cpuTime);
    if (cpuTime !== 0) put('CPU time:', 'cpuTime', `${(cpuTime / 1e9).toFixed(1)}s`, cpuTime / 1e9);
    if (Number(info.maxMem) !== 0xffffffff) put('Max memory:', 'maxMemory', `${info.maxMem} KiB`, Number(info.maxMem));
    else put('Max memory:', 'maxMemory', 'no limit', null);
    put('Used memory:', 'usedMemory', `${info.memory} KiB`, Number(info.memory));
  } catch (err) {
    s.lastError = err as never;
    ok = false;
  }
  const persistent = await dom.isPersistent().catch(() => null);
  put('Persistent:', 'persistent', persistent === null ? 'unknown' : persistent ? 'yes' : 'no', persistent);
  const autostart = await dom.autostart().catch(() => null);
  if (autostart !== null) put('Autostart:', 'autostart', autostart ? 'enable' : 'disable', autostart);
  const managed = await dom.hasManagedSaveImage().catch(() => null);
  put('Managed save:', 'managedSave', managed === null ? 'unknown' : managed ? 'yes' : 'no', managed);
  try {
    const model = await s.conn.getSecurityModel();
    if (model.model !== '') {
      put('Security model:', 'securityModel', model.model);
      put('Security DOI:', 'securityDOI', model.doi);
      const label = await dom.securityLabel();
      if (label.label !== '') {
        put('Security label:', 'securityLabel', `${label.label} (${label.enforcing ? 'enforcing' : 'permissive'})`,
          { label: label.label, enforcing: label.enforcing });
      }
    }
  } catch (err) {
    if ((err as { code?: number }).code !== ErrorNumber.VIR_ERR_NO_SUPPORT) throw err;
  }
  // virsh shows the taint and deprecation messages when the call works and ignores its failure.
  const messages = await dom.messages().catch(() => []);
  if (json) fields.messages = messages;
  else messages.forEach((m, i) => s.out.print(`${pad(i === 0 ? 'Messages:' : '')} ${m}\n`));
  if (json) printJSON(s, fields);
  return ok;
}

async function cmdDomstate(s: Session, cmd: ParsedCommand): Promise<void> {
  using dom = await domainOption(s, cmd);
  const { state, reason } = await dom.state();
  if (optBool(cmd, 'json')) printJSON(s, { state: stateName(state), reason: reasonName(state, reason) });
  else if (optBool(cmd, 'reason')) s.out.print(`${stateName(state)} (${reasonName(state, reason)})\n`);
  else s.out.print(`${stateName(state)}\n`);
}

/** The domain's XML as virshDomainGetXML reads it, parsed. */
async function domainXMLRoot(s: Session, cmd: ParsedCommand) {
  const flags = optBool(cmd, 'inactive') ? VIR_DOMAIN_XML_INACTIVE : 0;
  using dom = await domainOption(s, cmd);
  const xml = await must(s, 'Failed to get domain description xml', () => dom.xmlDesc(flags));
  const xmlLib = await import('../xml.js');
  return { root: xmlLib.parseXML(xml), xmlLib };
}

async function cmdDomblklist(s: Session, cmd: ParsedCommand): Promise<void> {
  const details = optBool(cmd, 'details');
  const { root, xmlLib } = await domainXMLRoot(s, cmd);
  const rows: { type: string | null; device: string | null; target: string; source: string | null }[] = [];
  for (const disk of xmlLib.selectElements(root, './devices/disk')) {
    const type = xmlLib.xpathString(disk, './@type');
    const device = xmlLib.xpathString(disk, './@device');
    if (details && (type === null || device === null)) {
      s.out.print('unable to query block list details');
      throw new CommandFailed();
    }
    const target = xmlLib.xpathString(disk, './target/@dev');
    if (target === null) fail(s, 'unable to query block list');
    let source: string | null;
    if (type === 'nvme') {
      const ns = xmlLib.xpathString(disk, './source/@namespace');
      const addr = xmlLib.selectElements(disk, './source/address')[0];
      if (ns === null || !addr) fail(s, 'Unable to query NVMe disk address');
      const num = (name: string): number => Number(addr!.getAttribute(name) ?? '0');
      const hex = (n: number, w: number): string => n.toString(16).padStart(w, '0');
      source = `nvme://${hex(num('domain'), 4)}:${hex(num('bus'), 2)}:${hex(num('slot'), 2)}.${num('function')}/${ns}`;
    } else {
      source = xmlLib.xpathString(disk, './source/@file|./source/@dev|./source/@dir|./source/@name|./source/@volume|./source/@path');
    }
    rows.push({ type, device, target: target!, source });
  }
  if (optBool(cmd, 'json')) {
    printJSON(s, rows.map((r) => (details ? r : { target: r.target, source: r.source })));
    return;
  }
  const header = details ? ['Type', 'Device', 'Target', 'Source'] : ['Target', 'Source'];
  const cells = rows.map((r) => (details ? [r.type!, r.device!, r.target, r.source ?? '-'] : [r.target, r.source ?? '-']));
  s.out.print(formatTable(header, cells, !s.out.quiet));
}

async function cmdDomiflist(s: Session, cmd: ParsedCommand): Promise<void> {
  const { root, xmlLib } = await domainXMLRoot(s, cmd);
  const rows = xmlLib.selectElements(root, './devices/interface').map((iface) => ({
    interface: xmlLib.xpathString(iface, './target/@dev'),
    type: xmlLib.xpathString(iface, './@type'),
    source: xmlLib.xpathString(iface, './source/@bridge|./source/@dev|./source/@network|./source/@name|./source/@path'),
    model: xmlLib.xpathString(iface, './model/@type'),
    mac: xmlLib.xpathString(iface, './mac/@address'),
  }));
  if (optBool(cmd, 'json')) {
    printJSON(s, rows);
    return;
  }
  const cells = rows.map((r) => [r.interface ?? '-', r.type ?? '', r.source ?? '-', r.model ?? '-', r.mac ?? '-']);
  s.out.print(formatTable(['Interface', 'Type', 'Source', 'Model', 'MAC'], cells, !s.out.quiet));
}

/** domblkstat's fields: legacy name and the words of --human. */
const BLOCK_FIELDS: [keyof DomainBlockStats, string, string][] = [
  ['rdReq', 'rd_req', 'number of read operations:'],
  ['rdBytes', 'rd_bytes', 'number of bytes read:'],
  ['wrReq', 'wr_req', 'number of write operations:'],
  ['wrBytes', 'wr_bytes', 'number of bytes written:'],
  ['errs', 'errs', 'error count:'],
];

async function cmdDomblkstat(s: Session, cmd: ParsedCommand): Promise<void> {
  const human = optBool(cmd, 'human');
  using dom = await domainOption(s, cmd);
  const name = optString(s, cmd, 'domain')!;
  let device = optString(s, cmd, 'device') ?? '';
  const stats = await must(s, `Failed to get block stats ${name} ${device}`, () => dom.blockStats(device));
  if (optBool(cmd, 'json')) {
    printJSON(s, Object.fromEntries(BLOCK_FIELDS.filter(([k]) => stats[k] >= 0n).map(([k, legacy]) => [legacy, stats[k]])));
    return;
  }
  if (human) {
    s.out.print(`Device: ${device}\n`);
    device = '';
  }
  for (const [key, legacy, words] of BLOCK_FIELDS) {
    if (stats[key] >= 0n) s.out.print(`${device} ${human ? words.padEnd(31) : legacy} ${stats[key]}\n`);
  }
}

const IFACE_FIELDS: [keyof DomainInterfaceStats, string][] = [
  ['rxBytes', 'rx_bytes'], ['rxPackets', 'rx_packets'], ['rxErrs', 'rx_errs'], ['rxDrop', 'rx_drop'],
  ['txBytes', 'tx_bytes'], ['txPackets', 'tx_packets'], ['txErrs', 'tx_errs'], ['txDrop', 'tx_drop'],
];

async function cmdDomifstat(s: Session, cmd: ParsedCommand): Promise<void> {
  using dom = await domainOption(s, cmd);
  const name = optString(s, cmd, 'domain')!;
  const device = optString(s, cmd, 'interface')!;
  const stats = await must(s, `Failed to get interface stats ${name} ${device}`, () => dom.interfaceStats(device));
  const shown = IFACE_FIELDS.filter(([k]) => stats[k] >= 0n);
  if (optBool(cmd, 'json')) printJSON(s, Object.fromEntries(shown.map(([k, label]) => [label, stats[k]])));
  else for (const [k, label] of shown) s.out.print(`${device} ${label} ${stats[k]}\n`);
}

/** dommemstat's names, in the order virsh tests for them. */
const MEMORY_TAGS: [number, string][] = [
  [0, 'swap_in'], [1, 'swap_out'], [2, 'major_fault'], [3, 'minor_fault'], [4, 'unused'], [5, 'available'],
  [8, 'usable'], [6, 'actual'], [7, 'rss'], [9, 'last_update'], [10, 'disk_caches'], [11, 'hugetlb_pgalloc'], [12, 'hugetlb_pgfail'],
];

async function cmdDommemstat(s: Session, cmd: ParsedCommand): Promise<void> {
  let flags = affectFlags(s, cmd);
  using dom = await domainOption(s, cmd);
  const name = optString(s, cmd, 'domain')!;
  const chosen = optBool(cmd, 'current') || optBool(cmd, 'live') || optBool(cmd, 'config');
  if (!chosen && (await dom.isActive().catch(() => false))) flags |= VIR_DOMAIN_AFFECT_LIVE;
  const period = optInt(s, cmd, 'period');
  if (period !== undefined) {
    if (period < 0) fail(s, `Invalid collection period value '${period}'`);
    await must(s, 'Unable to change balloon collection period.', () => dom.setMemoryStatsPeriod(period, flags));
    return;
  }
  const stats = await must(s, `Failed to get memory statistics for domain ${name}`, () => dom.memoryStats(VIR_DOMAIN_MEMORY_STAT_NR, 0));
  const named = stats.flatMap((st) => {
    const label = MEMORY_TAGS.find(([tag]) => tag === st.tag)?.[1];
    return label ? [[label, st.val] as const] : [];
  });
  if (optBool(cmd, 'json')) printJSON(s, Object.fromEntries(named));
  else for (const [label, val] of named) s.out.print(`${label} ${val}\n`);
}

export const domainMonitorFamily: CommandFamily = {
  group: 'Domain Monitoring',
  keyword: 'monitor',
  commands: byName([
    {
      name: 'list',
      summary: 'list domains (running ones unless told otherwise)',
      options: [
        flag('inactive', 'only domains that are not running'),
        flag('all', 'running and stopped domains'),
        flag('transient', 'only transient domains'),
        flag('persistent', 'only persistent domains'),
        flag('with-snapshot', 'only domains that have snapshots'),
        flag('without-snapshot', 'only domains without snapshots'),
        flag('with-checkpoint', 'only domains that have checkpoints'),
        flag('without-checkpoint', 'only domains without checkpoints'),
        flag('state-running', 'only running domains'),
        flag('state-paused', 'only paused domains'),
        flag('state-shutoff', 'only shut-off domains'),
        flag('state-other', 'only domains in any other state'),
        flag('autostart', 'only domains that start with the host'),
        flag('no-autostart', 'only domains that do not start with the host'),
        flag('with-managed-save', 'only domains with a managed save image'),
        flag('without-managed-save', 'only domains without a managed save image'),
        flag('uuid', 'print UUIDs instead of a table'),
        flag('name', 'print names instead of a table'),
        flag('id', 'print ids instead of a table'),
        flag('table', 'print a table (the default)'),
        flag('managed-save', "show 'saved' for stopped domains with a managed save image"),
        flag('title', 'add a column with each title'),
        JSON_OPTION,
      ],
      handler: cmdList,
    },
    {
      name: 'dominfo',
      summary: 'show basic facts about a domain',
      options: [DOMAIN_ARG, JSON_OPTION],
      handler: cmdDominfo,
    },
    {
      name: 'domstate',
      summary: 'show the state of a domain',
      options: [DOMAIN_ARG, flag('reason', 'add why it is in that state'), JSON_OPTION],
      handler: cmdDomstate,
    },
    {
      name: 'domblklist',
      summary: 'list the block devices (disks) of a domain',
      options: [DOMAIN_ARG, flag('inactive', 'from the definition used at next boot'), flag('details', 'add disk type and device'), JSON_OPTION],
      handler: cmdDomblklist,
    },
    {
      name: 'domiflist',
      summary: 'list the network interfaces of a domain',
      options: [DOMAIN_ARG, flag('inactive', 'from the definition used at next boot'), JSON_OPTION],
      handler: cmdDomiflist,
    },
    {
      name: 'domblkstat',
      summary: 'show I/O counters of a domain block device',
      options: [
        DOMAIN_ARG,
        { name: 'device', type: 'string', emptyOk: true, help: 'the disk (target such as vda, or source path)' },
        flag('human', 'spell the counters out'),
        JSON_OPTION,
      ],
      handler: cmdDomblkstat,
    },
    {
      name: 'domifstat',
      summary: 'show traffic counters of a domain network interface',
      options: [DOMAIN_ARG, { name: 'interface', type: 'data', required: true, help: 'the interface (target device or MAC)' }, JSON_OPTION],
      handler: cmdDomifstat,
    },
    {
      name: 'dommemstat',
      summary: 'show memory statistics of a running domain, or set how often they are collected',
      options: [
        DOMAIN_ARG,
        { name: 'period', type: 'number', named: true, help: 'seconds between collections by the balloon driver' },
        flag('config', 'the persistent definition'),
        flag('live', 'the running domain'),
        flag('current', 'the running domain if it runs, else the definition'),
        JSON_OPTION,
      ],
      handler: cmdDommemstat,
    },
    ...statsCommands,
    ...guestMonitorCommands,
    domifGetlink,
    ...diagnosticCommands,
  ]),
};
