import * as v from '../../../../src/index.js';
import type { Scenario, Step } from '../scenario.js';
import { networkXML } from '../fixtures.js';

const def: Step = { call: 'conn.lookupByName', args: ['test'] };
const n: Step = { call: 'conn.networkLookupByName', args: ['default'], as: 'n' };
const look: Step[] = [{ call: 'x.isActive' }, { call: 'x.isPersistent' }, { call: 'x.autostart' }];
const defineX: Step = { call: 'conn.networkDefineXML', args: [networkXML('x', 'virbr5', 55)], as: 'x' };

const LN = (flags: number): Step => ({ call: 'conn.listAllNetworks', args: [flags] });

export const networkScenarios: Scenario[] = [
  {
    name: 'the default network',
    steps: [
      def, n, { call: 'n.name' }, { call: 'n.uuidString' }, { call: 'n.xmlDesc', args: [0] }, { call: 'n.xmlDesc', args: [v.VIR_NETWORK_XML_INACTIVE] },
      { call: 'n.bridgeName' }, { call: 'n.isActive' }, { call: 'n.isPersistent' }, { call: 'n.autostart' },
      { call: 'conn.networkLookupByName', args: ['nosuch'] },
    ],
  },
  {
    name: 'network destroy, start, and the invalid transitions',
    steps: [n, { call: 'n.create' }, { call: 'n.destroy' }, { call: 'n.isActive' }, { call: 'n.destroy' }, { call: 'n.create' }, { call: 'n.isActive' }],
  },
  {
    name: 'define, start, autostart, destroy, undefine a network',
    steps: [
      defineX, ...look, { call: 'x.create' }, ...look, { call: 'x.setAutostart', args: [1] }, ...look, { call: 'x.undefine' }, ...look,
      { call: 'x.destroy' }, { call: 'conn.networkLookupByName', args: ['x'] },
    ],
  },
  {
    name: 'undefine an inactive network, then again',
    steps: [defineX, { call: 'x.undefine' }, { call: 'x.undefine' }, { call: 'conn.networkLookupByName', args: ['x'] }],
  },
  {
    name: 'transient network from networkCreateXML',
    steps: [
      { call: 'conn.networkCreateXML', args: [networkXML('x', 'virbr6', 66)], as: 'x' }, ...look, { call: 'x.setAutostart', args: [1] },
      { call: 'x.xmlDesc', args: [0] }, { call: 'x.destroy' }, { call: 'conn.networkLookupByName', args: ['x'] },
    ],
  },
  {
    name: 'network name and uuid clashes',
    steps: [
      n, { call: 'conn.networkDefineXML', args: [networkXML('default', 'virbr7', 77)] },
      { call: 'conn.networkCreateXML', args: [networkXML('default', 'virbr7', 77)] },
      defineX, { call: 'conn.networkDefineXML', args: [networkXML('y', 'virbr8', 88, '00000000-0000-0000-0000-0000000000ff')] },
      { call: 'conn.networkDefineXML', args: [networkXML('z', 'virbr9', 99, '00000000-0000-0000-0000-0000000000ff')] },
    ],
  },
  {
    name: 'listAllNetworks filters and the older calls',
    steps: [
      defineX, { call: 'conn.networkCreateXML', args: [networkXML('t', 'virbr6', 66)] },
      ...[0, v.VIR_CONNECT_LIST_NETWORKS_ACTIVE, v.VIR_CONNECT_LIST_NETWORKS_INACTIVE, v.VIR_CONNECT_LIST_NETWORKS_PERSISTENT,
        v.VIR_CONNECT_LIST_NETWORKS_TRANSIENT, v.VIR_CONNECT_LIST_NETWORKS_AUTOSTART, v.VIR_CONNECT_LIST_NETWORKS_NO_AUTOSTART,
        v.VIR_CONNECT_LIST_NETWORKS_ACTIVE | v.VIR_CONNECT_LIST_NETWORKS_TRANSIENT, 1 << 20].map(LN),
      { call: 'conn.numOfNetworks' }, { call: 'conn.listNetworks' }, { call: 'conn.numOfDefinedNetworks' }, { call: 'conn.listDefinedNetworks' },
    ],
  },
  {
    name: 'network XML errors',
    steps: [
      { call: 'conn.networkDefineXML', args: ['<network>'] }, { call: 'conn.networkDefineXML', args: ['<network/>'] },
      { call: 'conn.networkDefineXML', args: ['<network><name>x</name><uuid>zz</uuid></network>'] },
      { call: 'conn.networkDefineXML', args: ['<domain/>'] }, { call: 'conn.networkCreateXML', args: [''] },
    ],
  },
];
