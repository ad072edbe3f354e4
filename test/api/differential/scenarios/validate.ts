import * as v from '../../../../src/index.js';
import type { Scenario, Step } from '../scenario.js';
import { dirPoolXML, domainXML, networkXML, volumeXML } from '../fixtures.js';

/** The *_VALIDATE flags: RelaxNG validation against libvirt's schemas, with libxml2's messages. */
const DV = v.VIR_DOMAIN_DEFINE_VALIDATE;
const SV = v.VIR_DOMAIN_START_VALIDATE;
const badDomains = [
  domainXML('x', { extra: '<bogus/>' }),
  domainXML('x', { extra: '<on_poweroff>explode</on_poweroff>' }),
  domainXML('x', { extra: "<devices><disk type='file' device='disk' colour='red'><source file='/a'/><target dev='hda'/></disk></devices>" }),
  domainXML('x', { extra: "<devices><interface type='network'><source network='default'/><mac address='zz'/></interface></devices>" }),
  domainXML('x').replace("<memory>1048576</memory>", "<memory unit='parsecs'>1048576</memory>"),
  domainXML('x').replace("type='test'", "type='nosuchtype'"),
  "<domain type='test'><memory>1024</memory><os><type>hvm</type></os></domain>",
];
const vol = (x: string): string => `<volume><name>v</name><capacity>1024</capacity>${x}</volume>`;

export const validateScenarios: Scenario[] = [
  {
    name: 'defineXMLFlags VALIDATE against the schema',
    steps: [
      { call: 'conn.defineXMLFlags', args: [domainXML('x', { extra: '<bogus/>' }), DV] },
      { call: 'conn.defineXMLFlags', args: [domainXML('x', { extra: '<bogus/>' }), 0] }, { call: 'conn.listDefinedDomains' },
    ],
  },
  {
    name: 'domain define and create with VALIDATE: invalid documents',
    steps: [
      ...badDomains.map((xml): Step => ({ call: 'conn.defineXMLFlags', args: [xml, DV] })),
      ...badDomains.map((xml): Step => ({ call: 'conn.createXML', args: [xml, SV] })),
      { call: 'conn.defineXMLFlags', args: ['<domain', DV] }, { call: 'conn.defineXMLFlags', args: ['<network/>', DV] },
      { call: 'conn.createXML', args: [domainXML('x', { extra: '<bogus/>' }), SV | 1 << 20] },
      { call: 'conn.numOfDefinedDomains' }, { call: 'conn.numOfDomains' },
    ],
  },
  {
    name: 'domain define and create with VALIDATE: valid documents',
    steps: [
      { call: 'conn.defineXMLFlags', args: [domainXML('x'), DV] }, { call: 'conn.createXML', args: [domainXML('y'), SV] },
      { call: 'conn.listDefinedDomains' }, { call: 'conn.listDomainsID' },
    ],
  },
  {
    name: 'network define and create with VALIDATE',
    steps: [
      ...[
        networkXML('n', 'virbr9', 99).replace('</network>', '<bogus/></network>'),
        networkXML('n', 'virbr9', 99).replace("<bridge name='virbr9'/>", "<bridge name='virbr9'/><forward mode='teleport'/>"),
        networkXML('n', 'virbr9', 99).replace("address='192.168.99.1'", "address='300.1.1.1'"),
        '<network><uuid>not-a-uuid</uuid><name>n</name></network>',
      ].flatMap((xml): Step[] => [
        { call: 'conn.networkDefineXMLFlags', args: [xml, v.VIR_NETWORK_DEFINE_VALIDATE] },
        { call: 'conn.networkCreateXMLFlags', args: [xml, v.VIR_NETWORK_CREATE_VALIDATE] },
      ]),
      { call: 'conn.networkDefineXMLFlags', args: [networkXML('n', 'virbr9', 99), v.VIR_NETWORK_DEFINE_VALIDATE] },
      { call: 'conn.networkCreateXMLFlags', args: [networkXML('m', 'virbr8', 98), v.VIR_NETWORK_CREATE_VALIDATE] },
      { call: 'conn.listDefinedNetworks' }, { call: 'conn.listNetworks' },
    ],
  },
  {
    name: 'pool define with VALIDATE (create has no such flag)',
    steps: [
      ...[
        "<pool type='dir'><name>p</name><bogus/><target><path>/x</path></target></pool>",
        "<pool type='dir'><name>p</name></pool>",
        "<pool type='teleport'><name>p</name><target><path>/x</path></target></pool>",
        dirPoolXML('p', '/var/tmp/p').replace('<target>', "<capacity unit='parsecs'>5</capacity><target>"),
      ].map((xml): Step => ({ call: 'conn.storagePoolDefineXML', args: [xml, v.VIR_STORAGE_POOL_DEFINE_VALIDATE] })),
      { call: 'conn.storagePoolCreateXML', args: [dirPoolXML('p', '/var/tmp/p'), v.VIR_STORAGE_POOL_DEFINE_VALIDATE] },
      { call: 'conn.storagePoolDefineXML', args: [dirPoolXML('p', '/var/tmp/p'), v.VIR_STORAGE_POOL_DEFINE_VALIDATE] },
      { call: 'conn.listDefinedStoragePools' },
    ],
  },
  {
    name: 'volume create with VALIDATE',
    steps: [
      { call: 'conn.storagePoolLookupByName', args: ['default-pool'], as: 'p' },
      ...[
        vol('<bogus/>'), vol(''), volumeXML('v', '1024'), vol("<target><format type='qcow2'/><permissions><mode>abc</mode></permissions></target>"),
        '<volume><capacity>1024</capacity><target/></volume>',
      ].map((xml): Step => ({ call: 'p.createXML', args: [xml, v.VIR_STORAGE_VOL_CREATE_VALIDATE] })),
      { call: 'p.createXML', args: [vol('<target/>'), v.VIR_STORAGE_VOL_CREATE_VALIDATE] }, { call: 'p.listVolumes' },
    ],
  },
  {
    name: 'interface define and snapshot create with VALIDATE',
    steps: [
      { call: 'conn.interfaceDefineXML', args: ["<interface type='ethernet' name='eth9'><bogus/></interface>", v.VIR_INTERFACE_DEFINE_VALIDATE] },
      { call: 'conn.interfaceDefineXML', args: ["<interface type='teleport' name='eth9'/>", v.VIR_INTERFACE_DEFINE_VALIDATE] },
      { call: 'conn.listDefinedInterfaces' },
      { call: 'conn.lookupByName', args: ['test'], as: 'd' },
      { call: 'd.snapshotCreateXML', args: ['<domainsnapshot><bogus/></domainsnapshot>', v.VIR_DOMAIN_SNAPSHOT_CREATE_VALIDATE] },
      { call: 'd.snapshotCreateXML', args: ["<domainsnapshot><name>s</name><state>flying</state></domainsnapshot>", v.VIR_DOMAIN_SNAPSHOT_CREATE_VALIDATE] },
      { call: 'd.snapshotNum' },
    ],
  },
];
