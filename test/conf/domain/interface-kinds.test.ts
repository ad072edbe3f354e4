/** Interfaces: model names, per-type driver and filterref, hostdev backends, live-only port ids. */
import { compareWithLibvirt, domainWith } from './family-oracle.js';

compareWithLibvirt('interface kinds', [
  domainWith('if1', "<interface type='user'><mac address='52:54:00:00:00:02'/><model type='ViRtIo'/><driver queues='2'/></interface>"
    + "<interface type='user'><mac address='52:54:00:00:00:03'/><model type='E1000E'/><driver queues='2'/></interface>"
    + "<interface type='user'><mac address='52:54:00:00:00:04'/><model type='my-own_model'/></interface>"),
  domainWith('if2', "<interface type='hostdev' managed='yes'><mac address='52:54:00:00:00:01'/><source>"
    + "<address type='pci' domain='0' bus='6' slot='0x12' function='1'/></source><driver name='vfio' queues='4'/>"
    + "<model type='virtio'/><filterref filter='f'/></interface>"),
  domainWith('if3', "<interface type='network'><mac address='52:54:00:00:00:05'/><source network='default' portgroup='p' portid='873be5a0-6b8a-4a0b-a1df-ef3659cd64bc'/>"
    + "<filterref filter='clean-traffic'><parameter name='IP' value='10.0.0.1'/></filterref></interface>"
    + "<interface type='vhostuser'><mac address='52:54:00:00:00:06'/><source type='unix' path='/tmp/v' mode='client'/><model type='virtio'/><filterref filter='f'/></interface>"
    + "<interface type='ethernet'><mac address='52:54:00:00:00:07'/><filterref filter='g'/></interface>", '<memoryBacking><access mode=\'shared\'/></memoryBacking>'),
  domainWith('if4', "<interface type='user'><mac address='52:54:00:00:00:08'/><model type='bad model'/></interface>"),
]);
