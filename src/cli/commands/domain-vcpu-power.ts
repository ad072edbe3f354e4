/** Vcpu state and guest power management (virsh's Domain Management group): setvcpu, guestvcpus, dompmsuspend, dompmwakeup. */
import { VIR_DOMAIN_AFFECT_CONFIG, VIR_DOMAIN_AFFECT_LIVE, VIR_NODE_SUSPEND_TARGET_DISK, VIR_NODE_SUSPEND_TARGET_HYBRID, VIR_NODE_SUSPEND_TARGET_MEM } from '../../index.js';
import type { CommandDef, OptionDef } from '../command.js';
import { domainOption, must } from '../lookup.js';
import { exclusive, fail, optBool, optString, optULongLong, requires } from '../opts.js';
import { DOMAIN_ARG } from '../domain-options.js';
import { typedParamText } from '../typed-params.js';

const flag = (name: string, help: string): OptionDef => ({ name, type: 'bool', help });

const SUSPEND_TARGETS: Record<string, number> = {
  mem: VIR_NODE_SUSPEND_TARGET_MEM, disk: VIR_NODE_SUSPEND_TARGET_DISK, hybrid: VIR_NODE_SUSPEND_TARGET_HYBRID,
};

export const vcpuPowerCommands: CommandDef[] = [
  {
    name: 'setvcpu',
    summary: 'turn individual vcpus of a domain on or off',
    options: [
      DOMAIN_ARG,
      { name: 'vcpulist', type: 'data', required: true, help: 'the vcpus (a list such as 1-3,^2)' },
      flag('enable', 'turn them on'),
      flag('disable', 'turn them off'),
      flag('config', 'change the persistent definition'),
      flag('live', 'change the running domain'),
      flag('current', 'change the running domain if it runs, else the definition'),
    ],
    async handler(s, cmd) {
      const enable = optBool(cmd, 'enable');
      exclusive(s, cmd, 'enable', 'disable');
      exclusive(s, cmd, 'current', 'live');
      exclusive(s, cmd, 'current', 'config');
      const flags = (optBool(cmd, 'config') ? VIR_DOMAIN_AFFECT_CONFIG : 0) | (optBool(cmd, 'live') ? VIR_DOMAIN_AFFECT_LIVE : 0);
      if (!enable && !optBool(cmd, 'disable')) fail(s, 'one of --enable, --disable is required');
      const vcpulist = optString(s, cmd, 'vcpulist')!;
      using dom = await domainOption(s, cmd);
      await dom.setVcpu(vcpulist, enable ? 1 : 0, flags);
    },
  },
  {
    name: 'guestvcpus',
    summary: "show or change which cpus the guest itself has online (through its agent)",
    options: [
      DOMAIN_ARG,
      { name: 'cpulist', type: 'string', help: 'the cpus to change (a list such as 1-3,^2)' },
      flag('enable', 'bring them online'),
      flag('disable', 'take them offline'),
    ],
    async handler(s, cmd) {
      const enable = optBool(cmd, 'enable');
      const disable = optBool(cmd, 'disable');
      exclusive(s, cmd, 'enable', 'disable');
      requires(s, cmd, 'enable', 'cpulist');
      requires(s, cmd, 'disable', 'cpulist');
      const cpulist = optString(s, cmd, 'cpulist');
      if (cpulist !== undefined && !enable && !disable) fail(s, 'One of options --enable or --disable is required by option --cpulist');
      using dom = await domainOption(s, cmd);
      if (cpulist !== undefined) {
        await dom.setGuestVcpus(cpulist, enable ? 1 : 0, 0);
        return;
      }
      for (const p of await dom.guestVcpus(0)) s.out.print(`${p.field.padEnd(15)}: ${typedParamText(p)}\n`);
    },
  },
  {
    name: 'dompmsuspend',
    summary: 'suspend a running guest through its own power management (needs its agent)',
    options: [
      DOMAIN_ARG,
      { name: 'target', type: 'data', required: true, help: "'mem' (to RAM), 'disk' (to disk) or 'hybrid' (both)" },
      { name: 'duration', type: 'number', named: true, help: 'wake up after this many seconds' },
    ],
    async handler(s, cmd) {
      using dom = await domainOption(s, cmd);
      const duration = optULongLong(s, cmd, 'duration') ?? 0n;
      const target = optString(s, cmd, 'target')!;
      if (!(target in SUSPEND_TARGETS)) fail(s, 'Invalid target');
      await must(s, `Domain '${dom.name()}' could not be suspended`, () => dom.pmSuspendForDuration(SUSPEND_TARGETS[target]!, duration, 0));
      s.out.printExtra(`Domain '${dom.name()}' successfully suspended`);
    },
  },
  {
    name: 'dompmwakeup',
    summary: 'wake a guest suspended by its power management',
    options: [DOMAIN_ARG],
    async handler(s, cmd) {
      using dom = await domainOption(s, cmd);
      await must(s, `Domain '${dom.name()}' could not be woken up`, () => dom.pmWakeup(0));
      s.out.printExtra(`Domain '${dom.name()}' successfully woken up`);
    },
  },
];
