/** Host interface and node device commands (virsh's "interface" and "nodedev" groups): listings and device XML. */
import * as lib from '../../index.js';
import { byName, type CommandFamily, type ParsedCommand } from '../command.js';
import type { Session } from '../session.js';
import { fail, optBool, optStringQuiet } from '../opts.js';
import { XPATH_OPTIONS, printXML } from '../dumpxml.js';
import { must } from '../lookup.js';
import { formatTable } from '../table.js';
import { formatForest } from '../tree.js';
import { JSON_OPTION, printJSON } from '../json.js';
import { compareNames, flag } from '../objects.js';
import { splitCommas } from './virsh.js';
import { interfaceManageCommands } from './interface-manage.js';
import { interfaceBridgeCommands } from './interface-bridge.js';
import { interfaceOption } from '../interface-lookup.js';
import { nodeDeviceOption } from '../nodedev-lookup.js';
import { nodedevManageCommands } from './nodedev-manage.js';

async function cmdIfaceList(s: Session, cmd: ParsedCommand): Promise<void> {
  const inactive = optBool(cmd, 'inactive');
  const all = optBool(cmd, 'all');
  if (inactive && all) fail(s, 'Options --all and --inactive are mutually exclusive');
  const ACTIVE = lib.VIR_CONNECT_LIST_INTERFACES_ACTIVE;
  const INACTIVE = lib.VIR_CONNECT_LIST_INTERFACES_INACTIVE;
  const flags = all ? ACTIVE | INACTIVE : inactive ? INACTIVE : ACTIVE;
  const ifaces = (await must(s, 'Failed to list interfaces', () => s.conn.listAllInterfaces(flags))).sort((a, b) => compareNames(a.name(), b.name()));
  const rows = [];
  for (const i of ifaces) {
    rows.push({ name: i.name(), active: await i.isActive().catch(() => false), mac: i.MACString() });
    i.free();
  }
  if (optBool(cmd, 'json')) printJSON(s, rows);
  else s.out.print(formatTable(['Name', 'State', 'MAC Address'], rows.map((r) => [r.name, r.active ? 'active' : 'inactive', r.mac]), !s.out.quiet));
}

/** virNodeDevCapType names, in the order of their listing flags (bit n is 1 << n). */
export const CAPS = ['system', 'pci', 'usb_device', 'usb', 'net', 'scsi_host', 'scsi_target', 'scsi', 'storage', 'fc_host', 'vports',
  'scsi_generic', 'drm', 'mdev_types', 'mdev', 'ccw', 'css', 'vdpa', 'ap_card', 'ap_queue', 'ap_matrix', 'vpd'];

async function cmdNodedevList(s: Session, cmd: ParsedCommand): Promise<void> {
  const tree = optBool(cmd, 'tree');
  const inactive = optBool(cmd, 'inactive');
  const all = optBool(cmd, 'all');
  const cap = optStringQuiet(cmd, 'cap');
  if (all && inactive) fail(s, 'Option --all is incompatible with --inactive');
  if (tree && (cap !== undefined || inactive)) fail(s, 'Option --tree is incompatible with --cap and --inactive');
  let flags = 0;
  for (const word of cap === undefined ? [] : splitCommas(cap)) {
    const at = CAPS.indexOf(word);
    if (at < 0) fail(s, 'Invalid capability type');
    flags |= 2 ** at;
  }
  if (inactive || all) flags += lib.VIR_CONNECT_LIST_NODE_DEVICES_INACTIVE;
  if (!inactive) flags += lib.VIR_CONNECT_LIST_NODE_DEVICES_ACTIVE;
  const devices = await must(s, 'Failed to list node devices', () => s.conn.listAllDevices(flags));
  const names = devices.map((d) => d.name()).sort(compareNames);
  const parents = new Map<string, string | null>();
  try {
    // virNodeDeviceGetParent is the <parent> of the device's XML.
    for (const d of tree ? devices : []) {
      const xml = d.name() === 'computer' ? '' : await d.xmlDesc(0).catch(() => '');
      parents.set(d.name(), /<parent>([^<]*)<\/parent>/.exec(xml)?.[1] ?? null);
    }
  } finally {
    for (const d of devices) d.free();
  }
  if (optBool(cmd, 'json')) {
    printJSON(s, names);
  } else if (tree) {
    s.out.print(formatForest(names.map((name) => ({ name, parent: parents.get(name) ?? null }))));
  } else {
    for (const name of names) s.out.print(`${name}\n`);
  }
}

export const interfaceFamily: CommandFamily = {
  group: 'Interface',
  keyword: 'interface',
  commands: byName([
    {
      name: 'iface-dumpxml',
      summary: "print a host interface's XML description",
      options: [
        { name: 'interface', type: 'data', required: true, help: 'interface name or MAC address' },
        flag('inactive', 'the configuration used at the next start'),
        ...XPATH_OPTIONS,
      ],
      async handler(s, cmd) {
        using iface = await interfaceOption(s, cmd);
        await printXML(s, cmd, await iface.xmlDesc(optBool(cmd, 'inactive') ? lib.VIR_INTERFACE_XML_INACTIVE : 0));
      },
    },
    {
      name: 'iface-list',
      summary: 'list host network interfaces',
      options: [flag('inactive', 'only inactive interfaces'), flag('all', 'active and inactive interfaces'), JSON_OPTION],
      handler: cmdIfaceList,
    },
    ...interfaceManageCommands,
    ...interfaceBridgeCommands,
  ]),
};

export const nodedevFamily: CommandFamily = {
  group: 'Node Device',
  keyword: 'nodedev',
  commands: [
    {
      name: 'nodedev-dumpxml',
      summary: "print a host device's XML description",
      options: [{ name: 'device', type: 'data', required: true, help: 'device name' }, ...XPATH_OPTIONS],
      async handler(s, cmd) {
        using dev = await nodeDeviceOption(s, cmd);
        await printXML(s, cmd, await dev.xmlDesc(0));
      },
    },
    {
      name: 'nodedev-list',
      summary: 'list host devices',
      options: [
        flag('tree', 'print the devices as a tree'),
        { name: 'cap', type: 'string', help: 'only devices with these capabilities (comma separated)' },
        flag('inactive', 'only inactive devices'),
        flag('all', 'active and inactive devices'),
        JSON_OPTION,
      ],
      handler: cmdNodedevList,
    },
    ...nodedevManageCommands,
  ],
};
