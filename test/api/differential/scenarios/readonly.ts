import * as v from '../../../../src/index.js';
import type { Scenario, Step } from '../scenario.js';
import { dirPoolXML, domainXML, networkXML, volumeXML } from '../fixtures.js';

const ro: Step[] = [{ call: 'openReadOnly', as: 'ro' }];
const roDomain: Step[] = [...ro, { call: 'ro.lookupByName', args: ['test'], as: 'd' }];

export const readOnlyScenarios: Scenario[] = [
  {
    name: 'read-only connection answers reads',
    steps: [
      ...roDomain, { call: 'ro.getType' }, { call: 'ro.getInfo' }, { call: 'ro.listAllDomains', args: [0] }, { call: 'd.state' },
      { call: 'd.info' }, { call: 'd.autostart' }, { call: 'd.metadata', args: [v.VIR_DOMAIN_METADATA_TITLE, null, 0] },
    ],
  },
  {
    name: 'read-only connection refuses domain lifecycle calls',
    steps: [
      ...roDomain, { call: 'd.destroy' }, { call: 'd.suspend' }, { call: 'd.resume' }, { call: 'd.shutdown' },
      { call: 'd.reboot', args: [0] }, { call: 'd.reset', args: [0] }, { call: 'd.create' }, { call: 'd.undefine' },
      { call: 'd.undefineFlags', args: [0] }, { call: 'd.save', args: ['$TMP/ro.save'] }, { call: 'd.managedSave', args: [0] },
      { call: 'd.managedSaveRemove', args: [0] }, { call: 'd.state' },
    ],
  },
  {
    name: 'read-only connection refuses domain changes',
    steps: [
      ...roDomain, { call: 'd.setAutostart', args: [1] }, { call: 'd.setMemory', args: [1024] }, { call: 'd.setMaxMemory', args: [1024] },
      { call: 'd.setMemoryFlags', args: [1024, 0] }, { call: 'd.setVcpus', args: [1] }, { call: 'd.setVcpusFlags', args: [1, 0] },
      { call: 'd.setMetadata', args: [v.VIR_DOMAIN_METADATA_TITLE, 't', null, null, 0] }, { call: 'd.rename', args: ['z', 0] },
      { call: 'd.xmlDesc', args: [v.VIR_DOMAIN_XML_SECURE] },
    ],
  },
  {
    name: 'read-only connection refuses defining and creating',
    steps: [
      ...ro, { call: 'ro.defineXML', args: [domainXML('x')] }, { call: 'ro.defineXMLFlags', args: [domainXML('x'), 0] },
      { call: 'ro.createXML', args: [domainXML('x'), 0] }, { call: 'ro.restore', args: ['$TMP/none.save'] },
      { call: 'ro.networkDefineXML', args: [networkXML('n', 'virbr9', 99)] }, { call: 'ro.networkCreateXML', args: [networkXML('n', 'virbr9', 99)] },
      { call: 'ro.storagePoolDefineXML', args: [dirPoolXML('p', '/tmp/p'), 0] }, { call: 'ro.storagePoolCreateXML', args: [dirPoolXML('p', '/tmp/p'), 0] },
      { call: 'ro.numOfDefinedDomains' },
    ],
  },
  {
    name: 'read-only connection refuses network and storage changes',
    steps: [
      ...ro, { call: 'ro.networkLookupByName', args: ['default'], as: 'n' }, { call: 'n.destroy' }, { call: 'n.create' },
      { call: 'n.undefine' }, { call: 'n.setAutostart', args: [1] }, { call: 'n.xmlDesc', args: [0] },
      { call: 'ro.storagePoolLookupByName', args: ['default-pool'], as: 'p' }, { call: 'p.destroy' }, { call: 'p.create', args: [0] },
      { call: 'p.build', args: [0] }, { call: 'p.delete', args: [0] }, { call: 'p.undefine' }, { call: 'p.refresh', args: [0] },
      { call: 'p.setAutostart', args: [1] }, { call: 'p.createXML', args: [volumeXML('v1', '1024'), 0] }, { call: 'p.info' },
    ],
  },
  {
    name: 'a write through a read-write connection is seen by the read-only one',
    steps: [
      ...roDomain, { call: 'conn.lookupByName', args: ['test'], as: 'w' }, { call: 'w.suspend' }, { call: 'd.state' },
      { call: 'conn.defineXML', args: [domainXML('x')] }, { call: 'ro.listDefinedDomains' },
    ],
  },
];
