/** Finding the host interface a command names, as virsh's virshCommandOptInterfaceBy does. */
import type { HostInterface } from '../index.js';
import type { ParsedCommand } from './command.js';
import type { Session } from './session.js';
import { optString } from './opts.js';
import { findObject } from './objects.js';

/** Whether a string parses as a MAC address (virMacAddrParse: six hex bytes separated by ':'). */
const isMAC = (text: string): boolean => /^[0-9a-fA-F]{1,2}(:[0-9a-fA-F]{1,2}){5}$/.test(text);

/** virshCommandOptInterfaceBy: a MAC address or a name, each only when `by` allows it (no lookup otherwise). */
export async function interfaceOption(s: Session, cmd: ParsedCommand, by: { name: boolean; mac: boolean } = { name: true, mac: true },
  option = 'interface'): Promise<HostInterface> {
  const name = optString(s, cmd, option)!;
  const mac = isMAC(name);
  const attempts = mac ? (by.mac ? [() => s.conn.interfaceLookupByMACString(name)] : []) : (by.name ? [() => s.conn.interfaceLookupByName(name)] : []);
  return findObject(s, `failed to get interface '${name}'`, attempts);
}
