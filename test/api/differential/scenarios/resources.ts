import * as v from '../../../../src/index.js';
import type { Scenario, Step } from '../scenario.js';
import { domainXML } from '../fixtures.js';

const LIVE = v.VIR_DOMAIN_AFFECT_LIVE;
const CONFIG = v.VIR_DOMAIN_AFFECT_CONFIG;
const MEM_MAX = v.VIR_DOMAIN_MEM_MAXIMUM;
const VCPU_MAX = v.VIR_DOMAIN_VCPU_MAXIMUM;

const running: Step[] = [{ call: 'conn.defineXML', args: [domainXML('x', { vcpu: " current='2'>4" })], as: 'x' }, { call: 'x.create' }];
const shutOff: Step[] = [running[0]!];
const memory: Step[] = [{ call: 'x.info' }, { call: 'x.maxMemory' }];
const vcpus: Step[] = [LIVE, CONFIG, LIVE | VCPU_MAX, CONFIG | VCPU_MAX].map((f) => ({ call: 'x.vcpusFlags', args: [f] }));
const bothXML: Step[] = [{ call: 'x.xmlDesc', args: [0] }, { call: 'x.xmlDesc', args: [v.VIR_DOMAIN_XML_INACTIVE] }];

export const resourceScenarios: Scenario[] = [
  {
    name: 'setMemory on a running domain, within and above the maximum',
    steps: [...running, { call: 'x.setMemory', args: [524288] }, ...memory, { call: 'x.setMemory', args: [4194304] }, { call: 'x.setMemory', args: [0] }],
  },
  {
    name: 'setMemoryFlags LIVE / CONFIG / both on a running domain',
    steps: [
      ...running, { call: 'x.setMemoryFlags', args: [262144, LIVE] }, { call: 'x.setMemoryFlags', args: [393216, CONFIG] },
      { call: 'x.setMemoryFlags', args: [458752, LIVE | CONFIG] }, ...memory, ...bothXML,
    ],
  },
  {
    name: 'setMemoryFlags on a shut-off domain',
    steps: [
      ...shutOff, { call: 'x.setMemoryFlags', args: [262144, LIVE] }, { call: 'x.setMemoryFlags', args: [262144, CONFIG] },
      { call: 'x.setMemoryFlags', args: [393216, 0] }, { call: 'x.setMemory', args: [4194304] }, ...memory,
    ],
  },
  {
    name: 'setMaxMemory on running and shut-off domains',
    steps: [
      ...running, { call: 'x.setMaxMemory', args: [2097152] }, { call: 'x.destroy' }, { call: 'x.setMaxMemory', args: [2097152] },
      ...memory, { call: 'x.setMaxMemory', args: [262144] }, ...memory,
    ],
  },
  {
    name: 'setMemoryFlags MAXIMUM with LIVE and CONFIG',
    steps: [
      ...running, { call: 'x.setMemoryFlags', args: [2097152, MEM_MAX | LIVE] }, { call: 'x.setMemoryFlags', args: [2097152, MEM_MAX | CONFIG] },
      ...memory, ...bothXML,
    ],
  },
  {
    name: 'setVcpusFlags on a running domain',
    steps: [
      ...running, ...vcpus, { call: 'x.setVcpusFlags', args: [3, LIVE] }, { call: 'x.setVcpusFlags', args: [1, CONFIG] },
      { call: 'x.setVcpusFlags', args: [8, LIVE] }, { call: 'x.setVcpusFlags', args: [0, LIVE] }, ...vcpus, { call: 'x.maxVcpus' },
      { call: 'x.info' },
    ],
  },
  {
    name: 'setVcpusFlags MAXIMUM on running and shut-off domains',
    steps: [
      ...running, { call: 'x.setVcpusFlags', args: [6, VCPU_MAX | LIVE] }, { call: 'x.setVcpusFlags', args: [6, VCPU_MAX | CONFIG] },
      { call: 'x.destroy' }, { call: 'x.setVcpusFlags', args: [1, VCPU_MAX | CONFIG] }, ...vcpus, { call: 'x.xmlDesc', args: [0] },
    ],
  },
  {
    name: 'setVcpus on a shut-off domain and vcpusFlags LIVE on it',
    steps: [...shutOff, { call: 'x.setVcpus', args: [3] }, { call: 'x.setVcpusFlags', args: [3, LIVE] }, { call: 'x.vcpusFlags', args: [LIVE] }, ...vcpus.slice(1)],
  },
  {
    name: 'vcpusFlags with both LIVE and CONFIG',
    steps: [...running, { call: 'x.vcpusFlags', args: [LIVE | CONFIG] }, { call: 'x.setVcpusFlags', args: [2, LIVE | CONFIG | VCPU_MAX] }],
  },
  {
    name: 'xmlDesc live vs inactive after live changes',
    steps: [
      ...running, { call: 'x.setMemoryFlags', args: [262144, LIVE] }, { call: 'x.setVcpusFlags', args: [3, LIVE] }, ...bothXML,
      { call: 'x.destroy' }, { call: 'x.xmlDesc', args: [0] },
    ],
  },
  {
    name: 'memory, block and interface stats of the default domain',
    steps: [
      { call: 'conn.lookupByName', args: ['test'], as: 'x' }, { call: 'x.memoryStats' },
      { call: 'x.blockStats', args: ['vda'] }, { call: 'x.blockStats', args: ['hda'] }, { call: 'x.interfaceStats', args: ['vnet0'] },
      { call: 'x.interfaceStats', args: ['nosuch0'] }, { call: 'x.destroy' }, { call: 'x.memoryStats' }, { call: 'x.blockStats', args: ['vda'] },
    ],
  },
];
