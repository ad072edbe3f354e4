/** Domain XML for the test guest: TCG (a Linux kernel under nested KVM fails here), serial to a file or a pty. */
import { testGuest } from '../guest/test-guest.js';

export interface GuestXmlOptions {
  name: string;
  /** The serial port writes to this file; without it (and without serialXml), the serial port and console are a pty. */
  serialLog?: string;
  /** The serial port's XML instead of a file at serialLog (e.g. type='stdio': into the domain log). */
  serialXml?: string;
  /** The kernel command line instead of the test guest's. */
  cmdline?: string;
  memoryMiB?: number;
  /** The `<vcpu>` element instead of one vCPU. */
  vcpuXml?: string;
  extraDevices?: string;
}

function defaultSerial(log: string | undefined): string {
  if (log === undefined) return `<serial type='pty'><target port='0'/></serial><console type='pty'><target type='serial' port='0'/></console>`;
  return `<serial type='file'><source path='${log}'/><target port='0'/></serial>`;
}

export function guestXml(o: GuestXmlOptions): string {
  const g = testGuest();
  return `<domain type='qemu'>
  <name>${o.name}</name>
  <memory unit='MiB'>${o.memoryMiB ?? 256}</memory>
  ${o.vcpuXml ?? '<vcpu>1</vcpu>'}
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
    ${o.serialXml ?? defaultSerial(o.serialLog)}
    <memballoon model='virtio'/>
    ${o.extraDevices ?? ''}
  </devices>
</domain>`;
}
