/** Single values libvirt reads and rewrites in devices and the OS: modes, sizes, ids, load parameters, trays. */
import { compareWithLibvirt, domainWith } from './family-oracle.js';

const usb = "<controller type='usb' index='0'/>";

/** A domain whose `<os>` holds `osExtra` after its type. */
const withOs = (name: string, osExtra: string, extra = '') => domainWith(name, '', extra)
  .replace("hvm</type></os>", `hvm</type>${osExtra}</os>`);

compareWithLibvirt('device values', [
  domainWith('dv1', "<filesystem type='mount' accessmode='mapped' fmode='644' dmode='0755'><source dir='/a'/><target dir='t'/></filesystem>"
    + "<shmem name='s1'><size unit='K'>12345</size></shmem><shmem name='s2'><size unit='M'>0</size></shmem><shmem name='s3'><size>4194304</size></shmem>"),
  domainWith('dv2', usb + "<redirdev bus='usb' type='spicevmc'/><redirfilter><usbdev class='8' vendor='0x15e1' product='-1' version='9.4' allow='yes'/>"
    + "<usbdev class='-1' vendor='-1' product='-1' version='-1' allow='no'/><usbdev version='2.00' allow='no'/></redirfilter>"),
  domainWith('dv3', "<disk type='file' device='floppy'><source file='/f'/><target dev='fda' tray='closed'/></disk>"
    + "<disk type='file' device='cdrom'><source file='/c'/><target dev='hdc' bus='ide' tray='open'/></disk>"
    + "<disk type='file' device='disk'><source file='/d'/><target dev='vda' bus='virtio' tray='closed'/><boot order='1' loadparm='sys.1'/></disk>"
    + "<disk type='file' device='disk'><source file='/e'/><target dev='sda' bus='usb' removable='on'/></disk>",
  '', 's390x', 's390-ccw-virtio'),
  domainWith('dv4', usb + "<redirdev bus='usb' type='dbus'/><graphics type='dbus'/>", "<memtune><hard_limit unit='KiB'>9007199254740991</hard_limit>"
    + "<soft_limit>1024</soft_limit><min_guarantee>0</min_guarantee></memtune><cpu></cpu>"),
  withOs('dv5', "<acpi><table type='slic'>/var//lib/acpi/slic.dat/</table></acpi>",
    "<sysinfo type='smbios'><bios><entry name='vendor'>v</entry></bios></sysinfo><sysinfo type='fwcfg'><entry name='opt/x'>y</entry></sysinfo>"),
  domainWith('dv6', "<hostdev mode='subsystem' type='scsi'><source protocol='iscsi' name='iqn.1992-01.com.example'><host name='h'/></source></hostdev>"),
  // refusals
  domainWith('dv7', "<filesystem type='mount'><source dir='/a'/><target dir='t'/></filesystem><filesystem fmode='1777'><source dir='/b'/><target dir='u'/></filesystem>"),
  domainWith('dv8', "<disk type='file'><source file='/d'/><target dev='vda'/><boot order='1' loadparm='SYS1?'/></disk>", '', 's390x', 's390-ccw-virtio'),
  domainWith('dv9', "<disk type='file'><source file='/d'/><target dev='vda'/><boot order='1' loadparm='LOADPARM1'/></disk>", '', 's390x', 's390-ccw-virtio'),
  domainWith('dv10', usb + "<redirfilter><usbdev version='100.1' allow='yes'/></redirfilter>"),
  domainWith('dv11', usb + "<redirfilter><usbdev class='0x100' allow='yes'/></redirfilter>"),
  withOs('dv12', "<acpi><table type='msdm'>/x</table></acpi>"),
  withOs('dv14', "<acpi><table type='slic'>/a</table><table type='slic'>/b</table></acpi>"),
  domainWith('dv15', "<disk type='file'><source file='/d'/><target dev='vda' removable='on'/></disk>"),
  domainWith('dv16', "<disk type='file'><source file='/d'/><target dev='vda' tray='open'/></disk>"),
  domainWith('dv13', "<disk type='file'><source file='/d'/><target dev='vda'/><boot order='0'/></disk>"),
]);
