/** Host and domain commands: output, state changes within one session, and their error cases. */
import { onDefault, type Scenario } from '../harness.js';

/** A persistent domain with a disk, an interface and a balloon, written into the scenario's directory. */
const DEMO = `<domain type='test'>
  <name>demo</name>
  <uuid>4dea22b3-1d52-d8f3-2516-782e98ab3fa0</uuid>
  <title>Demo guest</title>
  <description>first line
second line</description>
  <memory unit='KiB'>524288</memory>
  <currentMemory unit='KiB'>262144</currentMemory>
  <vcpu placement='static' current='1'>2</vcpu>
  <os><type arch='i686'>hvm</type></os>
  <devices>
    <disk type='file' device='disk'><source file='/var/lib/demo.img'/><target dev='vda' bus='virtio'/></disk>
    <disk type='block' device='cdrom'><target dev='hdc' bus='ide'/><readonly/></disk>
    <interface type='bridge'><mac address='52:54:00:11:22:33'/><source bridge='br0'/><model type='virtio'/></interface>
    <memballoon model='virtio'/>
  </devices>
</domain>
`;
const files = { 'demo.xml': DEMO, 'bad.xml': '<domain', 'empty.xml': '', 'nomem.xml': "<domain type='test'><name>x</name></domain>" };
const withDemo = (commands: string, extra: Partial<Scenario> = {}): Omit<Scenario, 'name'> => ({
  args: onDefault(`define $DIR/demo.xml\n${commands}`), files, ...extra,
});

export const hostScenarios: Scenario[] = [
  { name: 'nodeinfo', args: onDefault('nodeinfo') },
  { name: 'capabilities', args: onDefault('capabilities') },
  { name: 'sysinfo', args: onDefault('sysinfo') },
  { name: 'freecell', args: onDefault('freecell') },
  { name: 'freecell --all', args: onDefault('freecell --all') },
  { name: 'freecell cell', args: onDefault('freecell 0; freecell --cellno 1') },
  { name: 'freecell bad cell', args: onDefault('freecell 7') },
  { name: 'freecell malformed', args: onDefault('freecell x') },
  { name: 'freecell exclusive', args: onDefault('freecell --all --cellno 0') },
  { name: 'nodememstats unsupported', args: onDefault('nodememstats') },
  { name: 'nodememstats bad cell', args: onDefault('nodememstats -5') },
  { name: 'nodecpustats', args: onDefault('nodecpustats') },
  { name: 'nodecpustats cpu', args: onDefault('nodecpustats 0; nodecpustats --cpu 3') },
  { name: 'nodecpustats bad cpu', args: onDefault('nodecpustats -5') },
  { name: 'nodecpustats --percent', args: onDefault('nodecpustats --percent') },
  { name: 'version --daemon', args: onDefault('version --daemon') },
];

export const domainScenarios: Scenario[] = [
  { name: 'domstate', args: onDefault('domstate test; domstate test --reason; domstate 1') },
  { name: 'domid domname domuuid', args: onDefault('domid test; domname 1; domuuid test; domuuid 1; domname 6695eb01-f6a4-8304-79aa-97f2502e193f') },
  { name: 'domid by id refused', args: onDefault('domid 1') },
  { name: 'domname by name refused', args: onDefault('domname test') },
  { name: 'dumpxml', args: onDefault('dumpxml test') },
  { name: 'dumpxml --inactive --security-info', args: onDefault('dumpxml test --inactive --security-info') },
  { name: 'dumpxml --xpath disk', args: onDefault('dumpxml test --xpath //disk') },
  { name: 'dumpxml --xpath attribute', args: onDefault('dumpxml test --xpath //interface/mac/@address') },
  { name: 'dumpxml --xpath text', args: onDefault("dumpxml test --xpath '/domain/name/text()'") },
  { name: 'dumpxml --xpath union', args: onDefault("dumpxml test --xpath '//name|//memory'") },
  { name: 'dumpxml --xpath not a node set', args: onDefault("dumpxml test --xpath 'count(//disk)'") },
  { name: 'dumpxml --xpath nothing', args: onDefault('dumpxml test --xpath //nothing') },
  { name: 'dumpxml --xpath --wrap', args: onDefault('dumpxml test --xpath //os --wrap; dumpxml test --xpath //nothing --wrap') },
  { name: 'dumpxml --xpath relative', args: onDefault('dumpxml test --xpath devices/interface') },
  { name: 'dumpxml --wrap alone', args: onDefault('dumpxml test --wrap') },
  { name: 'dumpxml xpath is not positional', args: onDefault('dumpxml test //disk') },
  { name: 'define and list', ...withDemo('list --all; dominfo demo; domstate demo --reason; list --inactive --name') },
  { name: 'define missing file', args: onDefault('define $DIR/none.xml') },
  { name: 'define directory', args: onDefault('define $DIR') },
  { name: 'define malformed XML', args: onDefault('define $DIR/bad.xml'), files },
  { name: 'define empty file', args: onDefault('define $DIR/empty.xml'), files },
  { name: 'define invalid domain', args: onDefault('define $DIR/nomem.xml'), files },
  {
    name: 'define: which of several faults libvirt reports first',
    args: onDefault('define $DIR/bare.xml; create $DIR/bare.xml; define $DIR/notype-noname.xml; define $DIR/bogus-type.xml; '
      + 'define $DIR/bad-uuid.xml; define $DIR/two-genids.xml; define $DIR/slash-no-os.xml; define $DIR/slash.xml'),
    files: {
      'bare.xml': '<domain/>',
      'notype-noname.xml': '<domain><uuid>zz</uuid></domain>',
      'bogus-type.xml': "<domain type='bogus'><uuid>zz</uuid></domain>",
      'bad-uuid.xml': "<domain type='bogus'><name>x</name><uuid>zz</uuid></domain>",
      'two-genids.xml': "<domain type='test'><name>g</name><genid/><genid/><memory>1024</memory><os><type>hvm</type></os></domain>",
      'slash-no-os.xml': "<domain type='test'><name>a/b</name></domain>",
      'slash.xml': "<domain type='test'><name>a/b</name><memory>1024</memory><os><type>hvm</type></os></domain>",
    },
  },
  {
    name: 'create over a defined domain runs its XML, and the config comes back at the stop',
    args: onDefault('destroy test; create $DIR/small-test.xml; dominfo test; vcpucount test; setvcpus test 2 --config; '
      + 'dumpxml test --inactive; destroy test; dominfo test; dumpxml test'),
    files: { 'small-test.xml': "<domain type='test'><name>test</name><uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid>"
      + "<memory unit='KiB'>65536</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>" },
  },
  { name: 'undefine a running domain: --inactive still shows its last config', args: onDefault('undefine test; setmem test 32768; dumpxml test --inactive; dominfo test') },
  { name: 'dumpxml --update-cpu is not for the test driver', args: onDefault('dumpxml test --update-cpu; dumpxml test --inactive --update-cpu') },
  { name: 'define --validate', ...withDemo('undefine demo; define --validate $DIR/demo.xml') },
  { name: 'start stop cycle', ...withDemo('start demo; list --all; suspend demo; domstate demo --reason; resume demo; reboot demo; reset demo; shutdown demo; domstate demo --reason') },
  { name: 'start twice', ...withDemo('start demo; start demo') },
  { name: 'start by id refused', ...withDemo('start demo; destroy 2; start 2') },
  { name: 'destroy inactive', ...withDemo('destroy demo') },
  { name: 'destroy by id then name', args: onDefault('destroy 1; list --all; start test; list') },
  { name: 'destroy --graceful', args: onDefault('destroy test --graceful') },
  { name: 'suspend inactive', ...withDemo('suspend demo') },
  { name: 'resume running', args: onDefault('resume test') },
  { name: 'shutdown --mode', args: onDefault('shutdown test --mode acpi') },
  { name: 'shutdown bad mode', args: onDefault('shutdown test --mode bogus') },
  { name: 'reboot bad mode', args: onDefault('reboot test --mode acpi,nope') },
  { name: 'create transient', ...withDemo('undefine demo; create $DIR/demo.xml; list --all --transient; dominfo demo; destroy demo; list --all') },
  { name: 'create --paused', ...withDemo('undefine demo; create $DIR/demo.xml --paused; domstate demo --reason') },
  { name: 'create missing file', args: onDefault('create $DIR/none.xml') },
  { name: 'create and start --pass-fds', ...withDemo('undefine demo; create $DIR/demo.xml --pass-fds 0,1; destroy test; start test --pass-fds 2; list') },
  { name: 'create --pass-fds bad', args: onDefault('create $DIR/demo.xml --pass-fds 1,x'), files },
  { name: 'undefine persistent', ...withDemo('undefine demo; list --all') },
  { name: 'undefine running makes transient', args: onDefault('undefine test; list --all --transient; dominfo test') },
  { name: 'undefine flags', ...withDemo('undefine demo --managed-save --snapshots-metadata --nvram') },
  { name: 'undefine exclusive nvram', args: onDefault('undefine test --nvram --keep-nvram') },
  { name: 'undefine wipe needs storage', args: onDefault('undefine test --wipe-storage') },
  { name: 'undefine delete-snapshots needs remove-all', args: onDefault('undefine test --delete-snapshots') },
  { name: 'undefine storage on running', args: onDefault('undefine test --remove-all-storage') },
  { name: 'undefine storage unmanaged', ...withDemo('undefine demo --storage vda') },
  { name: 'undefine storage not in domain', ...withDemo('undefine demo --storage vdz') },
  { name: 'undefine unknown', args: onDefault('undefine nope') },
  { name: 'save and restore', ...withDemo('start demo; save demo $DIR/demo.save; list --all; domstate demo --reason; restore $DIR/demo.save; list --all; domstate demo --reason') },
  { name: 'save --verbose --paused', args: onDefault('save test $DIR/t.save --verbose --paused; restore $DIR/t.save; domstate test --reason') },
  { name: 'save inactive', ...withDemo('save demo $DIR/demo.save') },
  { name: 'save unwritable', args: onDefault('save test /nonexistent/dir/x.save') },
  { name: 'save --xml missing file', args: onDefault('save test $DIR/t.save --xml $DIR/none.xml') },
  { name: 'restore missing', args: onDefault('restore $DIR/none.save') },
  // libvirt makes these paths absolute in the caller's process; its messages quote them so
  { name: 'save and restore, relative paths', args: onDefault('restore none.save; save test ./sub/../t.save; restore t.save; save test nodir/x.save') },
  { name: 'restore garbage', args: onDefault('restore $DIR/demo.xml'), files },
  { name: 'restore twice', args: onDefault('save test $DIR/t.save; restore $DIR/t.save; restore $DIR/t.save') },
  { name: 'managedsave cycle', args: onDefault('managedsave test; list --all --managed-save; list --all --with-managed-save; dominfo test; start test; domstate test --reason; managedsave-remove test') },
  { name: 'managedsave-remove', args: onDefault('managedsave test; managedsave-remove test; managedsave-remove test; list --all --managed-save') },
  { name: 'managedsave inactive', ...withDemo('managedsave demo') },
  { name: 'autostart', ...withDemo('autostart demo; list --all --autostart; dominfo demo; autostart demo --disable; list --all --no-autostart') },
  { name: 'autostart transient', ...withDemo('undefine demo; create $DIR/demo.xml; autostart demo') },
  { name: 'setmem', args: onDefault('setmem test 1048576; dominfo test; setmem test 512M; dominfo test; setmem test --size 1G --live; dominfo test') },
  { name: 'setmem config on running', args: onDefault('setmem test 1048576 --config; dumpxml test --inactive --xpath //currentMemory') },
  { name: 'setmem too much', args: onDefault('setmem test 100G') },
  { name: 'setmem bad unit', args: onDefault('setmem test 10X') },
  { name: 'setmem zero', args: onDefault('setmem test 0') },
  { name: 'setmem overflow', args: onDefault('setmem test 99999999999999999999') },
  { name: 'setmem alias --kilobytes', args: onDefault('setmem test --kilobytes 1048576; dominfo test') },
  { name: 'setmem exclusive', args: onDefault('setmem test 1024 --current --live') },
  { name: 'setmaxmem running', args: onDefault('setmaxmem test 4G') },
  { name: 'setmaxmem inactive', ...withDemo('setmaxmem demo 1G; dominfo demo; setmaxmem demo 1G --config; dominfo demo; setmaxmem demo 100K; dominfo demo') },
  { name: 'setvcpus', ...withDemo('setvcpus demo 2 --config; vcpucount demo; setvcpus demo 1 --config --maximum; vcpucount demo') },
  { name: 'setvcpus running', args: onDefault('setvcpus test 1; vcpucount test; vcpuinfo test; setvcpus test 3 --live') },
  { name: 'setvcpus zero', args: onDefault('setvcpus test 0') },
  { name: 'setvcpus maximum needs config', args: onDefault('setvcpus test 2 --maximum') },
  { name: 'setvcpus guest config', args: onDefault('setvcpus test 2 --guest --config') },
  { name: 'setvcpus negative', args: onDefault('setvcpus test -1') },
  { name: 'vcpucount variants', args: onDefault('vcpucount test --maximum --live; vcpucount test --active --config; vcpucount test --current; vcpucount test --maximum --current') },
  { name: 'vcpucount exclusive', args: onDefault('vcpucount test --live --config') },
  { name: 'vcpucount guest', args: onDefault('vcpucount test --guest') },
  { name: 'vcpucount inactive', ...withDemo('vcpucount demo') },
  { name: 'vcpuinfo --pretty', args: onDefault('vcpuinfo test --pretty') },
  { name: 'vcpuinfo inactive', ...withDemo('vcpuinfo demo; vcpuinfo demo --pretty') },
  { name: 'domblklist', ...withDemo('domblklist demo; domblklist demo --details; domblklist test --inactive') },
  { name: 'domiflist', ...withDemo('domiflist demo; domiflist test; domiflist demo --inactive') },
  { name: 'domblkstat errors', args: onDefault('domblkstat test; domblkstat test xx') },
  { name: 'domblkstat inactive', ...withDemo('domblkstat demo vda') },
  { name: 'domifstat errors', args: onDefault('domifstat test vnet9') },
  { name: 'domifstat missing arg', args: onDefault('domifstat test') },
  { name: 'dommemstat', args: onDefault('dommemstat test') },
  { name: 'dommemstat --period', args: onDefault('dommemstat test --period 5; dumpxml test --xpath //memballoon; dommemstat test --period 0 --live; dumpxml test --xpath //memballoon') },
  { name: 'dommemstat bad period', args: onDefault('dommemstat test --period -1') },
  { name: 'dommemstat period is not positional', args: onDefault('dommemstat test 5') },
  { name: 'dommemstat inactive', ...withDemo('dommemstat demo; dommemstat demo --period 10 --config; dumpxml demo --inactive --xpath //memballoon') },
  { name: 'desc read', ...withDemo('desc demo; desc demo --title; desc test; desc test --title') },
  { name: 'desc set', ...withDemo('desc demo new words here; desc demo; desc demo --title --config New title; desc demo --title; list --all --title') },
  { name: 'desc set live on inactive', ...withDemo('desc demo --live x') },
  { name: 'desc exclusive', args: onDefault('desc test --current --config') },
  { name: 'desc --edit', ...withDemo('desc demo --title --edit; desc demo --title'), env: { EDITOR: 'sed -i s/Demo/Edited/' } },
  { name: 'desc --edit unchanged', ...withDemo('desc demo --edit'), env: { EDITOR: 'true' } },
  { name: 'metadata', ...withDemo("metadata demo http://example.org/x --key ex --set '<item a=\"1\"/>'; metadata demo http://example.org/x; dumpxml demo --xpath //metadata; metadata demo http://example.org/x --remove; metadata demo http://example.org/x") },
  // An element with its own namespace keeps it: found under that namespace, not the one given.
  { name: 'metadata element with its own namespace', args: onDefault("metadata test http://example.org/x --key k --set '<o:a xmlns:o=\"http://other/\"><b/></o:a>'; "
    + 'metadata test http://example.org/x; metadata test http://other/; dumpxml test --xpath //metadata') },
  { name: 'metadata missing key', args: onDefault('metadata test http://example.org/x --set "<a/>"') },
  { name: 'metadata bad xml', args: onDefault('metadata test http://example.org/x --key ex --set "<a"') },
  { name: 'metadata exclusive', args: onDefault('metadata test http://example.org/x --remove --edit') },
  { name: 'metadata missing uri', args: onDefault('metadata test') },
  { name: 'domrename', ...withDemo('domrename demo renamed; list --all; dominfo renamed; domrename test x') },
  { name: 'domrename to existing', ...withDemo('domrename demo test') },
  { name: 'domrename slash', ...withDemo('domrename demo a/b') },
  { name: 'readonly refuses changes', args: ['-r', ...onDefault('destroy test; suspend test; setmem test 1024; dumpxml test --security-info; list')] },
  // A migratable definition is refused to a read-only connection as a secure one is.
  { name: 'readonly refuses migratable XML', args: ['-r', ...onDefault('dumpxml test --migratable; dumpxml test --inactive')] },
  { name: 'connect --readonly then write', args: onDefault('connect test:///default --readonly; destroy test') },
  { name: 'state is per connection', args: onDefault('destroy test; connect test:///default; list --all') },
  { name: 'custom node file', args: ['-c', 'test://$DIR/node.xml', 'list --all; dominfo nodedom; nodeinfo; uri'], files: {
    'node.xml': `<node>
  <cpu><mhz>2000</mhz><model>custom</model><nodes>1</nodes><sockets>1</sockets><cores>4</cores><threads>1</threads></cpu>
  <memory>8388608</memory>
  <domain type='test'>
    <name>nodedom</name><uuid>8b6a2b8e-6f4b-4d8e-9a43-1c1c0b1a2f55</uuid><memory>65536</memory><os><type>hvm</type></os>
  </domain>
</node>
` } },
  { name: 'quiet lifecycle', args: ['-q', ...onDefault('destroy test; start test; list --all; setmem test 1G')] },
  // domxml-to-native / -from-native: the test driver has no native format; virsh's own checks come first
  { name: 'domxml-to-native file', ...withDemo('domxml-to-native qemu-argv $DIR/demo.xml') },
  { name: 'domxml-to-native --domain', args: onDefault('domxml-to-native qemu-argv --domain test') },
  { name: 'domxml-to-native no source', args: onDefault('domxml-to-native qemu-argv') },
  { name: 'domxml-to-native exclusive', ...withDemo('domxml-to-native qemu-argv --domain test --xml $DIR/demo.xml') },
  { name: 'domxml-to-native missing file', args: onDefault('domxml-to-native qemu-argv --xml /nonexistent/x.xml') },
  { name: 'domxml-to-native unknown domain', args: onDefault('domxml-to-native --domain nosuch qemu-argv') },
  { name: 'domxml-to-native no format', args: onDefault('domxml-to-native') },
  { name: 'domxml-from-native', ...withDemo('domxml-from-native qemu-argv $DIR/demo.xml') },
  { name: 'domxml-from-native missing file', args: onDefault('domxml-from-native qemu-argv /nonexistent/argv') },
  { name: 'domxml-from-native no config', args: onDefault('domxml-from-native qemu-argv') },
];
