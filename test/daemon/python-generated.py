# A seeded generator of libvirt-python call sequences against one connection URI: the same
# SEED and LENGTH give the same calls, so two daemons' outputs can be compared line by line.
# Prints one JSON line per step: [index, call, choices, result] or [index, call, choices, 'error', code, domain, message],
# where choices are the step's random picks (names, sizes, flags).
# argv: URI SEED LENGTH.  Values that truly vary (times, CPU time, this run's temp paths, the URI's
# socket path) are normalised here.
import json, os, random, re, shutil, sys, tempfile
import libvirt

uri, seed, length = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)
tmp = tempfile.mkdtemp(prefix='pygen-')
os.chmod(tmp, 0o777)  # a daemon running as nobody writes its save images here

def norm(v):
    if isinstance(v, str):
        v = v.replace(tmp, '$TMP').replace(uri, '$URI')
        v = re.sub(r'<creationTime>\d+</creationTime>', '<creationTime/>', v)
        return v
    if isinstance(v, bytes):
        return ['bytes', v.hex()]
    if isinstance(v, (list, tuple)):
        return [norm(x) for x in v]
    if isinstance(v, dict):
        return {str(k): norm(x) for k, x in sorted(v.items())}
    if isinstance(v, libvirt.virDomain):
        return ['domain', v.name()]
    if isinstance(v, libvirt.virNetwork):
        return ['network', v.name()]
    if isinstance(v, libvirt.virStoragePool):
        return ['pool', v.name()]
    if isinstance(v, libvirt.virStorageVol):
        return ['vol', v.name()]
    if isinstance(v, libvirt.virInterface):
        return ['iface', v.name()]
    if isinstance(v, libvirt.virNodeDevice):
        return ['nodedev', v.name()]
    if isinstance(v, libvirt.virDomainSnapshot):
        return ['snapshot', v.getName()]
    if isinstance(v, libvirt.virDomainCheckpoint):
        return ['checkpoint', v.getName()]
    if isinstance(v, float):
        return round(v, 6)
    return v

libvirt.registerErrorHandler(lambda *a: None, None)
c = libvirt.open(uri)

# Names the generator draws from: the test driver's defaults, names it defines, and names that never exist.
DOMS = ['test', 'test', 'g0', 'g1', 'g2', 'nosuch']
NETS = ['default', 'n0', 'n1', 'nosuch']
POOLS = ['default-pool', 'p0', 'p1', 'nosuch']
VOLS = ['v0', 'v1', 'v2', 'nosuch']
SNAPS = ['s0', 's1', 's2', 'nosuch']
CHKS = ['c0', 'c1', 'c2', 'nosuch']
IFACES = ['eth1', 'eth9', 'nosuch']
DEVS = ['computer', 'scsi_host1', 'scsi_host2', 'scsi_host11', 'scsi_host12', 'nosuch']
VHBAS = ["<device><parent>scsi_host1</parent><capability type='scsi_host'><capability type='fc_host'>"
         "<wwnn>2000000011112222</wwnn><wwpn>1000000011112222</wwpn></capability></capability></device>",
         "<device><capability type='scsi_host'><capability type='fc_host'><wwnn>2000000011112223</wwnn></capability></capability></device>",
         "<device><parent>computer</parent><capability type='scsi_host'/></device>", '<device>', '<cpu/>']
BAD = 1 << 30

picked = []  # this step's random choices, printed with its result

def pick(xs):
    x = rng.choice(xs)
    picked.append(x if isinstance(x, (int, str, type(None))) and len(str(x)) < 40 else '...')
    return x

def flags(*valid):
    """One of the valid flag values, their OR, 0, or a bit no call knows."""
    r = rng.random()
    out = 0
    if r < 0.1:
        out = BAD
    elif r < 0.4 or not valid:
        out = 0
    elif r < 0.5:
        for f in valid:
            if rng.random() < 0.5:
                out |= f
    else:
        out = rng.choice(valid)
    picked.append(out)
    return out

def uuid_for(name):
    h = sum(ord(ch) * (i + 7) for i, ch in enumerate(name))
    return '%08x-1111-2222-3333-%012x' % (h, h * 31 + 5)

def domain_xml(name=None):
    name = name or pick(DOMS[2:5])
    r = rng.random()
    if r < 0.08:
        return pick(['<domain>', '', '<domain type="test"><name>x</name></domain>', 'not xml',
                     "<domain type='test'><name>bad</name><memory>abc</memory><os><type>hvm</type></os></domain>",
                     "<domain type='kvm'><name>%s</name><uuid>%s</uuid><memory>1024</memory><os><type>hvm</type></os></domain>" % (name, uuid_for(name)),
                     "<domain type='test'><name>test</name><uuid>%s</uuid><memory>1024</memory><os><type>hvm</type></os></domain>" % uuid_for('x')])
    mem = pick([65536, 131072, 524288])
    vcpus = pick([1, 2, 4])
    disk = ("<devices><disk type='file' device='disk'><source file='/guest/%s.img'/><target dev='vda' bus='virtio'/></disk>"
            "<interface type='network'><mac address='52:54:00:00:00:%02x'/><source network='default'/><target dev='vnet%d'/></interface></devices>"
            % (name, len(name), len(name))) if rng.random() < 0.6 else ''
    return ("<domain type='test'><name>%s</name><uuid>%s</uuid><memory>%d</memory><currentMemory>%d</currentMemory>"
            "<vcpu>%d</vcpu><os><type>hvm</type></os>%s</domain>" % (name, uuid_for(name), mem, mem, vcpus, disk))

def net_xml():
    name = pick(NETS[1:3])
    if rng.random() < 0.1:
        return pick(['<network>', "<network><name>x</name><uuid>%s</uuid><bridge name='a b c'/></network>" % uuid_for('x')])
    n = 100 + NETS.index(name)
    return ("<network><name>%s</name><uuid>%s</uuid><bridge name='virbr%d'/><forward/>"
            "<ip address='192.168.%d.1' netmask='255.255.255.0'><dhcp><range start='192.168.%d.2' end='192.168.%d.254'/></dhcp></ip></network>"
            % (name, uuid_for(name), n, n, n, n))

# One element per section virNetworkUpdate edits (ip-dhcp-host, -range, forward interface, portgroup, DNS host/TXT/SRV).
NET_UPDATE_XML = {
    4: lambda: "<host mac='52:54:00:aa:bb:%02x' name='h%d' ip='192.168.%d.%d'/>" % (rng.randrange(4), rng.randrange(3), pick([122, 101]), 10 + rng.randrange(4)),
    5: lambda: "<range start='192.168.%d.%d' end='192.168.%d.%d'/>" % (pick([122, 101]), pick([2, 10]), 122, pick([20, 254])),
    7: lambda: "<interface dev='eth%d'/>" % rng.randrange(3),
    9: lambda: "<portgroup name='pg%d'%s/>" % (rng.randrange(3), pick(['', " default='yes'"])),
    10: lambda: "<host ip='192.168.122.%d'>%s</host>" % (rng.randrange(3), pick(['<hostname>n0</hostname>', '<hostname>n1</hostname>', ''])),
    11: lambda: "<txt name='t%d'%s/>" % (rng.randrange(3), pick([" value='v'", ''])),
    12: lambda: "<srv service='s%d' protocol='tcp'%s/>" % (rng.randrange(3), pick(['', " target='x.example' port='%d'" % pick([0, 80])])),
}

def net_update():
    section = pick([4, 4, 4, 5, 5, 7, 9, 10, 11, 12, 1, 3, 6, 8, 0, 13])
    if rng.random() < 0.1 or section not in NET_UPDATE_XML:
        xml = pick(['<host', '', '<bogus/>', "<host ip='1.2.3.4'/>", "<host mac='01:00:00:00:00:01' ip='192.168.122.9'/>", "<interface/>"])
    else:
        xml = NET_UPDATE_XML[section]()
    return net().update(pick([1, 2, 2, 3, 3, 4, 0, 7]), section, pick([-1, -1, -1, 0, 1]), xml,
                        flags(D.VIR_NETWORK_UPDATE_AFFECT_LIVE, D.VIR_NETWORK_UPDATE_AFFECT_CONFIG))

def pool_xml():
    name = pick(POOLS[1:3])
    if rng.random() < 0.1:
        return pick(['<pool>', "<pool type='nosuchtype'><name>x</name></pool>"])
    return ("<pool type='dir'><name>%s</name><uuid>%s</uuid><target><path>/pools/%s</path></target></pool>"
            % (name, uuid_for(name), name))

def vol_xml():
    name = pick(VOLS[:3])
    if rng.random() < 0.1:
        return pick(['<volume>', '<volume><name>x</name><capacity>-5</capacity></volume>'])
    return ("<volume><name>%s</name><capacity unit='M'>%d</capacity><allocation>0</allocation><target><format type='raw'/></target></volume>"
            % (name, pick([1, 8, 64])))

def snap_xml():
    if rng.random() < 0.1:
        return pick(['<domainsnapshot>', '<domainsnapshot><name>a/b</name></domainsnapshot>'])
    return "<domainsnapshot><name>%s</name><description>d%d</description></domainsnapshot>" % (pick(SNAPS[:3]), rng.randrange(9))

def chk_xml():
    """A new checkpoint, a redefinition (needs creationTime, may name a parent), or a bad one."""
    name = pick(CHKS[:3])
    r = rng.random()
    if r < 0.1:
        return pick(['<domaincheckpoint>', '<domaincheckpoint><bogus/></domaincheckpoint>', "<domaincheckpoint><disks><disk name='hda'/></disks></domaincheckpoint>",
                     "<domaincheckpoint><disks><disk name='vda'/><disk name='vda'/></disks></domaincheckpoint>", ''])
    disks = pick(['', "<disks><disk name='vda' checkpoint='no'/></disks>", "<disks><disk name='vda' bitmap='b'/></disks>", "<disks><disk name='/guest/diskimage1'/></disks>"])
    extra = ''
    if r < 0.35:
        extra = '<creationTime>%d</creationTime>%s' % (100 + rng.randrange(9), pick(['', '<parent><name>%s</name></parent>' % pick(CHKS)]))
    return '<domaincheckpoint><name>%s</name><description>d%d</description>%s%s</domaincheckpoint>' % (name, rng.randrange(9), extra, disks)

def S(xs):
    """A listing in a stable order: libvirt walks hash tables seeded at random per process, so its order varies run to run."""
    return sorted(xs, key=lambda x: json.dumps(norm(x)))

def dom():
    if rng.random() < 0.05:
        return c.lookupByID(pick([1, 2, 3, 99]))
    return c.lookupByName(pick(DOMS))

def tdom():
    """A domain for the tuning calls: mostly the running 'test' (whose devices they reach), else any."""
    return c.lookupByName(pick(['test', 'test', 'test'] + DOMS))

_dest = []
def dest():
    """A second connection to the same daemon: the destination of the migration calls."""
    if not _dest:
        _dest.append(libvirt.open(uri))
    return _dest[0]

MIGRATE_FLAGS = (libvirt.VIR_MIGRATE_LIVE, libvirt.VIR_MIGRATE_PEER2PEER, libvirt.VIR_MIGRATE_TUNNELLED, libvirt.VIR_MIGRATE_OFFLINE,
                 libvirt.VIR_MIGRATE_NON_SHARED_DISK, libvirt.VIR_MIGRATE_NON_SHARED_INC, libvirt.VIR_MIGRATE_CHANGE_PROTECTION,
                 libvirt.VIR_MIGRATE_PARALLEL, libvirt.VIR_MIGRATE_NON_SHARED_SYNCHRONOUS_WRITES)
MIGRATE_PARAMS = [{}, {'destination_name': 'moved'}, {'migrate_uri': 'tcp://h', 'bandwidth': 5}, {'graphics_uri': 'spice://h'}]

def cpus(n):
    return tuple(rng.random() < 0.5 for _ in range(n))

def net(): return c.networkLookupByName(pick(NETS))
def pool(): return c.storagePoolLookupByName(pick(POOLS))
def vol(): return pool().storageVolLookupByName(pick(VOLS))
def snap(): return dom().snapshotLookupByName(pick(SNAPS), 0)
def chk(): return dom().checkpointLookupByName(pick(CHKS), 0)
def save_path(): return os.path.join(tmp, pick(['a.save', 'b.save', 'missing.save']))

def dom_info(d):
    i = d.info()
    return [i[0], i[1], i[2], i[3]]  # [4] is CPU time, which runs on with the clock
# Block and interface counters of the test driver are made from the clock too: only their shape is compared.

D = libvirt  # short for the flag constants below
ACTIONS = [
    # virConnect
    ('getHostname', 1, lambda: c.getHostname()),
    ('getVersion', 1, lambda: c.getVersion()),
    ('getLibVersion', 1, lambda: c.getLibVersion()),
    ('getType', 1, lambda: c.getType()),
    ('getURI', 1, lambda: c.getURI()),
    ('getCapabilities', 1, lambda: c.getCapabilities()),
    ('getInfo', 1, lambda: c.getInfo()),
    ('getFreeMemory', 1, lambda: c.getFreeMemory()),
    ('getCellsFreeMemory', 1, lambda: c.getCellsFreeMemory(pick([0, 1, 2, 5]), pick([1, 2, 3]))),
    ('getMaxVcpus', 1, lambda: c.getMaxVcpus(pick([None, 'test', 'kvm', 'bogus']))),
    ('getSysinfo', 1, lambda: c.getSysinfo(flags())),
    ('getCPUMap', 1, lambda: c.getCPUMap(flags())),
    ('getCPUStats', 1, lambda: c.getCPUStats(pick([-1, 0, 5]), flags())),
    ('getFreePages', 1, lambda: c.getFreePages(pick([[4], [4, 2048], [], [4] * 600]), pick([0, 1, -1]), pick([1, 2, 0]), flags())),
    ('getCPUModelNames', 1, lambda: c.getCPUModelNames(pick(['x86_64', 'i686', 'ppc64le', 'aarch64', 'riscv64', 'none', 'bogus']), flags())),
    ('getSecurityModel', 1, lambda: c.getSecurityModel()),
    ('isAlive', 1, lambda: c.isAlive()),
    ('isSecure', 1, lambda: c.isSecure()),
    ('isEncrypted', 1, lambda: c.isEncrypted()),
    ('listDomainsID', 2, lambda: S(c.listDomainsID())),
    ('listDefinedDomains', 2, lambda: S(c.listDefinedDomains())),
    ('numOfDomains', 1, lambda: c.numOfDomains()),
    ('numOfDefinedDomains', 1, lambda: c.numOfDefinedDomains()),
    ('listAllDomains', 4, lambda: S([x.name() for x in c.listAllDomains(flags(
        D.VIR_CONNECT_LIST_DOMAINS_ACTIVE, D.VIR_CONNECT_LIST_DOMAINS_INACTIVE, D.VIR_CONNECT_LIST_DOMAINS_PERSISTENT,
        D.VIR_CONNECT_LIST_DOMAINS_TRANSIENT, D.VIR_CONNECT_LIST_DOMAINS_RUNNING, D.VIR_CONNECT_LIST_DOMAINS_PAUSED,
        D.VIR_CONNECT_LIST_DOMAINS_SHUTOFF, D.VIR_CONNECT_LIST_DOMAINS_OTHER, D.VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE,
        D.VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE, D.VIR_CONNECT_LIST_DOMAINS_AUTOSTART, D.VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART,
        D.VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT, D.VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT,
        D.VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT, D.VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT))])),
    ('lookupByName', 2, lambda: dom().UUIDString()),
    ('lookupByID', 1, lambda: c.lookupByID(pick([0, 1, 2, 3, 4, -1])).name()),
    ('lookupByUUIDString', 1, lambda: c.lookupByUUIDString(pick([uuid_for(pick(DOMS)), '6695eb01-f6a4-8304-79aa-97f2502e193f', 'not-a-uuid'])).name()),
    ('defineXML', 4, lambda: c.defineXML(domain_xml()).name()),
    ('defineXMLFlags', 2, lambda: c.defineXMLFlags(domain_xml(), flags(D.VIR_DOMAIN_DEFINE_VALIDATE)).name()),
    ('createXML', 3, lambda: c.createXML(domain_xml(), flags(D.VIR_DOMAIN_START_PAUSED, D.VIR_DOMAIN_START_AUTODESTROY)).name()),
    ('getAllDomainStats', 2, lambda: S(c.getAllDomainStats(flags(D.VIR_DOMAIN_STATS_STATE, D.VIR_DOMAIN_STATS_BALLOON, D.VIR_DOMAIN_STATS_VCPU,
                                                               D.VIR_DOMAIN_STATS_INTERFACE, D.VIR_DOMAIN_STATS_BLOCK),
                                                         flags(D.VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE, D.VIR_CONNECT_GET_ALL_DOMAINS_STATS_INACTIVE,
                                                               D.VIR_CONNECT_GET_ALL_DOMAINS_STATS_RUNNING, D.VIR_CONNECT_GET_ALL_DOMAINS_STATS_SHUTOFF)))),
    ('domainListGetStats', 1, lambda: c.domainListGetStats([dom()], flags(D.VIR_DOMAIN_STATS_STATE, D.VIR_DOMAIN_STATS_VCPU), flags())),
    ('baselineCPU', 1, lambda: c.baselineCPU([pick(["<cpu><arch>x86_64</arch><model>core2duo</model><vendor>Intel</vendor></cpu>", '<cpu>', ''])], flags())),
    ('compareCPU', 1, lambda: c.compareCPU(pick(["<cpu><arch>x86_64</arch><model>core2duo</model></cpu>", '<cpu>']), flags())),
    ('numOfNetworks', 1, lambda: c.numOfNetworks()),
    ('listNetworks', 1, lambda: S(c.listNetworks())),
    ('listDefinedNetworks', 1, lambda: S(c.listDefinedNetworks())),
    ('listAllNetworks', 2, lambda: S([x.name() for x in c.listAllNetworks(flags(D.VIR_CONNECT_LIST_NETWORKS_ACTIVE, D.VIR_CONNECT_LIST_NETWORKS_INACTIVE,
                                                                              D.VIR_CONNECT_LIST_NETWORKS_PERSISTENT, D.VIR_CONNECT_LIST_NETWORKS_TRANSIENT,
                                                                              D.VIR_CONNECT_LIST_NETWORKS_AUTOSTART, D.VIR_CONNECT_LIST_NETWORKS_NO_AUTOSTART))])),
    ('networkDefineXML', 2, lambda: c.networkDefineXML(net_xml()).name()),
    ('networkCreateXML', 2, lambda: c.networkCreateXML(net_xml()).name()),
    ('networkLookupByUUIDString', 1, lambda: c.networkLookupByUUIDString(uuid_for(pick(NETS))).name()),
    ('net.XMLDesc', 2, lambda: net().XMLDesc(flags(D.VIR_NETWORK_XML_INACTIVE))),
    ('net.create', 2, lambda: net().create()),
    ('net.destroy', 2, lambda: net().destroy()),
    ('net.undefine', 2, lambda: net().undefine()),
    ('net.bridgeName', 1, lambda: net().bridgeName()),
    ('net.autostart', 1, lambda: net().autostart()),
    ('net.setAutostart', 1, lambda: net().setAutostart(pick([0, 1]))),
    ('net.isActive', 1, lambda: net().isActive()),
    ('net.isPersistent', 1, lambda: net().isPersistent()),
    ('net.UUIDString', 1, lambda: net().UUIDString()),
    ('net.update', 4, lambda: net_update()),
    ('numOfStoragePools', 1, lambda: c.numOfStoragePools()),
    ('listStoragePools', 1, lambda: S(c.listStoragePools())),
    ('listDefinedStoragePools', 1, lambda: S(c.listDefinedStoragePools())),
    ('listAllStoragePools', 2, lambda: S([x.name() for x in c.listAllStoragePools(flags(D.VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE, D.VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE,
                                                                                      D.VIR_CONNECT_LIST_STORAGE_POOLS_PERSISTENT, D.VIR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART,
                                                                                      D.VIR_CONNECT_LIST_STORAGE_POOLS_DIR, D.VIR_CONNECT_LIST_STORAGE_POOLS_LOGICAL))])),
    ('storagePoolDefineXML', 2, lambda: c.storagePoolDefineXML(pool_xml(), flags()).name()),
    ('storagePoolCreateXML', 2, lambda: c.storagePoolCreateXML(pool_xml(), flags()).name()),
    ('findStoragePoolSources', 1, lambda: c.findStoragePoolSources(pick(['logical', 'netfs', 'dir', 'fs', 'bogus']),
                                                                    pick([None, "<source><host name='nfs.example'/></source>", '<source>', '<pool/>',
                                                                          "<source><format type='zzz'/><host name='h'/></source>"]), flags())),
    ('pool.info', 2, lambda: pool().info()),
    ('pool.XMLDesc', 2, lambda: pool().XMLDesc(flags(D.VIR_STORAGE_XML_INACTIVE))),
    ('pool.create', 1, lambda: pool().create(flags())),
    ('pool.build', 1, lambda: pool().build(flags())),
    ('pool.destroy', 1, lambda: pool().destroy()),
    ('pool.delete', 1, lambda: pool().delete(flags())),
    ('pool.undefine', 1, lambda: pool().undefine()),
    ('pool.refresh', 1, lambda: pool().refresh(flags())),
    ('pool.autostart', 1, lambda: pool().autostart()),
    ('pool.setAutostart', 1, lambda: pool().setAutostart(pick([0, 1]))),
    ('pool.isActive', 1, lambda: pool().isActive()),
    ('pool.numOfVolumes', 1, lambda: pool().numOfVolumes()),
    ('pool.listVolumes', 1, lambda: S(pool().listVolumes())),
    ('pool.listAllVolumes', 2, lambda: S([v.name() for v in pool().listAllVolumes(flags())])),
    ('pool.createXML', 3, lambda: pool().createXML(vol_xml(), flags()).name()),
    ('pool.createXMLFrom', 1, lambda: pool().createXMLFrom(vol_xml(), vol(), flags()).name()),
    ('vol.info', 2, lambda: vol().info()),
    ('vol.XMLDesc', 2, lambda: vol().XMLDesc(flags())),
    ('vol.path', 1, lambda: vol().path()),
    ('vol.key', 1, lambda: vol().key()),
    ('vol.delete', 1, lambda: vol().delete(flags())),
    ('vol.storagePoolLookupByVolume', 1, lambda: vol().storagePoolLookupByVolume().name()),
    ('storageVolLookupByPath', 1, lambda: c.storageVolLookupByPath(pick(['/default-pool/v0', '/p0/v1', '/pools/p0/v0', '/nosuch'])).name()),
    ('storageVolLookupByKey', 1, lambda: c.storageVolLookupByKey(pick(['/default-pool/v0', '/pools/p1/v2', 'nokey'])).name()),
    ('numOfInterfaces', 1, lambda: c.numOfInterfaces()),
    ('listInterfaces', 1, lambda: S(c.listInterfaces())),
    ('listDefinedInterfaces', 1, lambda: S(c.listDefinedInterfaces())),
    ('listAllInterfaces', 1, lambda: S([x.name() for x in c.listAllInterfaces(flags(libvirt.VIR_CONNECT_LIST_INTERFACES_ACTIVE, libvirt.VIR_CONNECT_LIST_INTERFACES_INACTIVE))])),
    ('interfaceLookupByMACString', 1, lambda: c.interfaceLookupByMACString(pick(['aa:bb:cc:dd:ee:ff', '00:00:00:00:00:01'])).name()),
    ('iface.XMLDesc', 1, lambda: c.interfaceLookupByName(pick(IFACES)).XMLDesc(flags(libvirt.VIR_INTERFACE_XML_INACTIVE))),
    ('iface.isActive', 1, lambda: c.interfaceLookupByName(pick(IFACES)).isActive()),
    ('iface.create', 1, lambda: c.interfaceLookupByName(pick(IFACES)).create(flags())),
    ('iface.destroy', 1, lambda: c.interfaceLookupByName(pick(IFACES)).destroy(flags())),
    ('iface.undefine', 1, lambda: c.interfaceLookupByName(pick(IFACES)).undefine()),
    ('interfaceDefineXML', 1, lambda: c.interfaceDefineXML(pick([
        "<interface type='ethernet' name='eth9'><mac address='aa:bb:cc:dd:ee:09'/></interface>", '<interface>']), flags()).name()),
    ('interfaceChangeBegin', 1, lambda: c.changeBegin(flags())),
    ('interfaceChangeCommit', 1, lambda: c.changeCommit(flags())),
    ('interfaceChangeRollback', 1, lambda: c.changeRollback(flags())),
    ('numOfDevices', 1, lambda: c.numOfDevices(pick([None, 'scsi_host', 'bogus']), flags())),
    ('listDevices', 1, lambda: S(c.listDevices(pick([None, 'scsi_host', 'system']), flags()))),
    ('listAllDevices', 1, lambda: S([x.name() for x in c.listAllDevices(flags(libvirt.VIR_CONNECT_LIST_NODE_DEVICES_CAP_SCSI_HOST, libvirt.VIR_CONNECT_LIST_NODE_DEVICES_CAP_SYSTEM))])),
    ('nodedev.XMLDesc', 1, lambda: c.nodeDeviceLookupByName(pick(DEVS)).XMLDesc(flags())),
    ('nodedev.parent', 1, lambda: c.nodeDeviceLookupByName(pick(DEVS)).parent()),
    ('nodedev.listCaps', 1, lambda: c.nodeDeviceLookupByName(pick(DEVS)).listCaps()),
    ('nodedev.destroy', 1, lambda: c.nodeDeviceLookupByName(pick(DEVS)).destroy()),
    ('listSecrets', 1, lambda: c.listSecrets()),
    ('listAllSecrets', 1, lambda: c.listAllSecrets(0)),
    ('listNWFilters', 1, lambda: c.listNWFilters()),
    ('listAllNWFilters', 1, lambda: c.listAllNWFilters(0)),
    ('nwfilterLookupByName', 1, lambda: c.nwfilterLookupByName('clean-traffic').name()),
    ('secretLookupByUUIDString', 1, lambda: c.secretLookupByUUIDString(uuid_for('s')).UUIDString()),
    ('nodeDeviceCreateXML', 1, lambda: c.nodeDeviceCreateXML(pick(VHBAS), flags()).name()),
    ('nodeDeviceDefineXML', 1, lambda: c.nodeDeviceDefineXML(pick(VHBAS), flags()).name()),
    ('nodeDeviceLookupSCSIHostByWWN', 1, lambda: c.nodeDeviceLookupSCSIHostByWWN('2000000012341234', '1000000012341234', flags()).name()),
    ('nodedev.isActive', 1, lambda: c.nodeDeviceLookupByName(pick(DEVS)).isActive()),
    ('nodedev.isPersistent', 1, lambda: c.nodeDeviceLookupByName(pick(DEVS)).isPersistent()),
    ('nodedev.autostart', 1, lambda: c.nodeDeviceLookupByName(pick(DEVS)).autostart()),
    ('nodedev.setAutostart', 1, lambda: c.nodeDeviceLookupByName(pick(DEVS)).setAutostart(pick([0, 1]))),
    ('nodedev.create', 1, lambda: c.nodeDeviceLookupByName(pick(DEVS)).create(flags())),
    ('nodedev.undefine', 1, lambda: c.nodeDeviceLookupByName(pick(DEVS)).undefine(flags())),
    ('nodedev.dettach', 1, lambda: c.nodeDeviceLookupByName(pick(DEVS)).dettach()),
    ('nodedev.detachFlags', 1, lambda: c.nodeDeviceLookupByName(pick(DEVS)).detachFlags(pick([None, 'vfio']), flags())),
    ('nodedev.reAttach', 1, lambda: c.nodeDeviceLookupByName(pick(DEVS)).reAttach()),
    ('nodedev.reset', 1, lambda: c.nodeDeviceLookupByName(pick(DEVS)).reset()),
    ('getDomainCapabilities', 1, lambda: c.getDomainCapabilities(pick([None, '/usr/bin/qemu-system-x86_64']), pick([None, 'x86_64']), None, pick([None, 'kvm']), flags())),
    ('getStoragePoolCapabilities', 1, lambda: c.getStoragePoolCapabilities(flags())),
    ('compareHypervisorCPU', 1, lambda: c.compareHypervisorCPU(None, 'x86_64', None, None, "<cpu><model>core2duo</model></cpu>", flags())),
    ('baselineHypervisorCPU', 1, lambda: c.baselineHypervisorCPU(None, 'x86_64', None, None, ["<cpu><model>core2duo</model></cpu>"], flags())),
    ('allocPages', 1, lambda: c.allocPages({4: 10}, pick([-1, 0]), 1, flags())),
    ('getMemoryParameters', 1, lambda: c.getMemoryParameters(flags())),
    ('setMemoryParameters', 1, lambda: c.setMemoryParameters({'shm_pages_to_scan': 10}, flags())),
    ('getSEVInfo', 1, lambda: c.getSEVInfo(flags())),
    ('secretDefineXML', 1, lambda: c.secretDefineXML("<secret ephemeral='yes' private='no'><usage type='volume'><volume>/a</volume></usage></secret>", flags()).UUIDString()),
    ('secretLookupByUsage', 1, lambda: c.secretLookupByUsage(libvirt.VIR_SECRET_USAGE_TYPE_VOLUME, '/a').UUIDString()),
    ('nwfilterDefineXML', 1, lambda: c.nwfilterDefineXML("<filter name='f1' chain='ipv4'/>").name()),
    ('nwfilterDefineXMLFlags', 1, lambda: c.nwfilterDefineXMLFlags("<filter name='f1' chain='ipv4'/>", flags()).name()),
    ('listAllNWFilterBindings', 1, lambda: c.listAllNWFilterBindings(flags())),
    ('nwfilterBindingLookupByPortDev', 1, lambda: c.nwfilterBindingLookupByPortDev('vnet0').portDev()),
    ('nwfilterBindingCreateXML', 1, lambda: c.nwfilterBindingCreateXML("<filterbinding><portdev name='vnet0'/><filterref filter='f1'/></filterbinding>", flags()).portDev()),
    # virDomain
    ('dom.info', 4, lambda: dom_info(dom())),
    ('dom.state', 3, lambda: dom().state(flags())),
    ('dom.XMLDesc', 4, lambda: dom().XMLDesc(flags(D.VIR_DOMAIN_XML_SECURE, D.VIR_DOMAIN_XML_INACTIVE, D.VIR_DOMAIN_XML_UPDATE_CPU, D.VIR_DOMAIN_XML_MIGRATABLE))),
    ('dom.create', 4, lambda: dom().create()),
    ('dom.createWithFlags', 2, lambda: dom().createWithFlags(flags(D.VIR_DOMAIN_START_PAUSED, D.VIR_DOMAIN_START_AUTODESTROY, D.VIR_DOMAIN_START_FORCE_BOOT))),
    ('dom.destroy', 3, lambda: dom().destroy()),
    ('dom.destroyFlags', 1, lambda: dom().destroyFlags(flags(D.VIR_DOMAIN_DESTROY_GRACEFUL))),
    ('dom.suspend', 3, lambda: dom().suspend()),
    ('dom.resume', 3, lambda: dom().resume()),
    ('dom.shutdown', 2, lambda: dom().shutdown()),
    ('dom.shutdownFlags', 1, lambda: dom().shutdownFlags(flags(D.VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN, D.VIR_DOMAIN_SHUTDOWN_GUEST_AGENT))),
    ('dom.reboot', 2, lambda: dom().reboot(flags(D.VIR_DOMAIN_REBOOT_ACPI_POWER_BTN))),
    ('dom.reset', 1, lambda: dom().reset(flags())),
    ('dom.setMemory', 2, lambda: dom().setMemory(pick([1024, 65536, 262144, 10 ** 9]))),
    ('dom.setMaxMemory', 2, lambda: dom().setMaxMemory(pick([1024, 65536, 262144, 8388608]))),
    ('dom.setMemoryFlags', 2, lambda: dom().setMemoryFlags(pick([1024, 65536, 262144]), flags(D.VIR_DOMAIN_AFFECT_LIVE, D.VIR_DOMAIN_AFFECT_CONFIG, D.VIR_DOMAIN_MEM_MAXIMUM))),
    ('dom.setVcpus', 2, lambda: dom().setVcpus(pick([0, 1, 2, 3, 64]))),
    ('dom.setVcpusFlags', 2, lambda: dom().setVcpusFlags(pick([1, 2, 3, 64]), flags(D.VIR_DOMAIN_AFFECT_LIVE, D.VIR_DOMAIN_AFFECT_CONFIG, D.VIR_DOMAIN_VCPU_MAXIMUM, D.VIR_DOMAIN_VCPU_GUEST))),
    ('dom.vcpus', 2, lambda: (lambda v: [[[x[0], x[1], x[3]] for x in v[0]], v[1]])(dom().vcpus())),
    ('dom.vcpusFlags', 2, lambda: dom().vcpusFlags(flags(D.VIR_DOMAIN_AFFECT_LIVE, D.VIR_DOMAIN_AFFECT_CONFIG, D.VIR_DOMAIN_VCPU_MAXIMUM))),
    ('dom.pinVcpu', 2, lambda: tdom().pinVcpu(pick([0, 1, 5]), cpus(pick([1, 2, 4])))),
    ('dom.pinVcpuFlags', 2, lambda: tdom().pinVcpuFlags(pick([0, 1, 3]), cpus(pick([1, 8, 9])), flags(D.VIR_DOMAIN_AFFECT_LIVE))),
    ('dom.pinEmulator', 2, lambda: tdom().pinEmulator(cpus(pick([2, 8])), flags(D.VIR_DOMAIN_AFFECT_LIVE, D.VIR_DOMAIN_AFFECT_CONFIG))),
    ('dom.vcpuPinInfo', 1, lambda: dom().vcpuPinInfo(flags(D.VIR_DOMAIN_AFFECT_LIVE, D.VIR_DOMAIN_AFFECT_CONFIG))),
    ('dom.emulatorPinInfo', 1, lambda: dom().emulatorPinInfo(flags())),
    ('dom.autostart', 1, lambda: dom().autostart()),
    ('dom.setAutostart', 2, lambda: dom().setAutostart(pick([0, 1]))),
    ('dom.managedSave', 2, lambda: dom().managedSave(flags(D.VIR_DOMAIN_SAVE_RUNNING, D.VIR_DOMAIN_SAVE_PAUSED))),
    ('dom.hasManagedSaveImage', 1, lambda: dom().hasManagedSaveImage(flags())),
    ('dom.managedSaveRemove', 1, lambda: dom().managedSaveRemove(flags())),
    ('dom.save', 2, lambda: dom().save(save_path())),
    ('dom.saveFlags', 1, lambda: dom().saveFlags(save_path(), None, flags(D.VIR_DOMAIN_SAVE_RUNNING, D.VIR_DOMAIN_SAVE_PAUSED))),
    ('restore', 2, lambda: c.restore(save_path())),
    ('restoreFlags', 1, lambda: c.restoreFlags(save_path(), None, flags(D.VIR_DOMAIN_SAVE_RUNNING, D.VIR_DOMAIN_SAVE_PAUSED))),
    ('saveImageGetXMLDesc', 1, lambda: c.saveImageGetXMLDesc(save_path(), flags(D.VIR_DOMAIN_SAVE_IMAGE_XML_SECURE))),
    ('saveImageDefineXML', 1, lambda: c.saveImageDefineXML(save_path(), pick([domain_xml(), '<domain>', '']), flags(D.VIR_DOMAIN_SAVE_RUNNING, D.VIR_DOMAIN_SAVE_PAUSED))),
    ('dom.coreDump', 1, lambda: dom().coreDump(save_path() + '.core', flags())),
    ('dom.snapshotCreateXML', 3, lambda: dom().snapshotCreateXML(snap_xml(), flags(D.VIR_DOMAIN_SNAPSHOT_CREATE_HALT, D.VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA,
                                                                                 D.VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE, D.VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT,
                                                                                 D.VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY, D.VIR_DOMAIN_SNAPSHOT_CREATE_LIVE)).getName()),
    ('dom.listAllSnapshots', 2, lambda: S([s.getName() for s in dom().listAllSnapshots(flags(D.VIR_DOMAIN_SNAPSHOT_LIST_ROOTS, D.VIR_DOMAIN_SNAPSHOT_LIST_LEAVES,
                                                                                          D.VIR_DOMAIN_SNAPSHOT_LIST_METADATA, D.VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE,
                                                                                          D.VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE, D.VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL))])),
    ('dom.snapshotListNames', 1, lambda: S(dom().snapshotListNames(flags(D.VIR_DOMAIN_SNAPSHOT_LIST_ROOTS, D.VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS)))),
    ('dom.snapshotNum', 1, lambda: dom().snapshotNum(flags(D.VIR_DOMAIN_SNAPSHOT_LIST_ROOTS))),
    ('dom.hasCurrentSnapshot', 1, lambda: dom().hasCurrentSnapshot(flags())),
    ('dom.snapshotCurrent', 1, lambda: dom().snapshotCurrent(flags()).getName()),
    ('snap.getXMLDesc', 2, lambda: snap().getXMLDesc(flags(D.VIR_DOMAIN_SNAPSHOT_XML_SECURE))),
    ('snap.getParent', 1, lambda: snap().getParent(flags()).getName()),
    ('snap.isCurrent', 1, lambda: snap().isCurrent(flags())),
    ('snap.hasMetadata', 1, lambda: snap().hasMetadata(flags())),
    ('snap.numChildren', 1, lambda: snap().numChildren(flags(D.VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS))),
    ('snap.listAllChildren', 1, lambda: S([s.getName() for s in snap().listAllChildren(flags(D.VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS))])),
    ('dom.revertToSnapshot', 2, lambda: (lambda d: d.revertToSnapshot(d.snapshotLookupByName(pick(SNAPS)), flags(D.VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING, D.VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED, D.VIR_DOMAIN_SNAPSHOT_REVERT_FORCE)))(dom())),
    ('snap.delete', 2, lambda: snap().delete(flags(D.VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN, D.VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY, D.VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY))),
    ('dom.checkpointCreateXML', 3, lambda: dom().checkpointCreateXML(chk_xml(), flags(D.VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE, D.VIR_DOMAIN_CHECKPOINT_CREATE_QUIESCE,
                                                                                 D.VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE_VALIDATE)).getName()),
    ('dom.listAllCheckpoints', 2, lambda: S([x.getName() for x in dom().listAllCheckpoints(flags(D.VIR_DOMAIN_CHECKPOINT_LIST_ROOTS, D.VIR_DOMAIN_CHECKPOINT_LIST_TOPOLOGICAL,
                                                                                           D.VIR_DOMAIN_CHECKPOINT_LIST_LEAVES, D.VIR_DOMAIN_CHECKPOINT_LIST_NO_LEAVES))])),
    ('dom.checkpointLookupByName', 1, lambda: dom().checkpointLookupByName(pick(CHKS), flags()).getName()),
    ('chk.getXMLDesc', 2, lambda: chk().getXMLDesc(flags(D.VIR_DOMAIN_CHECKPOINT_XML_SECURE, D.VIR_DOMAIN_CHECKPOINT_XML_NO_DOMAIN, D.VIR_DOMAIN_CHECKPOINT_XML_SIZE))),
    ('chk.getParent', 1, lambda: chk().getParent(flags()).getName()),
    ('chk.listAllChildren', 1, lambda: S([x.getName() for x in chk().listAllChildren(flags(D.VIR_DOMAIN_CHECKPOINT_LIST_DESCENDANTS, D.VIR_DOMAIN_CHECKPOINT_LIST_TOPOLOGICAL,
                                                                                        D.VIR_DOMAIN_CHECKPOINT_LIST_LEAVES, D.VIR_DOMAIN_CHECKPOINT_LIST_NO_LEAVES))])),
    ('chk.delete', 2, lambda: chk().delete(flags(D.VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN, D.VIR_DOMAIN_CHECKPOINT_DELETE_METADATA_ONLY, D.VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY))),
    ('dom.metadata', 2, lambda: dom().metadata(pick([D.VIR_DOMAIN_METADATA_DESCRIPTION, D.VIR_DOMAIN_METADATA_TITLE, D.VIR_DOMAIN_METADATA_ELEMENT]),
                                              pick([None, 'http://example.org/a']), flags(D.VIR_DOMAIN_AFFECT_LIVE, D.VIR_DOMAIN_AFFECT_CONFIG))),
    ('dom.setMetadata', 2, lambda: dom().setMetadata(*pick([
        (D.VIR_DOMAIN_METADATA_DESCRIPTION, 'desc %d' % rng.randrange(9), None, None),
        (D.VIR_DOMAIN_METADATA_TITLE, pick(['t', 'two\nlines', '']), None, None),
        (D.VIR_DOMAIN_METADATA_ELEMENT, '<foo bar="1">x</foo>', 'a', 'http://example.org/a'),
        (D.VIR_DOMAIN_METADATA_ELEMENT, None, None, 'http://example.org/a'),
        (D.VIR_DOMAIN_METADATA_ELEMENT, '<broken', 'a', 'http://example.org/a')]), flags=flags(D.VIR_DOMAIN_AFFECT_LIVE, D.VIR_DOMAIN_AFFECT_CONFIG))),
    ('dom.blockStats', 1, lambda: len(dom().blockStats(pick(['vda', 'hda', 'nosuch', '/guest/g0.img'])))),
    ('dom.blockStatsFlags', 1, lambda: sorted(dom().blockStatsFlags(pick(['vda', 'hda']), flags()))),
    ('dom.interfaceStats', 1, lambda: len(dom().interfaceStats(pick(['vnet2', 'vnet0', 'nosuch', '52:54:00:00:00:02'])))),
    ('dom.memoryStats', 1, lambda: dom().memoryStats()),
    ('dom.blkioParameters', 1, lambda: dom().blkioParameters(flags(D.VIR_DOMAIN_AFFECT_LIVE, D.VIR_DOMAIN_AFFECT_CONFIG))),
    ('dom.setBlkioParameters', 1, lambda: dom().setBlkioParameters({'weight': pick([100, 500, 5000])}, flags(D.VIR_DOMAIN_AFFECT_LIVE, D.VIR_DOMAIN_AFFECT_CONFIG))),
    ('dom.memoryParameters', 1, lambda: dom().memoryParameters(flags(D.VIR_DOMAIN_AFFECT_LIVE, D.VIR_DOMAIN_AFFECT_CONFIG))),
    ('dom.setMemoryParameters', 1, lambda: dom().setMemoryParameters({pick(['hard_limit', 'soft_limit', 'swap_hard_limit']): pick([1024, 2 ** 40])}, flags(D.VIR_DOMAIN_AFFECT_LIVE, D.VIR_DOMAIN_AFFECT_CONFIG))),
    ('dom.numaParameters', 1, lambda: dom().numaParameters(flags(D.VIR_DOMAIN_AFFECT_LIVE, D.VIR_DOMAIN_AFFECT_CONFIG))),
    ('dom.setNumaParameters', 2, lambda: tdom().setNumaParameters({pick(['numa_mode', 'numa_nodeset']): pick([0, 1, '0', '0-1'])}, flags(D.VIR_DOMAIN_AFFECT_LIVE, D.VIR_DOMAIN_AFFECT_CONFIG))),
    ('dom.schedulerType', 1, lambda: dom().schedulerType()),
    ('dom.schedulerParameters', 1, lambda: dom().schedulerParameters()),
    ('dom.schedulerParametersFlags', 1, lambda: dom().schedulerParametersFlags(flags(D.VIR_DOMAIN_AFFECT_LIVE, D.VIR_DOMAIN_AFFECT_CONFIG))),
    ('dom.setSchedulerParameters', 1, lambda: dom().setSchedulerParameters({pick(['weight', 'cap', 'bogus']): pick([10, 50, 70000])})),
    ('dom.setSchedulerParametersFlags', 1, lambda: dom().setSchedulerParametersFlags({'weight': pick([10, 50])}, flags(D.VIR_DOMAIN_AFFECT_LIVE, D.VIR_DOMAIN_AFFECT_CONFIG))),
    ('dom.blockIoTune', 2, lambda: tdom().blockIoTune(pick(['vda', 'nosuch']), flags(D.VIR_DOMAIN_AFFECT_LIVE, D.VIR_DOMAIN_AFFECT_CONFIG))),
    ('dom.interfaceParameters', 2, lambda: tdom().interfaceParameters(pick(['vnet2', '52:54:00:00:00:02', 'testnet0', 'AA:BB:CC:DD:EE:FF', 'nosuch']), flags(D.VIR_DOMAIN_AFFECT_LIVE))),
    ('dom.setBlockIoTune', 2, lambda: tdom().setBlockIoTune(pick(['vda', 'nosuch', '/guest/g0.img']), {pick(['total_bytes_sec', 'read_bytes_sec', 'total_bytes_sec_max', 'read_bytes_sec_max', 'group_name']):
                                                                                              pick([0, 1000, 5000, 10 ** 16, 'grp'])}, flags(D.VIR_DOMAIN_AFFECT_LIVE, D.VIR_DOMAIN_AFFECT_CONFIG))),
    ('dom.setInterfaceParameters', 2, lambda: tdom().setInterfaceParameters(pick(['vnet2', '52:54:00:00:00:02', 'testnet0', 'aa:bb:cc:dd:ee:ff', 'nosuch']), {pick(['inbound.average', 'inbound.peak', 'inbound.floor', 'outbound.average', 'outbound.burst']):
                                                                                                           pick([0, 100, 2000])}, flags(D.VIR_DOMAIN_AFFECT_LIVE, D.VIR_DOMAIN_AFFECT_CONFIG))),
    ('dom.perfEvents', 2, lambda: tdom().perfEvents(flags(D.VIR_DOMAIN_AFFECT_LIVE, D.VIR_DOMAIN_AFFECT_CONFIG))),
    ('dom.setPerfEvents', 2, lambda: tdom().setPerfEvents({pick(['cmt', 'cycles', 'bogus']): pick([True, False])}, flags(D.VIR_DOMAIN_AFFECT_LIVE, D.VIR_DOMAIN_AFFECT_CONFIG))),
    ('dom.hostname', 1, lambda: dom().hostname(flags())),
    ('dom.getTime', 1, lambda: len(dom().getTime(flags()))),
    ('dom.fsFreeze', 1, lambda: dom().fsFreeze(pick([None, ['/'], ['/boot', '/nosuch']]), flags())),
    ('dom.fsThaw', 1, lambda: dom().fsThaw(pick([None, ['/']]), flags())),
    ('dom.fsTrim', 1, lambda: dom().fSTrim(pick([None, '/']), 0, flags())),
    ('dom.fsInfo', 1, lambda: dom().fsInfo(flags())),
    ('dom.interfaceAddresses', 1, lambda: dom().interfaceAddresses(pick([0, 1, 2, 7]), flags())),
    ('dom.diskErrors', 1, lambda: dom().diskErrors(flags())),
    ('dom.controlInfo', 1, lambda: dom().controlInfo(flags())[:2]),
    ('dom.blockInfo', 1, lambda: dom().blockInfo(pick(['vda', 'nosuch']), flags())),
    ('dom.rename', 2, lambda: dom().rename(pick(DOMS[1:] + ['r0', '']), flags())),
    ('dom.undefine', 2, lambda: dom().undefine()),
    ('dom.undefineFlags', 2, lambda: dom().undefineFlags(flags(D.VIR_DOMAIN_UNDEFINE_MANAGED_SAVE, D.VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA,
                                                               D.VIR_DOMAIN_UNDEFINE_NVRAM, D.VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA))),
    ('dom.isActive', 1, lambda: dom().isActive()),
    ('dom.isPersistent', 1, lambda: dom().isPersistent()),
    ('dom.isUpdated', 1, lambda: dom().isUpdated()),
    ('dom.ID', 1, lambda: dom().ID()),
    ('dom.UUIDString', 1, lambda: dom().UUIDString()),
    ('dom.name', 1, lambda: dom().name()),
    ('dom.OSType', 1, lambda: dom().OSType()),
    ('dom.maxMemory', 1, lambda: dom().maxMemory()),
    ('dom.maxVcpus', 1, lambda: dom().maxVcpus()),
    ('dom.securityLabel', 1, lambda: dom().securityLabel()),
    ('dom.injectNMI', 1, lambda: dom().injectNMI(flags())),
    ('dom.sendKey', 2, lambda: (lambda keys: tdom().sendKey(pick([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 99]), 100, keys, len(keys), flags()))([pick([0, 1, 28, 127, 300, 30000, 57369]) for _ in range(pick([1, 2, 17]))])),
    ('dom.sendProcessSignal', 1, lambda: dom().sendProcessSignal(pick([1, 0]), pick([0, 9, 15, 999]), flags())),
    ('dom.setUserPassword', 1, lambda: dom().setUserPassword(pick(['root', 'nosuch']), 'pw', flags())),
    ('dom.memoryPeek', 1, lambda: dom().memoryPeek(0, pick([0, 8, 2 ** 20]), pick([D.VIR_MEMORY_VIRTUAL, D.VIR_MEMORY_PHYSICAL, 0]))),
    ('dom.getCPUStats', 2, lambda: tdom().getCPUStats(pick([True, False]), flags())),
    ('dom.ioThreadInfo', 2, lambda: tdom().ioThreadInfo(flags(D.VIR_DOMAIN_AFFECT_LIVE, D.VIR_DOMAIN_AFFECT_CONFIG))),
    ('dom.addIOThread', 3, lambda: tdom().addIOThread(pick([1, 2, 0]), flags(D.VIR_DOMAIN_AFFECT_LIVE, D.VIR_DOMAIN_AFFECT_CONFIG))),
    ('dom.delIOThread', 2, lambda: tdom().delIOThread(pick([1, 2]), flags(D.VIR_DOMAIN_AFFECT_LIVE, D.VIR_DOMAIN_AFFECT_CONFIG))),
    ('dom.pinIOThread', 2, lambda: tdom().pinIOThread(pick([1, 2, 7]), cpus(pick([1, 8])), flags(D.VIR_DOMAIN_AFFECT_LIVE, D.VIR_DOMAIN_AFFECT_CONFIG))),
    ('dom.setIOThreadParams', 2, lambda: tdom().setIOThreadParams(pick([1, 2, 0]), {pick(['poll_max_ns', 'poll_grow', 'poll_shrink']): pick([0, 64, 2 ** 33])}, flags(D.VIR_DOMAIN_AFFECT_LIVE))),
    ('dom.setLifecycleAction', 2, lambda: tdom().setLifecycleAction(pick([0, 1, 2, 9]), pick([0, 1, 2, 9]), flags(D.VIR_DOMAIN_AFFECT_LIVE, D.VIR_DOMAIN_AFFECT_CONFIG))),
    ('dom.getMessages', 1, lambda: dom().messages(flags())),
    ('dom.launchSecurityInfo', 1, lambda: dom().launchSecurityInfo(flags())),
    ('dom.attachDevice', 2, lambda: dom().attachDevice(pick([
        "<disk type='file' device='disk'><source file='/guest/extra.img'/><target dev='vdb' bus='virtio'/></disk>",
        "<interface type='network'><mac address='52:54:00:12:34:56'/><source network='default'/></interface>", '<disk>']))),
    ('dom.detachDevice', 1, lambda: dom().detachDevice(pick([
        "<disk type='file' device='disk'><source file='/guest/extra.img'/><target dev='vdb' bus='virtio'/></disk>",
        "<interface type='network'><mac address='52:54:00:12:34:56'/><source network='default'/></interface>"]))),
    ('dom.updateDeviceFlags', 1, lambda: dom().updateDeviceFlags("<disk type='file' device='cdrom'><target dev='hdc' bus='ide'/></disk>", flags(D.VIR_DOMAIN_AFFECT_LIVE, D.VIR_DOMAIN_AFFECT_CONFIG))),
    ('dom.attachDeviceFlags', 1, lambda: dom().attachDeviceFlags("<disk type='file' device='disk'><source file='/g.img'/><target dev='vdc'/></disk>", flags(D.VIR_DOMAIN_AFFECT_LIVE, D.VIR_DOMAIN_AFFECT_CONFIG))),
    ('dom.detachDeviceFlags', 1, lambda: dom().detachDeviceFlags("<disk type='file' device='disk'><source file='/g.img'/><target dev='vdc'/></disk>", flags(D.VIR_DOMAIN_AFFECT_LIVE, D.VIR_DOMAIN_AFFECT_CONFIG))),
    ('dom.detachDeviceAlias', 1, lambda: dom().detachDeviceAlias(pick(['ua-disk', 'net0']), flags(D.VIR_DOMAIN_AFFECT_LIVE, D.VIR_DOMAIN_AFFECT_CONFIG))),
    ('dom.blockResize', 1, lambda: dom().blockResize(pick(['vda', 'nosuch']), pick([0, 1024, 2 ** 40]), flags(D.VIR_DOMAIN_BLOCK_RESIZE_BYTES))),
    ('dom.blockJobInfo', 1, lambda: dom().blockJobInfo(pick(['vda', 'nosuch']), flags(D.VIR_DOMAIN_BLOCK_JOB_INFO_BANDWIDTH_BYTES))),
    ('dom.blockJobAbort', 1, lambda: dom().blockJobAbort(pick(['vda', 'nosuch']), flags(D.VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC, D.VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT))),
    ('dom.blockJobSetSpeed', 1, lambda: dom().blockJobSetSpeed('vda', pick([0, 10, 2 ** 40]), flags(D.VIR_DOMAIN_BLOCK_JOB_SPEED_BANDWIDTH_BYTES))),
    ('dom.blockPull', 1, lambda: dom().blockPull('vda', pick([0, 10]), flags(D.VIR_DOMAIN_BLOCK_PULL_BANDWIDTH_BYTES))),
    ('dom.blockRebase', 1, lambda: dom().blockRebase('vda', pick([None, '/base.img']), pick([0, 10]), flags(D.VIR_DOMAIN_BLOCK_REBASE_SHALLOW, D.VIR_DOMAIN_BLOCK_REBASE_COPY,
                                                                                                      D.VIR_DOMAIN_BLOCK_REBASE_COPY_DEV, D.VIR_DOMAIN_BLOCK_REBASE_RELATIVE))),
    ('dom.blockCopy', 1, lambda: dom().blockCopy('vda', "<disk type='file'><source file='/copy.img'/></disk>", pick([None, {'bandwidth': 10}, {'granularity': 512, 'buf-size': 4096}]),
                                                 flags(D.VIR_DOMAIN_BLOCK_COPY_SHALLOW, D.VIR_DOMAIN_BLOCK_COPY_TRANSIENT_JOB))),
    ('dom.blockCommit', 1, lambda: dom().blockCommit('vda', pick([None, '/base.img']), pick([None, '/top.img']), pick([0, 10]), flags(D.VIR_DOMAIN_BLOCK_COMMIT_ACTIVE, D.VIR_DOMAIN_BLOCK_COMMIT_SHALLOW))),
    ('dom.setBlockThreshold', 1, lambda: dom().setBlockThreshold(pick(['vda', 'vda[1]']), pick([0, 2 ** 30]), flags())),
    ('dom.setVcpu', 1, lambda: dom().setVcpu(pick(['1', '0-1', 'x']), pick([0, 1]), flags(D.VIR_DOMAIN_AFFECT_LIVE, D.VIR_DOMAIN_AFFECT_CONFIG))),
    ('dom.guestVcpus', 1, lambda: dom().guestVcpus(flags())),
    ('dom.setGuestVcpus', 1, lambda: dom().setGuestVcpus(pick(['1', '0-1']), pick([0, 1]), flags())),
    ('dom.PMSuspendForDuration', 1, lambda: dom().pMSuspendForDuration(pick([0, 1, 2, 7]), pick([0, 30]), flags())),
    ('dom.PMWakeup', 1, lambda: dom().pMWakeup(flags())),
    ('dom.jobInfo', 1, lambda: dom().jobInfo()),
    ('dom.jobStats', 1, lambda: dom().jobStats(flags(D.VIR_DOMAIN_JOB_STATS_COMPLETED, D.VIR_DOMAIN_JOB_STATS_KEEP_COMPLETED))),
    ('dom.abortJob', 1, lambda: dom().abortJob()),
    ('dom.abortJobFlags', 1, lambda: dom().abortJobFlags(flags(D.VIR_DOMAIN_ABORT_JOB_POSTCOPY))),
    ('dom.migrateSetMaxDowntime', 1, lambda: dom().migrateSetMaxDowntime(pick([0, 100, 2 ** 40]), flags())),
    ('dom.migrateGetMaxDowntime', 1, lambda: dom().migrateGetMaxDowntime(flags())),
    ('dom.migrateGetCompressionCache', 1, lambda: dom().migrateGetCompressionCache(flags())),
    ('dom.migrateSetCompressionCache', 1, lambda: dom().migrateSetCompressionCache(pick([0, 2 ** 20]), flags())),
    ('dom.migrateSetMaxSpeed', 1, lambda: dom().migrateSetMaxSpeed(pick([0, 10, 2 ** 40]), flags(D.VIR_DOMAIN_MIGRATE_MAX_SPEED_POSTCOPY))),
    ('dom.migrateGetMaxSpeed', 1, lambda: dom().migrateGetMaxSpeed(flags(D.VIR_DOMAIN_MIGRATE_MAX_SPEED_POSTCOPY))),
    ('dom.migrateStartPostCopy', 1, lambda: dom().migrateStartPostCopy(flags())),
    ('dom.migrate', 0.3, lambda: dom().migrate(dest(), flags(*MIGRATE_FLAGS), pick([None, 'moved']), pick([None, 'tcp://h']), 0)),
    ('dom.migrate2', 0.2, lambda: dom().migrate2(dest(), pick([None, '<domain/>']), flags(*MIGRATE_FLAGS), None, None, 0)),
    ('dom.migrate3', 0.4, lambda: dom().migrate3(dest(), pick(MIGRATE_PARAMS), flags(*MIGRATE_FLAGS))),
    ('dom.migrateToURI', 0.3, lambda: dom().migrateToURI(pick(['tcp://h', 'test:///default']), flags(*MIGRATE_FLAGS), None, 0)),
    ('dom.migrateToURI2', 0.2, lambda: dom().migrateToURI2(pick([None, 'test+tcp://h/default']), pick([None, 'tcp://h']), None, flags(*MIGRATE_FLAGS), None, 0)),
    ('dom.migrateToURI3', 0.4, lambda: dom().migrateToURI3(pick([None, 'test+tcp://h/default', 'test:///default']), pick(MIGRATE_PARAMS), flags(*MIGRATE_FLAGS))),
    ('dom.backupBegin', 1, lambda: dom().backupBegin(pick(['<domainbackup/>', '<domainbackup']), pick([None, '<domaincheckpoint/>']), flags(D.VIR_DOMAIN_BACKUP_BEGIN_REUSE_EXTERNAL))),
    ('dom.backupGetXMLDesc', 1, lambda: dom().backupGetXMLDesc(flags())),
    ('dom.guestInfo', 1, lambda: dom().guestInfo(pick([0, D.VIR_DOMAIN_GUEST_INFO_OS, 127]), flags())),
    ('dom.authorizedSSHKeysGet', 1, lambda: dom().authorizedSSHKeysGet(pick(['root', '']), flags())),
    ('dom.authorizedSSHKeysSet', 1, lambda: dom().authorizedSSHKeysSet('root', pick([[], ['ssh-ed25519 AAAA k']]),
                                                                     flags(D.VIR_DOMAIN_AUTHORIZED_SSH_KEYS_SET_APPEND, D.VIR_DOMAIN_AUTHORIZED_SSH_KEYS_SET_REMOVE))),
    ('dom.agentSetResponseTimeout', 1, lambda: dom().agentSetResponseTimeout(pick([-2, -1, 0, 5]), flags())),
    ('dom.setLaunchSecurityState', 1, lambda: dom().setLaunchSecurityState(pick([{}, {'sev-secret': 'x', 'sev-secret-header': 'y'}]), flags())),
    ('dom.startDirtyRateCalc', 1, lambda: dom().startDirtyRateCalc(pick([0, 1, 60]), flags(D.VIR_DOMAIN_DIRTYRATE_MODE_DIRTY_BITMAP, D.VIR_DOMAIN_DIRTYRATE_MODE_DIRTY_RING))),
    ('dom.managedSaveGetXMLDesc', 1, lambda: dom().managedSaveGetXMLDesc(flags(D.VIR_DOMAIN_SAVE_IMAGE_XML_SECURE))),
    ('dom.managedSaveDefineXML', 1, lambda: dom().managedSaveDefineXML(pick([None, domain_xml()]), flags(D.VIR_DOMAIN_SAVE_RUNNING, D.VIR_DOMAIN_SAVE_PAUSED))),
    ('net.DHCPLeases', 1, lambda: net().DHCPLeases(pick([None, '52:54:00:00:00:01']), flags())),
    ('net.listAllPorts', 1, lambda: net().listAllPorts(flags())),
    ('net.portLookupByUUIDString', 1, lambda: net().portLookupByUUIDString(pick(['6695eb01-f6a4-8304-79aa-97f2502e193f', 'bogus']))),
    ('net.portCreateXML', 1, lambda: net().portCreateXML(pick(['<networkport/>', '<x']), flags(D.VIR_NETWORK_PORT_CREATE_VALIDATE))),
]

def run_action(fn):
    try:
        return [norm(fn())]
    except libvirt.libvirtError as e:
        return ['error', e.get_error_code(), e.get_error_domain(), norm(e.get_error_message())]
    except (TypeError, ValueError, OverflowError, LookupError) as e:  # the binding's own argument checks
        return ['pyerror', type(e).__name__]

# Comma-separated call names: PYGEN_ONLY keeps just those (hunting one area), PYGEN_SKIP leaves them out.
only = set(filter(None, os.environ.get('PYGEN_ONLY', '').split(',')))
skip = set(filter(None, os.environ.get('PYGEN_SKIP', '').split(',')))
actions = [a for a in ACTIONS if (not only or a[0] in only) and a[0] not in skip]
weights = [w for _, w, _ in actions]
try:
    for i in range(length):
        name, _, fn = rng.choices(actions, weights)[0]
        picked.clear()
        result = run_action(fn)
        print(json.dumps([i, name, picked] + result), flush=True)
finally:
    c.close()
    shutil.rmtree(tmp, ignore_errors=True)
