/**
 * Custom node files (test:///path/node.xml): what libvirt's test driver derives from them when it
 * loads them, such as the taints of their domains, which dominfo lists under Messages.
 */
import type { Scenario } from '../harness.js';

const TEST_NS = "xmlns:test='http://libvirt.org/schemas/domain/test/1.0'";

/** Every taint source of testDomainObjCheckTaint, alone and together, and sources that are not. */
const TAINTED_NODE = `<node ${TEST_NS}>
  <domain type='test'>
    <name>all</name><uuid>5f0ad8a4-58c2-4d5a-9a55-0b4b8f0c7a01</uuid><memory>65536</memory>
    <os><type>hvm</type><dtb>/boot/board.dtb</dtb></os>
    <cpu mode='custom'><model>Deprecated-Test</model></cpu>
    <devices>
      <disk type='block' device='lun' rawio='yes'><source dev='/dev/sdz'/><target dev='sda' bus='scsi'/></disk>
      <disk type='block' device='cdrom'><source dev='/dev/sr0'/><target dev='hdc' bus='ide'/></disk>
      <hostdev mode='subsystem' type='scsi' rawio='yes'><source><adapter name='scsi_host0'/><address bus='0' target='0' unit='0'/></source></hostdev>
      <interface type='ethernet'><script path='/etc/qemu-ifup'/></interface>
    </devices>
    <test:runstate>3</test:runstate>
  </domain>
  <domain type='test'>
    <name>cdrom</name><uuid>5f0ad8a4-58c2-4d5a-9a55-0b4b8f0c7a02</uuid><memory>65536</memory><os><type>hvm</type></os>
    <cpu><model>Deprecated-Test</model></cpu>
    <devices>
      <disk type='block' device='cdrom'><source dev='/dev/sr0'/><target dev='hdc' bus='ide'/></disk>
      <disk type='block' device='cdrom'><target dev='hdd' bus='ide'/></disk>
    </devices>
  </domain>
  <domain type='test'>
    <name>script</name><uuid>5f0ad8a4-58c2-4d5a-9a55-0b4b8f0c7a03</uuid><memory>65536</memory><os><type>hvm</type></os>
    <devices><interface type='bridge'><source bridge='br0'/><script path='vif-bridge'/></interface></devices>
    <test:runstate>5</test:runstate>
  </domain>
  <domain type='test'>
    <name>clean</name><uuid>5f0ad8a4-58c2-4d5a-9a55-0b4b8f0c7a04</uuid><memory>65536</memory><os><type>hvm</type></os>
    <cpu mode='host-model'><model>Deprecated-Test</model></cpu>
    <devices>
      <disk type='file' device='cdrom'><source file='/srv/x.iso'/><target dev='hdc' bus='ide'/></disk>
      <disk type='block' device='disk'><source dev='/dev/sdb'/><target dev='vda' bus='virtio'/></disk>
      <hostdev mode='subsystem' type='scsi' rawio='no'><source><adapter name='scsi_host0'/><address bus='0' target='0' unit='1'/></source></hostdev>
    </devices>
  </domain>
</node>
`;

/** A domain defined in the session is not checked, even with a taint source. */
const DEFINED = `<domain type='test'><name>later</name><uuid>5f0ad8a4-58c2-4d5a-9a55-0b4b8f0c7a05</uuid><memory>65536</memory>
<os><type>hvm</type></os><devices><interface type='ethernet'><script path='/x'/></interface></devices></domain>`;

/** A new definition of a tainted domain: the domain object, and its taints, stay. */
const REDEFINED = `<domain type='test'><name>script</name><uuid>5f0ad8a4-58c2-4d5a-9a55-0b4b8f0c7a03</uuid><memory>65536</memory>
<os><type>hvm</type></os></domain>`;

const onNode = (name: string, commands: string): Scenario => ({
  name, args: ['-c', 'test://$DIR/node.xml', commands], files: { 'node.xml': TAINTED_NODE, 'later.xml': DEFINED, 'script.xml': REDEFINED },
});

export const nodeFileScenarios: Scenario[] = [
  onNode('node file taints in dominfo', 'dominfo all; dominfo cdrom; dominfo script; dominfo clean'),
  onNode('node file taints outlive state changes', 'destroy all; dominfo all; start all; dominfo all; destroy cdrom; undefine cdrom; dominfo cdrom'),
  onNode('domains defined later are not tainted', 'define later.xml; dominfo later; start later; dominfo later; define later.xml; define script.xml; dominfo script; destroy script; dominfo script'),
  { name: 'node file taints read only', args: ['-r', '-c', 'test://$DIR/node.xml', 'dominfo all; dominfo --domain script'], files: { 'node.xml': TAINTED_NODE } },
];
