/**
 * The command vocabulary of the generated differential test: every command issue 4 lists (and
 * domstats), each with virsh 9.0.0's options as they are really used, weighted by how much
 * state they touch.
 */
import { TEST_UUID, type Names } from './fixtures.js';
import type { Rng } from './rng.js';
import { flag, named, pos, type Arg } from './words.js';

export interface Ctx {
  r: Rng;
  names: Names;
  /** The URI of the test driver at `path` (`/default` or a node file) as the session reaches it. */
  uri: (path: string) => string;
  /** Commands to leave out of the session. */
  leaveOut?: readonly string[];
}

interface Spec {
  name: string;
  weight: number;
  args: (c: Ctx) => Arg[];
}

const SIZES = ['1024', '131072', '262144', '524288', '512M', '1G', '100000k', '0', 'x', '-5', '1e3', '10G', '99999999999999999999', '1.5', '2T', '64MiB'];
const CPULISTS = ['1', '0-3', 'r', '^1', 'x', '', '0-99', '1,3'];
const COUNTS = ['1', '2', '3', '4', '0', '-1', 'x', '100', '2.0'];
const NS = 'http://example.org/ns';
const XPATHS = ['//name', '/domain/@type', 'string(//name)', 'count(//disk)', '//nothing', '//mac/@address', '[bad', 'a b', '//a[', 'foo()', '$v', '//name|',
  // values and evaluation errors, the document node, text, attributes and their wrapping
  'count(1)', 'string(', '1|//name', 'position()', '/', '//text()', '//@*', '//node()', '(//*)[last()]', '//*[name()="name"]/..', '1e1', 'id("x")'];

const dom = (c: Ctx): string => c.r.pick(c.names.domains);
const net = (c: Ctx): string => c.r.pick(c.names.networks);
const pool = (c: Ctx): string => c.r.pick(c.names.pools);
const snap = (c: Ctx): string => c.r.pick(['s1', 's2', 's3', 'nope']);
const chk = (c: Ctx): string => c.r.pick(['c1', 'c2', 'nope']);
const iface = (c: Ctx): string => c.r.pick(['eth1', 'eth7', 'aa:bb:cc:dd:ee:ff', 'aa:bb:cc:dd:ee:07', 'nope']);
const device = (c: Ctx): string => c.r.pick(['computer', 'scsi_host11', 'scsi_host12', 'nope', 'a,b', '5001a4a93526d0a1,51402ec0000ad4b5']);
const file = (c: Ctx, ...names: string[]): string => c.r.pick(names.map((n) => (n.startsWith('/') ? n : `$DIR/${n}`)));
/** One of the --config/--live/--current combinations (including the exclusive ones). */
const affect = (c: Ctx): Arg[] => c.r.pick([[], [], [flag('config', 1)], [flag('live', 1)], [flag('current', 1)],
  [flag('config', 1), flag('live', 1)], [flag('current', 1), flag('live', 1)]]);
const xpath = (c: Ctx): Arg[] => (c.r.chance(0.2) ? [named('xpath', c.r.pick(XPATHS), 1), flag('wrap', 0.4)] : [flag('wrap', 0.05)]);
const spec = (name: string, weight: number, args: (c: Ctx) => Arg[] = () => []): Spec => ({ name, weight, args });
const onDom = (name: string, weight: number, more: (c: Ctx) => Arg[] = () => []): Spec =>
  spec(name, weight, (c) => [pos('domain', dom(c)), ...more(c)]);
const onNet = (name: string, weight: number, more: (c: Ctx) => Arg[] = () => []): Spec =>
  spec(name, weight, (c) => [pos('network', net(c)), ...more(c)]);
const onPool = (name: string, weight: number, more: (c: Ctx) => Arg[] = () => []): Spec =>
  spec(name, weight, (c) => [pos('pool', pool(c)), ...more(c)]);
const onVol = (name: string, weight: number, more: (c: Ctx) => Arg[] = () => []): Spec =>
  spec(name, weight, (c) => {
    const [p, v] = c.r.pick(c.names.volumes);
    // A volume by name needs its pool; by path it does not.
    return c.r.chance(0.25) ? [pos('vol', `/${p}/${v}`), ...more(c)] : [pos('vol', v), named('pool', p, 0.9), ...more(c)];
  });

/** Odd spellings of numbers: hex, octal, signs, blanks, overflow at 32 and 64 bits. */
const ODD_NUMBERS = ['0x10', '010', '08', '+2', ' 2', '2 ', '-0', '4294967296', '2147483648', '-2147483649', '18446744073709551615',
  '18446744073709551616', '0x', '1e3', '2k'];
/** Scaled sizes in every unit spelling virsh takes (and some it refuses). */
const SCALED = ['1KiB', '1KB', '1k', '1b', '512B', '1.5G', '2MiB', '0.5M', '1P', '1E', '16EiB', '17E', '1Z', '1 M', '1M ', '0x400', '01000', '1GiB', '1Gb'];
const number = (c: Ctx, usual: readonly string[]): string => (c.r.chance(0.25) ? c.r.pick(ODD_NUMBERS) : c.r.pick(usual));
const size = (c: Ctx, usual: readonly string[]): string => (c.r.chance(0.3) ? c.r.pick(SCALED) : number(c, usual));
const MEMSPECS = ['file=/tmp/m.save', '/tmp/m.save,snapshot=external', 'snapshot=no', 'snapshot=internal', 'snapshot=bogus', 'file=', ',', 'x=y'];
const DISKSPECS = ['vda', 'vda,snapshot=no', 'vda,snapshot=external,file=/tmp/o.qcow2', 'vda,snapshot=internal', 'hda,driver=qcow2,stype=file,file=/x',
  'vda,stype=block,file=/dev/x', 'nodev,snapshot=external', 'vda,snapshot=manual', 'vda,bogus=1', 'vda,,file=a\\,b', ''];
/** net-update's sections with elements that fit (and some that do not). */
const NET_UPDATES: [string, string[]][] = [
  ['ip-dhcp-host', ["<host mac='00:16:3e:77:e2:ed' name='foo' ip='192.168.122.10'/>", "<host mac='52:54:00:00:00:01' ip='192.168.122.11'/>",
    "<host name='bar' ip='192.168.122.12'/>", "<host mac='zz' ip='1.2.3.4'/>", "<host ip='10.0.0.1'/>", '<host', '<other/>']],
  ['ip-dhcp-range', ["<range start='192.168.122.2' end='192.168.122.254'/>", "<range start='192.168.122.100' end='192.168.122.120'/>",
    "<range start='10.0.0.2' end='10.0.0.9'/>", "<range start='192.168.122.9' end='192.168.122.3'/>"]],
  ['dns-host', ["<host ip='1.2.3.4'><hostname>a</hostname></host>", "<host ip='1.2.3.4'/>", "<host><hostname>b</hostname></host>"]],
  ['dns-txt', ["<txt name='x' value='y'/>", "<txt name='x'/>", "<txt value='y'/>"]],
  ['dns-srv', ["<srv service='s' protocol='tcp'/>", "<srv service='s' protocol='tcp' target='t' port='1' priority='2' weight='3'/>", "<srv protocol='udp'/>"]],
  ['forward-interface', ["<interface dev='eth0'/>", '<interface/>']],
  ['portgroup', ["<portgroup name='pg'/>", "<portgroup name='pg' default='yes'/>", '<portgroup/>']],
  ['bridge', ["<bridge name='virbr5'/>"]], ['domain', ["<domain name='x'/>"]], ['ip', ["<ip address='10.1.1.1'/>"]],
  ['forward', ["<forward mode='nat'/>"]], ['forward-pf', ["<pf dev='eth0'/>"]], ['bogus', ['<x/>']],
];
/** net-update's commands, with one it refuses and an empty one. */
const NET_UPDATE_COMMANDS = ['add', 'add-first', 'add-last', 'delete', 'modify', 'bogus', ''];

/** URIs no local test driver serves as written, or that fail before any driver. */
const OTHER_URIS = ['TEST:///default?socket=$DIR/nosock', 'test+unix:///default?socket=$DIR/nosock', 'bogus://x/', 'test://default', '/default', '',
  'test:///embed', 'test+tcp://[::1]:1/default?mode=bogus'];

const LIST_FILTERS = ['inactive', 'all', 'transient', 'persistent', 'with-snapshot', 'without-snapshot', 'state-running', 'state-paused',
  'state-shutoff', 'state-other', 'autostart', 'no-autostart', 'with-managed-save', 'without-managed-save', 'with-checkpoint'];
const STATS_GROUPS = ['state', 'cpu-total', 'balloon', 'vcpu', 'interface', 'block', 'perf', 'iothread', 'memory', 'dirtyrate', 'vm'];
const STATS_LISTS = ['list-active', 'list-inactive', 'list-persistent', 'list-transient', 'list-running', 'list-paused', 'list-shutoff', 'list-other'];

const some = (c: Ctx, names: string[], p: number): Arg[] => names.filter(() => c.r.chance(p)).map((n) => flag(n, 1));

const DISKS = ['vda', 'hda', 'nodev', '/guest/diskimage1', ''];
const IFACES = ['testnet0', 'aa:bb:cc:dd:ee:ff', 'AA:BB:CC:DD:EE:FF', '52:54:0:11:22:33', 'vnet9', "a'b", ''];
const BANDWIDTHS = ['10', '1G', '-1', 'x', '5Q', ''];
const ADDRESSES = ['pci:0000.00.0a.0', 'scsi:0.0.1', 'ide:1.0.0', 'usb:1.2', 'sata:0.0.3', 'ccw:fe.0.1234', 'pci:-1.2.3.4', 'bogus', 'pci:1.2'];
/** --persistent with the --config/--live/--current combinations. */
const deviceAffect = (c: Ctx): Arg[] => [...affect(c), flag('persistent', 0.15)];

/** The commands of libvirt's QEMU and LXC programs (libvirt-qemu, libvirt-lxc), which go to a daemon as programs of their own. */
export const QEMU_LXC_COMMANDS = ['qemu-monitor-command', 'qemu-agent-command', 'qemu-attach', 'qemu-monitor-event', 'lxc-enter-namespace'];

const SPECS: Spec[] = [
  // host and shell
  spec('uri', 1), spec('version', 1), spec('hostname', 1), spec('nodeinfo', 1), spec('sysinfo', 0.3), spec('capabilities', 0.3),
  spec('freecell', 1, (c) => [named('cellno', number(c, ['0', '1', '-1', 'x']), 0.4), flag('all', 0.3)]),
  spec('nodememstats', 0.5, (c) => [named('cell', c.r.pick(['0', '-1', '3']), 0.3)]),
  spec('nodecpustats', 0.5, (c) => [named('cpu', c.r.pick(['0', '1', '-5', 'x']), 0.4)]),
  spec('echo', 1, (c) => [flag('shell', 0.2), flag('xml', 0.2), flag('split', 0.05), flag('err', 0.05),
    pos('string', c.r.pick(['hello', 'a b', '<x>', "it's", '', 'a\\tb', '"q"', '--x', 'a,b', '$HOME', '&amp;']))]),
  // virsh's option aliases: echo --str, echo --hi (string=hello)
  spec('echo', 0.2, (c) => [...(c.r.chance(0.5) ? [named('str', c.r.pick(['x', 'y z']), 1)] : [flag('hi', 1)])]),
  spec('pwd', 0.3), spec('cd', 0.3, (c) => [pos('dir', c.r.pick(['$DIR', '/nonexistent', '']), 0.8)]),
  spec('iface-list', 0.5, (c) => [flag('all', 0.3), flag('inactive', 0.3)]),
  spec('nodedev-list', 0.3),
  spec('connect', 0.15, (c) => [pos('name', c.r.chance(0.8) ? c.uri(c.r.pick(['/default', '/nonexistent.xml', '$DIR/node.xml'])) : c.r.pick(OTHER_URIS)),
    flag('readonly', 0.3)]),
  // domain listing and info
  spec('list', 4, (c) => [...some(c, LIST_FILTERS, 0.12), ...some(c, ['name', 'uuid', 'id', 'table', 'title', 'managed-save'], 0.15)]),
  onDom('dominfo', 3), onDom('domstate', 2, () => [flag('reason', 0.5)]),
  onDom('domid', 1), onDom('domname', 1), onDom('domuuid', 1),
  onDom('dumpxml', 2, (c) => [flag('inactive', 0.3), flag('security-info', 0.2), flag('migratable', 0.1), ...xpath(c)]),
  onDom('vcpucount', 1, (c) => [...some(c, ['maximum', 'active', 'live', 'config', 'current'], 0.25)]),
  onDom('vcpuinfo', 1, () => [flag('pretty', 0.3)]),
  onDom('domblklist', 1, () => [flag('inactive', 0.3), flag('details', 0.4)]),
  onDom('domiflist', 1, () => [flag('inactive', 0.3)]),
  onDom('domblkstat', 1, (c) => [pos('device', c.r.pick(['vda', 'hda', 'nodev', '']), 0.6), flag('human', 0.3)]),
  onDom('domifstat', 1, (c) => [pos('interface', c.r.pick(['vnet0', '52:54:00:11:22:33', 'nope', 'testnet0']))]),
  onDom('dommemstat', 1, (c) => [named('period', c.r.pick(['2', '-1', 'x']), 0.15), ...affect(c)]),
  spec('domstats', 2, (c) => [...some(c, STATS_GROUPS, 0.15), ...some(c, STATS_LISTS, 0.1), flag('raw', 0.2), flag('enforce', 0.2),
    flag('backing', 0.1), flag('nowait', 0.1), ...(c.r.chance(0.4) ? [pos('domain', dom(c))] : []),
    ...(c.r.chance(0.2) ? [pos('domain', dom(c))] : [])]),
  // domain lifecycle
  spec('define', 2, (c) => [pos('file', file(c, 'demo.xml', 'demo.xml', 'trans.xml', 'rich.xml', 'bad.xml', 'empty.xml', 'none.xml', 'out.bin', 'a.save')), flag('validate', 0.2)]),
  spec('create', 1.5, (c) => [pos('file', file(c, 'trans.xml', 'trans.xml', 'demo.xml', 'rich.xml', 'bad.xml', 'core')), flag('paused', 0.3), flag('validate', 0.1)]),
  onDom('undefine', 1.5, (c) => [...some(c, ['managed-save', 'snapshots-metadata', 'checkpoints-metadata', 'nvram', 'keep-nvram',
    'remove-all-storage', 'wipe-storage', 'tpm', 'keep-tpm', 'delete-snapshots', 'delete-storage-volume-snapshots'], 0.1),
    named('storage', c.r.pick(['vda', '/var/lib/demo.img']), 0.05)]),
  onDom('start', 3, () => [flag('paused', 0.2), flag('force-boot', 0.1), flag('autodestroy', 0.05)]),
  onDom('shutdown', 2, (c) => [named('mode', c.r.pick(['acpi', 'agent', 'bogus', 'acpi,signal']), 0.15)]),
  onDom('reboot', 1), onDom('reset', 1),
  onDom('destroy', 3, () => [flag('graceful', 0.2)]),
  onDom('suspend', 2), onDom('resume', 2),
  onDom('save', 1.2, (c) => [pos('file', file(c, 'a.save', 'a.save', 'b.save', '/nonexistent/x.save')), flag('running', 0.15), flag('paused', 0.15),
    flag('bypass-cache', 0.1)]),
  spec('restore', 1.2, (c) => [pos('file', file(c, 'a.save', 'a.save', 'b.save', 'demo.xml', 'none.save', 'core', 'out.bin')), flag('running', 0.15), flag('paused', 0.15)]),
  onDom('managedsave', 1, () => [flag('running', 0.15), flag('paused', 0.15)]),
  onDom('managedsave-remove', 0.7),
  onDom('autostart', 1, () => [flag('disable', 0.4)]),
  onDom('setmem', 2, (c) => [pos('size', size(c, SIZES)), ...affect(c)]),
  onDom('setmaxmem', 1.5, (c) => [pos('size', size(c, SIZES)), ...affect(c)]),
  // --kilobytes: the alias of --size
  spec('setmem', 0.3, (c) => [pos('domain', dom(c)), named('kilobytes', c.r.pick(SIZES), 1), ...affect(c)]),
  onDom('setvcpus', 2, (c) => [pos('count', number(c, COUNTS)), flag('maximum', 0.25), ...affect(c), flag('guest', 0.05), flag('hotpluggable', 0.05)]),
  onDom('desc', 1.5, (c) => [flag('title', 0.4), ...affect(c), pos('new-desc', c.r.pick(['new text', 'x', 'line<1>&', '']), 0.5)]),
  onDom('metadata', 1.2, (c) => [pos('uri', c.r.pick([NS, NS, 'not a uri', ''])), ...affect(c),
    ...(c.r.chance(0.5) ? [named('key', c.r.pick(['ex', 'other', '']), 0.8), named('set', c.r.pick(['<item a="1"/>', '<bad', '<a><b/></a>']), 0.8)] : []),
    flag('remove', 0.2)]),
  onDom('domrename', 1, (c) => [pos('new-name', c.r.pick(['renamed', 'test', 'demo', 'a/b', '']))]),
  spec('event', 0.25, (c) => (c.r.chance(0.4) ? [flag('list', 1)] : [named('domain', dom(c), 0.3),
    ...(c.r.chance(0.5) ? [flag('all', 1)] : [named('event', c.r.pick(['lifecycle', 'reboot', 'bogus']), 0.8)]), flag('loop', 0.3),
    named('timeout', c.r.pick(['1', '1', '0', 'x']), 1)])),
  // snapshots
  onDom('snapshot-create-as', 2, (c) => [named('name', snap(c), 0.8), named('description', c.r.pick(['d one', '<x>']), 0.3),
    flag('print-xml', 0.1), flag('halt', 0.05), flag('disk-only', 0.05), flag('no-metadata', 0.05), flag('atomic', 0.05),
    flag('live', 0.05), flag('quiesce', 0.05), flag('reuse-external', 0.05), flag('validate', 0.05),
    named('memspec', c.r.pick(MEMSPECS), 0.1), ...(c.r.chance(0.15) ? [pos('diskspec', c.r.pick(DISKSPECS))] : []),
    named('diskspec', c.r.pick(DISKSPECS), 0.05)]),
  onDom('snapshot-list', 1.5, (c) => [...some(c, ['parent', 'roots', 'leaves', 'no-leaves', 'metadata', 'inactive', 'active', 'tree', 'name',
    'topological', 'current', 'descendants'], 0.1), named('from', snap(c), 0.1)]),
  onDom('snapshot-info', 1, (c) => [named('snapshotname', snap(c), 0.7), flag('current', 0.3)]),
  onDom('snapshot-revert', 1, (c) => [named('snapshotname', snap(c), 0.7), flag('current', 0.3), flag('running', 0.15), flag('paused', 0.15),
    flag('force', 0.1)]),
  onDom('snapshot-delete', 1, (c) => [named('snapshotname', snap(c), 0.8), flag('current', 0.2), flag('children', 0.2), flag('children-only', 0.1),
    flag('metadata', 0.1)]),
  onDom('snapshot-current', 1, (c) => [flag('name', 0.5), named('snapshotname', snap(c), 0.2)]),
  onDom('snapshot-dumpxml', 0.7, (c) => [pos('snapshotname', snap(c)), flag('security-info', 0.1), ...xpath(c)]),
  // networks
  spec('net-list', 2, (c) => [...some(c, ['inactive', 'all', 'persistent', 'transient', 'autostart', 'no-autostart', 'uuid', 'name', 'table'], 0.15)]),
  onNet('net-info', 1), onNet('net-dumpxml', 1, (c) => [flag('inactive', 0.3), ...xpath(c)]),
  spec('net-define', 1, (c) => [pos('file', file(c, 'net.xml', 'net.xml', 'bad.xml', 'none.xml')), flag('validate', 0.1)]),
  spec('net-create', 0.7, (c) => [pos('file', file(c, 'net.xml', 'bad.xml'))]),
  onNet('net-undefine', 1), onNet('net-start', 1), onNet('net-destroy', 1),
  onNet('net-autostart', 0.7, () => [flag('disable', 0.4)]), onNet('net-uuid', 0.5), onNet('net-name', 0.5),
  // pools
  spec('pool-list', 2, (c) => [...some(c, ['inactive', 'all', 'persistent', 'transient', 'autostart', 'no-autostart', 'details', 'uuid', 'name'], 0.15),
    named('type', c.r.pick(['dir', 'logical,disk', 'bogus']), 0.1)]),
  onPool('pool-info', 1, () => [flag('bytes', 0.3)]), onPool('pool-dumpxml', 1, (c) => [flag('inactive', 0.3), ...xpath(c)]),
  spec('pool-define', 1, (c) => [pos('file', file(c, 'pool.xml', 'pool.xml', 'bad.xml'))]),
  // Defined for real, a pool gets a random UUID that pool-list --uuid would show: mostly printed, or refused.
  spec('pool-define-as', 0.7, (c) => [pos('name', c.r.pick(['dirpool', 'asp', ''])), pos('type', c.r.pick(['dir', 'dir', 'bogus', 'netfs'])),
    named('target', c.r.pick(['$DIR/as', '/tmp']), 0.7), flag('print-xml', 0.85), named('source-host', 'nas', 0.1)]),
  spec('pool-create', 0.5, (c) => [pos('file', file(c, 'pool.xml', 'bad.xml')), flag('build', 0.2)]),
  onPool('pool-build', 0.7, () => [flag('overwrite', 0.1), flag('no-overwrite', 0.1)]),
  onPool('pool-start', 1, () => [flag('build', 0.1)]), onPool('pool-destroy', 1), onPool('pool-undefine', 1), onPool('pool-delete', 0.5),
  onPool('pool-refresh', 0.7), onPool('pool-autostart', 0.7, () => [flag('disable', 0.4)]),
  // volumes
  onPool('vol-list', 1.5, () => [flag('details', 0.5)]),
  onVol('vol-info', 1, () => [flag('bytes', 0.3), flag('physical', 0.2)]),
  onVol('vol-dumpxml', 0.7, (c) => xpath(c)),
  spec('vol-create', 1, (c) => [pos('pool', pool(c)), pos('file', file(c, 'vol.xml', 'vol.xml', 'bad.xml')), flag('validate', 0.1)]),
  spec('vol-create-as', 1.5, (c) => [pos('pool', pool(c)), pos('name', c.r.pick(['v1.img', 'd.img', 'nope', ''])),
    pos('capacity', size(c, ['10M', '1G', '1024', 'x', '-1', '5E'])), named('allocation', size(c, ['1M', '0', 'y']), 0.3),
    named('format', c.r.pick(['raw', 'qcow2', 'bogus']), 0.2), flag('print-xml', 0.15)]),
  onVol('vol-delete', 1), onVol('vol-path', 0.7), onVol('vol-key', 0.7),
  onVol('vol-pool', 0.4, () => [flag('uuid', 0.4)]),
  onVol('vol-clone', 0.5, (c) => [pos('newname', c.r.pick(['clone.img', 'v1.img', ''])), flag('prealloc-metadata', 0.1), flag('print-xml', 0.1)]),
  spec('vol-create-from', 0.4, (c) => [pos('pool', pool(c)), pos('file', file(c, 'vol.xml', 'bad.xml')), pos('vol', c.r.pick(['v1.img', 'nope'])),
    named('inputpool', pool(c), 0.4)]),
  onVol('vol-resize', 0.5, (c) => [pos('capacity', size(c, ['20M', '1K', 'x', '-1M', '0'])), flag('delta', 0.3), flag('shrink', 0.3),
    flag('allocate', 0.1)]),
  onVol('vol-wipe', 0.4, (c) => [named('algorithm', c.r.pick(['zero', 'nnsa', 'bogus']), 0.3)]),
  onVol('vol-upload', 0.3, (c) => [pos('file', file(c, 'data.bin', 'none.bin')), named('offset', c.r.pick(['0', '3', 'x']), 0.2),
    named('length', c.r.pick(['4', '0', '-1']), 0.2)]),
  onVol('vol-download', 0.3, (c) => [pos('file', file(c, 'out.bin', '/nonexistent/out.bin')), named('offset', c.r.pick(['0', '2']), 0.2),
    flag('sparse', 0.2)]),
  spec('pool-create-as', 0.4, (c) => [pos('name', c.r.pick(['cpool', 'default-pool', ''])), pos('type', c.r.pick(['dir', 'bogus'])),
    named('target', c.r.pick(['$DIR/cp', '/tmp']), 0.7), flag('print-xml', 0.5), flag('build', 0.1)]),
  onPool('pool-uuid', 0.4), spec('pool-name', 0.4, (c) => [pos('pool', c.r.pick(['dfe224cb-28fb-8dd0-c4b2-64eb3f0f4566', 'nope', '']))]),
  // guest commands
  // tunables and diagnostics
  onDom('schedinfo', 0.6, (c) => [...affect(c), named('weight', c.r.pick(['10', 'x', '']), 0.15), named('cap', '5', 0.05),
    ...(c.r.chance(0.3) ? [pos('set', c.r.pick(['weight=20', 'weight=x', 'foo=1', 'weight']))] : [])]),
  onDom('memtune', 0.6, (c) => [named('hard-limit', size(c, SIZES), 0.3), named('soft-limit', c.r.pick(['-1', '1G', 'x']), 0.15),
    named('swap-hard-limit', c.r.pick(['-1', '2G']), 0.1), named('min-guarantee', '10', 0.05), ...affect(c)]),
  onDom('blkiotune', 0.5, (c) => [named('weight', number(c, ['500', '0', 'x', '-3', '100']), 0.4), ...affect(c)]),
  onDom('domblkinfo', 0.6, (c) => [pos('device', c.r.pick(['vda', 'hda', 'nodev', '']), 0.6), flag('all', 0.4), flag('human', 0.3)]),
  onDom('domblkerror', 0.3), onDom('domcontrol', 0.3), onDom('inject-nmi', 0.3),
  onDom('dump', 0.4, (c) => [pos('file', file(c, 'core', 'core', '/nonexistent/core')), flag('live', 0.2), flag('crash', 0.15), flag('reset', 0.15),
    flag('bypass-cache', 0.1), flag('memory-only', 0.2), named('format', c.r.pick(['elf', 'kdump-zlib', 'bogus']), 0.2)]),
  onDom('numatune', 0.4, (c) => [named('mode', c.r.pick(['strict', 'preferred', 'interleave', 'bogus', '0x1', '7']), 0.3),
    named('nodeset', c.r.pick(['0', '0-1', 'x', '']), 0.3), ...affect(c)]),
  onDom('emulatorpin', 0.5, (c) => [pos('cpulist', c.r.pick(CPULISTS), 0.4), ...affect(c)]),
  onDom('vcpupin', 0.6, (c) => [pos('vcpu', number(c, ['0', '1', '3', '-1', 'x']), 0.5), pos('cpulist', c.r.pick(CPULISTS), 0.35), ...affect(c)]),
  onDom('iothreadinfo', 0.4, affect),
  onDom('iothreadadd', 0.3, (c) => [pos('id', c.r.pick(['3', '7', '0', '-1', 'x'])), ...affect(c)]),
  onDom('iothreaddel', 0.3, (c) => [pos('id', c.r.pick(['1', '2', '3', '7', '0'])), ...affect(c)]),
  onDom('iothreadpin', 0.3, (c) => [pos('iothread', c.r.pick(['1', '2', '9', 'x'])), pos('cpulist', c.r.pick(CPULISTS)), ...affect(c)]),
  onDom('iothreadset', 0.2, (c) => [pos('id', c.r.pick(['1', '2', '0', '9'])), named('poll-max-ns', c.r.pick(['100', 'x']), 0.4),
    named('poll-grow', c.r.pick(['2', '-1']), 0.3), named('thread-pool-max', c.r.pick(['4', '-1']), 0.2), ...affect(c)]),
  onDom('send-process-signal', 0.3, (c) => [pos('pid', c.r.pick(['1', '0', '-1', 'x'])), pos('signame', c.r.pick(['kill', 'SIGTERM', 'sig_usr1', '9', 'bogus', '99']))]),
  onDom('send-key', 0.3, (c) => [named('codeset', c.r.pick(['linux', 'xt', 'rfb', 'win32', 'bogus']), 0.3), named('holdtime', c.r.pick(['10', 'x']), 0.15),
    pos('keycode', c.r.pick(['KEY_A', '30', '0x1e', 'VK_RETURN', 'KEY_BOGUS', '70000'])), pos('keycode', c.r.pick(['KEY_LEFTCTRL', '1']), 0.3)]),
  onDom('cpu-stats', 0.4, (c) => [flag('total', 0.3), named('start', c.r.pick(['0', '1', '9', '-1']), 0.3), named('count', c.r.pick(['1', '2', '20', '-1']), 0.3)]),
  onDom('perf', 0.4, (c) => [named('enable', c.r.pick(['cmt', 'cpu_cycles,instructions', 'bogus', '']), 0.3),
    named('disable', c.r.pick(['cmt', 'mbmt']), 0.2), ...affect(c)]),
  onDom('set-lifecycle-action', 0.3, (c) => [pos('type', c.r.pick(['poweroff', 'reboot', 'crash', 'bogus'])),
    pos('action', c.r.pick(['destroy', 'restart', 'preserve', 'coredump-restart', 'bogus'])), ...affect(c)]),
  onDom('domiftune', 0.4, (c) => [pos('interface', c.r.pick(['testnet0', 'aa:bb:cc:dd:ee:ff', '52:54:00:11:22:33', 'nope'])),
    named('inbound', c.r.pick(['100,200,300', '0,5', 'x', '1,2,3,4,5']), 0.3), named('outbound', c.r.pick(['10', '1,,,2']), 0.2), ...affect(c)]),
  onDom('blkdeviotune', 0.4, (c) => [pos('device', c.r.pick(['vda', 'hda', 'nodev'])), named('total-bytes-sec', c.r.pick(['10M', '5x', '0']), 0.25),
    named('read-iops-sec', c.r.pick(['5', '-1']), 0.2), named('write-bytes-sec', '1000', 0.1), named('group-name', c.r.pick(['g', '']), 0.1), ...affect(c)]),
  onDom('domfsinfo', 0.5), onDom('domhostname', 0.5, (c) => [named('source', c.r.pick(['agent', 'lease', 'bogus']), 0.3)]),
  onDom('domfsfreeze', 0.4, (c) => [pos('mountpoint', c.r.pick(['/', '/boot', '/nope']), 0.4)]),
  onDom('domfsthaw', 0.4, (c) => [pos('mountpoint', c.r.pick(['/', '/boot']), 0.4)]),
  onDom('domfstrim', 0.3, (c) => [named('minimum', c.r.pick(['0', '1024', 'x']), 0.3), named('mountpoint', '/', 0.3)]),
  onDom('domifaddr', 0.5, (c) => [named('interface', c.r.pick(['testnet0', 'vnet9']), 0.3), flag('full', 0.3),
    named('source', c.r.pick(['lease', 'agent', 'arp', 'bogus']), 0.3)]),
  onDom('domtime', 0.5, (c) => [flag('pretty', 0.3), named('time', c.r.pick(['0', '1234567890', 'x', '-1']), 0.2), flag('sync', 0.1), flag('now', 0.05)]),
  onDom('set-user-password', 0.3, (c) => [pos('user', c.r.pick(['root', ''])), pos('password', c.r.pick(['pw', ''])), flag('encrypted', 0.2)]),
  // more snapshot and host-object commands
  onDom('snapshot-create', 0.5, (c) => [named('xmlfile', file(c, 'snap.xml', 'bad.xml', 'none.xml'), 0.8), flag('no-metadata', 0.1),
    flag('redefine', 0.1), flag('current', 0.1), flag('validate', 0.1)]),
  onDom('snapshot-parent', 0.4, (c) => [named('snapshotname', snap(c), 0.7), flag('current', 0.3)]),
  spec('iface-dumpxml', 0.3, (c) => [pos('interface', c.r.pick(['eth1', 'aa:bb:cc:dd:ee:ff', 'nope'])), flag('inactive', 0.3), ...xpath(c)]),
  spec('nodedev-dumpxml', 0.3, (c) => [pos('device', c.r.pick(['computer', 'nope'])), ...xpath(c)]),
  spec('net-event', 0.1, (c) => [flag('list', 0.3), named('event', c.r.pick(['lifecycle', 'bogus']), 0.3), named('timeout', c.r.pick(['1', 'x']), 1)]),
  spec('pool-event', 0.1, (c) => [flag('list', 0.3), named('event', c.r.pick(['lifecycle', 'refresh', 'bogus']), 0.3), named('timeout', '1', 1)]),
  spec('vol-name', 0.5, (c) => [pos('vol', c.r.pick(['/default-pool/v1.img', '/nodepool/nv.img', 'nope']))]),
  // checkpoints (a domain holds them or snapshots, not both) and the host's CPU models
  onDom('checkpoint-create-as', 0.8, (c) => [named('name', chk(c), 0.8), named('description', 'd', 0.2), flag('print-xml', 0.1),
    named('diskspec', c.r.pick(['vda,checkpoint=bitmap', 'vda,checkpoint=no', 'hda']), 0.15)]),
  onDom('checkpoint-list', 0.6, (c) => [...some(c, ['parent', 'roots', 'leaves', 'no-leaves', 'tree', 'name', 'topological', 'descendants'], 0.12),
    named('from', chk(c), 0.1)]),
  onDom('checkpoint-info', 0.3, (c) => [named('checkpointname', chk(c), 0.8)]),
  onDom('checkpoint-parent', 0.3, (c) => [named('checkpointname', chk(c), 0.8)]),
  onDom('checkpoint-dumpxml', 0.3, (c) => [pos('checkpointname', chk(c)), flag('no-domain', 0.3), flag('size', 0.1)]),
  onDom('checkpoint-delete', 0.4, (c) => [named('checkpointname', chk(c), 0.8), flag('children', 0.2), flag('children-only', 0.1), flag('metadata', 0.1)]),
  spec('cpu-models', 0.2, (c) => [pos('arch', c.r.pick(['x86_64', 'i686', 'ppc64', 'aarch64', 'bogus', '']))]),
  // devices, block jobs, vcpu state and guest power management
  onDom('attach-device', 0.4, (c) => [pos('file', file(c, 'disk.xml', 'bad.xml', 'none.xml', 'empty.xml')), ...deviceAffect(c)]),
  onDom('detach-device', 0.3, (c) => [pos('file', file(c, 'disk.xml', 'none.xml')), ...deviceAffect(c)]),
  onDom('update-device', 0.3, (c) => [pos('file', file(c, 'disk.xml', 'none.xml')), ...deviceAffect(c), flag('force', 0.2)]),
  onDom('detach-device-alias', 0.3, (c) => [pos('alias', c.r.pick(['ua-disk', 'net0', ''])), ...affect(c)]),
  onDom('attach-disk', 0.6, (c) => [pos('source', c.r.pick(['/tmp/a.img', '', '/dev/null', "a'b<c>"])), pos('target', c.r.pick(['vdb', 'sdc', 'hdd', ''])),
    named('driver', c.r.pick(['qemu', 'file']), 0.2), named('subdriver', 'qcow2', 0.15), named('type', c.r.pick(['cdrom', 'disk']), 0.2),
    named('mode', c.r.pick(['readonly', 'shareable', 'bogus']), 0.15), flag('shareable', 0.05), named('sourcetype', c.r.pick(['file', 'block', 'network', 'x']), 0.15),
    named('address', c.r.pick(ADDRESSES), 0.25), flag('multifunction', 0.1), named('wwn', c.r.pick(['0x1234567890abcdef', '12', 'x']), 0.1),
    named('serial', 's1', 0.1), named('alias', 'ua-x', 0.1), named('cache', 'none', 0.1), flag('rawio', 0.05),
    named('source-protocol', c.r.pick(['rbd', 'nbd']), 0.15), named('source-host-name', c.r.pick(['h', 'h:6789']), 0.1),
    flag('print-xml', 0.5), ...deviceAffect(c)]),
  onDom('attach-interface', 0.6, (c) => [pos('type', c.r.pick(['network', 'bridge', 'direct', 'hostdev', 'vhostuser', 'user', 'bogus'])),
    pos('source', c.r.pick(['default', 'br0', '0000:00:1f.0', '/sock', ''])), named('mac', '52:54:00:00:00:09', 0.2), named('target', 'vnet9', 0.15),
    named('model', 'virtio', 0.15), named('inbound', c.r.pick(['100,200,300', '0', ',,,5', 'x', '1,2,3,4,5']), 0.2),
    named('outbound', c.r.pick(['10', '1,,,4', ',2']), 0.15), named('source-mode', c.r.pick(['client', 'server', 'x']), 0.2), flag('managed', 0.1),
    flag('print-xml', 0.5), ...deviceAffect(c)]),
  onDom('detach-disk', 0.5, (c) => [pos('target', c.r.pick(['vda', 'hdc', '/guest/diskimage1', '/var/lib/demo.img', 'nodev'])), flag('print-xml', 0.5), ...deviceAffect(c)]),
  onDom('detach-interface', 0.5, (c) => [pos('type', c.r.pick(['network', 'bridge', ''])),
    named('mac', c.r.pick(['aa:bb:cc:dd:ee:ff', '52:54:0:11:22:33', '00:11:22:33:44:55']), 0.4), flag('print-xml', 0.5), ...deviceAffect(c)]),
  onDom('change-media', 0.5, (c) => [pos('path', c.r.pick(['hdc', 'vda', 'fda', '/tmp/cd.iso'])), named('source', c.r.pick(['/tmp/new.iso', '/dev/sr0', '']), 0.6),
    flag('eject', 0.2), flag('insert', 0.2), flag('update', 0.15), flag('block', 0.1), flag('force', 0.1), flag('print-xml', 0.5), ...affect(c)]),
  onDom('domif-getlink', 0.5, (c) => [pos('interface', c.r.pick(IFACES)), flag('config', 0.2), flag('persistent', 0.05)]),
  onDom('domif-setlink', 0.5, (c) => [pos('interface', c.r.pick(IFACES)), pos('state', c.r.pick(['up', 'down', 'sideways'])), flag('config', 0.2),
    flag('print-xml', 0.5)]),
  onDom('update-memory-device', 0.3, (c) => [named('alias', c.r.pick(['ua-mem0', 'nope']), 0.3), named('node', c.r.pick(['0', '1', 'x']), 0.2),
    named('requested-size', c.r.pick(['1G', '1000', 'x']), 0.3), flag('print-xml', 0.5), ...affect(c)]),
  onDom('blockresize', 0.4, (c) => [pos('path', c.r.pick(DISKS)), pos('size', size(c, SIZES))]),
  onDom('domblkthreshold', 0.3, (c) => [pos('dev', c.r.pick(DISKS)), pos('threshold', c.r.pick(SIZES))]),
  onDom('blockjob', 0.5, (c) => [pos('path', c.r.pick(DISKS)), ...some(c, ['abort', 'async', 'pivot', 'info', 'bytes', 'raw'], 0.15),
    named('bandwidth', c.r.pick(BANDWIDTHS), 0.15)]),
  onDom('blockpull', 0.4, (c) => [pos('path', c.r.pick(DISKS)), named('base', '/b.img', 0.2), named('bandwidth', c.r.pick(BANDWIDTHS), 0.2),
    named('timeout', c.r.pick(['0', '5', 'x']), 0.1), ...some(c, ['wait', 'verbose', 'async', 'keep-relative', 'bytes'], 0.12)]),
  onDom('blockcommit', 0.4, (c) => [pos('path', c.r.pick(DISKS)), named('base', '/b.img', 0.15), named('top', '/t.img', 0.15),
    named('bandwidth', c.r.pick(BANDWIDTHS), 0.15), named('timeout', c.r.pick(['0', '5', '3000000']), 0.1),
    ...some(c, ['shallow', 'active', 'delete', 'wait', 'verbose', 'pivot', 'keep-overlay', 'async', 'keep-relative', 'bytes'], 0.1)]),
  onDom('blockcopy', 0.4, (c) => [pos('path', c.r.pick(DISKS)), named('dest', c.r.pick(['/tmp/copy.img', "a'b"]), 0.7), named('xml', file(c, 'disk.xml', 'none.xml'), 0.15),
    named('format', c.r.pick(['raw', 'qcow2']), 0.2), flag('raw', 0.05), named('bandwidth', c.r.pick(BANDWIDTHS), 0.15), named('granularity', c.r.pick(['512', 'x']), 0.1),
    named('buf-size', '4096', 0.1), named('timeout', c.r.pick(['0', '5']), 0.1),
    ...some(c, ['shallow', 'reuse-external', 'blockdev', 'wait', 'verbose', 'pivot', 'finish', 'async', 'bytes', 'transient-job', 'print-xml'], 0.1)]),
  onDom('setvcpu', 0.4, (c) => [pos('vcpulist', c.r.pick(CPULISTS)), flag('enable', 0.4), flag('disable', 0.4), ...affect(c)]),
  onDom('guestvcpus', 0.4, (c) => [named('cpulist', c.r.pick(CPULISTS), 0.4), flag('enable', 0.3), flag('disable', 0.3)]),
  onDom('dompmsuspend', 0.4, (c) => [pos('target', c.r.pick(['mem', 'disk', 'hybrid', 'bogus', ''])), named('duration', c.r.pick(['0', '30', '-1', 'x']), 0.3)]),
  onDom('dompmwakeup', 0.3),
  // host interfaces: definition, start/stop, the change transaction, name <-> MAC
  spec('iface-define', 0.3, (c) => [pos('file', file(c, 'iface.xml', 'bad.xml', 'none.xml', 'demo.xml')), flag('validate', 0.2)]),
  ...['iface-undefine', 'iface-start', 'iface-destroy'].map((name) => spec(name, 0.3, (c) => [pos('interface', iface(c))])),
  spec('iface-begin', 0.2), spec('iface-commit', 0.2), spec('iface-rollback', 0.2),
  spec('iface-mac', 0.2, (c) => [pos('interface', iface(c))]), spec('iface-name', 0.2, (c) => [pos('interface', iface(c))]),
  // host: limits, pages, CPU map, tunables the test driver lacks, capabilities, CPU documents
  spec('maxvcpus', 0.2, (c) => [named('type', c.r.pick(['kvm', 'qemu', 'test', '']), 0.3)]),
  spec('nodecpumap', 0.2, (c) => [flag('pretty', 0.5)]),
  spec('freepages', 0.3, (c) => [named('cellno', c.r.pick(['0', '1', '-1', '-2', 'x']), 0.6), named('pagesize', c.r.pick(['4', '2M', '1G', '3', '4x', '0']), 0.6), flag('all', 0.3)]),
  spec('allocpages', 0.2, (c) => [pos('pagesize', c.r.pick(['4', '2M', 'x'])), pos('pagecount', c.r.pick(['1', '0', '-1', 'x'])),
    named('cellno', c.r.pick(['0', 'x']), 0.2), flag('add', 0.2), flag('all', 0.2)]),
  spec('node-memory-tune', 0.2, (c) => [named('shm-pages-to-scan', c.r.pick(['10', 'x', '-1']), 0.3), named('shm-sleep-millisecs', '20', 0.2)]),
  spec('nodesuspend', 0.2, (c) => [pos('target', c.r.pick(['mem', 'disk', 'hybrid', 'bogus'])), pos('duration', c.r.pick(['60', '-1', 'x']))]),
  spec('nodesevinfo', 0.1), spec('pool-capabilities', 0.1),
  spec('domcapabilities', 0.2, (c) => [named('virttype', c.r.pick(['kvm', '']), 0.3), named('arch', 'x86_64', 0.3), named('machine', 'pc', 0.2)]),
  ...['cpu-compare', 'hypervisor-cpu-compare'].map((name) => spec(name, 0.2, (c) => [pos('file', file(c, 'cpu.xml', 'demo.xml', 'bad.xml', 'empty.xml', 'none.xml')),
    flag('error', 0.2), flag('validate', 0.1)])),
  spec('cpu-baseline', 0.2, (c) => [pos('file', file(c, 'demo.xml', 'bad.xml', 'empty.xml', 'none.xml')), flag('features', 0.2), flag('migratable', 0.2)]),
  spec('hypervisor-cpu-baseline', 0.2, (c) => [named('file', file(c, 'cpu.xml', 'bad.xml', 'none.xml'), 0.6), named('model', 'Haswell', 0.3), flag('features', 0.2)]),
  // node devices: lifecycle, binding, information, events
  spec('nodedev-info', 0.2, (c) => [pos('device', device(c))]),
  ...['nodedev-destroy', 'nodedev-undefine', 'nodedev-start', 'nodedev-reattach', 'nodedev-reset'].map((name) => spec(name, 0.15, (c) => [pos('device', device(c))])),
  spec('nodedev-autostart', 0.15, (c) => [pos('device', device(c)), flag('disable', 0.4)]),
  spec('nodedev-detach', 0.15, (c) => [pos('device', device(c)), named('driver', c.r.pick(['vfio', '']), 0.3)]),
  ...['nodedev-create', 'nodedev-define'].map((name) => spec(name, 0.15, (c) => [pos('file', file(c, 'vhba.xml', 'bad.xml', 'demo.xml', 'none.xml')), flag('validate', 0.1)])),
  // secrets and network filters: every call reaches the driver's "not supported"
  spec('secret-list', 0.2, (c) => [flag('ephemeral', 0.2), flag('no-private', 0.1)]),
  ...['secret-dumpxml', 'secret-undefine', 'secret-get-value'].map((name) => spec(name, 0.1, (c) => [pos('secret', c.r.pick([TEST_UUID, 'x', '']))])),
  spec('secret-set-value', 0.1, (c) => [pos('secret', c.r.pick([TEST_UUID, 'x'])), named('base64', 'aGk=', 0.4), named('file', file(c, 'data.bin'), 0.3), flag('plain', 0.2)]),
  spec('secret-define', 0.1, (c) => [pos('file', file(c, 'demo.xml', 'none.xml'))]),
  ...['secret-event', 'nodedev-event'].map((name) => spec(name, 0.1, (c) => [flag('list', 0.3), named('event', c.r.pick(['lifecycle', 'update', 'value-changed', 'bogus']), 0.5),
    named('timeout', '1', 1)])),
  spec('nwfilter-list', 0.1), spec('nwfilter-binding-list', 0.1),
  ...['nwfilter-dumpxml', 'nwfilter-undefine'].map((name) => spec(name, 0.1, (c) => [pos('nwfilter', c.r.pick(['clean-traffic', TEST_UUID]))])),
  ...['nwfilter-binding-dumpxml', 'nwfilter-binding-delete'].map((name) => spec(name, 0.1, (c) => [pos('binding', 'vnet0')])),
  ...['nwfilter-define', 'nwfilter-binding-create'].map((name) => spec(name, 0.1, (c) => [pos('file', file(c, 'demo.xml', 'none.xml'))])),
  // saved-image XML, jobs, migration tuning, guest agent, displays, QEMU/LXC-specific calls, leases and ports
  spec('save-image-dumpxml', 0.5, (c) => [pos('file', file(c, 'a.save', 'b.save', 'none.save')), flag('security-info', 0.2), ...xpath(c)]),
  spec('save-image-define', 0.4, (c) => [pos('file', file(c, 'a.save', 'b.save', 'none.save')), pos('xml', file(c, 'demo.xml', 'bad.xml', 'none.xml')),
    flag('running', 0.15), flag('paused', 0.15)]),
  onDom('managedsave-dumpxml', 0.3, (c) => [flag('security-info', 0.2), ...xpath(c)]),
  onDom('managedsave-define', 0.3, (c) => [pos('xml', file(c, 'demo.xml', 'none.xml')), flag('running', 0.15), flag('paused', 0.15)]),
  onDom('domjobinfo', 0.4, (c) => [flag('completed', 0.2), flag('keep-completed', 0.1), flag('anystats', 0.1), flag('rawstats', 0.1)]),
  onDom('domjobabort', 0.3, () => [flag('postcopy', 0.2)]),
  onDom('migrate-setmaxdowntime', 0.2, (c) => [pos('downtime', c.r.pick(['100', '0', '-1', 'x']))]),
  onDom('migrate-getmaxdowntime', 0.2), onDom('migrate-postcopy', 0.1),
  onDom('migrate-compcache', 0.2, (c) => [named('size', c.r.pick(['1000', '-1', 'x']), 0.4)]),
  onDom('migrate-setspeed', 0.2, (c) => [pos('bandwidth', c.r.pick(['10', '-1', 'x'])), flag('postcopy', 0.2)]),
  onDom('migrate-getspeed', 0.2, () => [flag('postcopy', 0.2)]),
  // virsh 9.0.0's migrate can hang when the call fails before virsh waits for it (runVirsh retries): kept rare.
  onDom('migrate', 0.1, (c) => [pos('desturi', c.r.pick([c.uri('/default'), 'x'])), named('migrateuri', 'tcp://h', 0.1), named('dname', 'moved', 0.1),
    ...some(c, ['live', 'offline', 'p2p', 'direct', 'tunnelled', 'persistent', 'undefinesource', 'suspend', 'copy-storage-all', 'copy-storage-inc',
      'copy-storage-synchronous-writes', 'change-protection', 'verbose', 'compressed', 'postcopy', 'postcopy-resume', 'parallel', 'tls'], 0.08),
    named('timeout', c.r.pick(['5', '0', 'x']), 0.1), flag('timeout-suspend', 0.05), named('graphicsuri', 'spice://h', 0.05),
    named('disks-port', c.r.pick(['0', '49152', 'x']), 0.05), named('comp-methods', 'xbzrle,mt', 0.05), named('bandwidth', c.r.pick(['10', '-1', 'x']), 0.05),
    named('xml', file(c, 'demo.xml', 'none.xml'), 0.05), named('persistent-xml', file(c, 'demo.xml'), 0.03), named('tls-destination', 'h', 0.03)]),
  onDom('guestinfo', 0.3, (c) => some(c, ['user', 'os', 'timezone', 'hostname', 'filesystem', 'disk', 'interface'], 0.2)),
  onDom('get-user-sshkeys', 0.2, (c) => [pos('user', c.r.pick(['root', '']))]),
  onDom('set-user-sshkeys', 0.2, (c) => [pos('user', 'root'), named('file', file(c, 'data.bin', 'empty.xml', 'none.xml'), 0.6), flag('reset', 0.2), flag('remove', 0.2)]),
  onDom('guest-agent-timeout', 0.2, (c) => [named('timeout', c.r.pick(['10', '-2', 'x']), 0.5)]),
  onDom('domlaunchsecinfo', 0.2),
  onDom('domsetlaunchsecstate', 0.2, (c) => [named('secrethdr', file(c, 'data.bin', 'none.xml'), 0.7), named('secret', file(c, 'data.bin'), 0.7),
    named('set-address', c.r.pick(['12', '-1']), 0.2)]),
  onDom('domdirtyrate-calc', 0.2, (c) => [named('seconds', c.r.pick(['1', '0', 'x']), 0.3), named('mode', c.r.pick(['page-sampling', 'dirty-ring', 'bogus']), 0.3)]),
  onDom('dom-fd-associate', 0.2, (c) => [pos('name', 'g'), pos('pass-fds', c.r.pick(['0', '0,1', 'x'])), flag('seclabel-writable', 0.2), flag('seclabel-restore', 0.2)]),
  onDom('backup-begin', 0.2, (c) => [named('backupxml', file(c, 'none.xml', 'snap.xml'), 0.3), flag('reuse-external', 0.2)]),
  onDom('backup-dumpxml', 0.2, xpath),
  onDom('domdisplay', 0.3, (c) => [flag('include-password', 0.2), named('type', c.r.pick(['vnc', 'spice', 'bogus']), 0.2), flag('all', 0.2)]),
  onDom('vncdisplay', 0.2), onDom('ttyconsole', 0.2),
  onDom('screenshot', 0.2, (c) => [named('file', file(c, 'shot.img', '/nonexistent/x'), 1), named('screen', c.r.pick(['0', '1', '-1']), 0.3)]),
  onDom('qemu-monitor-command', 0.2, (c) => [flag('hmp', 0.2), flag('pretty', 0.2), flag('return-value', 0.1), pos('cmd', c.r.pick(['query-status', 'info']))]),
  onDom('qemu-agent-command', 0.2, (c) => [named('timeout', c.r.pick(['5', '0']), 0.2), flag('async', 0.15), flag('block', 0.15), pos('cmd', '{}')]),
  spec('qemu-attach', 0.1, (c) => [pos('pid', c.r.pick(['123', '0', '-1']))]),
  spec('qemu-monitor-event', 0.1, (c) => [named('domain', dom(c), 0.3), named('event', 'X', 0.2), named('timeout', c.r.pick(['1', '0']), 1)]),
  onDom('lxc-enter-namespace', 0.1, () => [pos('cmd', '/bin/true')]),
  onNet('net-dhcp-leases', 0.3, (c) => [named('mac', c.r.pick(['00:11:22:33:44:55', '']), 0.3)]),
  onNet('net-port-list', 0.2, () => [flag('uuid', 0.3), flag('table', 0.2)]),
  onNet('net-port-create', 0.2, (c) => [pos('file', file(c, 'net.xml', 'none.xml')), flag('validate', 0.2)]),
  onNet('net-port-dumpxml', 0.15, (c) => [pos('port', c.r.pick(['6695eb01-f6a4-8304-79aa-97f2502e193f', 'bogus'])), ...xpath(c)]),
  onNet('net-port-delete', 0.15, (c) => [pos('port', c.r.pick(['6695eb01-f6a4-8304-79aa-97f2502e193f', 'bogus']))]),
  // net-update: every section, the element inline or from a file, which <ip> to edit, and where
  onNet('net-update', 1.2, (c) => {
    const [section, elements] = c.r.pick(NET_UPDATES);
    const xml = c.r.chance(0.15) ? file(c, 'dhcp-host.xml', 'none.xml', 'bad.xml') : c.r.pick(elements);
    return [pos('command', c.r.pick(NET_UPDATE_COMMANDS)), pos('section', c.r.chance(0.9) ? section : c.r.pick(NET_UPDATES)[0]), pos('xml', xml),
      named('parent-index', number(c, ['0', '1', '-1']), 0.15), ...affect(c)];
  }),
  // checkpoints from a file, and their redefinition from a dumped description
  onDom('checkpoint-create', 0.4, (c) => [named('xmlfile', file(c, 'chk.xml', 'chk.xml', 'chk-redefine.xml', 'bad.xml', 'empty.xml', 'none.xml'), 0.8),
    flag('redefine', 0.2), flag('redefine-validate', 0.1), flag('quiesce', 0.1)]),
  onDom('snapshot-create', 0.2, (c) => [named('xmlfile', file(c, 'snap-full.xml', 'snap-disk.xml', 'snap.xml'), 1), flag('redefine', 0.6), flag('current', 0.3),
    flag('disk-only', 0.1)]),
  // storage discovery, native configurations, bridges: mostly refused by the test driver
  spec('find-storage-pool-sources', 0.15, (c) => [pos('type', c.r.pick(['logical', 'netfs', 'iscsi', 'dir', 'bogus', ''])),
    pos('srcSpec', file(c, 'pool.xml', 'none.xml'), 0.3)]),
  spec('find-storage-pool-sources-as', 0.15, (c) => [pos('type', c.r.pick(['logical', 'netfs', 'iscsi', 'bogus', ''])), pos('host', c.r.pick(['h', '']), 0.5),
    pos('port', c.r.pick(['3260', 'x']), 0.3), named('initiator', 'iqn.x', 0.1)]),
  spec('domxml-from-native', 0.15, (c) => [pos('format', c.r.pick(['qemu-argv', 'xen-xm', 'bogus'])), pos('config', file(c, 'data.bin', 'none.xml'))]),
  spec('domxml-to-native', 0.15, (c) => [pos('format', c.r.pick(['qemu-argv', 'bogus'])),
    ...(c.r.chance(0.5) ? [named('domain', dom(c), 1)] : [named('xml', file(c, 'demo.xml', 'none.xml'), 1)])]),
  spec('iface-bridge', 0.15, (c) => [pos('interface', iface(c)), pos('bridge', c.r.pick(['br0', ''])), flag('no-stp', 0.2), named('delay', c.r.pick(['0', 'x']), 0.2),
    flag('no-start', 0.2)]),
  spec('iface-unbridge', 0.15, (c) => [pos('bridge', c.r.pick(['br0', 'eth1', ''])), flag('no-start', 0.2)]),
  // the shell's own commands: leaving early (the rest of the session never runs)
  spec('quit', 0.05), spec('exit', 0.05),
];

/** One random command line (possibly a mistaken one) from the vocabulary. */
export function randomCommand(c: Ctx, line: (name: string, args: Arg[]) => string): string {
  const specs = c.leaveOut ? SPECS.filter((x) => !c.leaveOut!.includes(x.name)) : SPECS;
  const s = c.r.weighted(specs.map((x) => [x.weight, x] as const));
  return line(s.name, s.args(c));
}
