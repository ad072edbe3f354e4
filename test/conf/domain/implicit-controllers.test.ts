/** Implicit controllers: added at the end of the list, for the index a device's address names. */
import { compareWithLibvirt, domainWith } from './family-oracle.js';

const hostdev = (controller: number, unit: number) => "<hostdev mode='subsystem' type='scsi'><source><adapter name='scsi_host0'/>"
  + `<address bus='0' target='0' unit='${unit}'/></source><address type='drive' controller='${controller}' bus='0' target='0' unit='${unit}'/></hostdev>`;

compareWithLibvirt('implicit controllers', [
  // virtio channels and consoles: the controller of their address, 0 without one, after explicit ones
  domainWith('ic1', "<controller type='virtio-serial' index='1'/><controller type='pci' index='0' model='pci-root'/>"
    + "<channel type='pty'><target type='virtio' name='a'/></channel>"
    + "<channel type='pty'><target type='virtio' name='b'/><address type='virtio-serial' controller='3' bus='0'/></channel>"
    + "<console type='pty'><target type='virtio'/><address type='virtio-serial' controller='2' bus='0'/></console>"),
  domainWith('ic2', "<controller type='virtio-serial' index='2'/><controller type='usb' index='0'/>"
    + "<channel type='spicevmc'><target type='virtio' name='com.redhat.spice.0'/><address type='virtio-serial' controller='2' bus='0' port='1'/></channel>"),
  // disk controllers: every index up to the highest a disk's drive address uses, appended
  domainWith('ic3', "<controller type='ide' index='1'/><disk type='file'><source file='/a'/><target dev='hda' bus='ide'/></disk>"
    + "<controller type='scsi' index='2' model='lsilogic'/><disk type='file'><source file='/b'/><target dev='sda' bus='scsi'/>"
    + "<address type='drive' controller='1' bus='0' target='0' unit='0'/></disk>"),
  // SCSI hostdevs: new controllers take the model of the one a hostdev raising the maximum sits on
  domainWith('ic4', "<controller type='scsi' index='0' model='virtio-scsi'/><controller type='usb' index='0'/>" + hostdev(0, 1) + hostdev(2, 3)),
  domainWith('ic5', "<controller type='scsi' index='1' model='lsisas1068'/>" + hostdev(1, 1) + hostdev(0, 2) + hostdev(3, 3)),
  // live-only channel state is not kept by a definition
  domainWith('ic6', "<channel type='pty'><target type='virtio' name='x' state='connected'/></channel>"),
]);
