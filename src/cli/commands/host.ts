/** Host and hypervisor commands (virsh's "host" group). */
import type { CommandFamily } from '../command.js';
import { must } from '../lookup.js';
import { optBool } from '../opts.js';

/** libvirt's version encoding: major * 1,000,000 + minor * 1,000 + micro. */
export function versionString(v: number): string {
  return `${Math.floor(v / 1_000_000)}.${Math.floor((v % 1_000_000) / 1000)}.${v % 1000}`;
}

export const hostFamily: CommandFamily = {
  group: 'Host and Hypervisor',
  keyword: 'host',
  commands: [
    {
      name: 'uri',
      summary: 'show the URI of the current connection',
      options: [],
      async handler(s) {
        s.out.print(`${await must(s, 'failed to get URI', () => s.conn.getURI())}\n`);
      },
    },
    {
      name: 'hostname',
      summary: 'show the host name of the hypervisor host',
      options: [],
      async handler(s) {
        s.out.print(`${await must(s, 'failed to get hostname', () => s.conn.getHostname())}\n`);
      },
    },
    {
      name: 'version',
      summary: 'show library, API and hypervisor versions',
      options: [{ name: 'daemon', type: 'bool', help: 'also ask the daemon for its version' }],
      async handler(s, cmd) {
        const { LIB_VERSION } = await import('../../index.js');
        const type = await must(s, 'failed to get hypervisor type', () => s.conn.getType());
        s.out.print(`Compiled against library: libvirt ${versionString(LIB_VERSION)}\n`);
        s.out.print(`Using library: libvirt ${versionString(LIB_VERSION)}\n`);
        s.out.print(`Using API: ${type} ${versionString(LIB_VERSION)}\n`);
        const hv = await must(s, 'failed to get the hypervisor version', () => s.conn.getVersion());
        if (hv === 0) s.out.print(`Cannot extract running ${type} hypervisor version\n`);
        else s.out.print(`Running hypervisor: ${type} ${versionString(hv)}\n`);
        if (optBool(cmd, 'daemon')) {
          try {
            s.out.print(`Running against daemon: ${versionString(await s.conn.getLibVersion())}\n`);
          } catch {
            s.out.error('failed to get the daemon version');
          }
        }
      },
    },
  ],
};
