/** Bindings of the host interface and node device entry points. */
import { REMOTE_INTERFACE_LIST_MAX, REMOTE_NODE_DEVICE_CAPS_LIST_MAX, REMOTE_NODE_DEVICE_LIST_MAX, procedures as P } from '../../rpc/protocol/remote.js';
import { bind, type Binding } from './binding.js';
import { bool, capped, iface, listAll, nodeDevice, nodeDeviceName, same } from './convert.js';

const ifc = ['iface', iface] as const;
const flags = ['flags', same] as const;

export const hostObjectBindings: Binding[] = [
  bind(P.CONNECT_NUM_OF_INTERFACES, 'connectNumOfInterfaces', [], ['num', same]),
  bind(P.CONNECT_LIST_ALL_INTERFACES, 'connectListAllInterfaces', [['flags', same]], listAll('ifaces', iface), { wireConst: { need_results: 1 } }),
  bind(P.INTERFACE_LOOKUP_BY_NAME, 'interfaceLookupByName', [['name', same]], ['iface', iface]),
  bind(P.INTERFACE_GET_XML_DESC, 'interfaceGetXMLDesc', [ifc, flags], ['xml', same]),
  bind(P.CONNECT_LIST_INTERFACES, 'connectListInterfaces', [['maxnames', capped(REMOTE_INTERFACE_LIST_MAX)]], ['names', same]),
  bind(P.CONNECT_NUM_OF_DEFINED_INTERFACES, 'connectNumOfDefinedInterfaces', [], ['num', same]),
  bind(P.CONNECT_LIST_DEFINED_INTERFACES, 'connectListDefinedInterfaces', [['maxnames', capped(REMOTE_INTERFACE_LIST_MAX)]], ['names', same]),
  bind(P.INTERFACE_LOOKUP_BY_MAC_STRING, 'interfaceLookupByMACString', [['mac', same]], ifc),
  bind(P.INTERFACE_DEFINE_XML, 'interfaceDefineXML', [['xml', same], flags], ifc),
  bind(P.INTERFACE_UNDEFINE, 'interfaceUndefine', [ifc], null),
  bind(P.INTERFACE_CREATE, 'interfaceCreate', [ifc, flags], null),
  bind(P.INTERFACE_DESTROY, 'interfaceDestroy', [ifc, flags], null),
  bind(P.INTERFACE_IS_ACTIVE, 'interfaceIsActive', [ifc], ['active', bool]),
  bind(P.INTERFACE_CHANGE_BEGIN, 'interfaceChangeBegin', [flags], null),
  bind(P.INTERFACE_CHANGE_COMMIT, 'interfaceChangeCommit', [flags], null),
  bind(P.INTERFACE_CHANGE_ROLLBACK, 'interfaceChangeRollback', [flags], null),
  bind(P.CONNECT_LIST_ALL_NODE_DEVICES, 'connectListAllNodeDevices', [['flags', same]], listAll('devices', nodeDevice), { wireConst: { need_results: 1 } }),
  bind(P.NODE_DEVICE_LOOKUP_BY_NAME, 'nodeDeviceLookupByName', [['name', same]], ['dev', nodeDevice]),
  bind(P.NODE_DEVICE_GET_XML_DESC, 'nodeDeviceGetXMLDesc', [['name', nodeDeviceName], ['flags', same]], ['xml', same]),
  bind(P.NODE_NUM_OF_DEVICES, 'nodeNumOfDevices', [['cap', same], flags], ['num', same]),
  bind(P.NODE_LIST_DEVICES, 'nodeListDevices', [['cap', same], ['maxnames', capped(REMOTE_NODE_DEVICE_LIST_MAX)], flags], ['names', same]),
  bind(P.NODE_DEVICE_GET_PARENT, 'nodeDeviceGetParent', [['name', nodeDeviceName]], ['parentName', same]),
  bind(P.NODE_DEVICE_NUM_OF_CAPS, 'nodeDeviceNumOfCaps', [['name', nodeDeviceName]], ['num', same]),
  bind(P.NODE_DEVICE_LIST_CAPS, 'nodeDeviceListCaps', [['name', nodeDeviceName], ['maxnames', capped(REMOTE_NODE_DEVICE_CAPS_LIST_MAX)]], ['names', same]),
  bind(P.NODE_DEVICE_DESTROY, 'nodeDeviceDestroy', [['name', nodeDeviceName]], null),
];
