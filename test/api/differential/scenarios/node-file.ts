import * as v from '../../../../src/index.js';
import type { Scenario, Step } from '../scenario.js';
import { dirPoolXML, domainXML, networkXML, uuidFor } from '../fixtures.js';

const TEST_NS = "xmlns:test='http://libvirt.org/schemas/domain/test/1.0'";

/** A domain element for the node file, with test driver runtime data. */
function nodeDomain(name: string, runtime: string): string {
  return domainXML(name).replace("<domain type='test'>", `<domain type='test' ${TEST_NS}>`).replace('</domain>', `${runtime}\n</domain>`);
}

const NODE = `<node>
<cpu><mhz>2400</mhz><model>x86_64</model><nodes>1</nodes><sockets>1</sockets><cores>4</cores><threads>2</threads><active>8</active></cpu>
<memory>8388608</memory>
${nodeDomain('running1', '')}
${nodeDomain('paused1', '<test:runstate>3</test:runstate>')}
${nodeDomain('off1', '<test:runstate>5</test:runstate>')}
${nodeDomain('saved1', '<test:runstate>5</test:runstate><test:hasmanagedsave/>')}
${nodeDomain('trans1', '<test:transient/>')}
${nodeDomain('crashed1', '<test:runstate>6</test:runstate>')}
${networkXML('net1', 'br1', 10)}
${networkXML('net2', 'br2', 20)}
<pool type='dir'>
  <name>pool1</name>
  <uuid>${uuidFor('pool1')}</uuid>
  <target><path>/pool1</path></target>
  <volume><name>a.img</name><capacity unit='MiB'>10</capacity><allocation unit='MiB'>5</allocation></volume>
  <volume><name>b.img</name><capacity unit='GiB'>1</capacity></volume>
</pool>
${dirPoolXML('pool2', '/pool2')}
</node>`;

const ALL = ['running1', 'paused1', 'off1', 'saved1', 'trans1', 'crashed1'];

export const nodeFileScenarios: Scenario[] = [
  {
    name: 'custom node: host info',
    node: NODE,
    steps: [{ call: 'conn.getInfo' }, { call: 'conn.getURI' }, { call: 'conn.getFreeMemory' }, { call: 'conn.getCellsFreeMemory', args: [0, 4] }],
  },
  {
    name: 'custom node: domains, states, ids, persistence',
    node: NODE,
    steps: [
      { call: 'conn.listAllDomains', args: [0] }, { call: 'conn.listDomainsID' }, { call: 'conn.listDefinedDomains' },
      ...ALL.flatMap((name): Step[] => [
        { call: 'conn.lookupByName', args: [name], as: name }, { call: `${name}.state` }, { call: `${name}.isPersistent` },
        { call: `${name}.hasManagedSaveImage`, args: [0] },
      ]),
    ],
  },
  {
    name: 'custom node: list filters',
    node: NODE,
    steps: [
      v.VIR_CONNECT_LIST_DOMAINS_ACTIVE, v.VIR_CONNECT_LIST_DOMAINS_TRANSIENT, v.VIR_CONNECT_LIST_DOMAINS_PAUSED,
      v.VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE, v.VIR_CONNECT_LIST_DOMAINS_OTHER, v.VIR_CONNECT_LIST_DOMAINS_SHUTOFF,
    ].map((f): Step => ({ call: 'conn.listAllDomains', args: [f] })),
  },
  {
    name: 'custom node: lifecycle of node domains',
    node: NODE,
    steps: [
      { call: 'conn.lookupByName', args: ['paused1'], as: 'p' }, { call: 'p.resume' }, { call: 'p.state' },
      { call: 'conn.lookupByName', args: ['saved1'], as: 's' }, { call: 's.create' }, { call: 's.state' }, { call: 's.id' },
      { call: 'conn.lookupByName', args: ['trans1'], as: 't' }, { call: 't.destroy' }, { call: 'conn.lookupByName', args: ['trans1'] },
      { call: 'conn.lookupByName', args: ['crashed1'], as: 'c' }, { call: 'c.destroy' }, { call: 'c.state' },
    ],
  },
  {
    name: 'custom node: networks and pools',
    node: NODE,
    steps: [
      { call: 'conn.listAllNetworks', args: [0] }, { call: 'conn.networkLookupByName', args: ['net2'], as: 'n' }, { call: 'n.xmlDesc', args: [0] },
      { call: 'conn.listAllStoragePools', args: [0] }, { call: 'conn.storagePoolLookupByName', args: ['pool1'], as: 'p' }, { call: 'p.info' },
      { call: 'p.listVolumes' }, { call: 'p.storageVolLookupByName', args: ['a.img'], as: 'a' }, { call: 'a.info' }, { call: 'a.path' },
      { call: 'a.xmlDesc', args: [0] }, { call: 'conn.storageVolLookupByPath', args: ['/pool1/b.img'], as: 'b' }, { call: 'b.info' },
      { call: 'p.xmlDesc', args: [0] },
    ],
  },
  {
    name: 'custom node: a second connection gets its own state',
    node: NODE,
    steps: [
      { call: 'conn.lookupByName', args: ['running1'], as: 'r' }, { call: 'r.destroy' }, { call: 'open', as: 'c2' },
      { call: 'c2.lookupByName', args: ['running1'], as: 'r2' }, { call: 'r2.state' }, { call: 'r.state' },
    ],
  },
  {
    name: 'custom node: invalid runtime data',
    node: `<node>${nodeDomain('bad', '<test:transient/><test:runstate>5</test:runstate>')}</node>`,
    manualOpen: true,
    steps: [{ call: 'open' }, { call: 'openReadOnly' }],
  },
];
