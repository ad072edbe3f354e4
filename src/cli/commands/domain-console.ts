/** virsh console: attach the terminal to a running domain's serial console. */
import { VIR_DOMAIN_CONSOLE_FORCE, VIR_DOMAIN_CONSOLE_SAFE } from '../../index.js';
import type { CommandDef } from '../command.js';
import { domainOption } from '../lookup.js';
import { optBool, optString } from '../opts.js';
import { DOMAIN_ARG } from '../domain-options.js';
import { runConsole } from '../console.js';

export const consoleCommands: CommandDef[] = [
  {
    name: 'console',
    summary: 'attach to the serial console of a running domain',
    options: [
      DOMAIN_ARG,
      { name: 'devname', type: 'string', help: 'which character device (its alias, such as serial0)' },
      { name: 'force', type: 'bool', help: 'take the console over from a session already attached' },
      { name: 'safe', type: 'bool', help: 'attach only if the driver handles the console safely' },
    ],
    async handler(s, cmd) {
      using dom = await domainOption(s, cmd);
      const devName = optString(s, cmd, 'devname') ?? null;
      const flags = (optBool(cmd, 'force') ? VIR_DOMAIN_CONSOLE_FORCE : 0) | (optBool(cmd, 'safe') ? VIR_DOMAIN_CONSOLE_SAFE : 0);
      await runConsole(s, dom, devName, flags);
    },
  },
];
