/** domxml-to-native and domxml-from-native: domain XML to a hypervisor's own configuration and back. */
import type { CommandDef } from '../command.js';
import { domainOption } from '../lookup.js';
import { exclusive, fail, optBool, optString } from '../opts.js';
import { readXMLFile } from '../files.js';

export const nativeCommands: CommandDef[] = [
  {
    name: 'domxml-to-native',
    summary: "turn domain XML into the hypervisor's own configuration",
    options: [
      { name: 'format', type: 'data', required: true, help: "the native format wanted (QEMU: 'qemu-argv')" },
      { name: 'domain', type: 'string', named: true, help: 'use the XML of this domain (name, id or UUID)' },
      { name: 'xml', type: 'string', help: 'a file with the domain XML' },
    ],
    async handler(s, cmd) {
      const format = optString(s, cmd, 'format')!;
      const file = optString(s, cmd, 'xml');
      exclusive(s, cmd, 'domain', 'xml');
      let xml: string;
      if (optBool(cmd, 'domain')) {
        using dom = await domainOption(s, cmd);
        xml = await dom.xmlDesc(0);
      } else if (file !== undefined) {
        xml = await readXMLFile(s, file);
      } else {
        fail(s, 'need either domain or domain XML');
      }
      s.out.print(await s.conn.domainXMLToNative(format, xml, 0));
    },
  },
  {
    name: 'domxml-from-native',
    summary: "turn the hypervisor's own configuration into domain XML",
    options: [
      { name: 'format', type: 'data', required: true, help: "the native format given (QEMU: 'qemu-argv')" },
      { name: 'config', type: 'data', required: true, help: 'a file with the native configuration' },
    ],
    async handler(s, cmd) {
      const format = optString(s, cmd, 'format')!;
      const config = await readXMLFile(s, optString(s, cmd, 'config')!);
      s.out.print(await s.conn.domainXMLFromNative(format, config, 0));
    },
  },
];
