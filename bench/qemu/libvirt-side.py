"""The reference side of bench/qemu-lifecycle: libvirt 9.0.0's embedded QEMU driver, timed here.

usage: python3 libvirt-side.py ROOT XMLFILE ROUNDS  -> JSON {"start": [s...], "destroy": [s...]}
"""
import json
import sys
import threading
import time

import libvirt

libvirt.virEventRegisterDefaultImpl()
threading.Thread(target=lambda: [libvirt.virEventRunDefaultImpl() for _ in iter(int, 1)], daemon=True).start()

root, xml_file, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
conn = libvirt.open(f'qemu:///embed?root={root}')
xml = open(xml_file).read()
out = {'start': [], 'destroy': []}
for i in range(rounds + 1):
    t0 = time.perf_counter()
    dom = conn.createXML(xml, 0)
    t1 = time.perf_counter()
    dom.destroy()
    t2 = time.perf_counter()
    if i > 0:  # the first round warms caches up
        out['start'].append(t1 - t0)
        out['destroy'].append(t2 - t1)
conn.close()
print(json.dumps(out))
