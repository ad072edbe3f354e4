/** Commands that read the guest itself (virsh's Domain Monitoring group): domtime and domifaddr. */
import {
  VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_AGENT, VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_ARP, VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE,
  VIR_DOMAIN_TIME_SYNC, VIR_IP_ADDR_TYPE_IPV4, VIR_IP_ADDR_TYPE_IPV6,
} from '../../index.js';
import type { CommandDef } from '../command.js';
import { domainOption, must } from '../lookup.js';
import { exclusive, fail, optBool, optLongLong, optString } from '../opts.js';
import { DOMAIN_ARG } from '../domain-options.js';
import { JSON_OPTION, printJSON } from '../json.js';

const ADDRESS_SOURCES: Record<string, number> = {
  lease: VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE, agent: VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_AGENT, arp: VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_ARP,
};

/** The range glib's GDateTime covers: years 1 to 9999. */
const FIRST_SECOND = -62135596800n;
const LAST_SECOND = 253402300799n;

/** Seconds since the epoch as `Y-MM-DD hh:mm:ss` in UTC (the year unpadded, as glib prints it); null out of range. */
function prettyTime(seconds: bigint): string | null {
  if (seconds < FIRST_SECOND || seconds > LAST_SECOND) return null;
  const d = new Date(Number(seconds) * 1000);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

const ADDRESS_TYPES: Record<number, string> = { [VIR_IP_ADDR_TYPE_IPV4]: 'ipv4', [VIR_IP_ADDR_TYPE_IPV6]: 'ipv6' };

/** printf's `%-Ns`. */
const left = (text: string, width: number): string => text.padEnd(width);

export const guestMonitorCommands: CommandDef[] = [
  {
    name: 'domtime',
    summary: "show or set the guest's clock",
    options: [
      DOMAIN_ARG,
      { name: 'now', type: 'bool', help: 'set it to this host\'s time' },
      { name: 'pretty', type: 'bool', help: 'show it as a UTC date and time' },
      { name: 'sync', type: 'bool', help: "have the guest take it from its real-time clock" },
      { name: 'time', type: 'number', help: 'set it to this many seconds since the epoch' },
      JSON_OPTION,
    ],
    async handler(s, cmd) {
      exclusive(s, cmd, 'time', 'now');
      exclusive(s, cmd, 'time', 'sync');
      exclusive(s, cmd, 'now', 'sync');
      using dom = await domainOption(s, cmd);
      const time = optLongLong(s, cmd, 'time');
      const now = optBool(cmd, 'now');
      const sync = optBool(cmd, 'sync');
      if (time !== undefined || now || sync) {
        const seconds = now ? BigInt(Math.floor(Date.now() / 1000)) : time ?? 0n;
        await dom.setTime(seconds, 0, sync ? VIR_DOMAIN_TIME_SYNC : 0);
        return;
      }
      const { seconds, nseconds } = await dom.getTime();
      if (optBool(cmd, 'json')) {
        printJSON(s, { seconds, nanoseconds: nseconds, utc: prettyTime(seconds) });
        return;
      }
      s.out.print(`Time: ${optBool(cmd, 'pretty') ? prettyTime(seconds) ?? '(null)' : seconds}`);
    },
  },
  {
    name: 'domifaddr',
    summary: "show the addresses of a running guest's network interfaces",
    options: [
      DOMAIN_ARG,
      { name: 'interface', type: 'string', help: 'only this interface (its name in the guest)' },
      { name: 'full', type: 'bool', help: 'repeat the name and MAC on every address line' },
      { name: 'source', type: 'string', help: "where to learn them: 'lease', 'agent' or 'arp'", complete: async () => Object.keys(ADDRESS_SOURCES) },
      JSON_OPTION,
    ],
    async handler(s, cmd) {
      const only = optString(s, cmd, 'interface');
      const sourceName = optString(s, cmd, 'source');
      if (sourceName !== undefined && !(sourceName in ADDRESS_SOURCES)) fail(s, `Unknown data source '${sourceName}'`);
      const full = optBool(cmd, 'full');
      using dom = await domainOption(s, cmd);
      const source = sourceName === undefined ? VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE : ADDRESS_SOURCES[sourceName]!;
      const ifaces = await must(s, 'Failed to query for interfaces addresses', () => dom.interfaceAddresses(source));
      if (optBool(cmd, 'json')) {
        printJSON(s, ifaces.filter((i) => only === undefined || only === i.name).map((i) => ({
          name: i.name, mac: i.hwaddr,
          addresses: i.addrs.map((a) => ({ type: ADDRESS_TYPES[a.type] ?? null, address: a.addr, prefix: a.prefix })),
        })));
        return;
      }
      s.out.printExtra(` ${left('Name', 10)} ${left('MAC address', 20)} ${left('Protocol', 8)}     Address\n${'-'.repeat(79)}\n`);
      for (const iface of ifaces) {
        if (only !== undefined && only !== iface.name) continue;
        if (iface.addrs.length === 0) {
          s.out.print(` ${left(iface.name, 10)} ${left(iface.hwaddr ?? 'N/A', 17)}    ${left('N/A', 12)} N/A\n`);
          continue;
        }
        iface.addrs.forEach((a, j) => {
          // The prefix is printed signed, as virsh's %d does.
          const address = `${left(ADDRESS_TYPES[a.type] ?? '(null)', 12)} ${a.addr}/${a.prefix | 0}`;
          const [name, mac] = full || j === 0 ? [iface.name, iface.hwaddr ?? ''] : ['-', '-'];
          s.out.print(` ${left(name, 10)} ${left(mac, 17)}    ${address}\n`);
        });
      }
    },
  },
];
