/** Guest-information commands: domhostname, domtime, set-user-password, domfs*, domifaddr, with their error cases. */
import { onDefault, type Scenario } from '../harness.js';

const V6 = `<network><name>v6</name><ip family='ipv6' address='2001:db8::1' prefix='64'>
<dhcp><range start='2001:db8::1f0' end='2001:db8::1ff'/></dhcp></ip></network>`;
const PLAIN = "<network><name>plain</name><ip address='10.1.255.250' netmask='255.255.0.0'/></network>";
/** A guest with interfaces on several networks and a bridge, and no disk of device 'disk'. */
const MULTI = `<domain type='test'><name>multi</name><memory>65536</memory><os><type>hvm</type></os><devices>
<disk type='file' device='cdrom'><target dev='hdc'/></disk>
<interface type='network'><mac address='52:54:00:AA:00:01'/><source network='v6'/></interface>
<interface type='bridge'><mac address='52:54:00:aa:00:02'/><source bridge='br0'/></interface>
<interface type='network'><mac address='52:54:00:aa:00:03'/><source network='plain'/><target dev='a-long-interface-name'/></interface>
<interface type='network'><mac address='52:54:00:aa:00:04'/><source network='default'/></interface>
</devices></domain>`;
const ORPHAN = `<domain type='test'><name>orphan</name><memory>65536</memory><os><type>hvm</type></os><devices>
<interface type='network'><mac address='52:54:00:aa:00:05'/><source network='nosuch'/></interface></devices></domain>`;
const files = { 'v6.xml': V6, 'plain.xml': PLAIN, 'multi.xml': MULTI, 'orphan.xml': ORPHAN };
const withGuests = (commands: string): Omit<Scenario, 'name'> => ({
  args: onDefault(`net-create $DIR/v6.xml; net-create $DIR/plain.xml; create $DIR/multi.xml; ${commands}`), files,
});
/** test stopped: every guest command refused. */
const STOPPED = 'destroy test; domhostname test; domtime test; domtime test --time 5; set-user-password test a b; '
  + 'domfsfreeze test; domfsthaw test; domfstrim test; domfsinfo test; domifaddr test; domifaddr test --source bogus';

export const guestInfoScenarios: Scenario[] = [
  { name: 'domhostname', args: onDefault('domhostname test; domhostname 1; domhostname --domain test') },
  { name: 'domhostname --source', args: onDefault('domhostname test --source agent; domhostname test --source lease; domhostname test --source bogus; domhostname test --source ""') },
  { name: 'domhostname unknown domain', args: onDefault('domhostname nosuch') },
  { name: 'domtime get', args: onDefault('domtime test; domtime test --pretty; domtime 1') },
  { name: 'domtime set', args: onDefault('domtime test --time 1000000000; domtime test; domtime test --pretty; domtime test 77; domtime test') },
  { name: 'domtime --sync stores zero', args: onDefault('domtime test --sync; domtime test; domtime test --pretty') },
  { name: 'domtime --now', args: onDefault('domtime test --now') },
  { name: 'domtime pretty limits', args: onDefault('domtime test --time -62135596800; domtime test --pretty; domtime test --time 253402300799; domtime test --pretty; domtime test --time -61000000000; domtime test --pretty; domtime test --time -5; domtime test --pretty') },
  { name: 'domtime exclusive options', args: onDefault('domtime test --time 5 --now; domtime test --now --sync; domtime test --time 5 --sync') },
  { name: 'domtime bad numbers', args: onDefault('domtime test --time abc; domtime test --time 9223372036854775808; domtime test --time ""') },
  { name: 'domtime paused', args: onDefault('suspend test; domtime test; domtime test --time 3; resume test; domtime test') },
  { name: 'set-user-password', args: onDefault('set-user-password test root secret; set-user-password test root $6$a$b --encrypted; set-user-password --domain 1 --user u --password p') },
  { name: 'set-user-password missing password', args: onDefault('set-user-password test root') },
  { name: 'set-user-password empty values', args: onDefault('set-user-password test "" pw; set-user-password test root ""; set-user-password "" root pw') },
  { name: 'domfsinfo', args: onDefault('domfsinfo test; domfsinfo test --bogus') },
  { name: 'domfsinfo without disks', ...withGuests('domfsinfo multi') },
  { name: 'domfsfreeze and thaw', args: onDefault('domfsfreeze test; domfsfreeze test; domfsthaw test --mountpoint /; domfsthaw test /boot /nope; domfsthaw test; domfsthaw test') },
  { name: 'domfsfreeze mount points', args: onDefault('domfsfreeze test / /boot /; domfsthaw test --mountpoint /boot --mountpoint /boot; domfsfreeze test --mountpoint /home; domfsthaw test /') },
  { name: 'domfsfreeze survives restart', args: onDefault('domfsfreeze test /boot; destroy test; start test; domfsthaw test; domtime test --time 9; destroy test; start test; domtime test') },
  { name: 'domfstrim', args: onDefault('domfstrim test; domfstrim test --mountpoint /boot --minimum 4096; domfstrim test 5 /; domfstrim test --mountpoint /x; domfstrim test -1; domfstrim test --minimum 1K') },
  { name: 'domifaddr', args: onDefault('domifaddr test; domifaddr test --full; domifaddr test --source agent; domifaddr test --source arp; domifaddr test --source lease') },
  { name: 'domifaddr bad source', args: onDefault('domifaddr test --source nope; domifaddr nosuch --source nope; domifaddr nosuch') },
  { name: 'domifaddr --interface', args: onDefault('domifaddr test --interface testnet0; domifaddr test testnet0 --full; domifaddr test --interface nosuch') },
  { name: 'domifaddr from networks', ...withGuests('domifaddr multi; domifaddr multi --full; domifaddr multi --interface a-long-interface-name; domifaddr test') },
  { name: 'domifaddr network missing', args: onDefault('create $DIR/orphan.xml; domifaddr orphan'), files },
  { name: 'guest commands on a stopped domain', args: onDefault(STOPPED) },
  { name: 'guest commands quiet', args: ['-q', ...onDefault('domfsinfo test; domfsfreeze test; domfsthaw test; domifaddr test; set-user-password test a b; domtime test')] },
  { name: 'guest commands quiet, no filesystems', ...withGuests('domfsinfo multi'), args: ['-q', ...withGuests('domfsinfo multi').args] },
  { name: 'guest commands read-only', args: ['-r', ...onDefault('domhostname test; domtime test; domfsinfo test; domfsfreeze test; domifaddr test; domifaddr test --source agent; domifaddr test --source arp')] },
];
