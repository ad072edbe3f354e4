# libvirt-python 9.0.0 through the guest-information calls, one JSON line per step (the same steps
# as guest-info-steps.ts). argv[1]: URI; argv[2]: "ro" to run the read-only steps only.
import json, sys
import libvirt

libvirt.registerErrorHandler(lambda *a: None, None)

def step(name, fn):
    try:
        r = fn()
    except libvirt.libvirtError as e:
        r = ['error', e.get_error_code(), e.get_error_domain(), e.get_error_message()]
    print(json.dumps([name, r]))

def ifaces(dom, source, flags=0):
    got = dom.interfaceAddresses(source, flags)
    return [[n, v['hwaddr'], [[a['type'], a['addr'], a['prefix']] for a in v['addrs']]] for n, v in got.items()]

def fsinfo(dom):
    return [[m, n, t, list(a)] for (m, n, t, a) in dom.fsInfo()]

def clock(dom):
    t = dom.getTime()
    return [t['seconds'], t['nseconds']]

if len(sys.argv) > 2 and sys.argv[2] == 'ro':
    c = libvirt.openReadOnly(sys.argv[1])
    d = c.lookupByName('test')
    step('ro-hostname', lambda: d.hostname())
    step('ro-time', lambda: clock(d))
    step('ro-settime', lambda: d.setTime({'seconds': 5}))
    step('ro-password', lambda: d.setUserPassword('root', 'x'))
    step('ro-password-null', lambda: d.setUserPassword(None, 'x'))
    step('ro-freeze', lambda: d.fsFreeze())
    step('ro-thaw', lambda: d.fsThaw())
    step('ro-trim', lambda: d.fSTrim(None, 0))
    step('ro-fsinfo', lambda: fsinfo(d))
    step('ro-ifaddr-lease', lambda: ifaces(d, 0))
    step('ro-ifaddr-agent', lambda: ifaces(d, 1))
    step('ro-ifaddr-arp', lambda: ifaces(d, 2))
    sys.exit(0)

c = libvirt.open(sys.argv[1])
d = c.lookupByName('test')
step('hostname', lambda: d.hostname())
step('hostname-lease', lambda: d.hostname(libvirt.VIR_DOMAIN_GET_HOSTNAME_LEASE))
step('time', lambda: clock(d))
step('time-flags', lambda: d.getTime(1))
step('settime', lambda: d.setTime({'seconds': 1234, 'nseconds': 5}))
step('time-after-set', lambda: clock(d))
step('settime-sync', lambda: d.setTime({'seconds': 0}, libvirt.VIR_DOMAIN_TIME_SYNC))
step('time-after-sync', lambda: clock(d))
step('settime-badflags', lambda: d.setTime({'seconds': 7}, 2))
step('fsinfo', lambda: fsinfo(d))
step('fsinfo-flags', lambda: d.fsInfo(1))
step('freeze-all', lambda: d.fsFreeze())
step('freeze-all-again', lambda: d.fsFreeze())
step('thaw-root', lambda: d.fsThaw(['/']))
step('thaw-unknown', lambda: d.fsThaw(['/boot', '/nope']))
step('thaw-all', lambda: d.fsThaw())
step('freeze-repeated', lambda: d.fsFreeze(['/', '/', '/boot']))
step('thaw-twice', lambda: d.fsThaw(['/boot', '/boot']))
step('freeze-flags', lambda: d.fsFreeze(None, 1))
step('trim-boot', lambda: d.fSTrim('/boot', 1024))
step('trim-all', lambda: d.fSTrim(None, 0))
step('trim-unknown', lambda: d.fSTrim('/home', 0))
step('password', lambda: d.setUserPassword('root', 'secret'))
step('password-encrypted', lambda: d.setUserPassword('root', '$6$x$y', libvirt.VIR_DOMAIN_PASSWORD_ENCRYPTED))
step('password-badflags', lambda: d.setUserPassword('root', 'secret', 2))
step('password-null-user', lambda: d.setUserPassword(None, 'secret'))
step('password-null-password', lambda: d.setUserPassword('root', None))
for source in range(4):
    step('ifaddr-%d' % source, lambda: ifaces(d, source))
step('ifaddr-flags', lambda: ifaces(d, 0, 1))

c.networkCreateXML("<network><name>v6</name><ip family='ipv6' address='2001:db8::1' prefix='64'>"
                   "<dhcp><range start='2001:db8::1f0' end='2001:db8::1ff'/></dhcp></ip></network>")
c.networkCreateXML("<network><name>plain</name><ip address='10.1.255.250' netmask='255.255.0.0'/></network>")
g = c.createXML("""<domain type='test'><name>g2</name><memory>65536</memory><os><type>hvm</type></os><devices>
<disk type='file' device='cdrom'><target dev='hdc'/></disk>
<interface type='network'><mac address='52:54:00:AA:00:01'/><source network='v6'/></interface>
<interface type='bridge'><mac address='52:54:00:aa:00:02'/><source bridge='br0'/></interface>
<interface type='network'><mac address='52:54:00:aa:00:03'/><source network='plain'/><target dev='mytap'/></interface>
<interface type='network'><mac address='52:54:00:aa:00:04'/><source network='default'/></interface>
</devices></domain>""")
step('g2-ifaddr', lambda: ifaces(g, 0))
step('g2-fsinfo', lambda: fsinfo(g))
step('g2-hostname', lambda: g.hostname())
b = c.createXML("<domain type='test'><name>g3</name><memory>65536</memory><os><type>hvm</type></os><devices>"
                "<interface type='network'><mac address='52:54:00:aa:00:05'/><source network='nosuch'/></interface></devices></domain>")
step('g3-ifaddr', lambda: ifaces(b, 0))

d.suspend()
step('paused-hostname', lambda: d.hostname())
step('paused-time', lambda: clock(d))
step('paused-freeze', lambda: d.fsFreeze())
d.destroy()
step('off-hostname', lambda: d.hostname())
step('off-time', lambda: clock(d))
step('off-settime', lambda: d.setTime({'seconds': 1}))
step('off-password', lambda: d.setUserPassword('root', 'x'))
step('off-freeze', lambda: d.fsFreeze())
step('off-thaw', lambda: d.fsThaw())
step('off-trim', lambda: d.fSTrim(None, 0))
step('off-fsinfo', lambda: fsinfo(d))
step('off-ifaddr', lambda: ifaces(d, 0))
step('off-ifaddr-badsource', lambda: ifaces(d, 3))
d.create()
step('restarted-time', lambda: clock(d))
step('restarted-thaw', lambda: d.fsThaw())
