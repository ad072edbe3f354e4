/** A network's DHCP leases and ports (part of virsh's "network" group). */
import * as lib from '../../index.js';
import type { Network, NetworkPort } from '../../index.js';
import type { CommandDef, OptionDef, ParsedCommand } from '../command.js';
import type { Session } from '../session.js';
import { must } from '../lookup.js';
import { CommandFailed, fail, optBool, optString, optStringQuietOrFail } from '../opts.js';
import { XPATH_OPTIONS, printXML } from '../dumpxml.js';
import { readXMLFile } from '../files.js';
import { formatTable } from '../table.js';
import { flag } from '../objects.js';
import { networkOption } from './network.js';

const NETWORK: OptionDef = { name: 'network', type: 'data', required: true, help: 'network name or UUID' };
const PORT: OptionDef = { name: 'port', type: 'data', required: true, help: 'port UUID' };

/** g_date_time_format(local, "%Y-%m-%d %H:%M:%S"). */
function localDateTime(epoch: bigint): string {
  const d = new Date(Number(epoch) * 1000);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

async function cmdDHCPLeases(s: Session, cmd: ParsedCommand): Promise<void> {
  const mac = optString(s, cmd, 'mac') ?? null;
  using net = await networkOption(s, cmd);
  const name = optString(s, cmd, 'network')!;
  const leases = await must(s, `Failed to get leases info for ${name}`, () => net.dhcpLeases(mac, 0));
  // virsh orders them by MAC address, ignoring case.
  leases.sort((a, b) => (a.mac ?? '').toLowerCase().localeCompare((b.mac ?? '').toLowerCase()));
  const type = (t: number): string => (t === lib.VIR_IP_ADDR_TYPE_IPV4 ? 'ipv4' : t === lib.VIR_IP_ADDR_TYPE_IPV6 ? 'ipv6' : '-');
  s.out.print(formatTable(['Expiry Time', 'MAC address', 'Protocol', 'IP address', 'Hostname', 'Client ID or DUID'],
    leases.map((l) => [localDateTime(l.expirytime), l.mac ?? '-', type(l.type), `${l.ipaddr}/${l.prefix}`, l.hostname ?? '-', l.clientid ?? '-']), !s.out.quiet));
}

/** virshCommandOptNetworkPort: the port --port names by UUID, or virsh's complaint. */
async function portOption(s: Session, cmd: ParsedCommand, net: Network): Promise<NetworkPort | null> {
  let uuid: string;
  try {
    uuid = optString(s, cmd, 'port')!;
  } catch {
    return null;
  }
  try {
    return await net.portLookupByUUIDString(uuid);
  } catch {
    s.out.error(`failed to get network port '${uuid}'`);
    return null;
  }
}

async function cmdPortCreate(s: Session, cmd: ParsedCommand): Promise<void> {
  using net = await networkOption(s, cmd);
  const from = optString(s, cmd, 'file')!;
  const flags = optBool(cmd, 'validate') ? lib.VIR_NETWORK_PORT_CREATE_VALIDATE : 0;
  const xml = await readXMLFile(s, from);
  using port = await must(s, `Failed to create network from ${from}`, () => net.portCreateXML(xml, flags));
  s.out.printExtra(`Network port ${port.uuidString()} created from ${from}\n`);
}

/**
 * net-port-dumpxml and net-port-delete: virsh 9.0.0 ends them successfully whatever fails (their
 * result starts out true), after its own line but without the library's error; so do we. Only an
 * empty --xpath fails them.
 */
async function withPort(s: Session, cmd: ParsedCommand, work: (port: NetworkPort) => Promise<void>): Promise<void> {
  let net: Network;
  try {
    net = await networkOption(s, cmd);
  } catch {
    return;
  }
  using _net = net;
  const port = await portOption(s, cmd, net);
  if (!port) return;
  try {
    await work(port);
  } catch (err) {
    if (err instanceof CommandFailed) throw err;
  } finally {
    port.free();
  }
}

async function cmdPortList(s: Session, cmd: ParsedCommand): Promise<void> {
  const uuidOnly = optBool(cmd, 'uuid');
  if (optBool(cmd, 'table') && uuidOnly) fail(s, 'Only one argument from --table and --uuid may be specified.');
  using net = await networkOption(s, cmd);
  const ports = await net.listAllPorts(0);
  const uuids = ports.map((p) => {
    p.free();
    return p.uuidString();
  }).sort();
  if (uuidOnly) s.out.print(uuids.map((u) => `${u}\n`).join(''));
  else s.out.print(formatTable(['UUID'], uuids.map((u) => [u]), !s.out.quiet));
}

export const networkPortCommands: CommandDef[] = [
  {
    name: 'net-dhcp-leases',
    summary: "print the leases of a network's DHCP server",
    options: [NETWORK, { name: 'mac', type: 'string', help: 'only the leases of this MAC address' }],
    handler: cmdDHCPLeases,
  },
  {
    name: 'net-port-create',
    summary: 'add a port to a network from an XML file',
    options: [NETWORK, { name: 'file', type: 'data', required: true, help: 'file holding the port XML' }, flag('validate', 'check the XML against the schema first')],
    handler: cmdPortCreate,
  },
  {
    name: 'net-port-delete',
    summary: 'remove a port from a network',
    options: [NETWORK, PORT],
    async handler(s, cmd) {
      await withPort(s, cmd, async (port) => {
        const uuid = port.uuidString();
        try {
          await port.delete(0);
        } catch {
          s.out.error(`Failed to delete network port ${uuid}`);
          return;
        }
        s.out.printExtra(`Network port ${uuid} deleted\n`);
      });
    },
  },
  {
    name: 'net-port-dumpxml',
    summary: "print a network port's XML",
    options: [NETWORK, PORT, ...XPATH_OPTIONS],
    async handler(s, cmd) {
      await withPort(s, cmd, async (port) => {
        optStringQuietOrFail(cmd, 'xpath');
        await printXML(s, cmd, await port.xmlDesc(0));
      });
    },
  },
  {
    name: 'net-port-list',
    summary: "list a network's ports",
    options: [NETWORK, flag('uuid', 'only the UUIDs'), flag('table', 'as a table (the default)')],
    handler: cmdPortList,
  },
];
