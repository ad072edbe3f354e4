/** libvirt's checks of impossible configurations, with a valid neighbour for each. */
import { compareWithLibvirt, domainWith, uuidFor } from './family-oracle.js';

const mdev = (extra: string, addr = '') => `<hostdev mode='subsystem' type='mdev' model='vfio-pci'${extra}><source>`
  + `<address uuid='53764d0e-85a0-42b4-af5c-2046b460b1dc'/></source>${addr}</hostdev>`;
const sysinfo = (bios: string, system: string) => `<sysinfo type='smbios'>${bios && `<bios>${bios}</bios>`}${system && `<system>${system}</system>`}</sysinfo>`;

compareWithLibvirt('validation', [
  domainWith('va1', "<interface type='user'><mac address='52:54:00:00:00:01'/><model type='virtio'/><driver queues='1' rx_queue_size='256'/></interface>"
    + "<controller type='usb' index='0'/><redirdev bus='usb' type='spicevmc'/>"
    + "<video><model type='ramfb'/></video><hostdev mode='subsystem' type='usb'><source><address bus='1' device='2'/></source>"
    + "<address type='usb' bus='0' port='1.2.0.4'/></hostdev>" + mdev(" display='on' ramfb='on'", "<address type='pci' bus='0' slot='8'/>"),
  '', 'x86_64', 'pc'),
  domainWith('va2', '', sysinfo("<entry name='date'>12/31/99</entry>", `<entry name='uuid'>${uuidFor('va2')}</entry>`)),
  `<domain type='hvf'><name>va3</name><memory>65536</memory><os><type>hvm</type></os>${sysinfo('', "<entry name='uuid'>cbd44c86-38b8-6ec6-9a26-80c80de2d31c</entry>")}</domain>`,
  // refusals
  domainWith('va4', "<interface type='user'><mac address='52:54:00:00:00:02'/><model type='virtio'/><driver queues='-5'/></interface>"),
  domainWith('va5', "<redirdev bus='usb' type='spicevmc'/>"),
  domainWith('va6', "<controller type='pci' index='0' model='pci-root'><address type='pci' bus='0' slot='3'/></controller>"),
  domainWith('va7', "<video><model type='ramfb'/><address type='pci' bus='0' slot='3'/></video>"),
  domainWith('va8', "<disk type='file' device='lun'><source file='/a'/><target dev='sda' bus='scsi'/></disk>"),
  domainWith('va9', "<graphics type='vnc'><listen type='network'/></graphics>"),
  domainWith('va10', "<hostdev mode='subsystem' type='usb'><source><address bus='1' device='2'/></source><address type='usb' bus='0' port='1.2.3.4.5'/></hostdev>"),
  domainWith('va11', mdev('', "<address type='drive' controller='0' bus='0' target='0' unit='0'/>")),
  domainWith('va12', "<hostdev mode='subsystem' type='mdev' model='vfio-pci'><source><address/></source></hostdev>"),
  domainWith('va13', mdev(" display='on' ramfb='on'") + mdev(" display='on' ramfb='on'").replace('53764d0e', '63764d0e')),
  domainWith('va14', '', sysinfo("<entry name='date'>13/01/2020</entry>", '')),
  domainWith('va15', '', sysinfo('', "<entry name='uuid'>cbd44c86-38b8-6ec6-9a26-80c80de2d31d</entry>")),
]);
