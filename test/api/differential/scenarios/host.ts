import type { Scenario } from '../scenario.js';

export const hostScenarios: Scenario[] = [
  {
    name: 'host identity and versions',
    steps: [
      { call: 'conn.getType' }, { call: 'conn.getVersion' }, { call: 'conn.getLibVersion' },
      { call: 'conn.getHostname' }, { call: 'conn.getURI' }, { call: 'conn.getMaxVcpus', args: [null] },
      { call: 'conn.isEncrypted' }, { call: 'conn.isSecure' }, { call: 'conn.isAlive' },
    ],
  },
  {
    name: 'node info, free memory and cells',
    steps: [
      { call: 'conn.getInfo' }, { call: 'conn.getFreeMemory' },
      { call: 'conn.getCellsFreeMemory', args: [0, 2] }, { call: 'conn.getCellsFreeMemory', args: [1, 1] },
      { call: 'conn.getCellsFreeMemory', args: [0, 8] }, { call: 'conn.getCellsFreeMemory', args: [2, 1] },
    ],
  },
  {
    name: 'sysinfo and capabilities',
    steps: [{ call: 'conn.getSysinfo', args: [0] }, { call: 'conn.getSysinfo', args: [1] }, { call: 'conn.getCapabilities' }],
  },
  {
    name: 'host interfaces and node devices',
    steps: [
      { call: 'conn.listAllInterfaces', args: [0] }, { call: 'conn.interfaceLookupByName', args: ['eth1'] },
      { call: 'conn.interfaceLookupByName', args: ['nope0'] },
      { call: 'conn.listAllDevices', args: [0] }, { call: 'conn.nodeDeviceLookupByName', args: ['computer'] },
      { call: 'conn.nodeDeviceLookupByName', args: ['nodev'] },
    ],
  },
  {
    name: 'host interface XML and lifecycle',
    steps: [
      { call: 'conn.interfaceLookupByName', args: ['eth1'], as: 'i' }, { call: 'i.xmlDesc', args: [0] },
      { call: 'i.xmlDesc', args: [1] }, { call: 'i.isActive', args: [] }, { call: 'i.create', args: [0] },
      { call: 'conn.interfaceLookupByMACString', args: ['aa:bb:cc:dd:ee:ff'] },
      { call: 'conn.interfaceLookupByMACString', args: ['00:00:00:00:00:00'] },
      { call: 'conn.changeBegin', args: [0] }, { call: 'conn.changeBegin', args: [0] },
      { call: 'conn.interfaceDefineXML', args: ["<interface type='vlan' name='eth1.5'><vlan tag='5'><interface name='eth1'/></vlan></interface>", 0], as: 'v' },
      { call: 'v.xmlDesc', args: [0] }, { call: 'v.isActive', args: [] }, { call: 'v.create', args: [0] },
      { call: 'conn.listInterfaces', args: [] }, { call: 'conn.listDefinedInterfaces', args: [] },
      { call: 'conn.changeRollback', args: [0] }, { call: 'conn.listInterfaces', args: [] },
      { call: 'conn.changeCommit', args: [0] }, { call: 'conn.changeRollback', args: [0] },
      { call: 'i.destroy', args: [0] }, { call: 'i.destroy', args: [0] }, { call: 'conn.numOfDefinedInterfaces', args: [] },
      { call: 'i.undefine', args: [] }, { call: 'conn.numOfInterfaces', args: [] },
      { call: 'conn.interfaceDefineXML', args: ["<interface type='ethernet'/>", 0] },
    ],
  },
  {
    name: 'node device XML',
    steps: [
      { call: 'conn.nodeDeviceLookupByName', args: ['computer'], as: 'nd' }, { call: 'nd.xmlDesc', args: [0] },
      { call: 'conn.nodeDeviceLookupByName', args: ['scsi_host1'], as: 'h1' }, { call: 'h1.xmlDesc', args: [0] },
      { call: 'conn.nodeDeviceLookupByName', args: ['scsi_host2'], as: 'h2' }, { call: 'h2.xmlDesc', args: [0] },
      { call: 'conn.nodeDeviceLookupByName', args: ['scsi_host11'], as: 'h11' }, { call: 'h11.xmlDesc', args: [0] },
      { call: 'h11.xmlDesc', args: [1] },
    ],
  },
];
