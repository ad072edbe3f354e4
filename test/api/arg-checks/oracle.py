"""The real side of the argument-check differential: libvirt-python 9.0.0 (and, through ctypes,
the C entry points Python does not expose) on the objects described in cases.ts.

stdin: {"uri": ..., "roUri": ..., "cases": {name: python expression}}; stdout: {name: outcome},
an outcome being [code, domain, message] of the error, or ["ok"] when the call succeeded."""
import ctypes
import json
import sys

import libvirt
import libvirt_lxc  # noqa: F401 (cases call it)
import libvirt_qemu  # noqa: F401 (cases call it)

libvirt.registerErrorHandler(lambda *_: None, None)
libvirt.virEventRegisterDefaultImpl()

C = ctypes.CDLL('libvirt.so.0')
ctypes.pythonapi.PyCapsule_GetPointer.restype = ctypes.c_void_p
ctypes.pythonapi.PyCapsule_GetPointer.argtypes = [ctypes.py_object, ctypes.c_char_p]
CB = ctypes.CFUNCTYPE(ctypes.c_int)(lambda: 0)


def P(obj):
    """The C pointer a Python wrapper holds (its capsule is named after the C type)."""
    kind = {libvirt.virConnect: 'virConnectPtr', libvirt.virDomain: 'virDomainPtr'}[type(obj)]
    return ctypes.c_void_p(ctypes.pythonapi.PyCapsule_GetPointer(obj._o, kind.encode()))


def lookup_or(find, make):
    try:
        return find()
    except libvirt.libvirtError:
        return make()


req = json.load(sys.stdin)
c = libvirt.open(req['uri'])
c2 = libvirt.open(req['uri'])
ro = libvirt.openReadOnly(req['roUri'])
d = c.lookupByName('test')
dro = ro.lookupByName('test')
d2 = c2.lookupByName('test')
pool = c.storagePoolLookupByName('default-pool')
vol = lookup_or(lambda: pool.storageVolLookupByName('chk.img'),
                lambda: pool.createXML("<volume><name>chk.img</name><capacity>1048576</capacity></volume>"))
volro = ro.storageVolLookupByPath(vol.path())
gone = c.createXML("<domain type='test'><name>gone</name><memory>8192</memory><os><type>hvm</type></os></domain>")
gone.destroy()
snap = lookup_or(lambda: d.snapshotLookupByName('s1'), lambda: d.snapshotCreateXML("<domainsnapshot><name>s1</name></domainsnapshot>"))
snapro = dro.snapshotLookupByName('s1')
netro = ro.networkLookupByName('default')
poolro = ro.storagePoolLookupByName('default-pool')
ifacero = ro.interfaceLookupByName('eth1')


def cb(*_):
    pass


out = {}
for name, expr in req['cases'].items():
    libvirt.virResetLastError()
    try:
        ret = eval(expr)
        err = libvirt.virGetLastError()
        # A C call through ctypes fails with -1 or NULL and leaves its error behind.
        out[name] = [err[0], err[1], err[2]] if err else ['ok']
    except libvirt.libvirtError as e:
        out[name] = [e.get_error_code(), e.get_error_domain(), e.get_error_message()]
print(json.dumps(out))
