"""The real side of snapshot-order.test.ts: runs each seed's operations with libvirt-python on
libvirt's own test driver and prints, after each one, the snapshot lists whose order libvirt
fixes (children lists and topological walks; the hash-ordered full listing sorted).

Input on stdin (JSON): [{"domain": name, "ops": [op, ...]}, ...]; output: one list of steps per seed.
The connection URI is the first argument (test:///default when none: libvirt in this process).
"""
import json
import re
import sys

import libvirt

libvirt.registerErrorHandler(lambda ctx, err: None, None)

TOPO = libvirt.VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL
DESC = libvirt.VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS


def lists(dom):
    names = sorted(dom.snapshotListNames(0))
    per = []
    for name in names:
        snap = dom.snapshotLookupByName(name)
        per.append([name, snap.listChildrenNames(0), snap.listChildrenNames(DESC),
                    [s.getName() for s in snap.listAllChildren(DESC)], snap.numChildren(0)])
    return {
        'current': dom.snapshotCurrent().getName() if dom.hasCurrentSnapshot() else None,
        'roots': dom.snapshotListNames(libvirt.VIR_DOMAIN_SNAPSHOT_LIST_ROOTS),
        'topo': dom.snapshotListNames(TOPO),
        'topoAll': [s.getName() for s in dom.listAllSnapshots(TOPO)],
        'topoLeaves': dom.snapshotListNames(TOPO | libvirt.VIR_DOMAIN_SNAPSHOT_LIST_LEAVES),
        'all': names,
        'per': per,
    }


def pick(items, k):
    return items[k % len(items)]


def apply(dom, op, counter):
    names = sorted(dom.snapshotListNames(0))
    kind = op['op']
    if kind == 'create' or not names:
        dom.snapshotCreateXML('<domainsnapshot><name>s%d</name></domainsnapshot>' % counter, 0)
        return counter + 1
    target = dom.snapshotLookupByName(pick(names, op['k']))
    if kind == 'revert':
        dom.revertToSnapshot(target, 0)
    elif kind == 'delete':
        target.delete(op['flags'])
    elif kind == 'redefine':
        below = set(target.listChildrenNames(DESC)) | {target.getName()}
        parents = [n for n in names if n not in below] + [None]
        parent = pick(parents, op['j'])
        xml = re.sub(r'<parent>\s*<name>[^<]*</name>\s*</parent>', '', target.getXMLDesc(0))
        if op['bare']:
            xml = re.sub(r'<domain[ >].*</domain>', '', xml, flags=re.S)
        if parent is not None:
            xml = xml.replace('</name>', '</name><parent><name>%s</name></parent>' % parent, 1)
        dom.snapshotCreateXML(xml, op['flags'])
    return counter


def run(conn, seed):
    dom = conn.defineXML("<domain type='test'><name>%s</name><memory>1024</memory>"
                         "<os><type>hvm</type></os></domain>" % seed['domain'])
    counter = 0
    out = []
    for op in seed['ops']:
        error = None
        try:
            counter = apply(dom, op, counter)
        except libvirt.libvirtError as e:
            error = e.get_error_message()
        out.append({'error': error, 'lists': lists(dom)})
    return out


conn = libvirt.open(sys.argv[1] if len(sys.argv) > 1 else 'test:///default')
json.dump([run(conn, s) for s in json.load(sys.stdin)], sys.stdout)
