/** Controllers: USB2 companion groups, index numbering, child order, PCI hole sizes, refusals. */
import { compareWithLibvirt, domainWith } from './family-oracle.js';

const usb = (model: string, extra = '') => `<controller type='usb' model='${model}'${extra}/>`;

compareWithLibvirt('controllers', [
  // unnumbered USB2 controllers join the group before them; companions get their start ports
  domainWith('ct1', usb('ich9-ehci1') + usb('ich9-uhci1') + usb('ich9-uhci2') + usb('ich9-uhci3')
    + usb('ich9-ehci1') + usb('ich9-uhci1') + usb('ich9-uhci1') + usb('ich9-uhci3') + usb('nec-xhci') + usb('ich9-uhci2'), '', 'x86_64', 'q35'),
  // companions listed before their master, with and without indexes and start ports
  domainWith('ct2', "<controller type='usb' index='1' model='ich9-uhci2'/><controller type='usb' index='1' model='ich9-uhci1'>"
    + "<master startport='6'/><alias name='ua-c'/></controller><controller type='usb' index='1' model='ich9-ehci1'/>"
    + "<controller type='usb' index='0' model='ich9-uhci3'/><controller type='usb' index='0' model='piix3-uhci'/>", '', 'x86_64', 'q35'),
  // unnumbered controllers of other types take the lowest free index; indexes in canonical form
  domainWith('ct3', "<controller type='pci' index='00' model='pci-root'><pcihole64 unit='GiB'>1</pcihole64></controller>"
    + "<controller type='pci' model='pci-bridge'/><controller type='scsi' index='1'/><controller type='scsi'/>"
    + "<controller type='virtio-serial' ports='08' vectors='4'/><controller model='piix4'/>"),
  domainWith('ct4', "<controller type='pci' index='0' model='pcie-root'><pcihole64>2048</pcihole64></controller>"
    + "<controller type='pci' model='pcie-root-port'><target chassis='1' port='0x10'/><model name='pcie-root-port'/>"
    + "<address type='pci' domain='0' bus='0' slot='2' function='0'/><alias name='ua-p'/></controller>"
    + "<controller type='pci' model='pci-bridge'><pcihole64 unit='KiB'>4</pcihole64></controller>", '', 'x86_64', 'q35'),
  // refusals: companions without a master, a negative index
  domainWith('ct5', usb('ich9-uhci1') + usb('ich9-uhci2'), '', 'x86_64', 'q35'),
  domainWith('ct6', "<controller type='pci' index='-1' model='pci-bridge'/>"),
  domainWith('ct7', "<controller type='scsi' index='x'/>"),
]);
