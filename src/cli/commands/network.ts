/** Virtual network commands (virsh's "network" group). */
import {
  VIR_CONNECT_LIST_NETWORKS_ACTIVE as ACTIVE, VIR_CONNECT_LIST_NETWORKS_INACTIVE as INACTIVE,
  VIR_CONNECT_LIST_NETWORKS_PERSISTENT, VIR_CONNECT_LIST_NETWORKS_TRANSIENT, VIR_CONNECT_LIST_NETWORKS_AUTOSTART,
  VIR_CONNECT_LIST_NETWORKS_NO_AUTOSTART, VIR_NETWORK_CREATE_VALIDATE, VIR_NETWORK_DEFINE_VALIDATE,
  VIR_NETWORK_XML_INACTIVE, VIR_NETWORK_EVENT_ID_LIFECYCLE, type Network,
} from '../../index.js';
import type { CommandFamily, OptionDef, ParsedCommand } from '../command.js';
import type { Session } from '../session.js';
import { fail, optBool, optInt, optString } from '../opts.js';
import { affectFlags } from '../domain-options.js';
import { XPATH_OPTIONS, printXML } from '../dumpxml.js';
import { must } from '../lookup.js';
import { formatTable } from '../table.js';
import { JSON_OPTION, printJSON } from '../json.js';
import { readXMLFile } from '../files.js';
import { UUID_STRING_LEN, autostartCommand, compareNames, findObject, flag, objectAction, type ObjectKind } from '../objects.js';
import { chosenEventType, eventCommandOptions, optTimeout, runEventLoop } from '../event-loop.js';

const BY_UUID = 1;
const BY_NAME = 2;

const NETWORK_ARG: OptionDef = { name: 'network', type: 'data', required: true, help: 'network name or UUID' };
const FILE_ARG: OptionDef = { name: 'file', type: 'data', required: true, help: 'XML file describing the network' };

/** virshCommandOptNetworkBy: by UUID (when it looks like one), then by name. */
export async function networkOption(s: Session, cmd: ParsedCommand, by = BY_UUID | BY_NAME): Promise<Network> {
  const name = optString(s, cmd, 'network')!;
  const attempts: (() => Promise<Network>)[] = [];
  if (by & BY_UUID && name.length === UUID_STRING_LEN) attempts.push(() => s.conn.networkLookupByUUIDString(name));
  if (by & BY_NAME) attempts.push(() => s.conn.networkLookupByName(name));
  return findObject(s, `failed to get network '${name}'`, attempts);
}

const yesNo = (v: boolean): string => (v ? 'yes' : 'no');

async function cmdNetList(s: Session, cmd: ParsedCommand): Promise<void> {
  let flags = ACTIVE;
  if (optBool(cmd, 'inactive')) flags = INACTIVE;
  if (optBool(cmd, 'all')) flags = ACTIVE | INACTIVE;
  if (optBool(cmd, 'persistent')) flags |= VIR_CONNECT_LIST_NETWORKS_PERSISTENT;
  if (optBool(cmd, 'transient')) flags |= VIR_CONNECT_LIST_NETWORKS_TRANSIENT;
  if (optBool(cmd, 'autostart')) flags |= VIR_CONNECT_LIST_NETWORKS_AUTOSTART;
  if (optBool(cmd, 'no-autostart')) flags |= VIR_CONNECT_LIST_NETWORKS_NO_AUTOSTART;
  const optName = optBool(cmd, 'name');
  const optUUID = optBool(cmd, 'uuid');
  if (Number(optBool(cmd, 'table')) + Number(optName) + Number(optUUID) > 1) {
    fail(s, 'Only one argument from --table, --name and --uuid may be specified.');
  }
  const nets = (await must(s, 'Failed to list networks', () => s.conn.listAllNetworks(flags)))
    .sort((a, b) => compareNames(a.name(), b.name()));
  try {
    const rows = [];
    for (const net of nets) {
      const autostart = await net.autostart().catch(() => null);
      rows.push({
        name: net.name(),
        uuid: net.uuidString(),
        active: await net.isActive().catch(() => false),
        autostart,
        persistent: await net.isPersistent().catch(() => false),
      });
    }
    if (optBool(cmd, 'json')) printJSON(s, rows);
    else if (optUUID) for (const r of rows) s.out.print(`${r.uuid}\n`);
    else if (optName) for (const r of rows) s.out.print(`${r.name}\n`);
    else {
      s.out.print(formatTable(['Name', 'State', 'Autostart', 'Persistent'], rows.map((r) => [
        r.name, r.active ? 'active' : 'inactive', r.autostart === null ? 'no autostart' : yesNo(r.autostart), yesNo(r.persistent),
      ]), !s.out.quiet));
    }
  } finally {
    for (const net of nets) net.free();
  }
}

async function cmdNetInfo(s: Session, cmd: ParsedCommand): Promise<void> {
  using net = await networkOption(s, cmd);
  const active = await net.isActive().catch(() => null);
  const persistent = await net.isPersistent().catch(() => null);
  const autostart = await net.autostart().catch(() => null);
  const bridge = await net.bridgeName().catch(() => null);
  if (optBool(cmd, 'json')) {
    printJSON(s, { name: net.name(), uuid: net.uuidString(), active, persistent, autostart, bridge });
    return;
  }
  const line = (label: string, value: string): void => s.out.print(`${label.padEnd(15)} ${value}\n`);
  line('Name:', net.name());
  line('UUID:', net.uuidString());
  if (active !== null) line('Active:', yesNo(active));
  line('Persistent:', persistent === null ? 'unknown' : yesNo(persistent));
  line('Autostart:', autostart === null ? 'no autostart' : yesNo(autostart));
  if (bridge !== null) line('Bridge:', bridge);
}

/** A command that looks a network up, does one thing and reports it. */
const NETWORK: ObjectKind<Network> = { arg: NETWORK_ARG, noun: 'Network', find: (s, cmd) => networkOption(s, cmd) };

/** A command running one call on a network. */
const action = (name: string, summary: string, run: (net: Network) => Promise<void>, done: string, failed: string) =>
  objectAction(NETWORK, name, summary, [], run, done, failed);

/** net-define / net-create: a network from an XML file. */
function fromFile(name: 'net-define' | 'net-create', summary: string): CommandFamily['commands'][number] {
  const define = name === 'net-define';
  return {
    name,
    summary,
    options: [FILE_ARG, flag('validate', 'check the XML against the schema first')],
    async handler(s, cmd) {
      const file = optString(s, cmd, 'file')!;
      const xml = await readXMLFile(s, file);
      const validate = optBool(cmd, 'validate');
      using net = await must(s, `Failed to ${define ? 'define' : 'create'} network from ${file}`, () => define
        ? (validate ? s.conn.networkDefineXMLFlags(xml, VIR_NETWORK_DEFINE_VALIDATE) : s.conn.networkDefineXML(xml))
        : s.conn.networkCreateXML(xml, validate ? VIR_NETWORK_CREATE_VALIDATE : 0));
      s.out.printExtra(`Network ${net.name()} ${define ? 'defined' : 'created'} from ${file}\n`);
    },
  };
}

const NETWORK_EVENTS = ['Defined', 'Undefined', 'Started', 'Stopped'];

/** net-event: wait for network lifecycle events. */
async function cmdNetEvent(s: Session, cmd: ParsedCommand): Promise<boolean> {
  if (chosenEventType(s, cmd, ['lifecycle']) === null) return true;
  const seconds = optTimeout(s, cmd);
  // As virsh: a network that cannot be found is reported, and then events of every network are awaited.
  const net = optBool(cmd, 'network') ? await networkOption(s, cmd).catch((err: unknown) => {
    s.lastError = err as never;
    return null;
  }) : null;
  try {
    return await runEventLoop(s, cmd, seconds, async (deliver) => {
      const id = await s.conn.networkEventRegisterAny(net, VIR_NETWORK_EVENT_ID_LIFECYCLE, (ev) => {
        deliver(`event 'lifecycle' for network ${ev.net.name()}: ${NETWORK_EVENTS[ev.event] ?? 'unknown'}\n`);
        ev.net.free();
      });
      return [() => s.conn.networkEventDeregisterAny(id)];
    });
  } finally {
    net?.free();
  }
}

/** virNetworkUpdateCommand and virNetworkUpdateSection by virsh's names (index = value; 0 is no value). */
const UPDATE_COMMANDS = ['none', 'modify', 'delete', 'add-last', 'add-first'];
const UPDATE_SECTIONS = ['none', 'bridge', 'domain', 'ip', 'ip-dhcp-host', 'ip-dhcp-range', 'forward', 'forward-interface',
  'forward-pf', 'portgroup', 'dns-host', 'dns-txt', 'dns-srv'];

/** net-update: one entry of one section, given inline (starting with '<') or in a file. */
async function cmdNetUpdate(s: Session, cmd: ParsedCommand): Promise<void> {
  // VIR_NETWORK_UPDATE_AFFECT_LIVE/CONFIG have the values of the domain's AFFECT bits
  const flags = affectFlags(s, cmd);
  using net = await networkOption(s, cmd);
  const commandName = optString(s, cmd, 'command')!;
  const command = commandName === 'add' ? UPDATE_COMMANDS.indexOf('add-last') : UPDATE_COMMANDS.indexOf(commandName);
  if (command <= 0) fail(s, `unrecognized command name '${commandName}'`);
  const sectionName = optString(s, cmd, 'section')!;
  const section = UPDATE_SECTIONS.indexOf(sectionName);
  if (section <= 0) fail(s, `unrecognized section name '${sectionName}'`);
  const parentIndex = optInt(s, cmd, 'parent-index') ?? -1;
  const xmlArg = optString(s, cmd, 'xml')!;
  const xml = xmlArg.startsWith('<') ? xmlArg : await readXMLFile(s, xmlArg);
  await must(s, `Failed to update network ${net.name()}`, () => net.update(command, section, parentIndex, xml, flags));
  const config = optBool(cmd, 'config');
  const live = optBool(cmd, 'live') || (!config && await net.isActive().catch(() => false));
  const what = config && live ? 'persistent config and live state' : live ? 'live state' : 'persistent config';
  // no newline of its own: virsh ends every command with one
  s.out.printExtra(`Updated network ${net.name()} ${what}`);
}

export const networkFamily: CommandFamily = {
  group: 'Networking',
  keyword: 'network',
  commands: [
    autostartCommand(NETWORK, 'net-autostart', 'start a network with the host, or stop doing so'),
    fromFile('net-create', 'start a transient network from an XML file'),
    fromFile('net-define', 'define (or redefine) a persistent network from an XML file'),
    action('net-destroy', 'stop a running network', (n) => n.destroy(), 'destroyed', 'Failed to destroy network'),
    {
      name: 'net-dumpxml',
      summary: "print a network's XML description",
      options: [NETWORK_ARG, flag('inactive', 'the persistent configuration rather than the live one'), ...XPATH_OPTIONS],
      async handler(s, cmd) {
        using net = await networkOption(s, cmd);
        await printXML(s, cmd, await net.xmlDesc(optBool(cmd, 'inactive') ? VIR_NETWORK_XML_INACTIVE : 0));
      },
    },
    {
      name: 'net-event',
      summary: 'wait for network events and print them, or list the event types',
      options: eventCommandOptions({ name: 'network', type: 'string', help: 'only events of this network' }),
      handler: cmdNetEvent,
    },
    { name: 'net-info', summary: 'show basic facts about a network', options: [NETWORK_ARG, JSON_OPTION], handler: cmdNetInfo },
    {
      name: 'net-list',
      summary: 'list networks (active ones unless told otherwise)',
      options: [
        flag('inactive', 'only inactive networks'),
        flag('all', 'active and inactive networks'),
        flag('persistent', 'only persistent networks'),
        flag('transient', 'only transient networks'),
        flag('autostart', 'only networks that start with the host'),
        flag('no-autostart', 'only networks that do not start with the host'),
        flag('uuid', 'print UUIDs only'),
        flag('name', 'print names only'),
        flag('table', 'print a table (the default)'),
        JSON_OPTION,
      ],
      handler: cmdNetList,
    },
    {
      name: 'net-name',
      summary: 'print the name of a network given its UUID',
      options: [{ ...NETWORK_ARG, help: 'network UUID' }],
      async handler(s, cmd) {
        using net = await networkOption(s, cmd, BY_UUID);
        s.out.print(`${net.name()}\n`);
      },
    },
    action('net-start', 'start an inactive persistent network', (n) => n.create(), 'started', 'Failed to start network'),
    action('net-undefine', 'remove the persistent definition of a network', (n) => n.undefine(), 'has been undefined', 'Failed to undefine network'),
    {
      name: 'net-update',
      summary: "add, delete or modify one entry of a network's configuration",
      options: [
        NETWORK_ARG,
        { name: 'command', type: 'data', required: true, help: 'add-first, add-last (or add), delete or modify', complete: async () => [...UPDATE_COMMANDS.slice(1), 'add'] },
        { name: 'section', type: 'data', required: true, help: 'the section to edit (ip-dhcp-host, dns-txt, ...)', complete: async () => UPDATE_SECTIONS.slice(1) },
        { name: 'xml', type: 'data', required: true, help: "the element itself (when it starts with '<') or a file holding it" },
        { name: 'parent-index', type: 'number', help: 'which parent element (e.g. which <ip>) to edit' },
        flag('config', 'the persistent configuration'),
        flag('live', 'the running network'),
        flag('current', 'the running network if it runs, else the persistent configuration'),
      ],
      handler: cmdNetUpdate,
    },
    {
      name: 'net-uuid',
      summary: 'print the UUID of a network given its name',
      options: [{ ...NETWORK_ARG, help: 'network name' }],
      async handler(s, cmd) {
        using net = await networkOption(s, cmd, BY_NAME);
        s.out.print(`${net.uuidString()}\n`);
      },
    },
  ],
};
