/**
 * Domain tunables and diagnostics: schedinfo, memtune, blkiotune, numatune, perf, set-lifecycle-action, domblkinfo, domblkerror, domcontrol, inject-nmi, dump, with their error cases.
 */
import { onDefault, type Scenario } from '../harness.js';

/** A domain with disks of every kind domblkinfo --all meets: a file, an empty cdrom, a network disk. */
const DISKS = `<domain type='test'><name>disks</name><memory>65536</memory><os><type>hvm</type></os><devices>
<disk type='file' device='disk'><source file='/var/lib/d1.img'/><target dev='vda' bus='virtio'/></disk>
<disk type='file' device='cdrom'><target dev='hdc'/></disk>
<disk type='network' device='disk'><source protocol='nbd' name='x'><host name='127.0.0.1' port='10809'/></source><target dev='vdb' bus='virtio'/></disk>
</devices></domain>`;
const files = { 'disks.xml': DISKS };

export const tunableScenarios: Scenario[] = [
  { name: 'schedinfo', args: onDefault('schedinfo test; schedinfo 1 --live; schedinfo test --config; schedinfo test --current') },
  { name: 'schedinfo set', args: onDefault('schedinfo test --set weight=10; schedinfo test weight=20 --config; schedinfo test --weight 30 --live; schedinfo test --set weight=1 --set weight=2') },
  { name: 'schedinfo read-only', args: ['-r', ...onDefault('schedinfo test --set weight=5; schedinfo test weight=5 --live; schedinfo test weight=5 --config')] },
  { name: 'schedinfo live and config', args: onDefault('schedinfo test --live --config; schedinfo test --live --config weight=5') },
  { name: 'schedinfo bad values', args: onDefault('schedinfo test --set weight=x; schedinfo test --set foo=1; schedinfo test --set weight; schedinfo test --cap 5; schedinfo test --weight ""; schedinfo test --set weight=-1; schedinfo test --set weight=4294967296') },
  { name: 'schedinfo exclusive and unknown', args: onDefault('schedinfo test --current --live; schedinfo test --current --config; schedinfo nosuch; schedinfo') },
  { name: 'memtune', args: onDefault('memtune test; memtune test --hard-limit 1000; memtune test; memtune test --soft-limit 1G --swap-hard-limit -1 --min-guarantee 10; memtune test --config; memtune test --live') },
  { name: 'memtune positional and units', args: onDefault('memtune test 2048 1024 4096; memtune test; memtune test --hard-limit 1b; memtune test --hard-limit 1025B; memtune test; memtune test --hard-limit 1KB; memtune test') },
  { name: 'memtune bad values', args: onDefault('memtune test --hard-limit 5x; memtune test --hard-limit ""; memtune test --soft-limit abc; memtune test --hard-limit 99999999999999999999; memtune test --hard-limit 9999999999E; memtune test --hard-limit " 7"') },
  { name: 'memtune stopped and transient', args: onDefault('destroy test; memtune test; memtune test --live; memtune test --hard-limit 9 --config; memtune test; create $DIR/disks.xml; memtune disks --config'), files },
  { name: 'blkiotune', args: onDefault('blkiotune test; blkiotune test --weight 500; blkiotune test; blkiotune test 300 --config; blkiotune test --config; blkiotune test --live') },
  { name: 'blkiotune bad values', args: onDefault('blkiotune test --weight 0; blkiotune test --weight x; blkiotune test --weight -3; blkiotune test --device-weights ""; blkiotune test --weight 1001; blkiotune test --weight 5') },
  { name: 'numatune', args: onDefault('numatune test; numatune test --config; numatune test --live; numatune 1 --current') },
  { name: 'numatune bad mode', args: onDefault('numatune test --mode bogus; numatune test --nodeset ""; numatune test --mode ""') },
  { name: 'emulatorpin', args: onDefault('emulatorpin test; emulatorpin test --config; emulatorpin test --live; emulatorpin test --current') },
  { name: 'emulatorpin bad lists', args: onDefault("emulatorpin test x; emulatorpin test ''; emulatorpin test 0-9; emulatorpin test ^1; emulatorpin test 3-1; emulatorpin test 1,,2; emulatorpin test 2000; emulatorpin test ' 1 - 2 '") },
  { name: 'emulatorpin stopped', args: onDefault('destroy test; emulatorpin test; emulatorpin test --live') },
  { name: 'numatune set', args: onDefault('numatune test --mode preferred --nodeset 0; numatune test; numatune test --mode 0x2 --config; numatune test --config; numatune test --mode 9; numatune test --nodeset 0-1; numatune test --mode 010') },
  { name: 'perf', args: onDefault('perf test; perf test --enable cmt,cpu_cycles; perf test --disable cmt --config; perf test --config; perf test --enable bogus; perf test --enable ,,; perf test --enable ""') },
  { name: 'perf stopped and quiet', args: ['-q', ...onDefault('perf test --enable instructions; destroy test; perf test; perf test --live')] },
  { name: 'set-lifecycle-action', args: onDefault('set-lifecycle-action test poweroff destroy; set-lifecycle-action test crash coredump-restart --config; dumpxml test --xpath //on_crash; set-lifecycle-action test reboot preserve --live; dumpxml --inactive test --xpath //on_reboot') },
  { name: 'set-lifecycle-action bad words', args: onDefault("set-lifecycle-action test bogus destroy; set-lifecycle-action test poweroff bogus; set-lifecycle-action nosuch poweroff destroy; set-lifecycle-action test poweroff; set-lifecycle-action test '' destroy; set-lifecycle-action test reboot rename-restart") },
  { name: 'domiftune', args: onDefault('domiftune test testnet0; domiftune test aa:bb:cc:dd:ee:ff --config; domiftune test testnet0 --inbound 100,200,300,50; domiftune test testnet0; domiftune test testnet0 --outbound 10,,20 --config; domiftune test testnet0 --config') },
  { name: 'domiftune bad rates', args: onDefault("domiftune test testnet0 --inbound 1,2,3,4,5; domiftune test testnet0 --inbound x; domiftune test testnet0 --inbound 0,5; domiftune test testnet0 --inbound 0,5,,7; domiftune test testnet0 --outbound 0,5; domiftune test testnet0 --outbound 1,,,2; domiftune test testnet0 --inbound 4294967296; domiftune test testnet0 --inbound ''; domiftune test testnet0 --inbound -1; domiftune test vnet9; domiftune test testnet0 --live --config") },
  { name: 'blkdeviotune', args: onDefault('blkdeviotune test vda; blkdeviotune test vda --total-bytes-sec 10M --read-iops-sec 5; blkdeviotune test vda; blkdeviotune test vda 1000; blkdeviotune test vda --group-name g1 --total_iops_sec 7 --config; blkdeviotune test vda --config; blkdeviotune test vda --live') },
  { name: 'blkdeviotune bad values', args: onDefault("blkdeviotune test vda --total-bytes-sec ''; blkdeviotune test vda --total-iops-sec ''; blkdeviotune test vda --group-name ''; blkdeviotune test vda --total-bytes-sec 5x; blkdeviotune test vda --total-iops-sec -1; blkdeviotune test vda --total-bytes-sec -1; blkdeviotune test vda 1000 2000; blkdeviotune test nodisk; blkdeviotune test vda --live --config; blkdeviotune test vda --read-bytes-sec 99999999999E; blkdeviotune test vda --size-iops-sec 5 --write-iops-sec x") },
  { name: 'tunables live and config', args: onDefault('memtune test --live --config; blkiotune test --live --config; numatune test --live --config; emulatorpin test --live --config; memtune test --live --config --hard-limit 5') },
  { name: 'tunables quiet', args: ['-q', ...onDefault('schedinfo test; memtune test; domblkinfo test --all')] },
  { name: 'domblkinfo', args: onDefault('domblkinfo test vda; domblkinfo test --all; domblkinfo test --all --human; domblkinfo test vda --human; domblkinfo test --device vda') },
  { name: 'domblkinfo errors', args: onDefault("domblkinfo test; domblkinfo test ''; domblkinfo test nodisk; domblkinfo test vda --all; domblkinfo nosuch vda") },
  { name: 'domblkinfo disks of all kinds', args: onDefault('define $DIR/disks.xml; domblkinfo disks --all; domblkinfo disks hdc; domblkinfo disks vdb; start disks; domblkinfo disks --all'), files },
  { name: 'domblkerror and domcontrol', args: onDefault('domblkerror test; domcontrol test; domblkerror 1; destroy test; domblkerror test; domcontrol test') },
  { name: 'inject-nmi', args: onDefault('inject-nmi test; inject-nmi nosuch; destroy test; inject-nmi test') },
  { name: 'send-process-signal', args: onDefault('send-process-signal test 1 kill; send-process-signal test 1 SIGTERM; send-process-signal test 1 sig_usr1; send-process-signal test 1 9; send-process-signal test 1 rt32; send-process-signal test --pid 1 --signame 0') },
  { name: 'send-process-signal bad', args: onDefault("send-process-signal test 1 bogus; send-process-signal test 1 -3; send-process-signal test x kill; send-process-signal test 0 kill; send-process-signal test -1 kill; send-process-signal test 1 99; send-process-signal test 1; send-process-signal test 1 ''; destroy test; send-process-signal test 1 kill") },
  { name: 'send-key', args: onDefault('send-key test KEY_A; send-key test 30 0x1e 036; send-key test --codeset xt 30; send-key test --codeset rfb 1 2; send-key test --codeset os_x ANSI_A; send-key test --codeset win32 VK_RETURN --holdtime 50; send-key test --codeset usb 4') },
  { name: 'send-key bad keys', args: onDefault("send-key test KEY_BOGUS; send-key test --codeset bogus 1; send-key test --codeset xt KEY_A; send-key test 65536; send-key test -1; send-key test 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17; send-key test --holdtime x 1; send-key test; send-key test --codeset '' 1; send-key test 300; send-key test --codeset atset3 1; destroy test; send-key test 1") },
  { name: 'dump', args: onDefault('dump test $DIR/core; dump test $DIR/core2 --live; dump --domain 1 --file $DIR/core3 --bypass-cache; domstate test') },
  { name: 'dump crash and reset', args: onDefault('dump test $DIR/c1 --reset; domstate test; dump test $DIR/c2 --crash; domstate test --reason; dump test $DIR/c3') },
  { name: 'dump formats', args: onDefault('dump test $DIR/c --format elf; dump test $DIR/c --memory-only --format bogus; dump test $DIR/c --memory-only --format kdump-zlib; dump test $DIR/c --memory-only --format elf; dump test $DIR/c --memory-only') },
  { name: 'dump bad paths', args: onDefault('dump test /nonexistent/core; dump test; dump test ""; dump nosuch $DIR/c') },
  { name: 'dump verbose', args: onDefault('dump test $DIR/c --verbose') },
];
