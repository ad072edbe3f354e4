import type { Scenario, Step } from '../scenario.js';
import { domainXML } from '../fixtures.js';

const defineX: Step = { call: 'conn.defineXML', args: [domainXML('x')], as: 'x' };

export const renameScenarios: Scenario[] = [
  {
    name: 'rename a shut-off domain',
    steps: [
      defineX, { call: 'x.rename', args: ['y', 0] }, { call: 'x.name' }, { call: 'conn.lookupByName', args: ['x'] },
      { call: 'conn.lookupByName', args: ['y'], as: 'y' }, { call: 'y.xmlDesc', args: [0] }, { call: 'conn.listDefinedDomains' },
    ],
  },
  { name: 'rename a running domain', steps: [{ call: 'conn.lookupByName', args: ['test'], as: 'x' }, { call: 'x.rename', args: ['y', 0] }] },
  { name: 'rename to a name in use', steps: [defineX, { call: 'x.rename', args: ['test', 0] }, { call: 'x.rename', args: ['x', 0] }] },
  { name: 'rename with flags', steps: [defineX, { call: 'x.rename', args: ['y', 1] }] },
  {
    name: 'rename a transient domain',
    steps: [{ call: 'conn.createXML', args: [domainXML('t'), 0], as: 't' }, { call: 't.destroy' }, { call: 't.rename', args: ['u', 0] }],
  },
];
