import * as v from '../../../../src/index.js';
import type { Scenario, Step } from '../scenario.js';
import { DEFAULT_DOMAIN, UUID_A, domainXML } from '../fixtures.js';

const persistence: Step[] = [{ call: 'x.isPersistent' }, { call: 'x.isActive' }, { call: 'x.state' }];
const defineX: Step = { call: 'conn.defineXML', args: [domainXML('x')], as: 'x' };

export const defineScenarios: Scenario[] = [
  {
    name: 'define a persistent domain, start, stop, undefine',
    steps: [
      defineX, ...persistence, { call: 'conn.numOfDefinedDomains' }, { call: 'conn.listDefinedDomains' },
      { call: 'x.create' }, ...persistence, { call: 'x.destroy' }, { call: 'x.undefine' },
      { call: 'conn.lookupByName', args: ['x'] }, { call: 'x.state' },
    ],
  },
  {
    name: 'create a transient domain; destroying it removes it',
    steps: [
      { call: 'conn.createXML', args: [domainXML('x'), 0], as: 'x' }, ...persistence, { call: 'x.undefine' },
      { call: 'x.destroy' }, { call: 'conn.lookupByName', args: ['x'] }, { call: 'x.isActive' },
    ],
  },
  {
    name: 'createXML with START_PAUSED, which the test driver refuses',
    steps: [{ call: 'conn.createXML', args: [domainXML('x'), v.VIR_DOMAIN_START_PAUSED] }, { call: 'conn.numOfDomains' }],
  },
  {
    name: 'undefine a running domain makes it transient',
    steps: [
      { call: 'conn.lookupByName', args: ['test'], as: 'x' }, { call: 'x.undefine' }, ...persistence,
      { call: 'conn.listDefinedDomains' }, { call: 'x.destroy' }, { call: 'conn.lookupByName', args: ['test'] },
    ],
  },
  {
    name: 'define over a transient domain makes it persistent again',
    steps: [
      { call: 'conn.createXML', args: [domainXML('x'), 0], as: 'x' },
      { call: 'conn.defineXML', args: [domainXML('x', { memory: 524288 })] }, ...persistence,
      { call: 'x.maxMemory' }, { call: 'x.xmlDesc', args: [v.VIR_DOMAIN_XML_INACTIVE] },
    ],
  },
  {
    name: 'redefine updates the inactive definition',
    steps: [
      defineX, { call: 'conn.defineXML', args: [domainXML('x', { memory: 524288, vcpu: '>1' })] }, { call: 'x.maxMemory' },
      { call: 'x.info' }, { call: 'x.xmlDesc', args: [0] },
    ],
  },
  {
    name: 'redefine a running domain keeps the live definition',
    steps: [
      defineX, { call: 'x.create' }, { call: 'conn.defineXML', args: [domainXML('x', { memory: 524288 })] }, { call: 'x.info' },
      { call: 'x.xmlDesc', args: [v.VIR_DOMAIN_XML_INACTIVE] }, { call: 'x.destroy' }, { call: 'x.info' },
    ],
  },
  {
    name: 'define a name taken by another uuid',
    steps: [{ call: 'conn.defineXML', args: [domainXML('test', { uuid: UUID_A })] }, { call: 'conn.numOfDefinedDomains' }],
  },
  {
    name: 'define a uuid taken by another name',
    steps: [{ call: 'conn.defineXML', args: [domainXML('other', { uuid: DEFAULT_DOMAIN.uuid })] }, { call: 'conn.numOfDefinedDomains' }],
  },
  {
    name: 'createXML over an existing name or a running uuid',
    steps: [
      { call: 'conn.createXML', args: [domainXML('test', { uuid: DEFAULT_DOMAIN.uuid }), 0] },
      { call: 'conn.createXML', args: [domainXML('test', { uuid: UUID_A }), 0] },
      { call: 'conn.createXML', args: [domainXML('y', { uuid: DEFAULT_DOMAIN.uuid }), 0] },
    ],
  },
  {
    name: 'createXML over a defined, shut-off domain starts it',
    steps: [defineX, { call: 'conn.createXML', args: [domainXML('x'), 0] }, ...persistence],
  },
  {
    name: 'undefine with a managed save image, with and without the flag',
    steps: [
      defineX, { call: 'x.create' }, { call: 'x.managedSave', args: [0] }, { call: 'x.undefine' },
      { call: 'x.undefineFlags', args: [v.VIR_DOMAIN_UNDEFINE_MANAGED_SAVE] }, { call: 'conn.lookupByName', args: ['x'] },
    ],
  },
  {
    name: 'undefine twice',
    steps: [defineX, { call: 'x.undefine' }, { call: 'x.undefine' }],
  },
];
