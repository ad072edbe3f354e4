/**
 * Seeded custom node files for the test driver (test:///path/node.xml) and the session of read
 * commands and state changes run on each: varied host CPU facts (odd, zero and missing values
 * included), domains in every run state, transient, with managed save, snapshots, taint sources
 * and devices, networks, pools with volumes, interfaces and node devices, inline or in files named
 * by `file=`; a share of them broken in one of the ways libvirt refuses when it opens them.
 */
import type { Scenario } from '../harness.js';
import { Rng } from './rng.js';

const TEST_NS = 'http://libvirt.org/schemas/domain/test/1.0';

interface Built {
  /** The element as it appears in the node file (inline, or a `file=` reference). */
  element: string;
}

/** What the generator made, for choosing commands. */
interface Made {
  domains: { name: string; snapshots: string[] }[];
  networks: string[];
  pools: { name: string; volumes: string[] }[];
  interfaces: string[];
  devices: string[];
}

class NodeFileBuilder {
  readonly files: Record<string, string> = {};
  readonly made: Made = { domains: [], networks: [], pools: [], interfaces: [], devices: [] };
  #fileCount = 0;

  constructor(readonly rng: Rng) {}

  uuid(): string {
    const hex = Array.from({ length: 32 }, () => '0123456789abcdef'[this.rng.int(0, 15)]).join('');
    const dashed = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    return this.rng.chance(0.2) ? hex : dashed;
  }

  /** Inline, or (sometimes) moved into its own file and referenced with `file=`. */
  place(tag: string, xml: string, nsDecl = ''): Built {
    if (!this.rng.chance(0.3)) return { element: xml };
    const name = `${tag}-${this.#fileCount++}.xml`;
    this.files[name] = nsDecl ? xml.replace(new RegExp(`^<${tag}`), `<${tag} ${nsDecl}`) : xml;
    return { element: `<${tag} file='${this.rng.chance(0.5) ? name : `./${name}`}'/>` };
  }

  cpu(): string {
    const r = this.rng;
    const value = (): string => r.weighted([[6, String(r.pick([1, 2, 4, 8]))], [1, '0'], [1, '3'], [1, ' 2 '], [1, '16']]);
    const parts = ['nodes', 'sockets', 'cores', 'threads', 'active', 'mhz']
      .filter(() => r.chance(0.7))
      .map((name) => `<${name}>${name === 'mhz' ? r.pick(['2400', '6000', '0', '1']) : name === 'active' ? r.pick(['1', '3', '50', '0']) : value()}</${name}>`);
    if (r.chance(0.6)) parts.push(`<model>${r.pick(['i686', 'x86_64', 'i986', 'Model with spaces'])}</model>`);
    const memory = r.chance(0.7) ? `<memory>${r.pick(['8192000', '1048576', '0', '4294967296'])}</memory>` : '';
    return `${r.chance(0.85) ? `<cpu>${r.shuffle(parts).join('')}</cpu>` : ''}${memory}`;
  }

  disk(i: number): string {
    const r = this.rng;
    const kind = r.weighted([[4, 'file'], [2, 'block'], [2, 'cdrom-file'], [1, 'cdrom-block'], [1, 'cdrom-empty'], [1, 'floppy'], [1, 'lun']] as const);
    const dev = r.pick(kind === 'floppy' ? ['fda', 'fdb'] : kind === 'lun' ? ['sda', 'sdb'] : ['hda', 'hdb', 'hdc', 'hdd', 'vda', 'vdb', 'sda', 'sdc', 'xvda']);
    const bus = r.chance(0.5) ? '' : ` bus='${dev.startsWith('vd') ? 'virtio' : dev.startsWith('sd') ? 'scsi' : dev.startsWith('fd') ? 'fdc' : dev.startsWith('xvd') ? 'xen' : 'ide'}'`;
    const target = `<target dev='${dev}'${bus}/>`;
    switch (kind) {
      case 'file': return `<disk type='file' device='disk'><source file='/img/d${i}.img'/>${target}</disk>`;
      case 'block': return `<disk type='block' device='disk'><source dev='/dev/sd${'wxyz'[i % 4]}'/>${target}</disk>`;
      case 'cdrom-file': return `<disk type='file' device='cdrom'><source file='/iso/c${i}.iso'/>${target}<readonly/></disk>`;
      case 'cdrom-block': return `<disk type='block' device='cdrom'><source dev='/dev/sr${i}'/>${target}<readonly/></disk>`;
      case 'cdrom-empty': return `<disk type='block' device='cdrom'>${target}<readonly/></disk>`;
      case 'floppy': return `<disk type='file' device='floppy'><source file='/img/f${i}.img'/>${target}</disk>`;
      case 'lun': return `<disk type='block' device='lun'${r.chance(0.6) ? ` rawio='${r.pick(['yes', 'no'])}'` : ''}><source dev='/dev/sg${i}'/>${target}</disk>`;
    }
  }

  nic(i: number): string {
    const r = this.rng;
    const mac = `<mac address='52:54:00:${[i, r.int(0, 255), r.int(0, 255)].map((n) => n.toString(16).padStart(2, '0')).join(':')}'/>`;
    const script = r.chance(0.3) ? `<script path='${r.pick(['vif-bridge', '/etc/qemu-ifup'])}'/>` : '';
    const model = r.chance(0.4) ? `<model type='${r.pick(['virtio', 'e1000', 'rtl8139'])}'/>` : '';
    const target = r.chance(0.2) ? `<target dev='tap${i}'/>` : '';
    switch (r.pick(['network', 'bridge', 'ethernet', 'user'])) {
      case 'network': return `<interface type='network'><source network='${r.pick(['default', 'n0', 'n1'])}'/>${mac}${script}${target}${model}</interface>`;
      case 'bridge': return `<interface type='bridge'><source bridge='br${i}'/>${mac}${script}${target}${model}</interface>`;
      case 'ethernet': return `<interface type='ethernet'>${mac}${script}${target}${model}</interface>`;
      default: return `<interface type='user'>${mac}${model}</interface>`;
    }
  }

  blkiotune(): string {
    const r = this.rng;
    const fields = ['weight', 'read_iops_sec', 'write_iops_sec', 'read_bytes_sec', 'write_bytes_sec'];
    const devices = Array.from({ length: r.int(0, 2) }, (_, i) => {
      const set = r.shuffle(fields).filter(() => r.chance(0.6)).map((f) => `<${f}>${r.pick(['700', '0', '100', '1000000'])}</${f}>`);
      return `<device><path>/dev/hd${'ab'[i]}</path>${set.join('')}</device>`;
    });
    return `<blkiotune>${r.chance(0.7) ? `<weight>${r.pick(['800', '0', '100'])}</weight>` : ''}${devices.join('')}</blkiotune>`;
  }

  snapshot(domain: string, name: string, parent: string | undefined, current: boolean, domainXML: string): string {
    const r = this.rng;
    const state = r.pick(['running', 'shutoff', 'paused']);
    return `<test:domainsnapshot><name>${name}</name>${r.chance(0.4) ? `<description>snapshot ${name} of ${domain}</description>` : ''}`
      + `<state>${state}</state>${parent ? `<parent><name>${parent}</name></parent>` : ''}<creationTime>${1700000000 + r.int(0, 999999)}</creationTime>`
      + `${r.chance(0.7) ? `<memory snapshot='${state === 'shutoff' ? 'no' : 'internal'}'/>` : ''}${domainXML}`
      + `<active>${current ? 1 : 0}</active></test:domainsnapshot>`;
  }

  domain(i: number): Built {
    const r = this.rng;
    const name = r.chance(0.1) ? `dom ${i}` : `d${i}`;
    const runstate = r.weighted([[5, 1], [2, 3], [3, 5], [1, 2], [1, 4], [1, 6], [1, 7], [1, 0]] as const);
    const transient = runstate !== 5 && r.chance(0.2);
    const managedSave = runstate === 5 && r.chance(0.3);
    const disks = Array.from({ length: r.int(0, 4) }, (_, k) => this.disk(k));
    const nics = Array.from({ length: r.int(0, 2) }, (_, k) => this.nic(k));
    const extraDevices = [
      r.chance(0.15) ? `<hostdev mode='subsystem' type='scsi'${r.chance(0.6) ? ` rawio='${r.pick(['yes', 'no'])}'` : ''}><source><adapter name='scsi_host0'/><address bus='0' target='0' unit='${i}'/></source></hostdev>` : '',
      r.chance(0.3) ? `<graphics type='vnc' port='${5900 + i}'${r.chance(0.3) ? " passwd='secret'" : ''}/>` : '',
      r.chance(0.3) ? "<console type='pty'/>" : '',
    ].join('');
    const arch = r.chance(0.4) ? ` arch='${r.pick(['i686', 'x86_64'])}'` : '';
    const os = `<os><type${arch}>hvm</type>${r.chance(0.1) ? '<dtb>/boot/board.dtb</dtb>' : ''}${r.chance(0.4) ? `<boot dev='${r.pick(['hd', 'cdrom', 'network'])}'/>` : ''}</os>`;
    const cpu = r.weighted([[6, ''], [2, `<cpu${r.chance(0.5) ? " mode='custom'" : ''}><model>Deprecated-Test</model></cpu>`],
      [1, "<cpu mode='host-model'><model>Deprecated-Test</model></cpu>"], [1, "<cpu><topology sockets='1' dies='1' cores='2' threads='1'/></cpu>"]]);
    const vcpu = r.chance(0.3) ? `<vcpu placement='static' current='1'>${r.int(1, 4)}</vcpu>` : `<vcpu>${r.int(1, 4)}</vcpu>`;
    const memory = `<memory>${r.pick(['65536', '524288', '1048576'])}</memory>${r.chance(0.4) ? '<currentMemory>32768</currentMemory>' : ''}`;
    const body = `<name>${name}</name><uuid>${this.uuid()}</uuid>${r.chance(0.2) ? `<title>title of ${i}</title>` : ''}`
      + `${memory}${r.chance(0.2) ? this.blkiotune() : ''}${vcpu}${r.chance(0.2) ? `<iothreads>${r.int(1, 3)}</iothreads>` : ''}${os}${cpu}`
      + `<devices>${r.shuffle(disks).join('')}${nics.join('')}${extraDevices}</devices>`;
    const snapshots: string[] = [];
    const snapshotXML: string[] = [];
    const count = r.weighted([[5, 0], [2, 1], [2, 2], [2, 4]] as const);
    const currentAt = r.chance(0.7) ? r.int(0, count - 1) : -1;
    for (let k = 0; k < count; k++) {
      const sname = `s${k}`;
      const parent = k > 0 && r.chance(0.7) ? r.pick(snapshots) : undefined;
      const inner = `<domain type='test'>${body}</domain>`;
      snapshotXML.push(this.snapshot(name, sname, parent, k === currentAt, inner));
      snapshots.push(sname);
    }
    const ns = [
      runstate !== 1 || r.chance(0.2) ? `<test:runstate>${runstate}</test:runstate>` : '',
      transient ? '<test:transient/>' : '',
      managedSave ? '<test:hasmanagedsave/>' : '',
      ...snapshotXML,
    ].join('');
    this.made.domains.push({ name, snapshots });
    const xml = `<domain type='test'>${body}${ns}</domain>`;
    return this.place('domain', xml, `xmlns:test='${TEST_NS}'`);
  }

  network(i: number): Built {
    const r = this.rng;
    const name = `n${i}`;
    this.made.networks.push(name);
    const forward = r.weighted([[3, ''], [2, "<forward mode='nat'/>"], [1, "<forward dev='eth0'/>"], [1, "<forward mode='route'/>"], [1, "<forward mode='bridge'/>"]]);
    const ip = forward.includes('bridge') ? '' : `<ip address='192.168.${100 + i}.1' netmask='255.255.255.0'>${r.chance(0.6) ? `<dhcp><range start='192.168.${100 + i}.2' end='192.168.${100 + i}.254'/></dhcp>` : ''}</ip>`;
    const bridge = forward.includes('bridge') ? "<bridge name='br0'/>" : r.chance(0.8) ? `<bridge name='virbr${10 + i}'/>` : '';
    return this.place('network', `<network><name>${name}</name><uuid>${this.uuid()}</uuid>${forward}${bridge}${ip}</network>`);
  }

  pool(i: number): Built {
    const r = this.rng;
    const name = `p${i}`;
    const type = r.pick(['dir', 'dir', 'fs', 'netfs', 'logical', 'disk', 'iscsi']);
    const source = {
      dir: '', fs: `<source><device path='/dev/vd${'bcd'[i % 3]}'/></source>`, netfs: `<source><host name='nfs${i}.example'/><dir path='/export'/></source>`,
      logical: `<source><name>vg${i}</name></source>`, disk: `<source><device path='/dev/sd${'bcd'[i % 3]}'/></source>`,
      iscsi: `<source><host name='iscsi.example'/><device path='iqn.2013-06.com.example:iscsi-pool${i}'/></source>`,
    }[type]!;
    const path = type === 'iscsi' ? '/dev/disk/by-path' : type === 'logical' ? `/dev/vg${i}` : type === 'disk' ? '/dev' : `/pool${i}`;
    const volumes: string[] = [];
    const volXML = Array.from({ length: r.int(0, 3) }, (_, k) => {
      const vname = type === 'disk' ? `sd${'bcd'[i % 3]}${k + 1}` : `v${k}.img`;
      volumes.push(vname);
      const capacity = r.pick(['1000000', "<capacity unit='MiB'>10</capacity>", "<capacity unit='G'>1</capacity>"]);
      const cap = capacity.startsWith('<') ? capacity : `<capacity>${capacity}</capacity>`;
      const alloc = r.chance(0.6) ? `<allocation>${r.pick(['0', '50000', '4096'])}</allocation>` : '';
      const target = r.chance(0.3) ? `<target><path>${path}/explicit-${k}</path>${r.chance(0.5) ? "<format type='qcow2'/>" : ''}</target>` : r.chance(0.3) ? '<target/>' : '';
      const key = r.chance(0.2) ? `<key>key-${i}-${k}</key>` : '';
      return this.place('volume', `<volume><name>${vname}</name>${key}${cap}${alloc}${target}</volume>`).element;
    });
    this.made.pools.push({ name, volumes });
    const perms = r.chance(0.3) ? '<permissions><mode>0700</mode><owner>107</owner><group>107</group></permissions>' : '';
    const xml = `<pool type='${type}'><name>${name}</name><uuid>${this.uuid()}</uuid>${source}<target><path>${path}</path>${perms}</target>${volXML.join('')}</pool>`;
    // A pool moved into its own file takes its volumes along inline.
    return this.place('pool', xml);
  }

  iface(i: number): Built {
    const r = this.rng;
    const name = r.pick(['eth', 'ens', 'br']) + i;
    this.made.interfaces.push(name);
    const xml = name.startsWith('br')
      ? `<interface type='bridge' name='${name}'><start mode='onboot'/><protocol family='ipv4'><dhcp/></protocol><bridge stp='off'><interface type='ethernet' name='eth9${i}'><mac address='aa:bb:cc:00:01:0${i}'/></interface></bridge></interface>`
      : `<interface type='ethernet' name='${name}'>${r.chance(0.7) ? `<start mode='${r.pick(['onboot', 'none', 'hotplug'])}'/>` : ''}<mac address='aa:bb:cc:00:00:0${i}'/>`
        + `${r.chance(0.5) ? `<protocol family='ipv4'><ip address='192.168.0.${10 + i}' prefix='24'/></protocol>` : ''}</interface>`;
    return this.place('interface', xml);
  }

  device(i: number): Built {
    const r = this.rng;
    const name = r.chance(0.5) ? `dev_${i}` : `pci_0000_00_0${i}_0`;
    this.made.devices.push(name);
    const parent = i > 0 && r.chance(0.6) ? `<parent>${r.pick(this.made.devices.slice(0, -1))}</parent>` : r.chance(0.3) ? '<parent>computer</parent>' : '';
    const cap = r.weighted([
      [2, "<capability type='system'><hardware><vendor>Libvirt</vendor><version>Test</version><serial>1</serial><uuid>11111111-2222-3333-4444-555555555555</uuid></hardware></capability>"],
      [3, `<capability type='pci'><class>0x060000</class><domain>0</domain><bus>0</bus><slot>${i}</slot><function>0</function><product id='0x1237'>440FX</product><vendor id='0x8086'>Intel</vendor></capability>`],
      [2, `<capability type='net'><interface>eth${i}</interface><address>aa:bb:cc:dd:ee:0${i}</address></capability>`],
      [1, `<capability type='storage'><block>/dev/sd${i}</block><drive_type>disk</drive_type><model>Disk</model><vendor>ATA</vendor><size>${1 << 20}</size></capability>`],
    ]);
    return this.place('device', `<device><name>${name}</name>${parent}${cap}</device>`);
  }
}

/** The ways a node file gets broken: each returns the file content (or changes the builder's files). */
const BREAKAGES: [string, (xml: string, b: NodeFileBuilder) => string][] = [
  // Early in the file: past a few kilobytes libxml2 has dropped the start of a long line from the
  // context libvirt quotes, which tsvirt does not imitate.
  ['truncated', (xml) => xml.slice(0, Math.min(Math.floor(xml.length / 2), 200))],
  ['not a node', (xml) => xml.replace(/^<node\b/, '<nodes').replace(/<\/node>$/, '</nodes>')],
  ['runstate out of range', (xml) => xml.replace(/(<domain type='test'>)/, `$1<test:runstate>9</test:runstate>`)],
  ['runstate not a number', (xml) => xml.replace(/(<domain type='test'>)/, `$1<test:runstate>paused</test:runstate>`)],
  ['transient shutoff', (xml) => `${xml.slice(0, -7)}<domain type='test'><name>tz</name><memory>1024</memory><os><type>hvm</type></os><test:transient/><test:runstate>5</test:runstate></domain></node>`],
  ['managed save running', (xml) => `${xml.slice(0, -7)}<domain type='test'><name>mz</name><memory>1024</memory><os><type>hvm</type></os><test:hasmanagedsave/></domain></node>`],
  ['missing file', (xml) => `${xml.slice(0, -7)}<network file='nosuch.xml'/></node>`],
  ['duplicate domain name', (xml) => `${xml.slice(0, -7)}<domain type='test'><name>dup</name><uuid>4a4a4a4a-0000-4000-8000-000000000005</uuid><memory>1024</memory><os><type>hvm</type></os></domain><domain type='test'><name>dup</name><uuid>4a4a4a4a-0000-4000-8000-000000000006</uuid><memory>1024</memory><os><type>hvm</type></os></domain></node>`],
  ['duplicate domain uuid', (xml) => `${xml.slice(0, -7)}${['u1', 'u2'].map((n) => `<domain type='test'><name>${n}</name><uuid>11111111-2222-3333-4444-555555555555</uuid><memory>1024</memory><os><type>hvm</type></os></domain>`).join('')}</node>`],
  ['duplicate network', (xml) => `${xml.slice(0, -7)}<network><name>nd</name><uuid>4a4a4a4a-0000-4000-8000-000000000001</uuid></network><network><name>nd</name><uuid>4a4a4a4a-0000-4000-8000-000000000002</uuid></network></node>`],
  ['duplicate pool', (xml) => `${xml.slice(0, -7)}<pool type='dir'><name>pd</name><uuid>4a4a4a4a-0000-4000-8000-000000000003</uuid><target><path>/a</path></target></pool><pool type='dir'><name>pd</name><uuid>4a4a4a4a-0000-4000-8000-000000000004</uuid><target><path>/b</path></target></pool></node>`],
  ['duplicate volume', (xml) => `${xml.slice(0, -7)}<pool type='dir'><name>pv</name><target><path>/a</path></target><volume><name>x</name><capacity>1</capacity></volume><volume><name>x</name><capacity>1</capacity></volume></pool></node>`],
  ['duplicate volume path', (xml) => `${xml.slice(0, -7)}<pool type='dir'><name>pw</name><uuid>4a4a4a4a-0000-4000-8000-000000000007</uuid><target><path>/a</path></target><volume><name>x</name><capacity>1</capacity></volume><volume><name>y</name><capacity>1</capacity><target><path>/a/x</path></target></volume></pool></node>`],
  ['duplicate interface', (xml) => `${xml.slice(0, -7)}<interface type='ethernet' name='ethd'/><interface type='ethernet' name='ethd'/></node>`],
  ['duplicate device', (xml) => `${xml.slice(0, -7)}<device><name>dd</name><capability type='system'><hardware><uuid>4a4a4a4a-0000-4000-8000-000000000008</uuid></hardware></capability></device><device><name>dd</name><capability type='pci'><domain>0</domain><bus>0</bus><slot>1</slot><function>0</function></capability></device></node>`],
  ['bad cpu number', (xml) => xml.replace(/^<node([^>]*)>/, `<node$1><cpu><cores>${'x'}</cores></cpu>`)],
  ['negative memory', (xml) => xml.replace(/^<node([^>]*)>/, '<node$1><memory>-5</memory>')],
  ['bad pool type', (xml) => `${xml.slice(0, -7)}<pool type='nosuch'><name>pt</name><target><path>/a</path></target></pool></node>`],
  ['volume without name', (xml) => `${xml.slice(0, -7)}<pool type='dir'><name>pn</name><target><path>/a</path></target><volume><capacity>1</capacity></volume></pool></node>`],
  ['device without capability', (xml) => `${xml.slice(0, -7)}<device><name>nocap</name></device></node>`],
  ['system device without uuid', (xml) => `${xml.slice(0, -7)}<device><name>nouuid</name><capability type='system'><hardware><vendor>x</vendor></hardware></capability></device></node>`],
  ['system device with bad uuid', (xml) => `${xml.slice(0, -7)}<device><name>baduuid</name><capability type='system'><hardware><uuid>1234</uuid></hardware></capability></device></node>`],
  ['device without name', (xml) => `${xml.slice(0, -7)}<device><capability type='system'/></device></node>`],
  ['bad interface', (xml) => `${xml.slice(0, -7)}<interface type='nosuch' name='x'/></node>`],
  ['network without name', (xml) => `${xml.slice(0, -7)}<network><bridge name='virbr77'/></network></node>`],
  ['domain without name', (xml) => `${xml.slice(0, -7)}<domain type='test'><memory>1024</memory><os><type>hvm</type></os></domain></node>`],
  ['empty auth user', (xml) => `${xml.slice(0, -7)}<auth><user password='x'></user></auth></node>`],
  ['two current snapshots', (xml) => `${xml.slice(0, -7)}<domain type='test'><name>ts</name><memory>1024</memory><os><type>hvm</type></os>${['a', 'b'].map((n) => `<test:domainsnapshot><name>${n}</name><state>shutoff</state><creationTime>1</creationTime><domain type='test'><name>x</name><memory>1024</memory><os><type>hvm</type></os></domain><active>1</active></test:domainsnapshot>`).join('')}</domain></node>`],
  ['snapshot without active', (xml) => `${xml.slice(0, -7)}<domain type='test'><name>ta</name><memory>1024</memory><os><type>hvm</type></os><test:domainsnapshot><name>a</name><state>shutoff</state><creationTime>1</creationTime><domain type='test'><name>x</name><memory>1024</memory><os><type>hvm</type></os></domain></test:domainsnapshot></domain></node>`],
  ['snapshot without creation time', (xml) => `${xml.slice(0, -7)}<domain type='test'><name>tc</name><memory>1024</memory><os><type>hvm</type></os><test:domainsnapshot><name>a</name><state>shutoff</state><domain type='test'><name>x</name><memory>1024</memory><os><type>hvm</type></os></domain><active>0</active></test:domainsnapshot></domain></node>`],
  ['snapshot with unknown parent', (xml) => `${xml.slice(0, -7)}<domain type='test'><name>tp</name><memory>1024</memory><os><type>hvm</type></os><test:domainsnapshot><name>a</name><state>shutoff</state><parent><name>zz</name></parent><creationTime>1</creationTime><domain type='test'><name>x</name><memory>1024</memory><os><type>hvm</type></os></domain><active>0</active></test:domainsnapshot></domain></node>`],
  ['snapshot wrapped in domainsnapshot', (xml) => `${xml.slice(0, -7)}<domain type='test'><name>tw</name><memory>1024</memory><os><type>hvm</type></os><test:domainsnapshot><domainsnapshot><name>a</name><state>shutoff</state><creationTime>1</creationTime><domain type='test'><name>x</name><memory>1024</memory><os><type>hvm</type></os></domain><active>0</active></domainsnapshot></test:domainsnapshot></domain></node>`],
  ['duplicate snapshot', (xml) => `${xml.slice(0, -7)}<domain type='test'><name>tz</name><memory>1024</memory><os><type>hvm</type></os>${['a', 'a'].map((n) => `<test:domainsnapshot><name>${n}</name><state>shutoff</state><creationTime>1</creationTime><domain type='test'><name>x</name><memory>1024</memory><os><type>hvm</type></os></domain><active>0</active></test:domainsnapshot>`).join('')}</domain></node>`],
  ['long cpu model', (xml) => xml.replace(/^<node([^>]*)>/, '<node$1><cpu><model>a-model-name-that-is-longer-than-31-chars</model></cpu>')],
  ['malformed referenced file', (xml, b) => {
    b.files['broken.xml'] = '<network><name>x</name>';
    return `${xml.slice(0, -7)}<network file='broken.xml'/></node>`;
  }],
  ['referenced file with another root', (xml, b) => {
    b.files['other.xml'] = '<pool type="dir"><name>x</name><target><path>/x</path></target></pool>';
    return `${xml.slice(0, -7)}<network file='other.xml'/></node>`;
  }],
];

/** The commands run on every file: reads of everything it defines, then a few changes and reads again. */
function sessionCommands(rng: Rng, made: Made): string[] {
  const q = (name: string): string => (name.includes(' ') ? `'${name}'` : name);
  const cmds = ['nodeinfo', 'freecell --all', 'freecell', 'nodememstats', 'nodecpumap', 'capabilities', 'list --all', 'list --all --managed-save --title',
    'list --transient --all', 'list --persistent --inactive', 'list --with-snapshot --name --all', 'list --state-paused --state-other --all --uuid'];
  for (const { name, snapshots } of made.domains) {
    const d = q(name);
    cmds.push(`dominfo ${d}`, `domstate --reason ${d}`, `dumpxml ${d}`, `dumpxml --inactive ${d}`, `domblklist --details ${d}`, `domiflist ${d}`,
      `snapshot-list ${d}`, `snapshot-list --tree ${d}`, `snapshot-list --parent ${d}`, `snapshot-current --name ${d}`, `vcpucount ${d}`, `dommemstat ${d}`);
    if (rng.chance(0.4)) cmds.push(`dumpxml --security-info ${d}`, `managedsave-dumpxml ${d}`, `iothreadinfo ${d}`, `domblkinfo --all ${d}`);
    // what depends on the host's CPU count (odd ones included)
    if (rng.chance(0.4)) cmds.push(`vcpuinfo ${d}`, `vcpupin ${d}`, `emulatorpin ${d}`, `domblkerror ${d}`, `domcontrol ${d}`);
    for (const s of snapshots) cmds.push(`snapshot-info ${d} ${s}`, `snapshot-parent ${d} ${s}`);
    if (snapshots.length > 0 && rng.chance(0.5)) cmds.push(`snapshot-dumpxml ${d} ${rng.pick(snapshots)}`, `snapshot-list --roots --leaves ${d}`);
  }
  cmds.push('net-list --all', 'net-list --all --name --uuid');
  for (const n of made.networks) cmds.push(`net-info ${n}`, `net-dumpxml ${n}`, `net-dumpxml --inactive ${n}`);
  cmds.push('pool-list --all --details', 'pool-list --all --type dir');
  for (const { name, volumes } of made.pools) {
    cmds.push(`pool-info ${name}`, `pool-dumpxml ${name}`, `vol-list --details ${name}`, `vol-list ${name}`);
    for (const v of volumes) cmds.push(`vol-info --pool ${name} ${v}`, `vol-dumpxml --pool ${name} ${v}`, `vol-path --pool ${name} ${v}`, `vol-key --pool ${name} ${v}`);
  }
  cmds.push('iface-list --all', 'iface-list --inactive');
  for (const i of made.interfaces) cmds.push(`iface-dumpxml ${i}`, `iface-mac ${i}`, `iface-dumpxml --inactive ${i}`);
  cmds.push('nodedev-list --tree', 'nodedev-list', 'nodedev-list --cap pci,net');
  for (const dev of made.devices) cmds.push(`nodedev-dumpxml ${dev}`, `nodedev-info ${dev}`);
  // A few state changes, then what they changed.
  const changes = ['start', 'destroy', 'suspend', 'resume', 'managedsave', 'undefine', 'shutdown', 'reboot', 'managedsave-remove', 'snapshot-create-as --name gen'];
  for (const { name } of rng.shuffle(made.domains).slice(0, 3)) {
    const change = rng.pick(changes);
    cmds.push(change.startsWith('snapshot') ? `snapshot-create-as ${q(name)} gen` : `${change} ${q(name)}`, `dominfo ${q(name)}`, `domstate --reason ${q(name)}`,
      `snapshot-list --tree ${q(name)}`, `dumpxml --inactive ${q(name)}`);
  }
  if (made.networks.length) cmds.push(`net-destroy ${rng.pick(made.networks)}`);
  if (made.pools.length) cmds.push(`pool-destroy ${rng.pick(made.pools).name}`);
  if (made.interfaces.length) cmds.push(`iface-destroy ${rng.pick(made.interfaces)}`);
  cmds.push('list --all --managed-save', 'net-list --all', 'pool-list --all --details', 'iface-list --all');
  return cmds;
}

/** One generated node file and the session run on it, through `virsh -c test://$DIR/node.xml`. */
export function generatedNodeFileScenario(seed: number, brokenShare = 0.2): Scenario {
  const rng = new Rng(seed * 7919 + 17);
  const b = new NodeFileBuilder(rng);
  const parts: string[] = [b.cpu()];
  const counts = { domain: rng.int(0, 4), network: rng.int(0, 3), interface: rng.int(0, 2), pool: rng.int(0, 3), device: rng.int(0, 3) };
  for (let i = 0; i < counts.domain; i++) parts.push(b.domain(i).element);
  for (let i = 0; i < counts.network; i++) parts.push(b.network(i).element);
  for (let i = 0; i < counts.interface; i++) parts.push(b.iface(i).element);
  for (let i = 0; i < counts.pool; i++) parts.push(b.pool(i).element);
  for (let i = 0; i < counts.device; i++) parts.push(b.device(i).element);
  if (rng.chance(0.2)) parts.push(`<auth><user>alice</user><user password='pw'>bob</user></auth>`);
  // libvirt reads each kind in turn, wherever it sits in the file: shuffling changes nothing but the text.
  let xml = `<node xmlns:test='${TEST_NS}'>${(rng.chance(0.5) ? rng.shuffle(parts) : parts).join('\n')}</node>`;
  let name = `node file ${seed}`;
  if (rng.chance(brokenShare)) {
    const [what, breakIt] = rng.pick(BREAKAGES);
    xml = breakIt(xml, b);
    name += ` (${what})`;
  }
  const commands = sessionCommands(rng, b.made);
  return { name, args: ['-c', 'test://$DIR/node.xml', commands.join('; ')], files: { ...b.files, 'node.xml': xml } };
}
