/** Disk sources and backing chains as a definition keeps them. */
import { compareWithLibvirt, domainWith } from './family-oracle.js';

const disk = (attrs: string, inner: string, dev: string) => `<disk ${attrs}>${inner}<target dev='${dev}' bus='virtio'/></disk>`;

compareWithLibvirt('disk source', [
  // indexes and mirrors describe a running guest; backing chain children in libvirt's order
  domainWith('ds1', disk("type='file' device='disk'", "<driver name='qemu' type='qcow2'/><source file='/tmp/a.qcow2' index='3'/>"
    + "<backingStore type='file' index='2'><source file='/tmp/b.qcow2'/><format type='qcow2'/>"
    + "<backingStore type='block' index='1'><source dev='/dev/sdz'/><format type='raw'/><backingStore/></backingStore></backingStore>"
    + "<mirror type='file' file='/tmp/c.img' format='qcow2' job='copy'><format type='qcow2'/><source file='/tmp/c.img'/></mirror>", 'vda')),
  // network sources: default ports per protocol, transport tcp implied, iSCSI LUN 0
  domainWith('ds2', disk("type='network' device='disk'", "<source protocol='gluster' name='Vol/img'><host name='g'/>"
    + "<host name='h' port='0'/><host transport='unix' socket='/s'/></source>", 'vda')
    + disk("type='network' device='disk'", "<source protocol='iscsi' name='iqn.2000-01.com.x:t'><host name='i' transport='tcp'/></source>", 'vdb')
    + disk("type='network' device='disk'", "<source name='x/y' protocol='https' query='a=1'><host name='w'/></source>", 'vdc')
    + disk("type='network' device='disk'", "<source protocol='nbd'><host name='n' port='1234'/></source>", 'vdd')),
  // metadata cache sizes in bytes; volume attributes in order; snapshot defaults
  domainWith('ds3', disk("type='file' device='disk'", "<driver name='qemu' type='qcow2'><metadata_cache><max_size unit='KiB'>4</max_size>"
    + "</metadata_cache></driver><source file='/tmp/a'/><backingStore type='file'><format type='qcow2'><metadata_cache>"
    + "<max_size>1234</max_size></metadata_cache></format><source file='/tmp/b'/></backingStore>", 'vda')
    + disk("type='volume' device='disk'", "<source volume='v' pool='p' mode='host'/>", 'vdb')
    + "<disk type='block' device='cdrom' snapshot='no'><source dev='/dev/sr0'/><target dev='hdc' bus='ide'/></disk>"
    + "<disk type='vhostuser' device='disk'><driver name='qemu' type='raw'/><source type='unix' path='/tmp/vhost.sock'/>"
    + "<target dev='vde' bus='virtio'/></disk>", '<memoryBacking><source type=\'memfd\'/><access mode=\'shared\'/></memoryBacking>'),
  // source seclabels: the default one dropped, labelskip not kept
  domainWith('ds4', disk("type='file' device='disk'", "<source file='/tmp/a'><seclabel model='selinux' labelskip='yes'/>"
    + "<seclabel model='dac' relabel='no'/></source>", 'vda')),
]);
