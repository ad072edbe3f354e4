import type { Scenario } from '../scenario.js';
import { DEFAULT_DOMAIN } from '../fixtures.js';

export const lookupScenarios: Scenario[] = [
  {
    name: 'lookup by name, found and not found',
    steps: [
      { call: 'conn.lookupByName', args: ['test'], as: 'd' }, { call: 'd.name' }, { call: 'd.id' }, { call: 'd.uuidString' },
      { call: 'd.osType' }, { call: 'd.info' }, { call: 'd.state' }, { call: 'd.isActive' }, { call: 'd.isPersistent' },
      { call: 'conn.lookupByName', args: ['nosuch'] }, { call: 'conn.lookupByName', args: [''] },
    ],
  },
  {
    name: 'XML of the default domain',
    steps: [{ call: 'conn.lookupByName', args: ['test'], as: 'd' }, { call: 'd.xmlDesc', args: [0] }, { call: 'd.xmlDesc', args: [2] }],
  },
  {
    name: 'lookup by id, found and not found',
    steps: [
      { call: 'conn.lookupByID', args: [1] }, { call: 'conn.lookupByID', args: [2] },
      { call: 'conn.lookupByID', args: [0] }, { call: 'conn.lookupByID', args: [-1] },
    ],
  },
  {
    name: 'lookup by uuid string, found, not found, malformed',
    steps: [
      { call: 'conn.lookupByUUIDString', args: [DEFAULT_DOMAIN.uuid] },
      { call: 'conn.lookupByUUIDString', args: [DEFAULT_DOMAIN.uuid.toUpperCase()] },
      { call: 'conn.lookupByUUIDString', args: ['6695eb01f6a4830479aa97f2502e193f'] },
      { call: 'conn.lookupByUUIDString', args: ['00000000-0000-0000-0000-000000000001'] },
      { call: 'conn.lookupByUUIDString', args: ['not-a-uuid'] },
    ],
  },
  {
    name: 'older list and count calls on the default node',
    steps: [
      { call: 'conn.numOfDomains' }, { call: 'conn.listDomainsID' },
      { call: 'conn.numOfDefinedDomains' }, { call: 'conn.listDefinedDomains' },
    ],
  },
];
