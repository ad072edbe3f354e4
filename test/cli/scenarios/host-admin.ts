/**
 * Host administration beyond listings: interface definition and transactions, huge pages and the
 * CPU map, capability documents and CPU comparison, node device lifecycle, secrets and network
 * filters (which libvirt's test driver does not serve: their errors must match).
 */
import { onDefault, type Scenario } from '../harness.js';

const VHBA = (parent: string, caps = "<capability type='fc_host'><wwnn>2000000011112222</wwnn><wwpn>1000000011112222</wwpn></capability>") =>
  `<device>${parent}<capability type='scsi_host'>${caps}</capability></device>`;

const files = {
  'iface.xml': "<interface type='ethernet' name='eth7'><start mode='onboot'/><mac address='aa:bb:cc:dd:ee:01'/></interface>",
  'cpu.xml': '<cpu><arch>x86_64</arch><model>Haswell</model><vendor>Intel</vendor></cpu>',
  'nocpu.xml': '<foo/>',
  'broken.xml': '<cpu><arch>x86_64</arch></cpu',
  'domcaps.xml': "<domainCapabilities><cpu><mode name='host-model' supported='yes'><model>Haswell</model></mode></cpu></domainCapabilities>",
  'vhba.xml': VHBA('<parent>scsi_host1</parent>'),
  'vhba-noparent.xml': VHBA(''),
  'vhba-badparent.xml': VHBA('<parent>scsi_host11</parent>'),
  'vhba-noparentdev.xml': VHBA('<parent>nope</parent>'),
  'vhba-nowwnn.xml': VHBA('<parent>scsi_host1</parent>', "<capability type='fc_host'><wwpn>1000000011112222</wwpn></capability>"),
  'vhba-subcap.xml': VHBA('<parent>scsi_host1</parent>', "<capability type='foo'/>"),
  'vhba-nofc.xml': VHBA('<parent>scsi_host1</parent>', ''),
  'vhba-nocaps.xml': '<device><parent>scsi_host1</parent></device>',
  'vhba-badcap.xml': "<device><capability type='bogus'/></device>",
  'vhba-half.xml': "<device><parent wwnn='2000000012341234'>scsi_host1</parent><capability type='scsi_host'/></device>",
  'secret.txt': 'aGVsbG8=',
};

export const hostAdminScenarios: Scenario[] = [
  {
    name: 'iface define, start, destroy, undefine',
    files,
    args: onDefault('iface-define iface.xml; iface-list --all; iface-start eth7; iface-start eth7; iface-destroy eth7; iface-destroy eth7; '
      + 'iface-undefine eth7; iface-undefine eth7; iface-define nope.xml; iface-define cpu.xml; iface-define iface.xml --validate; iface-define'),
  },
  { name: 'iface destroy reports failure', files, args: onDefault('iface-define iface.xml', 'iface-start eth7; iface-destroy eth7') },
  {
    name: 'iface mac and name',
    args: onDefault('iface-mac eth1; iface-mac aa:bb:cc:dd:ee:ff; iface-mac nope; iface-name aa:bb:cc:dd:ee:ff; iface-name AA:BB:CC:DD:EE:FF; '
      + 'iface-name eth1; iface-name 00:11:22:33:44:55; iface-mac; iface-mac --interface eth1'),
  },
  {
    name: 'iface bridge and unbridge',
    args: onDefault('iface-bridge eth1 br0; iface-bridge eth1 br0 --no-stp --delay 3 --no-start; iface-bridge nope br0; iface-bridge eth1; '
      + 'iface-bridge eth1 eth1; iface-bridge eth1 br0 --delay x; iface-bridge eth1 br0 --delay -1; iface-bridge aa:bb:cc:dd:ee:ff br0; '
      + 'iface-unbridge br0; iface-unbridge eth1 --no-start; iface-unbridge aa:bb:cc:dd:ee:ff; iface-unbridge'),
  },
  { name: 'iface bridge read-only', args: ['-r', ...onDefault('iface-bridge eth1 br0; iface-unbridge eth1')] },
  {
    name: 'iface transaction',
    args: onDefault('iface-commit; iface-rollback; iface-begin; iface-begin; iface-undefine eth1; iface-list --all; iface-rollback; '
      + 'iface-list --all; iface-begin; iface-commit; iface-commit'),
  },
  { name: 'maxvcpus', args: onDefault("maxvcpus; maxvcpus --type kvm; maxvcpus xen; maxvcpus --type ''") },
  { name: 'nodecpumap', args: onDefault('nodecpumap; nodecpumap --pretty; nodecpumap --bogus') },
  {
    name: 'freepages',
    args: onDefault('freepages --all; freepages 0 4; freepages --cellno 1 --pagesize 2M; freepages --cellno -1 --pagesize 4; '
      + 'freepages --cellno -2 --pagesize 4; freepages --cellno 0; freepages --pagesize 4; freepages --all --pagesize 1G; '
      + 'freepages --all --cellno 0; freepages --cellno x --pagesize 4; freepages --cellno 0 --pagesize 4x; freepages --cellno 0 --pagesize 5T; freepages'),
  },
  {
    name: 'allocpages, node-memory-tune, nodesuspend, nodesevinfo',
    args: onDefault('allocpages 4 1; allocpages 2M 10 --all --add; allocpages 4 1 --cellno 0; allocpages 4 1 --cellno 0 --all; allocpages 4x 1; '
      + 'allocpages 4 -1; allocpages 4; node-memory-tune; node-memory-tune --shm-pages-to-scan 10; node-memory-tune --shm-sleep-millisecs x; '
      + 'nodesuspend mem 60; nodesuspend disk 0; nodesuspend foo 60; nodesuspend mem -1; nodesuspend hybrid x; nodesuspend mem; nodesevinfo'),
  },
  { name: 'read-only host calls', args: ['-r', ...onDefault('allocpages 4 1; nodesuspend mem 60; nodesevinfo; domcapabilities; node-memory-tune --shm-pages-to-scan 1')] },
  { name: 'domcapabilities and pool-capabilities', args: onDefault("domcapabilities; domcapabilities --arch x86_64 --virttype kvm --machine pc --emulatorbin /usr/bin/qemu-system-x86_64; domcapabilities --machine ''; pool-capabilities") },
  {
    name: 'cpu compare and baseline',
    files,
    args: onDefault('cpu-compare cpu.xml; cpu-compare cpu.xml --error --validate; cpu-compare nocpu.xml; cpu-compare broken.xml; cpu-compare nope.xml; '
      + 'cpu-compare domcaps.xml; hypervisor-cpu-compare cpu.xml --arch x86_64 --virttype kvm; hypervisor-cpu-compare nocpu.xml; '
      + "hypervisor-cpu-compare cpu.xml --machine ''; cpu-baseline nocpu.xml; cpu-baseline broken.xml; hypervisor-cpu-baseline; "
      + 'hypervisor-cpu-baseline --model Haswell; hypervisor-cpu-baseline cpu.xml --model Haswell; hypervisor-cpu-baseline --file cpu.xml --features --migratable; '
      + 'hypervisor-cpu-baseline nocpu.xml'),
  },
  {
    name: 'nodedev-create and destroy a vHBA',
    files,
    args: onDefault('nodedev-create vhba.xml; nodedev-dumpxml scsi_host12; nodedev-info scsi_host12; nodedev-create vhba-noparent.xml; '
      + 'nodedev-destroy scsi_host12; nodedev-dumpxml scsi_host12; nodedev-destroy scsi_host12; nodedev-destroy computer; nodedev-info computer'),
  },
  {
    name: 'nodedev-create failures',
    files,
    args: onDefault('nodedev-create vhba-badparent.xml; nodedev-create vhba-noparentdev.xml; nodedev-create vhba-nowwnn.xml; nodedev-create vhba-subcap.xml; '
      + 'nodedev-create vhba-nofc.xml; nodedev-create vhba-nocaps.xml; nodedev-create vhba-badcap.xml; nodedev-create vhba-half.xml; nodedev-create cpu.xml; '
      + 'nodedev-create broken.xml; nodedev-create nope.xml; nodedev-create vhba.xml --validate; nodedev-create'),
  },
  { name: 'nodedev-create read-only', files, args: ['-r', ...onDefault('nodedev-create vhba.xml; nodedev-destroy scsi_host11')] },
  {
    name: 'nodedev lifecycle calls the test driver lacks',
    files,
    args: onDefault('nodedev-define vhba.xml; nodedev-undefine computer; nodedev-start computer; nodedev-autostart computer; nodedev-autostart computer --disable; '
      + 'nodedev-detach computer; nodedev-dettach computer --driver vfio; nodedev-reattach computer; nodedev-reset computer; nodedev-start nope; '
      + 'nodedev-autostart nope; nodedev-undefine a,b,c'),
  },
  {
    name: 'nodedev lookups by WWN',
    args: onDefault('nodedev-dumpxml a,b; nodedev-dumpxml 5001a4a93526d0a1,51402ec0000ad4b5; nodedev-info 0x5001a4a93526d0a1,51402ec0000ad4b5; '
      + 'nodedev-destroy a,b,c; nodedev-info nope; nodedev-detach a,b'),
  },
  {
    name: 'nodedev-event and secret-event without events',
    args: onDefault('nodedev-event --list; nodedev-event --event lifecycle --timeout 1; nodedev-event --event update --device computer --timeout 1; '
      + 'nodedev-event --event lifecycle --device nope --timeout 1; nodedev-event; nodedev-event --event bogus; nodedev-event --event update --timeout 0; '
      + 'secret-event --list; secret-event --event lifecycle --timeout 1; secret-event --event value-changed --secret 6695eb01-f6a4-8304-79aa-97f2502e193f --timeout 1; '
      + 'secret-event; secret-event --event x'),
  },
  {
    name: 'secrets on a driver without them',
    files,
    args: onDefault('secret-list; secret-list --ephemeral; secret-list --no-private; secret-dumpxml 6695eb01-f6a4-8304-79aa-97f2502e193f; secret-dumpxml x; '
      + 'secret-get-value x; secret-get-value 6695eb01f6a4830479aa97f2502e193f --plain; secret-set-value 6695eb01-f6a4-8304-79aa-97f2502e193f --base64 aGVsbG8=; '
      + 'secret-set-value x --file secret.txt; secret-set-value x --base64 a --file secret.txt; secret-set-value x --interactive --plain; '
      + "secret-define cpu.xml; secret-define nope.xml; secret-undefine x; secret-dumpxml ''"),
  },
  {
    name: 'network filters on a driver without them',
    files,
    args: onDefault('nwfilter-list; nwfilter-dumpxml clean-traffic; nwfilter-dumpxml 6695eb01-f6a4-8304-79aa-97f2502e193f; nwfilter-undefine x; '
      + 'nwfilter-define cpu.xml; nwfilter-define cpu.xml --validate; nwfilter-define nope.xml; nwfilter-binding-list; nwfilter-binding-dumpxml vnet0; '
      + 'nwfilter-binding-delete vnet0; nwfilter-binding-create cpu.xml; nwfilter-binding-create cpu.xml --validate; nwfilter-list --inactive'),
  },
];
