/** Bindings of the host interface and node device entry points. */
import { procedures as P } from '../../rpc/protocol/remote.js';
import { bind, type Binding } from './binding.js';
import { iface, listAll, nodeDevice, nodeDeviceName, same } from './convert.js';

export const hostObjectBindings: Binding[] = [
  bind(P.CONNECT_NUM_OF_INTERFACES, 'connectNumOfInterfaces', [], ['num', same]),
  bind(P.CONNECT_LIST_ALL_INTERFACES, 'connectListAllInterfaces', [['flags', same]], listAll('ifaces', iface), { wireConst: { need_results: 1 } }),
  bind(P.INTERFACE_LOOKUP_BY_NAME, 'interfaceLookupByName', [['name', same]], ['iface', iface]),
  bind(P.INTERFACE_GET_XML_DESC, 'interfaceGetXMLDesc', [['iface', iface], ['flags', same]], ['xml', same]),
  bind(P.CONNECT_LIST_ALL_NODE_DEVICES, 'connectListAllNodeDevices', [['flags', same]], listAll('devices', nodeDevice), { wireConst: { need_results: 1 } }),
  bind(P.NODE_DEVICE_LOOKUP_BY_NAME, 'nodeDeviceLookupByName', [['name', same]], ['dev', nodeDevice]),
  bind(P.NODE_DEVICE_GET_XML_DESC, 'nodeDeviceGetXMLDesc', [['name', nodeDeviceName], ['flags', same]], ['xml', same]),
];
