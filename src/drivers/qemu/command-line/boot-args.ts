/** `-rtc`, `-no-shutdown`, `-no-acpi`, `-boot` and direct kernel boot. */
import type { DomainDef } from '../../../conf/domain/index.js';
import { getAttr } from '../../../conf/domain/xnode.js';
import type { ArgList } from './args.js';
import { findFeature } from './machine-args.js';
import { isQ35 } from '../postparse/machine.js';

export function clockArgs(a: ArgList, def: DomainDef): void {
  const c = def.clock;
  let rtc = `base=${c.offset === 'localtime' ? 'localtime' : 'utc'}`;
  const rtcTimer = c.timers.find((t) => getAttr(t, 'name') === 'rtc');
  if (getAttr(rtcTimer, 'track') === 'guest') rtc += ',clock=vm';
  else if (getAttr(rtcTimer, 'track') === 'wall') rtc += ',clock=host';
  if (getAttr(rtcTimer, 'tickpolicy') === 'catchup') rtc += ',driftfix=slew';
  a.add('-rtc', rtc);
  const pit = c.timers.find((t) => getAttr(t, 'name') === 'pit');
  const pitPolicy = getAttr(pit, 'tickpolicy');
  if (pitPolicy === 'delay' || pitPolicy === 'discard' || pitPolicy === 'catchup') {
    a.add('-global', `kvm-pit.lost_tick_policy=${pitPolicy === 'catchup' ? 'slew' : pitPolicy}`);
  }
  const hpet = c.timers.find((t) => getAttr(t, 'name') === 'hpet');
  if (getAttr(hpet, 'present') === 'no') a.add('-no-hpet');
}

export function pmArgs(a: ArgList, def: DomainDef): void {
  a.add('-no-shutdown');
  if (!findFeature(def, 'acpi')) a.add('-no-acpi');
  // guest suspend states switched off in the chipset's power management device
  const pm = def.passthrough.pm?.[0];
  const lpc = isQ35(def) ? 'ICH9-LPC' : 'PIIX4_PM';
  for (const [element, state] of [['suspend-to-mem', 's3'], ['suspend-to-disk', 's4']]) {
    const enabled = getAttr(pm?.children.find((c) => c.name === element), 'enabled');
    if (enabled !== undefined) a.add('-global', `${lpc}.disable_${state}=${enabled === 'yes' ? 0 : 1}`);
  }
}

export function bootArgs(a: ArgList, def: DomainDef): void {
  const os = def.os;
  let boot = '';
  if (os.bootMenu) boot += `menu=${os.bootMenu.enable === 'yes' ? 'on' : 'off'},`;
  if (os.bios?.rebootTimeout !== undefined) boot += `reboot-timeout=${os.bios.rebootTimeout},`;
  if (os.bootMenu?.timeout !== undefined) boot += `splash-time=${os.bootMenu.timeout},`;
  a.add('-boot', boot + 'strict=on');
  if (os.kernel) a.add('-kernel', os.kernel);
  if (os.initrd) a.add('-initrd', os.initrd);
  if (os.cmdline) a.add('-append', os.cmdline);
  if (os.dtb) a.add('-dtb', os.dtb);
}
