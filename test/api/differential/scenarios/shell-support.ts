/** Entry points and XML rules tsvirsh relies on: node cpu map and stats, security model and label, vcpu pinning, balloon period. */
import * as v from '../../../../src/index.js';
import type { Scenario } from '../scenario.js';
import { domainXML } from '../fixtures.js';

const BALLOON = "<devices><memballoon model='virtio'><address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='0x0'/></memballoon></devices>";

export const shellSupportScenarios: Scenario[] = [
  {
    name: 'node cpu map, cpu stats and memory stats',
    steps: [
      { call: 'conn.getCPUMap', args: [0] }, { call: 'conn.getCPUMap', args: [1] },
      { call: 'conn.getCPUStats', args: [-1, 0] }, { call: 'conn.getCPUStats', args: [3, 0] },
      { call: 'conn.getCPUStats', args: [-2, 0] }, { call: 'conn.getCPUStats', args: [0, 1] },
      { call: 'conn.getMemoryStats', args: [-1, 0] }, { call: 'conn.getMemoryStats', args: [-5, 0] },
    ],
  },
  {
    name: 'security model and labels of running and stopped domains',
    steps: [
      { call: 'conn.getSecurityModel' }, { call: 'conn.lookupByName', args: ['test'], as: 't' }, { call: 't.securityLabel' },
      { call: 't.destroy' }, { call: 't.securityLabel' },
    ],
  },
  {
    name: 'vcpu pin info follows <vcpu cpuset>',
    steps: [
      { call: 'conn.lookupByName', args: ['test'], as: 't' }, { call: 't.vcpuPinInfo', args: [0] },
      { call: 't.vcpuPinInfo', args: [v.VIR_DOMAIN_AFFECT_CONFIG] },
      { call: 'conn.defineXML', args: [domainXML('x', { vcpu: " cpuset='1-2,5' current='1'>3" })], as: 'x' },
      { call: 'x.vcpuPinInfo', args: [v.VIR_DOMAIN_AFFECT_CONFIG] }, { call: 'x.vcpuPinInfo', args: [v.VIR_DOMAIN_AFFECT_LIVE] },
      { call: 'x.create' }, { call: 'x.vcpus' },
    ],
  },
  {
    name: 'memory statistics period of the balloon',
    steps: [
      { call: 'conn.defineXML', args: [domainXML('x', { extra: BALLOON })], as: 'x' },
      { call: 'x.setMemoryStatsPeriod', args: [5, v.VIR_DOMAIN_AFFECT_CONFIG] }, { call: 'x.xmlDesc', args: [0] },
      { call: 'x.setMemoryStatsPeriod', args: [0, 0] }, { call: 'x.xmlDesc', args: [0] },
      { call: 'x.setMemoryStatsPeriod', args: [-1, 0] }, { call: 'x.setMemoryStatsPeriod', args: [5, v.VIR_DOMAIN_AFFECT_LIVE] },
      { call: 'x.setMemoryStatsPeriod', args: [5, 4] },
      { call: 'conn.defineXML', args: [domainXML('y', { extra: "<devices><memballoon model='none'/></devices>" })], as: 'y' },
      { call: 'y.setMemoryStatsPeriod', args: [5, 0] },
    ],
  },
  {
    name: 'a drive without <source> is a file drive; missing memory is reported after the OS type',
    steps: [
      { call: 'conn.defineXML', args: [domainXML('x', { extra: "<devices><disk type='block' device='cdrom'><target dev='hdc'/></disk></devices>" })], as: 'x' },
      { call: 'x.xmlDesc', args: [0] },
      { call: 'conn.defineXML', args: ["<domain type='test'><name>y</name></domain>"] },
      { call: 'conn.defineXML', args: ["<domain type='test'><name>y</name><os><type>hvm</type></os></domain>"] },
    ],
  },
  {
    name: 'files cannot be passed to test domains',
    steps: [
      { call: 'conn.createXMLWithFiles', args: [domainXML('x'), [0], 0] },
      { call: 'conn.lookupByName', args: ['test'], as: 't' }, { call: 't.destroy' }, { call: 't.createWithFiles', args: [[0], 0] },
    ],
  },
  {
    name: 'keepalive is for remote connections only',
    steps: [{ call: 'conn.setKeepAlive', args: [5, 3] }],
  },
];
