/**
 * Jobs, migration tuning, guest-agent, launch-security, dirty-rate, backup, display, screenshot,
 * QEMU/LXC-specific, DHCP lease and network port commands on test:///default. libvirt's test
 * driver serves few of them: most end with its "not supported" error after virsh's own checks of
 * the options, which is what these compare.
 */
import { onDefault, type Scenario } from '../harness.js';

const files = {
  'graphics.xml': `<domain type='test'><name>g</name><memory>1048576</memory><os><type>hvm</type></os><devices>
<graphics type='vnc' port='5905' listen='127.0.0.1' passwd='sec'/>
<graphics type='spice' port='5910' tlsPort='5911' listen='0.0.0.0' passwd='pw'/>
<graphics type='rdp' port='3389' listen='::1'/>
<graphics type='dbus' address='unix:path=/tmp/dbus-sock'/>
<console type='pty' tty='/dev/pts/7'><target type='serial' port='0'/></console>
</devices></domain>`,
  'sockets.xml': `<domain type='test'><name>g2</name><memory>1048576</memory><os><type>hvm</type></os><devices>
<graphics type='vnc' port='5901'><listen type='address' address='192.168.0.1'/></graphics>
<graphics type='spice' autoport='yes'><listen type='socket' socket='/tmp/spice.sock'/></graphics>
<graphics type='dbus' address='tcp:host=x'/>
</devices></domain>`,
  'keys': 'ssh-ed25519 AAAA one\nssh-ed25519 BBBB two\n',
  'empty': '',
  'secret': 'c2VjcmV0',
};
const run = (name: string, line: string): Scenario => ({ name, files, args: onDefault(line) });

export const domainExtraScenarios: Scenario[] = [
  run('domjobinfo and domjobabort', 'domjobinfo test; domjobinfo test --completed --keep-completed; domjobinfo test --keep-completed; domjobinfo test --rawstats; '
    + 'domjobinfo test --anystats; domjobinfo nope; domjobabort test; domjobabort test --postcopy; domjobabort --domain test'),
  run('migration tuning', 'migrate-setmaxdowntime test 100; migrate-setmaxdowntime test 0; migrate-setmaxdowntime test -1; migrate-setmaxdowntime test abc; '
    + 'migrate-getmaxdowntime test; migrate-compcache test; migrate-compcache test --size 1000; migrate-compcache test --size -1; '
    + 'migrate-setspeed test 10; migrate-setspeed test 10 --postcopy; migrate-setspeed test -1; migrate-setspeed test x; migrate-getspeed test; '
    + 'migrate-getspeed test --postcopy; migrate-postcopy test; migrate-postcopy nope'),
  run('migration tuning: missing arguments', 'migrate-setmaxdowntime test'),
  run('migrate-compcache positional size refused', 'migrate-compcache test 1000'),
  run('guest agent', 'guestinfo test; guestinfo test --os --user --disk --interface --filesystem --hostname --timezone; get-user-sshkeys test root; '
    + 'set-user-sshkeys test root; set-user-sshkeys test root --reset --remove; set-user-sshkeys test root --remove; set-user-sshkeys test root --file $DIR/nope; '
    + 'set-user-sshkeys test root --file $DIR/empty; set-user-sshkeys test root $DIR/keys; set-user-sshkeys test root --reset; set-user-sshkeys test root --file $DIR/keys --remove; '
    + 'guest-agent-timeout test; guest-agent-timeout test --timeout 10; guest-agent-timeout test --timeout -3; guest-agent-timeout test --timeout x'),
  run('get-user-sshkeys missing user', 'get-user-sshkeys test'),
  run('guest-agent-timeout positional refused', 'guest-agent-timeout test 10'),
  run('launch security', 'domlaunchsecinfo test; domsetlaunchsecstate test; domsetlaunchsecstate test --secrethdr $DIR/nope --secret $DIR/secret; '
    + 'domsetlaunchsecstate test --secrethdr $DIR/secret --secret $DIR/secret; domsetlaunchsecstate test --secrethdr $DIR/secret --secret $DIR/secret --set-address 12; '
    + 'domsetlaunchsecstate test --secrethdr $DIR/secret --secret $DIR/secret 12; domsetlaunchsecstate test --secrethdr $DIR/secret --secret $DIR/secret --set-address -1'),
  run('dirty rate and fd association', 'domdirtyrate-calc test; domdirtyrate-calc test --seconds 0; domdirtyrate-calc test 5 page-sampling; domdirtyrate-calc test --mode bogus; '
    + "domdirtyrate-calc test --mode dirty-ring --seconds x; domdirtyrate-calc test --mode ''; dom-fd-associate test g 0; dom-fd-associate test g 0,1 --seclabel-writable --seclabel-restore; "
    + 'dom-fd-associate test g x; dom-fd-associate test g 0,,1'),
  run('dom-fd-associate missing fds', 'dom-fd-associate test g'),
  run('backups', 'backup-begin test; backup-begin test $DIR/nope; backup-begin test --checkpointxml $DIR/nope; backup-begin test $DIR/keys $DIR/keys --reuse-external; '
    + "backup-dumpxml test; backup-dumpxml test --xpath //x --wrap; backup-dumpxml test --xpath ''; backup-dumpxml nope"),
  run('displays', 'create $DIR/graphics.xml; domdisplay g; domdisplay g --all; domdisplay g --all --include-password; domdisplay g --type spice --include-password; '
    + 'domdisplay g --type rdp; domdisplay g --type dbus; domdisplay g --type nope; vncdisplay g; ttyconsole g'),
  run('displays: listen elements, sockets, odd D-Bus', 'create $DIR/sockets.xml; domdisplay g2; domdisplay g2 --all; domdisplay g2 --type spice; domdisplay g2 --type dbus; vncdisplay g2; ttyconsole g2'),
  run('displays: inactive and missing', "define $DIR/graphics.xml; domdisplay g; vncdisplay g; ttyconsole g; domdisplay g --type ''; domdisplay test; "
    + 'domdisplay test --type vnc --all; domdisplay nope; vncdisplay test; ttyconsole test; ttyconsole nope'),
  run('screenshot', 'screenshot test --file $DIR/shot; screenshot test --file $DIR/shot --screen 1; screenshot test --screen -1; screenshot nope; '
    + 'screenshot test --file $DIR/none/x; screenshot test $DIR/shot2 0; destroy test; screenshot test --file $DIR/s3'),
  run('qemu-monitor-command', 'qemu-monitor-command test info; qemu-monitor-command test --hmp info status; qemu-monitor-command test \'{"execute":"query-status"}\'; '
    + 'qemu-monitor-command test query-block \'"a":1\' \'"b":2\'; qemu-monitor-command test --pass-fds 0 query-status; qemu-monitor-command test --pass-fds x query-status; '
    + 'qemu-monitor-command test --hmp --pretty x; qemu-monitor-command test --hmp --return-value x; qemu-monitor-command test --return-value x; qemu-monitor-command nope x'),
  run('qemu-agent-command', 'qemu-agent-command test \'{"execute":"guest-ping"}\'; qemu-agent-command test --timeout 0 x; qemu-agent-command test --async --block x; '
    + 'qemu-agent-command test --timeout 5 --async x; qemu-agent-command test --timeout 5 x; qemu-agent-command test --pretty --block x'),
  run('qemu-attach', 'qemu-attach 123; qemu-attach 0; qemu-attach -1; qemu-attach x; qemu-attach 99999999999'),
  run('qemu-monitor-event', "qemu-monitor-event --timeout 1; qemu-monitor-event --domain nope; qemu-monitor-event --domain test --event X --regex --no-case --pretty --loop --timestamp; "
    + "qemu-monitor-event --timeout 0; qemu-monitor-event --timeout x; qemu-monitor-event --event ''"),
  run('lxc-enter-namespace', 'lxc-enter-namespace test -- /bin/true; lxc-enter-namespace nope -- /bin/true; lxc-enter-namespace test --noseclabel /bin/true'),
  run('qemu and lxc commands need their arguments', 'qemu-monitor-command test'),
  { name: 'qemu and lxc commands read-only', files, args: ['-r', ...onDefault('qemu-attach 5; qemu-monitor-command test x; qemu-agent-command test x; qemu-monitor-event; lxc-enter-namespace test x')] },
  run('DHCP leases', "net-dhcp-leases default; net-dhcp-leases default --mac 00:11:22:33:44:55; net-dhcp-leases default 00:11; net-dhcp-leases nope; net-dhcp-leases default --mac ''"),
  run('network ports', 'net-port-list default; net-port-list default --uuid --table; net-port-list default --uuid; net-port-list nope; net-port-create default $DIR/nope; '
    + 'net-port-create default $DIR/keys --validate; net-port-create nope $DIR/keys; net-port-delete default 6695eb01-f6a4-8304-79aa-97f2502e193f; net-port-delete default bogus; '
    + "net-port-dumpxml default 6695eb01-f6a4-8304-79aa-97f2502e193f --xpath ''; net-port-dumpxml default 6695eb01-f6a4-8304-79aa-97f2502e193f; "
    + "net-port-dumpxml nope x; net-port-delete nope x; net-port-delete '' x; net-port-dumpxml default ''; net-port-delete default ''"),
  { name: 'network ports read-only', files, args: ['-r', ...onDefault('net-port-create default $DIR/keys; net-port-delete default x')] },
  { name: 'job and agent commands quiet', files, args: ['-q', ...onDefault('domdirtyrate-calc test; backup-begin test; net-dhcp-leases default; screenshot test --file $DIR/q')] },
];
