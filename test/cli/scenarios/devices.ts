/**
 * Device, block-job, vcpu-state and power-management commands: what virsh does locally (device XML
 * built from options, devices found in the domain XML, option checks) before libvirt's test driver
 * refuses the call, and domif-getlink, which it serves from the XML.
 */
import { onDefault, type Scenario } from '../harness.js';

const DISK = "<disk type='file' device='disk'><source file='/tmp/a.img'/><target dev='vdb'/></disk>";
/** A stopped guest with a CD-ROM holding media, an empty floppy, a disk of no device with a backing chain,
 * an interface with its link down, another without a target, and two memory devices. */
const DEV1 = `<domain type='test'>
  <name>dev1</name>
  <memory unit='KiB'>3145728</memory>
  <maxMemory slots='4' unit='KiB'>4194304</maxMemory>
  <vcpu>2</vcpu>
  <cpu><numa><cell id='0' cpus='0-1' memory='3145728' unit='KiB'/></numa></cpu>
  <os><type>hvm</type></os>
  <devices>
    <disk type='file' device='cdrom'>
      <driver name='qemu' type='raw'/>
      <source file='/tmp/old.iso' startupPolicy='optional'/>
      <target dev='hdc' bus='ide'/>
      <readonly/>
    </disk>
    <disk type='file' device='floppy'>
      <target dev='fda' bus='fdc'/>
    </disk>
    <disk type='file'>
      <source file='/tmp/nodev.img'/>
      <backingStore type='file'><format type='raw'/><source file='/tmp/base.img'/></backingStore>
      <target dev='vdb' bus='virtio'/>
    </disk>
    <interface type='network'>
      <mac address='52:54:00:0a:0b:0c'/>
      <source network='default'/>
      <target dev='vnet7'/>
      <link state='down'/>
    </interface>
    <interface type='network'>
      <mac address='52:54:00:0a:0b:0d'/>
      <source network='default'/>
    </interface>
    <memory model='virtio-mem'>
      <target>
        <size unit='KiB'>1048576</size>
        <node>0</node>
        <block unit='KiB'>2048</block>
        <requested unit='KiB'>524288</requested>
      </target>
      <alias name='ua-mem0'/>
    </memory>
    <memory model='dimm'>
      <target><size unit='KiB'>524288</size><node>0</node></target>
    </memory>
  </devices>
</domain>`;
const files = { 'disk.xml': DISK, 'dev1.xml': DEV1, 'empty.xml': '' };
const withDev1 = (commands: string): Omit<Scenario, 'name'> => ({ args: onDefault(`define $DIR/dev1.xml; ${commands}`), files });

export const deviceScenarios: Scenario[] = [
  { name: 'attach-device and friends refused', args: onDefault('attach-device test $DIR/disk.xml; attach-device test $DIR/disk.xml --config; attach-device test --file $DIR/disk.xml --persistent; detach-device test $DIR/disk.xml; detach-device test $DIR/disk.xml --live; update-device test $DIR/disk.xml; update-device test $DIR/disk.xml --force --current'), files },
  { name: 'attach-device bad input', args: onDefault('attach-device test $DIR/nosuch.xml; attach-device test $DIR; attach-device nosuch $DIR/disk.xml; attach-device test; attach-device test "" ; attach-device test $DIR/disk.xml --persistent --current; update-device test $DIR/disk.xml --current --live; detach-device test $DIR/empty.xml'), files },
  { name: 'detach-device-alias', args: onDefault('detach-device-alias test ua-disk; detach-device-alias test ua-disk --config --live; detach-device-alias test ua-disk --current --config; detach-device-alias test ""; detach-device-alias nosuch x') },
  { name: 'attach-disk --print-xml', args: onDefault(`attach-disk test /tmp/a.img vdb --print-xml; attach-disk test "" vdb --print-xml; attach-disk test /dev/null vdc --print-xml --driver qemu --subdriver qcow2 --cache none --io native --iothread 1 --type cdrom --mode readonly --serial abc --wwn 0x1234567890abcdef --alias ua-d --rawio --targetbus virtio; attach-disk test "a<b>&'" vdd --print-xml --shareable; attach-disk nosuch /x vde --print-xml`) },
  { name: 'attach-disk addresses', args: onDefault('attach-disk test x vda --address pci:0000.00.0a.0 --multifunction --print-xml; attach-disk test x sda --address scsi:0.0.1 --print-xml; attach-disk test x sdb --address usb:1.2 --print-xml; attach-disk test x sdc --address sata:1.0.3 --print-xml; attach-disk test x hda --address ide:1.2.3 --print-xml; attach-disk test x vdc --address ccw:fe.0.1234 --print-xml; attach-disk test x xvda --address usb:3.4 --print-xml') },
  { name: 'attach-disk bad addresses', args: onDefault('attach-disk test x vda --address foo; attach-disk test x vda --address bogus:1.2; attach-disk test x vda --address pci:-1.2.3.4; attach-disk test x sda --address pci:0.0.0.0; attach-disk test x hda --address scsi:0.0.0; attach-disk test x vda --address ide:0.0.0; attach-disk test x vda --address pci:100000000.0.0.0') },
  { name: 'attach-disk network sources', args: onDefault('attach-disk test vol vdz --source-protocol rbd --source-host-name h:6789 --print-xml; attach-disk test vol vdz --source-protocol nbd --source-host-transport unix --source-host-socket /s --print-xml; attach-disk test vol vdz --source-protocol iscsi --sourcetype network --print-xml; attach-disk test vol vdz --sourcetype network; attach-disk test vol vdz --source-protocol rbd --sourcetype file; attach-disk test vol vdz --source-host-name h; attach-disk test vol vdz --source-protocol nbd --source-host-socket /s; attach-disk test vol vdz --source-protocol nbd --source-host-transport unix --source-host-socket /s --source-host-name h') },
  { name: 'attach-disk checks', args: onDefault('attach-disk test vol vdz --sourcetype weird; attach-disk test vol vdz --mode bad; attach-disk test vol vdz --wwn 123; attach-disk test vol vdz --wwn 0x12345678901234567; attach-disk test vol vdz --persistent --current; attach-disk test vol vdz --sourcetype block --driver file --print-xml; attach-disk test vol ""; attach-disk test vol') },
  { name: 'attach-disk refused', args: onDefault('attach-disk test /tmp/a.img vdb; attach-disk test /tmp/a.img vdb --config; attach-disk test /tmp/a.img vdb --persistent; attach-disk --domain test --source /x --target vdc --live') },
  { name: 'attach-interface --print-xml', args: onDefault('attach-interface test network default --print-xml; attach-interface test bridge br0 --target vnet9 --mac 52:54:00:00:00:01 --script /s --model virtio --alias ua-n --inbound 100,200,300,400 --outbound 10,20,30 --managed --print-xml; attach-interface test direct eth0 --print-xml; attach-interface test hostdev 0000:00:1f.0 --print-xml; attach-interface test vhostuser /sock --source-mode client --print-xml; attach-interface test network default --inbound ,,,5 --print-xml') },
  { name: 'attach-interface checks', args: onDefault('attach-interface test hostdev zz; attach-interface test vhostuser /sock; attach-interface test vhostuser /sock --source-mode bad; attach-interface test user x; attach-interface test bogus x; attach-interface test network default --inbound 0; attach-interface test network default --inbound 1,2,3,4,5; attach-interface test network default --inbound x; attach-interface test network default --outbound 1,,,4; attach-interface test network default --outbound ,2; attach-interface test network ""') },
  { name: 'attach-interface refused', args: onDefault('attach-interface test network default; attach-interface test network default --config; attach-interface test bridge br0 --persistent; attach-interface nosuch network default') },
  { name: 'detach-disk', args: onDefault('detach-disk test vda --print-xml; detach-disk test /guest/diskimage1 --config --print-xml; detach-disk test vda; detach-disk test vda --persistent; detach-disk test vdz; detach-disk test vda --current --live') },
  { name: 'detach-interface', args: onDefault('detach-interface test network --print-xml; detach-interface test network --mac AA:BB:CC:DD:EE:FF --config --print-xml; detach-interface test network; detach-interface test network --persistent; detach-interface test bridge; detach-interface test network --mac 00:11:22:33:44:55; detach-interface test "net\'work"; detach-interface test network --mac ""') },
  { name: 'detach-disk and detach-interface on a custom guest', ...withDev1('detach-disk dev1 vdb --print-xml; detach-disk dev1 /tmp/nodev.img --config --print-xml; detach-interface dev1 network; detach-interface dev1 network --mac 52:54:0:A:b:0c --config --print-xml; detach-interface dev1 network --mac 52:54:00:0a:0b:0f; start dev1; detach-interface dev1 network --mac 52:54:00:0a:0b:0c --persistent --print-xml; detach-interface dev1 network --mac 52:54:00:0a:0b:0c --config --live --print-xml; detach-interface dev1 bridge --live --print-xml; detach-interface dev1 bridge --config --print-xml; detach-disk dev1 hdc --persistent') },
  { name: 'change-media', ...withDev1('change-media dev1 hdc --eject --print-xml; change-media dev1 hdc /tmp/new.iso --print-xml; change-media dev1 hdc /dev/sr0 --block --print-xml; change-media dev1 hdc /tmp/n.iso --insert --print-xml; change-media dev1 fda /tmp/f.img --insert --print-xml; change-media dev1 fda --eject; change-media dev1 fda --update; change-media dev1 vdb /x --print-xml; change-media dev1 /tmp/old.iso /tmp/y --config; change-media dev1 hdc --insert; change-media dev1 hdc --eject --insert; change-media dev1 hdc --eject --block; change-media dev1 hdc /x --current --config') },
  { name: 'change-media on the default guest', args: onDefault('change-media test vda --eject; change-media test hdc /x; change-media nosuch hdc /x') },
  { name: 'domif-getlink', args: onDefault('domif-getlink test testnet0; domif-getlink test aa:bb:cc:dd:ee:ff; domif-getlink test AA:BB:CC:DD:EE:FF --config; domif-getlink test vnet0; domif-getlink test 00:11:22:33:44:55; domif-getlink test "vn\'et"; domif-getlink test aa:bb:cc:dd:ee:ff --persistent; domif-getlink nosuch x') },
  { name: 'domif-setlink', args: onDefault('domif-setlink test testnet0 down --print-xml; domif-setlink test aa:bb:cc:dd:ee:ff up --config --print-xml; domif-setlink test testnet0 sideways; domif-setlink test vnet0 down; domif-setlink test testnet0 down; destroy test; domif-setlink test testnet0 down') },
  { name: 'domif links on a custom guest', ...withDev1('domif-getlink dev1 vnet7; domif-getlink dev1 52:54:0:a:b:d; domif-setlink dev1 vnet7 up --print-xml; domif-setlink dev1 52:54:00:0A:0B:0D down --print-xml; start dev1; domif-getlink dev1 testnet0; domif-getlink dev1 vnet7 --config; domif-setlink dev1 testnet0 up --print-xml; domif-setlink dev1 vnet7 up --config --print-xml') },
  { name: 'update-memory-device', ...withDev1("update-memory-device dev1; update-memory-device dev1 --alias ua-mem0 --print-xml --requested-size 1G; update-memory-device dev1 --node 0 --print-xml; update-memory-device dev1 --alias ua-mem0 --requested-size 1000; update-memory-device dev1 --alias ua-mem0 --node 1; update-memory-device dev1 --node -1; update-memory-device dev1 --alias nosuch; update-memory-device dev1 --alias \"a'b\"; update-memory-device test") },
  { name: 'update-memory-device on a running guest', ...withDev1('start dev1; update-memory-device dev1 --alias ua-mem0 --print-xml; update-memory-device dev1 --alias ua-mem0 --config --print-xml --requested-size 2G; dumpxml dev1 --xpath //memory; dumpxml dev1 --inactive --xpath //memory/target') },
  { name: 'blockresize and domblkthreshold', args: onDefault('blockresize test vda 1G; blockresize test vda 1000B; blockresize test vda 1Q; blockresize test vda; domblkthreshold test vda 1G; domblkthreshold test vda 1Q; domblkthreshold test vda -1') },
  { name: 'blockcopy', args: onDefault(`blockcopy test vda; blockcopy test vda --dest /tmp/x; blockcopy test vda --dest /tmp/x --print-xml --blockdev --format qcow2; blockcopy test vda --xml $DIR/disk.xml --print-xml; blockcopy test vda --dest "/a'b" --print-xml; blockcopy test vda --dest /x --xml /y; blockcopy test vda --dest /x --verbose; blockcopy test vda --dest /x --wait; blockcopy test vda --dest /x --granularity 512 --bandwidth 10; blockcopy test vda --dest /x --raw --reuse-external --shallow; blockcopy test vda --dest /x --pivot --finish; blockcopy test vda --xml $DIR/nosuch.xml`), files },
  { name: 'block job bandwidth and timeout', args: onDefault("blockcopy test vda --dest /x --bandwidth 1G; blockcopy test vda --dest /x --bandwidth 1Q; blockcopy test vda --dest /x --bandwidth -1; blockcopy test vda --dest /x --bandwidth ''; blockcopy test vda --dest /x --timeout 0; blockcopy test vda --dest /x --timeout 99999999; blockjob test vda --bandwidth 5M --bytes; blockpull test vda --bandwidth x") },
  { name: 'blockcommit and blockpull', args: onDefault('blockcommit test vda; blockcommit test vda --active; blockcommit test vda --pivot --keep-overlay; blockcommit test vda --async; blockcommit test vda --verbose --wait; blockpull test vda; blockpull test vda --base /x; blockpull test vda --verbose; blockpull test vda --async; blockpull test vda --keep-relative --bytes; blockpull test vda --wait --timeout 3') },
  { name: 'blockjob', args: onDefault('blockjob test vda; blockjob test vda --info; blockjob test vda --abort; blockjob test vda --raw --abort; blockjob test vda --bandwidth 5; blockjob test vda --raw; blockjob test vda --bytes --pivot; blockjob test vda --info --async; blockjob test vda --pivot; blockjob nosuch vda') },
  { name: 'setvcpu and guestvcpus', args: onDefault('setvcpu test 1; setvcpu test 1 --enable --disable; setvcpu test 1 --enable --current --live; setvcpu test 1 --disable --config; guestvcpus test; guestvcpus test --cpulist 1; guestvcpus test --enable; guestvcpus test --cpulist 1 --enable; guestvcpus test --cpulist 0-1 --disable') },
  { name: 'dompmsuspend and dompmwakeup', args: onDefault('dompmsuspend test mem; dompmsuspend test foo; dompmsuspend test mem --duration 5; dompmsuspend test mem 5; dompmsuspend test disk --duration -1; dompmwakeup test; dompmwakeup 1; dompmwakeup nosuch') },
  { name: 'device commands quiet', args: ['-q', ...onDefault('attach-disk test /x vdb --print-xml; dompmwakeup test; blockresize test vda 1M; detach-disk test vda; blockjob test vda')] },
  { name: 'device commands read-only', args: ['-r', ...onDefault('attach-device test $DIR/disk.xml; attach-disk test /x vdb; detach-disk test vda; blockjob test vda; blockjob test vda --abort; blockresize test vda 1M; blockpull test vda; blockpull test vda --base /b; blockcopy test vda --dest /x; blockcommit test vda; domblkthreshold test vda 1; setvcpu test 1 --enable; guestvcpus test; dompmsuspend test mem; dompmwakeup test; detach-device-alias test a; change-media test vda /x; domif-setlink test testnet0 down; domif-getlink test testnet0')], files },
];
