/**
 * The objects a generated sequence works on: XML files written into the scenario's directory,
 * a custom node file, and the names (existing, created on the way, or never existing) that
 * commands pick from.
 */
export const TEST_UUID = '6695eb01-f6a4-8304-79aa-97f2502e193f';
export const DEMO_UUID = '4dea22b3-1d52-d8f3-2516-782e98ab3fa0';
export const NET_UUID = 'dd8fe884-6c02-601e-7551-cca97df1c5df';
export const POOL_UUID = 'dfe224cb-28fb-8dd0-c4b2-64eb3f0f4566';

const DEMO = `<domain type='test'>
  <name>demo</name>
  <uuid>${DEMO_UUID}</uuid>
  <title>Demo guest</title>
  <description>first line</description>
  <memory unit='KiB'>524288</memory>
  <currentMemory unit='KiB'>262144</currentMemory>
  <vcpu placement='static' current='1'>4</vcpu>
  <os><type arch='i686'>hvm</type></os>
  <devices>
    <disk type='file' device='disk'><source file='/var/lib/demo.img'/><target dev='vda' bus='virtio'/></disk>
    <interface type='network'><mac address='52:54:00:11:22:33'/><source network='default'/></interface>
    <memballoon model='virtio'/>
  </devices>
</domain>
`;
const TRANSIENT = "<domain type='test'><name>trans</name><uuid>5b8c8f4e-2a6b-4c1e-9f0d-3e7a1c2b4d60</uuid><memory>131072</memory><vcpu>2</vcpu><os><type>hvm</type></os></domain>";
const NET = "<network><name>net2</name><uuid>3c297e0d-d027-4b61-abf3-e4c7791aa5d1</uuid><bridge name='virbr9'/></network>";
const POOL = "<pool type='dir'><name>dirpool</name><uuid>aaf3c0a2-7a35-4d3c-9e47-2a3d2d4e1b11</uuid><target><path>$DIR/store</path></target></pool>";
const VOL = "<volume><name>file.img</name><capacity unit='M'>5</capacity><allocation unit='K'>300</allocation></volume>";

/** The built-in `test` domain as a snapshot redefinition embeds it, with one disk named `disk`. */
const TEST_DOMAIN = (disk: string): string => `<domain type='test'><name>test</name><uuid>${TEST_UUID}</uuid><memory>8192</memory>`
  + `<os><type>hvm</type></os><devices><disk type='file' device='disk'><source file='/guest/diskimage1'/><target dev='${disk}'/></disk></devices></domain>`;

/** A guest with many device kinds and tunables, for the listing, display and tuning commands. */
const RICH = `<domain type='test'>
  <name>rich</name>
  <memory unit='MiB'>512</memory>
  <currentMemory unit='GiB'>0.25</currentMemory>
  <maxMemory slots='16' unit='KiB'>1524288</maxMemory>
  <vcpu placement='static' cpuset='0-1' current='2'>3</vcpu>
  <iothreads>2</iothreads>
  <cputune><shares>2048</shares><vcpupin vcpu='0' cpuset='1'/><emulatorpin cpuset='0'/></cputune>
  <memtune><hard_limit unit='KiB'>1048576</hard_limit></memtune>
  <blkiotune><weight>800</weight></blkiotune>
  <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/><boot dev='cdrom'/></os>
  <features><acpi/><apic/><pae/></features>
  <clock offset='utc'/>
  <on_poweroff>destroy</on_poweroff><on_reboot>restart</on_reboot><on_crash>preserve</on_crash>
  <devices>
    <disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='/var/lib/r.qcow2'/><target dev='vda' bus='virtio'/><alias name='ua-disk'/></disk>
    <disk type='file' device='cdrom'><target dev='hdc' bus='ide'/><readonly/></disk>
    <disk type='block' device='disk'><source dev='/dev/sdz'/><target dev='sda' bus='scsi'/></disk>
    <interface type='bridge'><mac address='aa:bb:cc:dd:ee:ff'/><source bridge='br0'/><model type='virtio'/></interface>
    <interface type='network'><mac address='52:54:00:aa:bb:cd'/><source network='default'/><target dev='vnet5'/></interface>
    <interface type='user'><mac address='52:54:00:aa:bb:ce'/><link state='down'/></interface>
    <graphics type='vnc' port='5901' autoport='no' listen='127.0.0.1' passwd='secret'/>
    <graphics type='spice' port='5902' tlsPort='5903' autoport='no'/>
    <console type='pty'/>
    <memballoon model='virtio'><stats period='10'/></memballoon>
  </devices>
  <seclabel type='none'/>
</domain>
`;

/** A node file: its own host numbers, a running domain with iothreads, a stopped one, a network and a pool with a volume. */
const NODE = `<node>
  <cpu><mhz>2500</mhz><model>gen</model><nodes>1</nodes><sockets>2</sockets><cores>2</cores><threads>1</threads></cpu>
  <memory>4194304</memory>
  <domain type='test'>
    <name>alpha</name><uuid>8b6a2b8e-6f4b-4d8e-9a43-1c1c0b1a2f55</uuid><memory>65536</memory><vcpu>2</vcpu>
    <iothreads>2</iothreads><os><type>hvm</type></os>
    <devices><disk type='file' device='disk'><source file='/a.img'/><target dev='vda' bus='virtio'/></disk></devices>
  </domain>
  <domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>
    <name>beta</name><uuid>0f7e3b0c-7d1a-4a55-8d0e-2b9b1f4c6a77</uuid><memory>32768</memory><os><type>hvm</type></os>
    <test:runstate>5</test:runstate>
  </domain>
  <network><name>netx</name><uuid>9d2c3f1a-6b7e-4f80-a1b2-c3d4e5f60718</uuid><bridge name='virbrx'/></network>
  <pool type='dir'>
    <name>nodepool</name><uuid>35bb2ad9-388a-cdfe-461a-b8907f6e53fe</uuid>
    <target><path>/nodepool</path></target>
    <volume><name>nv.img</name><capacity>1048576</capacity><allocation>4096</allocation></volume>
  </pool>
</node>
`;

/** Files every generated scenario starts with. */
export const FILES: Record<string, string> = {
  'demo.xml': DEMO, 'trans.xml': TRANSIENT, 'net.xml': NET, 'pool.xml': POOL, 'vol.xml': VOL, 'node.xml': NODE,
  'rich.xml': RICH,
  'chk.xml': '<domaincheckpoint><name>fromxml</name><description>from a file</description></domaincheckpoint>',
  'chk-redefine.xml': "<domaincheckpoint><name>c1</name><creationTime>1500000000</creationTime><disks><disk name='vda' checkpoint='bitmap' bitmap='c1'/></disks></domaincheckpoint>",
  // Redefinitions carry the test domain (one without a domain makes libvirt log a warning with the time and its PID)
  'snap-full.xml': `<domainsnapshot><name>s1</name><state>running</state><creationTime>1500000000</creationTime><memory snapshot='internal'/>${TEST_DOMAIN('vda')}</domainsnapshot>`,
  'snap-disk.xml': `<domainsnapshot><name>s2</name><state>disk-snapshot</state><creationTime>1500000000</creationTime><parent><name>s1</name></parent>${TEST_DOMAIN('vdz')}</domainsnapshot>`,
  'dhcp-host.xml': "<host mac='00:16:3e:77:e2:ee' name='fromfile' ip='192.168.122.20'/>",
  'bad.xml': '<domain', 'empty.xml': '', 'disk.xml': "<disk type='file' device='disk'><source file='/tmp/a.img'/><target dev='vdb'/></disk>",
  'snap.xml': '<domainsnapshot><name>fromxml</name><description>from a file</description></domainsnapshot>', 'data.bin': 'some bytes\n',
  'iface.xml': "<interface type='ethernet' name='eth7'><start mode='onboot'/><mac address='aa:bb:cc:dd:ee:07'/></interface>",
  'cpu.xml': "<cpu><arch>x86_64</arch><model>Haswell</model><vendor>Intel</vendor></cpu>",
  'vhba.xml': "<device><parent>scsi_host11</parent><capability type='scsi_host'><capability type='fc_host'/></capability></device>",
};

/** Names per object kind, for one connection kind: what exists, what a sequence may create, what never exists. */
export interface Names {
  domains: string[];
  networks: string[];
  pools: string[];
  /** Volumes as [pool, name] pairs. */
  volumes: [string, string][];
}

export const DEFAULT_NAMES: Names = {
  domains: ['test', '1', TEST_UUID, 'demo', DEMO_UUID, 'trans', 'rich', '2', '3', 'nope', '99'],
  networks: ['default', NET_UUID, 'net2', 'nope'],
  pools: ['default-pool', POOL_UUID, 'dirpool', 'nope'],
  volumes: [['default-pool', 'v1.img'], ['default-pool', 'file.img'], ['dirpool', 'd.img'], ['default-pool', 'nope'], ['nope', 'x']],
};

export const NODE_NAMES: Names = {
  domains: ['alpha', 'beta', '1', 'demo', 'trans', 'rich', 'test', 'nope', '8b6a2b8e-6f4b-4d8e-9a43-1c1c0b1a2f55'],
  networks: ['netx', 'net2', 'default', 'nope'],
  pools: ['nodepool', 'dirpool', 'default-pool', 'nope'],
  volumes: [['nodepool', 'nv.img'], ['nodepool', 'v1.img'], ['dirpool', 'd.img'], ['nodepool', 'nope']],
};
