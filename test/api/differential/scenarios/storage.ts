import * as v from '../../../../src/index.js';
import type { Scenario, Step } from '../scenario.js';
import { dirPoolXML, volumeXML } from '../fixtures.js';

const p: Step = { call: 'conn.storagePoolLookupByName', args: ['default-pool'], as: 'p' };
const vol1: Step = { call: 'p.createXML', args: [volumeXML('v1.img', '10485760', '1048576'), 0], as: 'v' };
const look: Step[] = [{ call: 'x.isActive' }, { call: 'x.isPersistent' }, { call: 'x.autostart' }, { call: 'x.info' }];
const defineX: Step = { call: 'conn.storagePoolDefineXML', args: [dirPoolXML('x', '/var/tmp/x'), 0], as: 'x' };

const LP = (flags: number): Step => ({ call: 'conn.listAllStoragePools', args: [flags] });

export const storageScenarios: Scenario[] = [
  {
    name: 'the default pool',
    steps: [
      p, { call: 'p.info' }, { call: 'p.xmlDesc', args: [0] }, { call: 'p.xmlDesc', args: [v.VIR_STORAGE_XML_INACTIVE] },
      { call: 'p.isActive' }, { call: 'p.isPersistent' }, { call: 'p.autostart' }, { call: 'p.numOfVolumes' }, { call: 'p.listVolumes' },
      { call: 'p.listAllVolumes', args: [0] }, { call: 'conn.storagePoolLookupByName', args: ['nosuch'] },
    ],
  },
  {
    name: 'create a volume: info, path, key, XML, lookups',
    steps: [
      p, vol1, { call: 'v.name' }, { call: 'v.key' }, { call: 'v.info' }, { call: 'v.path' }, { call: 'v.xmlDesc', args: [0] },
      { call: 'p.info' }, { call: 'p.numOfVolumes' }, { call: 'p.listVolumes' }, { call: 'p.listAllVolumes', args: [0] },
      { call: 'p.storageVolLookupByName', args: ['v1.img'] }, { call: 'conn.storageVolLookupByKey', args: ['/default-pool/v1.img'] },
      { call: 'conn.storageVolLookupByPath', args: ['/default-pool/v1.img'] },
    ],
  },
  {
    name: 'volume lookups that find nothing',
    steps: [
      p, { call: 'p.storageVolLookupByName', args: ['none.img'] }, { call: 'conn.storageVolLookupByKey', args: ['/default-pool/none.img'] },
      { call: 'conn.storageVolLookupByPath', args: ['/default-pool/none.img'] },
    ],
  },
  {
    name: 'delete a volume, then use it',
    steps: [
      p, vol1, { call: 'v.delete', args: [0] }, { call: 'v.info' }, { call: 'v.delete', args: [0] }, { call: 'p.info' },
      { call: 'conn.storageVolLookupByKey', args: ['/default-pool/v1.img'] }, { call: 'p.listVolumes' },
    ],
  },
  {
    name: 'volume errors: duplicate name, too large, bad XML, bad flags',
    steps: [
      p, vol1, { call: 'p.createXML', args: [volumeXML('v1.img', '1024'), 0] },
      { call: 'p.createXML', args: [volumeXML('huge.img', '999999999999999999', '999999999999999999'), 0] },
      { call: 'p.createXML', args: ['<volume>', 0] }, { call: 'p.createXML', args: ['<volume><capacity>1</capacity></volume>', 0] },
      { call: 'p.createXML', args: [volumeXML('f.img', '1024'), 1 << 10] }, { call: 'v.delete', args: [1 << 10] },
      { call: 'v.xmlDesc', args: [1 << 10] }, { call: 'p.listAllVolumes', args: [1] },
    ],
  },
  {
    name: 'volumes of an inactive pool',
    steps: [
      p, vol1, { call: 'p.destroy' }, { call: 'p.numOfVolumes' }, { call: 'p.listVolumes' }, { call: 'v.info' },
      { call: 'p.createXML', args: [volumeXML('v2.img', '1024'), 0] }, { call: 'conn.storageVolLookupByPath', args: ['/default-pool/v1.img'] },
      { call: 'p.storageVolLookupByName', args: ['v1.img'] },
    ],
  },
  {
    name: 'pool destroy, build, delete, start, refresh and invalid transitions',
    steps: [
      p, { call: 'p.create', args: [0] }, { call: 'p.build', args: [0] }, { call: 'p.delete', args: [0] }, { call: 'p.undefine' },
      { call: 'p.destroy' }, { call: 'p.info' }, { call: 'p.destroy' }, { call: 'p.refresh', args: [0] }, { call: 'p.build', args: [0] },
      { call: 'p.delete', args: [0] }, { call: 'p.create', args: [0] }, { call: 'p.refresh', args: [0] }, { call: 'p.isActive' },
    ],
  },
  {
    name: 'define, start, autostart, destroy, undefine a pool',
    steps: [
      defineX, ...look, { call: 'x.xmlDesc', args: [0] }, { call: 'x.create', args: [0] }, ...look, { call: 'x.setAutostart', args: [1] },
      { call: 'x.autostart' }, { call: 'x.undefine' }, { call: 'x.destroy' }, { call: 'x.undefine' },
      { call: 'conn.storagePoolLookupByName', args: ['x'] },
    ],
  },
  {
    name: 'transient pool from storagePoolCreateXML',
    steps: [
      { call: 'conn.storagePoolCreateXML', args: [dirPoolXML('x', '/var/tmp/x'), 0], as: 'x' }, ...look, { call: 'x.setAutostart', args: [1] },
      { call: 'x.destroy' }, { call: 'conn.storagePoolLookupByName', args: ['x'] },
    ],
  },
  {
    name: 'pool name and uuid clashes',
    steps: [
      p, defineX, { call: 'conn.storagePoolDefineXML', args: [dirPoolXML('x', '/var/tmp/y', '00000000-0000-0000-0000-0000000000fe'), 0] },
      { call: 'conn.storagePoolDefineXML', args: [dirPoolXML('y', '/var/tmp/y', '00000000-0000-0000-0000-0000000000fe'), 0] },
      { call: 'conn.storagePoolDefineXML', args: [dirPoolXML('z', '/var/tmp/z', '00000000-0000-0000-0000-0000000000fe'), 0] },
      { call: 'conn.storagePoolCreateXML', args: [dirPoolXML('default-pool', '/default-pool'), 0] },
    ],
  },
  {
    name: 'listAllStoragePools filters and the older calls',
    steps: [
      defineX, { call: 'conn.storagePoolCreateXML', args: [dirPoolXML('t', '/var/tmp/t'), 0] },
      ...[0, v.VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE, v.VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE, v.VIR_CONNECT_LIST_STORAGE_POOLS_PERSISTENT,
        v.VIR_CONNECT_LIST_STORAGE_POOLS_TRANSIENT, v.VIR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART, v.VIR_CONNECT_LIST_STORAGE_POOLS_NO_AUTOSTART,
        v.VIR_CONNECT_LIST_STORAGE_POOLS_DIR, v.VIR_CONNECT_LIST_STORAGE_POOLS_LOGICAL, 1 << 30].map(LP),
      { call: 'conn.numOfStoragePools' }, { call: 'conn.listStoragePools' }, { call: 'conn.numOfDefinedStoragePools' },
      { call: 'conn.listDefinedStoragePools' },
    ],
  },
  {
    name: 'pool XML errors',
    steps: [
      { call: 'conn.storagePoolDefineXML', args: ['<pool>', 0] }, { call: 'conn.storagePoolDefineXML', args: ["<pool type='dir'/>", 0] },
      { call: 'conn.storagePoolDefineXML', args: ["<pool type='bogus'><name>b</name></pool>", 0] },
      { call: 'conn.storagePoolDefineXML', args: ["<pool type='dir'><name>b</name></pool>", 0] },
      { call: 'conn.storagePoolCreateXML', args: ['<pool/>', 0] },
    ],
  },
];
