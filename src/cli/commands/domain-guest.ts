/**
 * Commands that ask the guest itself (virsh's Domain Management group): domhostname,
 * set-user-password and the filesystem commands domfsfreeze, domfsthaw, domfstrim, domfsinfo.
 */
import { VIR_DOMAIN_GET_HOSTNAME_AGENT, VIR_DOMAIN_GET_HOSTNAME_LEASE, VIR_DOMAIN_PASSWORD_ENCRYPTED } from '../../index.js';
import type { CommandDef, OptionDef } from '../command.js';
import { domainOption, must } from '../lookup.js';
import { fail, optArgv, optBool, optString, optULongLong } from '../opts.js';
import { DOMAIN_ARG } from '../domain-options.js';
import { formatTable } from '../table.js';
import { JSON_OPTION, printJSON } from '../json.js';

const HOSTNAME_SOURCES: Record<string, number> = { agent: VIR_DOMAIN_GET_HOSTNAME_AGENT, lease: VIR_DOMAIN_GET_HOSTNAME_LEASE };

const mountpoints = (help: string): OptionDef => ({ name: 'mountpoint', type: 'argv', help });

export const guestCommands: CommandDef[] = [
  {
    name: 'domhostname',
    summary: "print the guest's hostname",
    options: [
      DOMAIN_ARG,
      { name: 'source', type: 'string', help: "where to learn it: 'agent' or 'lease'", complete: async () => Object.keys(HOSTNAME_SOURCES) },
    ],
    async handler(s, cmd) {
      using dom = await domainOption(s, cmd);
      const source = optString(s, cmd, 'source');
      if (source !== undefined && !(source in HOSTNAME_SOURCES)) fail(s, `Unknown data source '${source}'`);
      const hostname = await must(s, 'failed to get hostname', () => dom.getHostname(source === undefined ? 0 : HOSTNAME_SOURCES[source]));
      s.out.print(`${hostname}\n`);
    },
  },
  {
    name: 'set-user-password',
    summary: 'change the password of a user inside the guest',
    options: [
      DOMAIN_ARG,
      { name: 'user', type: 'data', required: true, help: 'the user name' },
      { name: 'password', type: 'data', required: true, help: 'the new password' },
      { name: 'encrypted', type: 'bool', help: 'the password is already a crypt(3) hash' },
    ],
    async handler(s, cmd) {
      const flags = optBool(cmd, 'encrypted') ? VIR_DOMAIN_PASSWORD_ENCRYPTED : 0;
      const user = optString(s, cmd, 'user')!;
      const password = optString(s, cmd, 'password')!;
      using dom = await domainOption(s, cmd);
      await dom.setUserPassword(user, password, flags);
      s.out.printExtra(`Password set successfully for ${user} in ${optString(s, cmd, 'domain')!}`);
    },
  },
  {
    name: 'domfsfreeze',
    summary: "freeze the guest's mounted filesystems",
    options: [DOMAIN_ARG, mountpoints('a mount point to freeze (all when none is given)')],
    async handler(s, cmd) {
      using dom = await domainOption(s, cmd);
      const count = await must(s, 'Unable to freeze filesystems', () => dom.fsFreeze(optArgv(cmd, 'mountpoint')));
      s.out.printExtra(`Froze ${count} filesystem(s)\n`);
    },
  },
  {
    name: 'domfsthaw',
    summary: "thaw the guest's frozen filesystems",
    options: [DOMAIN_ARG, mountpoints('a mount point to thaw (all when none is given)')],
    async handler(s, cmd) {
      using dom = await domainOption(s, cmd);
      const count = await must(s, 'Unable to thaw filesystems', () => dom.fsThaw(optArgv(cmd, 'mountpoint')));
      s.out.printExtra(`Thawed ${count} filesystem(s)\n`);
    },
  },
  {
    name: 'domfstrim',
    summary: "discard unused blocks of the guest's mounted filesystems",
    options: [
      DOMAIN_ARG,
      { name: 'minimum', type: 'number', help: 'free ranges shorter than this many bytes may be skipped' },
      { name: 'mountpoint', type: 'string', help: 'only this mount point' },
    ],
    async handler(s, cmd) {
      using dom = await domainOption(s, cmd);
      const minimum = optULongLong(s, cmd, 'minimum') ?? 0n;
      const mountPoint = optString(s, cmd, 'mountpoint') ?? null;
      await must(s, 'Unable to invoke fstrim', () => dom.fsTrim(mountPoint, minimum));
    },
  },
  {
    name: 'domfsinfo',
    summary: "list the guest's mounted filesystems",
    options: [DOMAIN_ARG, JSON_OPTION],
    async handler(s, cmd) {
      using dom = await domainOption(s, cmd);
      const infos = await must(s, 'Unable to get filesystem information', () => dom.getFSInfo());
      if (optBool(cmd, 'json')) {
        printJSON(s, infos.map((f) => ({ mountpoint: f.mountpoint, name: f.name, type: f.fstype, targets: f.devAlias })));
        return;
      }
      if (infos.length === 0) {
        s.out.printExtra('No filesystems are mounted in the domain');
        return;
      }
      const rows = infos.map((f) => [f.mountpoint, f.name, f.fstype, f.devAlias.join(',')]);
      s.out.print(formatTable(['Mountpoint', 'Name', 'Type', 'Target'], rows, !s.out.quiet));
    },
  },
];
