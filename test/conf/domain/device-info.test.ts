/** Device addresses and devices libvirt writes only when they carry something (zPCI ids, panic). */
import { compareWithLibvirt, domainWith } from './family-oracle.js';

const hostdev = (zpci: string, slot: number) => "<hostdev mode='subsystem' type='pci'><driver name='vfio'/><source>"
  + `<address domain='0x0000' bus='0x00' slot='0x0${slot}' function='0x0'/></source>`
  + `<address type='pci' domain='0x0000' bus='0x00' slot='0x0${slot}' function='0x0'>${zpci}</address></hostdev>`;

compareWithLibvirt('device info', [
  domainWith('di1', hostdev("<zpci uid='0x1'/>", 1) + hostdev("<zpci fid='31'/>", 2) + hostdev("<zpci uid='010' fid='0x00ff'/>", 3)
    + hostdev('<zpci/>', 4), '', 's390x', 's390-ccw-virtio'),
  domainWith('di2', "<panic/><panic model='default'/>", '', 's390x', 's390-ccw-virtio'),
  domainWith('di3', "<panic model='isa'><address type='isa' iobase='0x505'/></panic><panic><address type='isa' iobase='0x506'/></panic>"),
  domainWith('di4', hostdev("<zpci uid='x'/>", 1), '', 's390x', 's390-ccw-virtio'),
  domainWith('di5', "<panic model='foo'/>"),
]);
