/** Consoles mirroring the first serial port, and video order, primary flag and default model. */
import { compareWithLibvirt, domainWith } from './family-oracle.js';

const serial = (type: string) => `<serial type='pty'><target type='${type}' port='0'/></serial>`;

compareWithLibvirt('console compat', [
  domainWith('cv1', serial('pci-serial'), '', 'aarch64', 'virt'),
  domainWith('cv2', serial('usb-serial') + "<controller type='usb' index='0' model='qemu-xhci'/>", '', 'aarch64', 'virt'),
  domainWith('cv3', "<serial type='pty'><target type='isa-debug'/><address type='isa' iobase='0x402'/></serial>"),
  domainWith('cv4', serial('isa-serial')),
  domainWith('cv5', serial('spapr-vio-serial'), '', 'ppc64', 'pseries'),
  domainWith('cv6', "<serial type='file'><source path='/tmp/s'/></serial><console type='pty'><target type='virtio'/></console>"),
]);

const video = (model: string) => `<video><model ${model}/></video>`;

compareWithLibvirt('video', [
  // a primary video goes first, wherever it is written; primary='no' is not kept
  domainWith('vd1', video("type='qxl' heads='3'") + video("type='qxl' heads='1' primary='yes'") + video("type='vga' primary='no'")),
  domainWith('vd2', video("type='virtio' heads='1' primary='no'") + video("type='qxl' primary='yes'")),
  // the test driver's default model: vga on ppc64, cirrus elsewhere
  domainWith('vd3', "<graphics type='vnc'/>", '', 'ppc64', 'pseries'),
  domainWith('vd4', video("heads='2'"), '', 'ppc64le', 'pseries'),
  domainWith('vd5', video("type='default'"), '', 'aarch64', 'virt'),
]);
