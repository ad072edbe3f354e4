/** pool-capabilities: the storage pool types and volume formats the host supports. */
import type { CommandDef } from '../command.js';
import { must } from '../lookup.js';

export const poolCapabilitiesCommand: CommandDef = {
  name: 'pool-capabilities',
  summary: 'print the storage pool types and formats the host supports, as XML',
  options: [],
  async handler(s) {
    s.out.print(`${await must(s, 'failed to get storage pool capabilities', () => s.conn.getStoragePoolCapabilities(0))}\n`);
  },
};
