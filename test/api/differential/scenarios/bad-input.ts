import * as v from '../../../../src/index.js';
import type { Scenario, Step } from '../scenario.js';
import { domainXML } from '../fixtures.js';

const d: Step = { call: 'conn.lookupByName', args: ['test'], as: 'd' };
const unchanged: Step[] = [{ call: 'conn.numOfDefinedDomains' }, { call: 'conn.numOfDomains' }];

export const badInputScenarios: Scenario[] = [
  {
    name: 'malformed domain XML',
    steps: [
      { call: 'conn.defineXML', args: ['<domain'] }, { call: 'conn.defineXML', args: ['<domain type="test"><name>x</name>'] },
      { call: 'conn.defineXML', args: [''] }, { call: 'conn.createXML', args: ['not xml at all', 0] }, ...unchanged,
    ],
  },
  {
    name: 'domain XML missing parts',
    steps: [
      { call: 'conn.defineXML', args: ["<domain type='test'><memory>1024</memory><os><type>hvm</type></os></domain>"] },
      { call: 'conn.defineXML', args: ["<domain type='test'><name>x</name><os><type>hvm</type></os></domain>"] },
      { call: 'conn.defineXML', args: ["<domain type='test'><name>x</name><memory>1024</memory></domain>"] },
      { call: 'conn.defineXML', args: ['<network><name>x</name></network>'] }, ...unchanged,
    ],
  },
  {
    name: 'domain XML with bad values',
    steps: [
      { call: 'conn.defineXML', args: [domainXML('x', { uuid: 'not-a-uuid' })] },
      { call: 'conn.defineXML', args: [domainXML('x', { uuid: '6695eb01-f6a4-8304-79aa-97f2502e193' })] },
      { call: 'conn.defineXML', args: [domainXML('x', { memory: -5 })] },
      { call: 'conn.defineXML', args: [domainXML('x', { vcpu: '>0' })] },
      { call: 'conn.defineXML', args: [domainXML('x', { vcpu: '>many' })] },
      { call: 'conn.defineXML', args: [domainXML('bad/name')] },
      { call: 'conn.defineXML', args: [domainXML('x').replace("type='test'", "type='nosuchtype'")] },
      { call: 'conn.defineXML', args: [domainXML('x').replace("type='test'", "type='kvm'")] }, ...unchanged,
    ],
  },
  {
    name: 'domain XML without a type attribute',
    steps: [{ call: 'conn.defineXML', args: ['<domain><name>x</name><memory>1024</memory><os><type>hvm</type></os></domain>'] }],
  },
  {
    name: 'unsupported flags on domain calls name the driver function',
    steps: [
      d, { call: 'd.xmlDesc', args: [1 << 20] }, { call: 'd.reboot', args: [1 << 20] }, { call: 'd.reset', args: [1] },
      { call: 'd.managedSave', args: [1 << 20] }, { call: 'd.hasManagedSaveImage', args: [1] }, { call: 'd.managedSaveRemove', args: [1] },
      { call: 'd.setMemoryFlags', args: [1024, 1 << 20] }, { call: 'd.setVcpusFlags', args: [1, 1 << 20] },
      { call: 'd.vcpusFlags', args: [1 << 20] }, { call: 'd.metadata', args: [v.VIR_DOMAIN_METADATA_TITLE, null, 1 << 20] },
      { call: 'd.state' },
    ],
  },
  {
    name: 'unsupported flags on define, create and undefine',
    steps: [
      d, { call: 'conn.defineXMLFlags', args: [domainXML('x'), 1 << 20] }, { call: 'conn.createXML', args: [domainXML('x'), 1 << 20] },
      { call: 'd.undefineFlags', args: [1 << 20] }, { call: 'd.destroy' }, { call: 'd.createWithFlags', args: [1 << 20] },
      { call: 'conn.getSysinfo', args: [1] }, ...unchanged,
    ],
  },
  {
    name: 'unsupported flags on network and pool calls',
    steps: [
      { call: 'conn.networkLookupByName', args: ['default'], as: 'n' }, { call: 'n.xmlDesc', args: [1 << 20] },
      { call: 'conn.storagePoolLookupByName', args: ['default-pool'], as: 'p' }, { call: 'p.xmlDesc', args: [1 << 20] },
      { call: 'p.create', args: [1 << 20] }, { call: 'p.build', args: [1 << 20] }, { call: 'p.refresh', args: [1 << 20] },
      { call: 'p.delete', args: [1 << 20] }, { call: 'conn.storagePoolDefineXML', args: ['<pool/>', 1 << 20] },
    ],
  },
];
