# libvirt-python 9.0.0 driving a daemon; prints one JSON line per step so the outputs of two daemons
# can be compared. argv[1]: URI.
import json, sys, threading, time
import libvirt

uri = sys.argv[1]
out = []
def step(name, fn):
    try:
        out.append([name, fn()])
    except libvirt.libvirtError as e:
        out.append([name, 'error', e.get_error_code(), e.get_error_domain(), e.get_error_message()])

libvirt.registerErrorHandler(lambda *a: None, None)
libvirt.virEventRegisterDefaultImpl()
stop = False
def loop():
    while not stop:
        libvirt.virEventRunDefaultImpl()
threading.Thread(target=loop, daemon=True).start()

events = []
c = libvirt.open(uri)
step('type', c.getType)
step('version', c.getVersion)
step('libversion', c.getLibVersion)
step('hostname', c.getHostname)
step('secure', c.isSecure)
step('alive', c.isAlive)
step('nodeinfo', c.getInfo)
step('list', lambda: sorted(d.name() for d in c.listAllDomains()))
step('ids', c.listDomainsID)
step('defined', c.listDefinedDomains)
step('lookup-missing', lambda: c.lookupByName('nosuch').name())
d = c.lookupByName('test')
step('info', lambda: [x for i, x in enumerate(d.info()) if i != 4])
step('state', d.state)
step('uuid', d.UUIDString)
step('xml', d.XMLDesc)
step('ostype', d.OSType)
step('persistent', d.isPersistent)
step('seclabel', d.securityLabel)
step('secmodel', c.getSecurityModel)
cb = c.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE, lambda conn, dom, ev, det, op: events.append([dom.name(), ev, det]), None)
step('duplicate-register', lambda: c.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE, lambda *a: None, None) and 'ok')
step('destroy', d.destroy)
step('state-after-destroy', d.state)
step('create', d.create)
step('id-after-create', lambda: c.lookupByName('test').ID() > 0)
step('suspend', d.suspend)
step('resume', d.resume)
xml = "<domain type='test'><name>py1</name><uuid>aaaaaaaa-1234-1234-1234-123456789abc</uuid><memory>65536</memory><os><type>hvm</type></os></domain>"
step('define', lambda: c.defineXML(xml).name())
step('define-bad', lambda: c.defineXML('<domain>').name())
n = c.lookupByName('py1')
step('start-new', n.create)
step('list2', lambda: sorted((x.name(), x.isActive()) for x in c.listAllDomains()))
step('destroy-new', n.destroy)
step('undefine-new', n.undefine)
step('networks', lambda: [x.name() for x in c.listAllNetworks()])
step('pools', lambda: [x.name() for x in c.listAllStoragePools()])
step('vols', lambda: [v.name() for v in c.storagePoolLookupByName('default-pool').listAllVolumes()])
step('netxml', lambda: c.networkLookupByName('default').XMLDesc())
# eight lifecycle events above (stopped, started, suspended, resumed, defined, started, stopped,
# undefined); a loaded machine may deliver the last ones late
for i in range(200):
    if len(events) >= 8: break
    time.sleep(0.05)
step('events', lambda: events)
step('deregister', lambda: c.domainEventDeregisterAny(cb))
step('deregister-again', lambda: c.domainEventDeregisterAny(cb))
ro = libvirt.openReadOnly(uri)
step('ro-list', lambda: [x.name() for x in ro.listAllDomains()])
step('ro-destroy', lambda: ro.lookupByName('test').destroy())
step('ro-define', lambda: ro.defineXML(xml).name())
ro.close()
step('close', c.close)
stop = True
for line in out:
    print(json.dumps(line))
