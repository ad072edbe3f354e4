# libvirt-python side of the remote driver's differential corpus (see corpus.ts): reads
# {"uri", "readOnly", "steps"} on stdin, prints the outcome of each step as JSON, with the same
# vocabulary and result shapes as interpreter.ts.
import json, sys, threading, time
import libvirt

libvirt.registerErrorHandler(lambda *a: None, None)
libvirt.virEventRegisterDefaultImpl()
def loop():
    while True:
        libvirt.virEventRunDefaultImpl()
threading.Thread(target=loop, daemon=True).start()

req = json.load(sys.stdin)
c = libvirt.openReadOnly(req['uri']) if req.get('readOnly') else libvirt.open(req['uri'])
v = {'events': []}

def setv(k, o):
    v[k] = o
    return o.name() if hasattr(o, 'name') else o.getName()

def names(xs):
    return sorted(x.name() for x in xs)

def bools(m):
    return tuple(bool(b) for b in m)

def bits(m):
    return [1 if b else 0 for b in m]

def params(d):
    # typed parameters as sorted [name, value as text] pairs (booleans as 0/1), as interpreter.ts gives them
    return sorted([k, str(int(x)) if isinstance(x, bool) else str(x)] for k, x in d.items())

def info_node(i):
    # libvirt-python gives the memory in MiB; the C API (and ours) in KiB
    return [i[0], i[1] * 1024] + i[2:8]

OPS = {
    'getType': lambda: c.getType(),
    'getVersion': lambda: c.getVersion(),
    'getLibVersion': lambda: c.getLibVersion(),
    'getHostname': lambda: c.getHostname(),
    'getURI': lambda: c.getURI(),
    'getMaxVcpus': lambda t: c.getMaxVcpus(t),
    'nodeInfo': lambda: info_node(c.getInfo()),
    'isSecure': lambda: c.isSecure(),
    'isEncrypted': lambda: c.isEncrypted(),
    'isAlive': lambda: c.isAlive(),
    'capabilities': lambda: c.getCapabilities(),
    'sysinfo': lambda: c.getSysinfo(0),
    'freeMemory': lambda: str(c.getFreeMemory()),
    'securityModel': lambda: c.getSecurityModel(),
    'numOfDomains': lambda: c.numOfDomains(),
    'listDomainsID': lambda: sorted(c.listDomainsID()),
    'numOfDefinedDomains': lambda: c.numOfDefinedDomains(),
    'listDefinedDomains': lambda: sorted(c.listDefinedDomains()),
    'listAllDomains': lambda f: names(c.listAllDomains(f)),
    'lookupByName': lambda n: setv('d', c.lookupByName(n)),
    'lookupByID': lambda i: setv('d', c.lookupByID(i)),
    'lookupByUUIDString': lambda u: setv('d', c.lookupByUUIDString(u)),
    'defineXML': lambda x: setv('d', c.defineXML(x)),
    'createXML': lambda x: setv('d', c.createXML(x, 0)),
    'domInfo': lambda: v['d'].info()[:4],
    'domState': lambda: v['d'].state(0),
    'domXML': lambda f: v['d'].XMLDesc(f),
    'domOSType': lambda: v['d'].OSType(),
    'domIsActive': lambda: v['d'].isActive(),
    'domIsPersistent': lambda: v['d'].isPersistent(),
    'domIsUpdated': lambda: v['d'].isUpdated(),
    'domMaxMemory': lambda: v['d'].maxMemory(),
    'domMaxVcpus': lambda: v['d'].maxVcpus(),
    'domVcpusFlags': lambda f: v['d'].vcpusFlags(f),
    'domAutostart': lambda: v['d'].autostart(),
    'domSetAutostart': lambda a: none(v['d'].setAutostart(a)),
    'domCreate': lambda: none(v['d'].create()),
    'domSuspend': lambda: none(v['d'].suspend()),
    'domResume': lambda: none(v['d'].resume()),
    'domShutdown': lambda: none(v['d'].shutdown()),
    'domDestroy': lambda: none(v['d'].destroy()),
    'domUndefine': lambda: none(v['d'].undefine()),
    'domSetMemory': lambda k: none(v['d'].setMemory(k)),
    'domSetMetadata': lambda t, m, k, u, f: none(v['d'].setMetadata(t, m, k, u, f)),
    'domMetadata': lambda t, u, f: v['d'].metadata(t, u, f),
    'domSnapshotNum': lambda f: v['d'].snapshotNum(f),
    'domSnapshotListNames': lambda f: sorted(v['d'].snapshotListNames(f)),
    'domSnapshotCreate': lambda x, f: setv('s', v['d'].snapshotCreateXML(x, f)),
    'domSnapshotLookup': lambda n: setv('s', v['d'].snapshotLookupByName(n, 0)),
    'domHasCurrentSnapshot': lambda f: v['d'].hasCurrentSnapshot(f),
    'snapName': lambda: v['s'].getName(),
    'snapIsCurrent': lambda: v['s'].isCurrent(0),
    'snapXMLContains': lambda t: t in v['s'].getXMLDesc(0),
    'snapDelete': lambda: none(v['s'].delete(0)),
    'domReboot': lambda f: none(v['d'].reboot(f)),
    'domReset': lambda f: none(v['d'].reset(f)),
    'domSetMaxMemory': lambda k: none(v['d'].setMaxMemory(k)),
    'domSetMemoryFlags': lambda k, f: none(v['d'].setMemoryFlags(k, f)),
    'domSetVcpusFlags': lambda n, f: none(v['d'].setVcpusFlags(n, f)),
    'domManagedSave': lambda f: none(v['d'].managedSave(f)),
    'domHasManagedSave': lambda f: v['d'].hasManagedSaveImage(f),
    'domManagedSaveRemove': lambda f: none(v['d'].managedSaveRemove(f)),
    'domRename': lambda n, f: none(v['d'].rename(n, f)),
    'domUndefineFlags': lambda f: none(v['d'].undefineFlags(f)),
    'domDestroyFlags': lambda f: none(v['d'].destroyFlags(f)),
    'domShutdownFlags': lambda f: none(v['d'].shutdownFlags(f)),
    'domCreateWithFlags': lambda f: none(v['d'].createWithFlags(f)),
    'domSecurityLabel': lambda: (lambda l: [l[0], int(l[1])])(v['d'].securityLabel()),
    'domListAllSnapshots': lambda f: sorted(x.getName() for x in v['d'].listAllSnapshots(f)),
    'domSnapshotCurrent': lambda f: setv('s', v['d'].snapshotCurrent(f)),
    'domRevertToSnapshot': lambda f: none(v['d'].revertToSnapshot(v['s'], f)),
    'netSetAutostart': lambda a: none(v['n'].setAutostart(a)),
    'poolBuild': lambda f: none(v['p'].build(f)),
    'poolCreate': lambda f: none(v['p'].create(f)),
    'poolDestroy': lambda: none(v['p'].destroy()),
    'poolRefresh': lambda f: none(v['p'].refresh(f)),
    'poolAutostart': lambda: v['p'].autostart(),
    'poolSetAutostart': lambda a: none(v['p'].setAutostart(a)),
    'poolIsPersistent': lambda: v['p'].isPersistent(),
    'poolListAllVolumes': lambda f: names(v['p'].listAllVolumes(f)),
    'volLookupByName': lambda n: setv('v', v['p'].storageVolLookupByName(n)),
    'volXML': lambda: v['v'].XMLDesc(0),
    'volKey': lambda: v['v'].key(),
    'volResize': lambda cap, f: none(v['v'].resize(cap, f)),
    'domGetTime': lambda f: (lambda t: [t['seconds'], t['nseconds']])(v['d'].getTime(f)),
    'domSetTime': lambda s, n, f: none(v['d'].setTime({'seconds': s, 'nseconds': n}, f)),
    'domHostname': lambda f: v['d'].hostname(f),
    'domFSFreeze': lambda m, f: v['d'].fsFreeze(m, f),
    'domFSThaw': lambda m, f: v['d'].fsThaw(m, f),
    'domSetUserPassword': lambda u, p, f: none(v['d'].setUserPassword(u, p, f)),
    'domAttachDevice': lambda x: none(v['d'].attachDevice(x)),
    'domDetachDevice': lambda x: none(v['d'].detachDevice(x)),
    'domAttachDeviceFlags': lambda x, f: none(v['d'].attachDeviceFlags(x, f)),
    'domDetachDeviceFlags': lambda x, f: none(v['d'].detachDeviceFlags(x, f)),
    'domUpdateDeviceFlags': lambda x, f: none(v['d'].updateDeviceFlags(x, f)),
    'domDetachDeviceAlias': lambda a, f: none(v['d'].detachDeviceAlias(a, f)),
    'domBlockResize': lambda d, n, f: none(v['d'].blockResize(d, n, f)),
    'domBlockJobSetSpeed': lambda d, n, f: none(v['d'].blockJobSetSpeed(d, n, f)),
    'domBlockPull': lambda d, n, f: none(v['d'].blockPull(d, n, f)),
    'domSetBlockThreshold': lambda d, n, f: none(v['d'].setBlockThreshold(d, n, f)),
    'domBlockJobInfo': lambda d, f: (lambda i: [i['type'], i['bandwidth'], i['cur'], i['end']] if i else [])(v['d'].blockJobInfo(d, f)),
    'domBlockJobAbort': lambda d, f: none(v['d'].blockJobAbort(d, f)),
    'domBlockRebase': lambda d, b, bw, f: none(v['d'].blockRebase(d, b, bw, f)),
    'domBlockCommit': lambda d, b, t, bw, f: none(v['d'].blockCommit(d, b, t, bw, f)),
    'domSetVcpu': lambda m, s, f: none(v['d'].setVcpu(m, s, f)),
    'domSetGuestVcpus': lambda m, s, f: none(v['d'].setGuestVcpus(m, s, f)),
    'domGuestVcpus': lambda f: [[k, str(x)] for k, x in failed_if_none(v['d'].guestVcpus(f)).items()],
    'domPMWakeup': lambda f: none(v['d'].pMWakeup(f)),
    'domPMSuspendForDuration': lambda t, d, f: none(v['d'].pMSuspendForDuration(t, d, f)),
    'domFSInfo': lambda f: [list(x[:3]) + [list(x[3])] for x in v['d'].fsInfo(f)],
    'cellsFreeMemory': lambda s, m: c.getCellsFreeMemory(s, m),
    'domPinVcpu': lambda n, m: none(v['d'].pinVcpu(n, bools(m))),
    'domPinVcpuFlags': lambda n, m, f: none(v['d'].pinVcpuFlags(n, bools(m), f)),
    'domVcpuPinInfo': lambda f: [bits(m) for m in v['d'].vcpuPinInfo(f)],
    'domPinEmulator': lambda m, f: none(v['d'].pinEmulator(bools(m), f)),
    'domEmulatorPinInfo': lambda f: bits(v['d'].emulatorPinInfo(f)),
    'domIOThreadInfo': lambda f: [[i, bits(m)] for i, m in v['d'].ioThreadInfo(f)],
    'domAddIOThread': lambda i, f: none(v['d'].addIOThread(i, f)),
    'domDelIOThread': lambda i, f: none(v['d'].delIOThread(i, f)),
    'domPinIOThread': lambda i, m, f: none(v['d'].pinIOThread(i, bools(m), f)),
    'domSetIOThreadParams': lambda i, k, x, f: none(v['d'].setIOThreadParams(i, {k: x}, f)),
    'domPerfEvents': lambda f: params(v['d'].perfEvents(f)),
    'domInterfaceParameters': lambda d, f: params(v['d'].interfaceParameters(d, f)),
    'domBlockIoTune': lambda d, f: params(v['d'].blockIoTune(d, f)),
    'domCPUStats': lambda t, f: [params(x) for x in v['d'].getCPUStats(t, f)],
    'domSendKey': lambda s, k, f: none(v['d'].sendKey(s, 0, k, len(k), f)),
    'domSetLifecycleAction': lambda t, a, f: none(v['d'].setLifecycleAction(t, a, f)),
    'freePages': lambda p, s, n, f: c.getFreePages(p, s, n, f),
    'cpuMap': lambda f: (lambda r: [r[0], [1 if b else 0 for b in r[1]], r[2]])(c.getCPUMap(f)),
    'numOfNetworks': lambda: c.numOfNetworks(),
    'listNetworks': lambda: sorted(c.listNetworks()),
    'listAllNetworks': lambda f: names(c.listAllNetworks(f)),
    'networkLookupByName': lambda n: setv('n', c.networkLookupByName(n)),
    'networkDefineXML': lambda x: setv('n', c.networkDefineXML(x)),
    'netXML': lambda: v['n'].XMLDesc(0),
    'netIsActive': lambda: v['n'].isActive(),
    'netIsPersistent': lambda: v['n'].isPersistent(),
    'netAutostart': lambda: v['n'].autostart(),
    'netBridge': lambda: v['n'].bridgeName(),
    'netCreate': lambda: none(v['n'].create()),
    'netDestroy': lambda: none(v['n'].destroy()),
    'netUndefine': lambda: none(v['n'].undefine()),
    'numOfStoragePools': lambda: c.numOfStoragePools(),
    'listStoragePools': lambda: sorted(c.listStoragePools()),
    'listAllStoragePools': lambda f: names(c.listAllStoragePools(f)),
    'poolLookupByName': lambda n: setv('p', c.storagePoolLookupByName(n)),
    'poolDefineXML': lambda x: setv('p', c.storagePoolDefineXML(x, 0)),
    'poolInfo': lambda: [str(x) if i else x for i, x in enumerate(v['p'].info())],
    'poolXML': lambda: v['p'].XMLDesc(0),
    'poolIsActive': lambda: v['p'].isActive(),
    'poolNumOfVolumes': lambda: v['p'].numOfVolumes(),
    'poolListVolumes': lambda: sorted(v['p'].listVolumes()),
    'poolUndefine': lambda: none(v['p'].undefine()),
    'volCreate': lambda x: setv('v', v['p'].createXML(x, 0)),
    'volPath': lambda: v['v'].path(),
    'volInfo': lambda: [str(x) if i else x for i, x in enumerate(v['v'].info())],
    'volDelete': lambda: none(v['v'].delete(0)),
    'numOfInterfaces': lambda: c.numOfInterfaces(),
    'listAllInterfaces': lambda f: names(c.listAllInterfaces(f)),
    'interfaceLookupByName': lambda n: iface(c.interfaceLookupByName(n)),
    'ifaceXML': lambda: v['i'].XMLDesc(0),
    'numOfDefinedInterfaces': lambda: c.numOfDefinedInterfaces(),
    'listDefinedInterfaces': lambda: sorted(c.listDefinedInterfaces()),
    'listInterfaces': lambda: sorted(c.listInterfaces()),
    'interfaceLookupByMACString': lambda m: iface(c.interfaceLookupByMACString(m)),
    'interfaceDefineXML': lambda x: iface(c.interfaceDefineXML(x, 0)),
    'ifaceIsActive': lambda: v['i'].isActive(),
    'ifaceCreate': lambda: none(v['i'].create(0)),
    'ifaceDestroy': lambda: none(v['i'].destroy(0)),
    'ifaceUndefine': lambda: none(v['i'].undefine()),
    'changeBegin': lambda: none(c.changeBegin(0)),
    'changeCommit': lambda: none(c.changeCommit(0)),
    'changeRollback': lambda: none(c.changeRollback(0)),
    'listAllDevices': lambda f: names(c.listAllDevices(f)),
    'nodeDeviceLookupByName': lambda n: setv('x', c.nodeDeviceLookupByName(n)),
    'devXML': lambda: v['x'].XMLDesc(0),
    'watchLifecycle': lambda: none(c.domainEventRegisterAny(None, 0, lambda _c, d, e, det, _o: v['events'].append([d.name(), e, det]), None)),
    'events': lambda: (time.sleep(0.3), v['events'])[1],
}

def failed_if_none(r):
    """guestVcpus answers None instead of raising: raise libvirt's last error."""
    if r is None:
        raise libvirt.libvirtError('call failed')
    return r

def none(_):
    return None

def iface(i):
    v['i'] = i
    return [i.name(), i.MACString()]

out = []
for step in req['steps']:
    op, args = step[0], step[1:]
    try:
        r = OPS[op](*args)
        if isinstance(r, bool):
            r = 1 if r else 0
        if isinstance(r, tuple):
            r = list(r)
        out.append(r)
    except libvirt.libvirtError as e:
        out.append({'error': [e.get_error_code(), e.get_error_domain(), e.get_error_message()]})
c.close()
print(json.dumps(out))
