/** Domain XML for the test guest: TCG (a Linux kernel under nested KVM fails here), serial to a file. */
import { testGuest } from '../guest/test-guest.js';

export interface GuestXmlOptions {
  name: string;
  serialLog: string;
  /** The serial port's XML instead of a file at serialLog (e.g. type='stdio': into the domain log). */
  serialXml?: string;
  /** The kernel command line instead of the test guest's. */
  cmdline?: string;
  memoryMiB?: number;
  extraDevices?: string;
}

export function guestXml(o: GuestXmlOptions): string {
  const g = testGuest();
  return `<domain type='qemu'>
  <name>${o.name}</name>
  <memory unit='MiB'>${o.memoryMiB ?? 256}</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
    <kernel>${g.kernel}</kernel>
    <initrd>${g.initrd}</initrd>
    <cmdline>${o.cmdline ?? g.cmdline}</cmdline>
  </os>
  <features><acpi/></features>
  <on_poweroff>destroy</on_poweroff>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    ${o.serialXml ?? `<serial type='file'>
      <source path='${o.serialLog}'/>
      <target port='0'/>
    </serial>`}
    <memballoon model='virtio'/>
    ${o.extraDevices ?? ''}
  </devices>
</domain>`;
}
