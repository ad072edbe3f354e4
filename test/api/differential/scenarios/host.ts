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
    name: 'host interface and node device XML',
    steps: [
      { call: 'conn.interfaceLookupByName', args: ['eth1'], as: 'i' }, { call: 'i.xmlDesc', args: [0] },
      { call: 'conn.nodeDeviceLookupByName', args: ['computer'], as: 'nd' }, { call: 'nd.xmlDesc', args: [0] },
    ],
    knownDifference: 'interface and node device XML are re-serialised by xmldom (double quotes, <mac> kept in input order) '
      + 'instead of formatted as virInterfaceDefFormat / virNodeDeviceDefFormat: needs interface and node device models in src/conf/',
  },
];
