/**
 * The differential corpus: sequences of calls run once through our remote driver and once through
 * libvirt-python (oracle.py) against the same daemon; every step's result, or its error as
 * [code, domain, message], must be the same. Lists are compared sorted: libvirt's order is that of
 * hash tables seeded at random in each process. Ops are a small shared vocabulary: `d` is the
 * domain of the last lookup/define/create, `n` the network, `p` the pool, `s` the snapshot.
 */
export type Step = [op: string, ...args: (string | number | null | string[] | number[])[]];
export interface Scenario { name: string; readOnly?: boolean; steps: Step[] }

export const DOM_XML = (name: string, uuid: string) => `<domain type='test'><name>${name}</name><uuid>${uuid}</uuid>`
  + `<memory unit='KiB'>65536</memory><currentMemory unit='KiB'>65536</currentMemory><vcpu>1</vcpu>`
  + `<os><type arch='i686'>hvm</type></os></domain>`;
export const NET_XML = `<network><name>dnet</name><uuid>7a3b2c1d-0000-4000-8000-00000000beef</uuid>`
  + `<bridge name='virbr9'/><ip address='192.168.199.1' netmask='255.255.255.0'/></network>`;
export const POOL_XML = `<pool type='dir'><name>dpool</name><uuid>7a3b2c1d-0000-4000-8000-00000000f00d</uuid>`
  + `<target><path>/tmp/dpool</path></target></pool>`;
export const VOL_XML = `<volume><name>v1.img</name><capacity unit='bytes'>1048576</capacity></volume>`;
export const IFACE_XML = `<interface type='ethernet' name='eth9'><start mode='onboot'/><mac address='52:54:00:aa:bb:09'/>`
  + `<protocol family='ipv4'><ip address='192.168.9.9' prefix='24'/></protocol></interface>`;
export const SNAP_XML = `<domainsnapshot><name>s1</name><description>first</description></domainsnapshot>`;

export const SCENARIOS: Scenario[] = [
  { name: 'host', steps: [['getType'], ['getVersion'], ['getLibVersion'], ['getHostname'], ['getURI'], ['getMaxVcpus', null], ['nodeInfo'], ['isSecure'], ['isEncrypted'], ['isAlive'], ['capabilities'], ['sysinfo'], ['freeMemory'], ['securityModel']] },
  { name: 'domain lookups', steps: [
    ['numOfDomains'], ['listDomainsID'], ['numOfDefinedDomains'], ['listDefinedDomains'], ['listAllDomains', 0],
    ['lookupByName', 'test'], ['domInfo'], ['domState'], ['domXML', 0], ['domOSType'], ['domIsActive'], ['domIsPersistent'],
    ['domMaxMemory'], ['domMaxVcpus'], ['domVcpusFlags', 0], ['domAutostart'], ['domIsUpdated'],
    ['lookupByID', 1], ['lookupByUUIDString', '6695eb01-f6a4-8304-79aa-97f2502e193f'],
    ['lookupByName', 'nonexistent'], ['lookupByID', 99], ['lookupByUUIDString', '6695eb01-f6a4-8304-79aa-000000000000'],
  ] },
  { name: 'domain define and lifecycle', steps: [
    ['defineXML', DOM_XML('d1', '11111111-2222-3333-4444-555555555555')], ['domInfo'], ['domState'], ['domIsActive'],
    ['listDefinedDomains'], ['domCreate'], ['domState'], ['domIsActive'], ['domSuspend'], ['domState'], ['domSuspend'],
    ['domResume'], ['domResume'], ['domSetMemory', 32768], ['domInfo'], ['domShutdown'], ['domState'],
    ['domCreate'], ['domDestroy'], ['domDestroy'], ['domSetAutostart', 1], ['domAutostart'], ['domUndefine'],
    ['lookupByName', 'd1'],
  ] },
  { name: 'domain transient and errors', steps: [
    ['createXML', DOM_XML('t1', '11111111-2222-3333-4444-666666666666')], ['domIsPersistent'], ['domState'],
    ['domDestroy'], ['lookupByName', 't1'],
    ['defineXML', '<domain type="test"><name>bad</name>'], ['defineXML', '<domain/>'],
    ['defineXML', DOM_XML('test', '11111111-2222-3333-4444-777777777777')],
  ] },
  { name: 'domain metadata and snapshots', steps: [
    ['lookupByName', 'test'], ['domSetMetadata', 0, 'hello', null, null, 0], ['domMetadata', 0, null, 0],
    ['domSnapshotNum', 0], ['domSnapshotCreate', SNAP_XML, 0], ['snapName'], ['domSnapshotNum', 0], ['domSnapshotListNames', 0],
    ['domHasCurrentSnapshot', 0], ['snapIsCurrent'], ['snapXMLContains', '<description>first</description>'],
    ['domSnapshotLookup', 'nope'], ['snapDelete'], ['domSnapshotNum', 0],
  ] },
  { name: 'metadata elements: prefixes libvirt refuses', steps: [
    ['lookupByName', 'test'],
    ...[['<m:x xmlns:m="urn:t">1</m:x>', 'm'], ['<x>1</x>', '1bad'], ['<x>1</x>', 'a:b'], ['<x xmlns:m="urn:o">1</x>', 'm'],
      ['<n:x xmlns:n="urn:o" xmlns:m="urn:p">1</n:x>', 'm'], ['<x>1</x>', 'é'], ['<m:x xmlns:m="urn:t"><y/></m:x>', 'k']]
      .flatMap(([xml, key]): Step[] => [['domSetMetadata', 2, xml!, key!, 'urn:t', 0], ['domMetadata', 2, 'urn:t', 0]]),
  ] },
  { name: 'networks', steps: [
    ['numOfNetworks'], ['listNetworks'], ['listAllNetworks', 0], ['networkLookupByName', 'default'], ['netXML'],
    ['netIsActive'], ['netIsPersistent'], ['netAutostart'], ['netBridge'],
    ['networkDefineXML', NET_XML], ['netIsActive'], ['netCreate'], ['netIsActive'], ['netDestroy'], ['netUndefine'],
    ['networkLookupByName', 'dnet'], ['networkLookupByName', 'nope'],
  ] },
  { name: 'storage', steps: [
    ['numOfStoragePools'], ['listStoragePools'], ['listAllStoragePools', 0], ['poolLookupByName', 'default-pool'],
    ['poolInfo'], ['poolXML'], ['poolIsActive'], ['poolNumOfVolumes'], ['poolListVolumes'],
    ['volCreate', VOL_XML], ['volPath'], ['volInfo'], ['poolListVolumes'], ['volDelete'], ['poolListVolumes'],
    ['poolDefineXML', POOL_XML], ['poolIsActive'], ['poolUndefine'], ['poolLookupByName', 'dpool'],
  ] },
  { name: 'interfaces and node devices', steps: [
    ['numOfInterfaces'], ['listAllInterfaces', 0], ['interfaceLookupByName', 'eth1'], ['ifaceXML'],
    ['interfaceLookupByName', 'nope'], ['listAllDevices', 0], ['nodeDeviceLookupByName', 'computer'], ['devXML'],
    ['nodeDeviceLookupByName', 'nope'],
  ] },
  { name: 'interface define, lifecycle and transactions', steps: [
    ['numOfDefinedInterfaces'], ['listDefinedInterfaces'], ['listInterfaces'], ['changeBegin'], ['changeBegin'],
    ['interfaceDefineXML', IFACE_XML], ['ifaceIsActive'], ['listDefinedInterfaces'], ['ifaceCreate'], ['ifaceIsActive'],
    ['ifaceCreate'], ['interfaceLookupByMACString', '52:54:00:aa:bb:09'], ['interfaceLookupByMACString', '52:54:00:00:00:00'],
    ['ifaceDestroy'], ['ifaceUndefine'], ['changeRollback'], ['listDefinedInterfaces'], ['changeCommit'],
    ['interfaceDefineXML', '<interface/>'],
  ] },
  { name: 'read-only connection denials', readOnly: true, steps: [
    ['lookupByName', 'test'], ['domInfo'], ['domSuspend'], ['domDestroy'], ['domSetAutostart', 0],
    ['defineXML', DOM_XML('ro', '11111111-2222-3333-4444-888888888888')], ['networkLookupByName', 'default'], ['netDestroy'],
    ['listAllDomains', 0],
  ] },
  { name: 'lifecycle events', steps: [
    ['watchLifecycle'], ['defineXML', DOM_XML('ev1', '11111111-2222-3333-4444-999999999999')], ['domCreate'], ['domSuspend'],
    ['domResume'], ['domDestroy'], ['domUndefine'], ['events'],
  ] },
];
