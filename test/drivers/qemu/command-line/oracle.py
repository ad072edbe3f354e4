"""Real libvirt 9.0.0's QEMU driver, embedded (qemu:///embed), as the oracle for XML -> argv
and for the define-time XML. argv[1] is the root directory, then XML files; prints one JSON
object per file: {"file", "argv" | "argvError", "xml" | "xmlError"}."""
import json
import sys

import libvirt

libvirt.registerErrorHandler(lambda _ctx, _err: None, None)
libvirt.virEventRegisterDefaultImpl()
conn = libvirt.open('qemu:///embed?root=' + sys.argv[1])


def error(e):
    return {'code': e.get_error_code(), 'domain': e.get_error_domain(), 'message': e.get_error_message()}


for path in sys.argv[2:]:
    with open(path) as f:
        xml = f.read()
    out = {'file': path}
    try:
        out['argv'] = conn.domainXMLToNative('qemu-argv', xml, 0)
    except libvirt.libvirtError as e:
        out['argvError'] = error(e)
    try:
        dom = conn.defineXML(xml)
        out['xml'] = dom.XMLDesc(0)
        dom.undefine()
    except libvirt.libvirtError as e:
        out['xmlError'] = error(e)
    print(json.dumps(out), flush=True)
