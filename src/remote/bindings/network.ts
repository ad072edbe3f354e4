/** Bindings of the network entry points. */
import { REMOTE_NETWORK_LIST_MAX, procedures as P } from '../../rpc/protocol/remote.js';
import { bind, type Binding } from './binding.js';
import type { NetworkDHCPLease } from '../../drivers/types.js';
import { bool, capped, listAll, network, networkPort, same, uuid } from './convert.js';

const net = ['net', network] as const;
const port = ['port', networkPort] as const;
/** A lease crosses the wire field for field. */
const lease = { toDriver: (w: NetworkDHCPLease) => ({ ...w }), toWire: (d: NetworkDHCPLease) => ({ ...d }) };

export const networkBindings: Binding[] = [
  bind(P.CONNECT_NUM_OF_NETWORKS, 'connectNumOfNetworks', [], ['num', same]),
  bind(P.CONNECT_LIST_NETWORKS, 'connectListNetworks', [['maxnames', capped(REMOTE_NETWORK_LIST_MAX)]], ['names', same]),
  bind(P.CONNECT_NUM_OF_DEFINED_NETWORKS, 'connectNumOfDefinedNetworks', [], ['num', same]),
  bind(P.CONNECT_LIST_DEFINED_NETWORKS, 'connectListDefinedNetworks', [['maxnames', capped(REMOTE_NETWORK_LIST_MAX)]], ['names', same]),
  bind(P.CONNECT_LIST_ALL_NETWORKS, 'connectListAllNetworks', [['flags', same]], listAll('nets', network), { wireConst: { need_results: 1 } }),
  bind(P.NETWORK_LOOKUP_BY_NAME, 'networkLookupByName', [['name', same]], net),
  bind(P.NETWORK_LOOKUP_BY_UUID, 'networkLookupByUUID', [['uuid', uuid]], net),
  bind(P.NETWORK_CREATE_XML_FLAGS, 'networkCreateXML', [['xml', same], ['flags', same]], net),
  bind(P.NETWORK_CREATE_XML, 'networkCreateXML', [['xml', same]], net, { legacy: true, driverTail: [0] }),
  bind(P.NETWORK_DEFINE_XML_FLAGS, 'networkDefineXMLFlags', [['xml', same], ['flags', same]], net),
  bind(P.NETWORK_DEFINE_XML, 'networkDefineXMLFlags', [['xml', same]], net, { legacy: true, api: 'virNetworkDefineXML', driverTail: [0] }),
  bind(P.NETWORK_UNDEFINE, 'networkUndefine', [net], null),
  bind(P.NETWORK_CREATE, 'networkCreate', [net], null),
  bind(P.NETWORK_DESTROY, 'networkDestroy', [net], null),
  bind(P.NETWORK_GET_XML_DESC, 'networkGetXMLDesc', [net, ['flags', same]], ['xml', same]),
  bind(P.NETWORK_GET_BRIDGE_NAME, 'networkGetBridgeName', [net], ['name', same]),
  bind(P.NETWORK_GET_AUTOSTART, 'networkGetAutostart', [net], ['autostart', bool]),
  bind(P.NETWORK_SET_AUTOSTART, 'networkSetAutostart', [net, ['autostart', bool]], null),
  bind(P.NETWORK_IS_ACTIVE, 'networkIsActive', [net], ['active', bool]),
  bind(P.NETWORK_IS_PERSISTENT, 'networkIsPersistent', [net], ['persistent', bool]),
  bind(P.NETWORK_GET_DHCP_LEASES, 'networkGetDHCPLeases', [net, ['mac', same], ['flags', same]], listAll('leases', lease), { wireConst: { need_results: 1 } }),
  bind(P.NETWORK_LIST_ALL_PORTS, 'networkListAllPorts', [['network', network], ['flags', same]], listAll('ports', networkPort), { wireConst: { need_results: 1 } }),
  bind(P.NETWORK_PORT_LOOKUP_BY_UUID, 'networkPortLookupByUUID', [['network', network], ['uuid', uuid]], port),
  bind(P.NETWORK_PORT_CREATE_XML, 'networkPortCreateXML', [['network', network], ['xml', same], ['flags', same]], port),
  bind(P.NETWORK_PORT_GET_XML_DESC, 'networkPortGetXMLDesc', [port, ['flags', same]], ['xml', same]),
  bind(P.NETWORK_PORT_DELETE, 'networkPortDelete', [port, ['flags', same]], null),
  bind(P.NETWORK_UPDATE, 'networkUpdate', [net, ['command', same], ['section', same], ['parentIndex', same], ['xml', same], ['flags', same]], null),
];
